import { Duration, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PropValidationError, validateDurationRange, validateNumberRange } from '../core';
import type { QueueConsumerProps } from './queue-consumer';
import { ResilientQueue } from './resilient-queue';

const CONSTRUCT = 'QueueConsumer';

/** Lambda event source mapping limits for SQS (Lambda API reference, CreateEventSourceMapping). */
export const SQS_EVENT_SOURCE_LIMITS = {
  /** BatchSize: up to 10 for FIFO queues, up to 10,000 for standard queues. */
  fifoMaxBatchSize: 10,
  standardMaxBatchSize: 10_000,
  /** A BatchSize above 10 requires MaximumBatchingWindowInSeconds of at least 1. */
  batchSizeWithoutWindow: 10,
  /** MaximumBatchingWindowInSeconds: 0 to 300 seconds. */
  maxBatchingWindowSeconds: 300,
  /** ScalingConfig.MaximumConcurrency: 2 to 1,000. */
  minConcurrency: 2,
  maxConcurrency: 1_000,
  /** "set the source queue's visibility timeout to at least six times the configuration timeout on your function" */
  visibilityTimeoutFactor: 6,
};

/** Lambda's default function timeout. */
export const LAMBDA_DEFAULT_TIMEOUT = Duration.seconds(3);
/** SQS's default visibility timeout. */
export const SQS_DEFAULT_VISIBILITY_TIMEOUT = Duration.seconds(30);

/**
 * The queue a QueueConsumer consumes. The prop is typed `sqs.IQueue`: jsii has no union types for props, aws-cdk-lib's
 * `sqs.IQueueRef` (which an L3 could implement) is experimental, and implementing all of `sqs.IQueue` on ResilientQueue
 * would break whenever aws-cdk-lib adds a member to it. TypeScript and the other jsii languages therefore pass
 * `ResilientQueue.queue`; plain JavaScript, where nothing checks the type, may pass the ResilientQueue itself, which
 * stands for its `queue`. Anything else that is not a queue is rejected here, before aws-cdk-lib reports a missing
 * eventSourceArn.
 */
export function consumedQueue(queue: sqs.IQueue): sqs.IQueue {
  const given: unknown = queue;
  if (ResilientQueue.isResilientQueue(given)) return given.queue;
  if (given === null || typeof given !== 'object' || typeof (given as Partial<sqs.IQueue>).queueArn !== 'string') {
    const value = Construct.isConstruct(given) ? `construct ${given.node.path}` : given;
    throw new PropValidationError(CONSTRUCT, 'queue', value,
      'an sqs.IQueue (an sqs.Queue, or one imported with sqs.Queue.fromQueueArn or fromQueueAttributes) or a ResilientQueue');
  }
  return queue;
}

/** Checks the event source mapping settings against the Lambda limits for SQS. */
export function validateQueueConsumerProps(props: QueueConsumerProps): void {
  const fifo = props.queue.fifo;
  const limits = SQS_EVENT_SOURCE_LIMITS;

  if (props.maxBatchingWindow !== undefined && fifo) {
    throw new PropValidationError(CONSTRUCT, 'maxBatchingWindow', props.maxBatchingWindow, 'no batching window on a FIFO queue (Lambda does not support it)');
  }
  validateDurationRange(CONSTRUCT, 'maxBatchingWindow', props.maxBatchingWindow, 0, limits.maxBatchingWindowSeconds, '0 seconds to 5 minutes');

  const maxBatch = fifo ? limits.fifoMaxBatchSize : limits.standardMaxBatchSize;
  validateNumberRange(CONSTRUCT, 'batchSize', props.batchSize, 1, maxBatch, `messages (${fifo ? 'FIFO' : 'standard'} queue)`);
  const batchSize = props.batchSize;
  if (batchSize !== undefined && !Token.isUnresolved(batchSize) && batchSize > limits.batchSizeWithoutWindow) {
    const window = props.maxBatchingWindow;
    if (window === undefined || (!window.isUnresolved() && window.toSeconds() < 1)) {
      throw new PropValidationError(CONSTRUCT, 'batchSize', `${batchSize} messages`,
        `at most ${limits.batchSizeWithoutWindow} messages unless maxBatchingWindow is at least 1 second (Lambda rule for SQS batches above 10)`);
    }
  }

  validateNumberRange(CONSTRUCT, 'maxConcurrency', props.maxConcurrency, limits.minConcurrency, limits.maxConcurrency, 'concurrent invocations');
}

/** Synth-time knowledge of the durations the visibility-timeout rule compares. */
export class ConsumerTimeouts {
  /**
   * The queue's visibility timeout when this app defines the queue (a `sqs.Queue`, e.g. `ResilientQueue.queue`) and
   * the value is not a token; undefined otherwise.
   */
  public static queueVisibilityTimeout(queue: sqs.IQueue): Duration | undefined {
    if (!(queue instanceof sqs.Queue)) return undefined;
    const seconds = (queue.node.defaultChild as sqs.CfnQueue).visibilityTimeout;
    if (seconds === undefined) return SQS_DEFAULT_VISIBILITY_TIMEOUT;
    return Token.isUnresolved(seconds) ? undefined : Duration.seconds(seconds);
  }

  /**
   * The function timeout when this app defines the function (a `lambda.Function`, or an alias or version of one) and
   * the value is not a token; undefined otherwise.
   */
  public static functionTimeout(handler: lambda.IFunction): Duration | undefined {
    if (handler instanceof lambda.Alias || handler instanceof lambda.Version) return ConsumerTimeouts.functionTimeout(handler.lambda);
    if (!(handler instanceof lambda.Function)) return undefined;
    const timeout = handler.timeout ?? LAMBDA_DEFAULT_TIMEOUT;
    return timeout.isUnresolved() ? undefined : timeout;
  }

  private constructor() {}
}
