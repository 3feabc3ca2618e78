import { Annotations, Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PropValidationError } from '../core';
import { consumedQueue, ConsumerTimeouts, SQS_EVENT_SOURCE_LIMITS, validateQueueConsumerProps } from './validate-queue-consumer-props';
import { VisibilityTimeoutCheck } from './visibility-timeout-check';

/**
 * Properties of a {@link QueueConsumer}.
 */
export interface QueueConsumerProps {
  /**
   * The queue to consume, or a ResilientQueue.
   *
   * Any `sqs.IQueue`. For a ResilientQueue, TypeScript and the other jsii languages pass its `queue` field (their type
   * checks reject the ResilientQueue itself); JavaScript may pass the ResilientQueue itself, which stands for its
   * `queue`. The visibility timeout of a queue defined in this app (such as a ResilientQueue's) is checked against the
   * handler's timeout: see `visibilityTimeoutCheck`.
   */
  readonly queue: sqs.IQueue;

  /**
   * The function that processes the messages. Its role gets a customer managed policy with the rights to receive,
   * delete and change the visibility of the queue's messages (and to decrypt them with the queue's KMS key, if any).
   * A function imported without a role gets no grant: give its role those rights yourself.
   */
  readonly handler: lambda.IFunction;

  /**
   * The most messages per invocation: 1 to 10 for a FIFO queue, 1 to 10,000 for a standard queue; above 10 needs a
   * `maxBatchingWindow` of at least 1 second.
   *
   * @default 10
   */
  readonly batchSize?: number;

  /**
   * How long Lambda gathers messages before invoking the function: 0 seconds to 5 minutes. Not supported for FIFO
   * queues.
   *
   * @default - no batching window: the function is invoked as soon as messages are available
   */
  readonly maxBatchingWindow?: Duration;

  /**
   * Whether the function may report which messages of a batch failed (`batchItemFailures`), so that only those return
   * to the queue instead of the whole batch.
   *
   * @default true
   */
  readonly reportBatchItemFailures?: boolean;

  /**
   * The most concurrent invocations this queue may drive: 2 to 1,000.
   *
   * @default - no limit beyond the function's and the account's concurrency
   */
  readonly maxConcurrency?: number;

  /**
   * Whether the event source mapping polls the queue.
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * Event filter patterns; only messages matching one of them invoke the function (the others are deleted).
   *
   * @default - every message invokes the function
   */
  readonly filters?: Array<{ [key: string]: any }>;

  /**
   * What to do when the queue's visibility timeout is shorter than six times the function timeout (AWS guidance for
   * SQS event sources), when both are known at synth time: the queue is a `sqs.Queue` of this app (e.g.
   * `ResilientQueue.queue`) and the handler a `lambda.Function` (or an alias or version of one; Lambda's default
   * timeout is 3 seconds).
   *
   * @default VisibilityTimeoutCheck.ERROR
   */
  readonly visibilityTimeoutCheck?: VisibilityTimeoutCheck;
}

/** What Lambda's poller needs on the queue, as in aws-cdk-lib's `grantConsumeMessages`. */
const CONSUME_ACTIONS = ['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueUrl', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'];

/**
 * SQS -> Lambda: an event source mapping with validated batching and concurrency, partial batch failure reporting on
 * by default, and a check that the queue hides a message long enough for the function (and its retries) to finish.
 *
 * The mapping is the aws-cdk-lib `EventSourceMapping` L2 (what `SqsEventSource` creates), built here so that the
 * consume rights go into a customer managed policy: `SqsEventSource` always grants through the role's inline
 * default policy, which the NIST 800-53, HIPAA and PCI DSS packs reject (IAMNoInlinePolicy).
 */
export class QueueConsumer extends Construct {
  /** The queue consumed (a ResilientQueue's `queue` when the ResilientQueue itself was passed). */
  public readonly queue: sqs.IQueue;

  /** The event source mapping that polls the queue and invokes the handler. */
  public readonly eventSourceMapping: lambda.EventSourceMapping;

  /** The customer managed policy attached to the handler's role; undefined when the handler has no role. */
  public readonly consumePolicy?: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: QueueConsumerProps) {
    super(scope, id);
    this.queue = consumedQueue(props.queue);
    // From here on `queue` is the sqs.IQueue (a ResilientQueue given from JavaScript stands for its `queue`).
    props = { ...props, queue: this.queue };
    validateQueueConsumerProps(props);
    this.checkVisibilityTimeout(props);

    this.eventSourceMapping = new lambda.EventSourceMapping(this, 'EventSourceMapping', {
      target: props.handler,
      eventSourceArn: props.queue.queueArn,
      batchSize: props.batchSize,
      maxBatchingWindow: props.maxBatchingWindow,
      reportBatchItemFailures: props.reportBatchItemFailures ?? true,
      maxConcurrency: props.maxConcurrency,
      enabled: props.enabled,
      filters: props.filters,
    });

    const role = props.handler.role;
    if (!role) {
      Annotations.of(this).addWarningV2('cdk-decoupling-patterns:queueConsumerHandlerWithoutRole',
        `${props.handler.node.path} has no role in this app, so it was not granted ${CONSUME_ACTIONS.join(', ')} on ${props.queue.node.path}`);
      return;
    }
    const statements = [new iam.PolicyStatement({ actions: CONSUME_ACTIONS, resources: [props.queue.queueArn] })];
    if (props.queue.encryptionMasterKey) {
      statements.push(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [props.queue.encryptionMasterKey.keyArn] }));
    }
    this.consumePolicy = new iam.ManagedPolicy(this, 'ConsumePolicy', {
      description: `Lets ${props.handler.node.path} consume ${props.queue.node.path}`,
      statements,
      roles: [role],
    });
    // Lambda checks the role's permissions on the queue when it creates the mapping.
    this.eventSourceMapping.node.addDependency(this.consumePolicy);
  }

  private checkVisibilityTimeout(props: QueueConsumerProps): void {
    const mode = props.visibilityTimeoutCheck ?? VisibilityTimeoutCheck.ERROR;
    if (mode === VisibilityTimeoutCheck.OFF) return;
    const visibility = ConsumerTimeouts.queueVisibilityTimeout(props.queue);
    const timeout = ConsumerTimeouts.functionTimeout(props.handler);
    if (visibility === undefined || timeout === undefined) return;

    const factor = SQS_EVENT_SOURCE_LIMITS.visibilityTimeoutFactor;
    const required = timeout.toSeconds() * factor;
    if (visibility.toSeconds() >= required) return;

    const value = `${visibility.toHumanString()} on ${props.queue.node.path}`;
    const functionDescription = `the function timeout of ${props.handler.node.path} (${factor} x ${timeout.toHumanString()} = ${required} seconds)`;
    // Lambda itself rejects a mapping whose function timeout exceeds the visibility timeout, so WARN cannot waive that.
    if (mode === VisibilityTimeoutCheck.ERROR || visibility.toSeconds() < timeout.toSeconds()) {
      const hint = mode === VisibilityTimeoutCheck.ERROR
        ? 'raise the queue\'s visibilityTimeout, lower the function timeout, or set visibilityTimeoutCheck'
        : 'Lambda rejects an event source mapping whose function timeout exceeds the queue\'s visibility timeout';
      throw new PropValidationError('QueueConsumer', 'queue visibilityTimeout', value,
        `at least ${factor} x ${functionDescription}, per the AWS Lambda guidance for SQS event sources; ${hint}`);
    }
    Annotations.of(this).addWarningV2('cdk-decoupling-patterns:queueConsumerVisibilityTimeout',
      `The visibility timeout of ${props.queue.node.path} (${visibility.toHumanString()}) is shorter than ${functionDescription}: `
      + 'AWS recommends six times, so that a batch retried after throttling is not received twice.');
  }
}
