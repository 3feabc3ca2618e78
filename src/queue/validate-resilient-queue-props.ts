import { Token } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { FIFO_SUFFIX, PropValidationError, validateDurationRange, validateNumberRange } from '../core';
import type { ResilientQueueProps } from './resilient-queue';

const CONSTRUCT = 'ResilientQueue';

/** SQS limits, from the SQS API reference (CreateQueue attributes) and the SQS developer guide. */
export const SQS_LIMITS = {
  /** MessageRetentionPeriod: 60 seconds (1 minute) to 1,209,600 seconds (14 days). */
  retention: { min: 60, max: 1_209_600, human: '1 minute to 14 days' },
  /** DelaySeconds: 0 to 900 seconds (15 minutes). */
  deliveryDelay: { min: 0, max: 900, human: '0 seconds to 15 minutes' },
  /** VisibilityTimeout: 0 to 43,200 seconds (12 hours). */
  visibilityTimeout: { min: 0, max: 43_200, human: '0 seconds to 12 hours' },
  /** ReceiveMessageWaitTimeSeconds: 0 to 20 seconds. */
  receiveWait: { min: 0, max: 20, human: '0 to 20 seconds' },
  /** MaximumMessageSize: 1,024 bytes (1 KiB) to 1,048,576 bytes (1 MiB, raised from 256 KiB in 2025). */
  messageSize: { min: 1_024, max: 1_048_576 },
  /** KmsDataKeyReusePeriodSeconds: 60 seconds (1 minute) to 86,400 seconds (24 hours). */
  dataKeyReuse: { min: 60, max: 86_400, human: '1 minute to 24 hours' },
  /**
   * maxReceiveCount of the redrive policy: "valid range: 1 to 1,000" per
   * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue.html
   */
  maxReceiveCount: { min: 1, max: 1_000 },
  /** Queue names: up to 80 characters (the `.fifo` suffix included): letters, digits, hyphens and underscores. */
  nameLength: 80,
};

/** Added to the source queue's name (before `.fifo`) to name the dead-letter queue the construct creates. */
export const DLQ_NAME_SUFFIX = '-dlq';

const QUEUE_NAME_CHARS = /^[A-Za-z0-9_-]+$/;

/**
 * Checks ResilientQueue props against what SQS accepts, before any resource is created, so a mistake fails at
 * synth time with the prop, the value and the allowed range instead of at deploy time.
 */
export function validateResilientQueueProps(props: ResilientQueueProps): void {
  const fifo = props.fifo ?? false;

  validateQueueName(props.queueName, fifo, createsDeadLetterQueue(props));
  validateFifoOnlyProps(props, fifo);

  validateDurationRange(CONSTRUCT, 'retentionPeriod', props.retentionPeriod, SQS_LIMITS.retention.min, SQS_LIMITS.retention.max,
    SQS_LIMITS.retention.human);
  validateDurationRange(CONSTRUCT, 'deliveryDelay', props.deliveryDelay, SQS_LIMITS.deliveryDelay.min, SQS_LIMITS.deliveryDelay.max,
    SQS_LIMITS.deliveryDelay.human);
  validateDurationRange(CONSTRUCT, 'visibilityTimeout', props.visibilityTimeout, SQS_LIMITS.visibilityTimeout.min,
    SQS_LIMITS.visibilityTimeout.max, SQS_LIMITS.visibilityTimeout.human);
  validateDurationRange(CONSTRUCT, 'receiveMessageWaitTime', props.receiveMessageWaitTime, SQS_LIMITS.receiveWait.min,
    SQS_LIMITS.receiveWait.max, SQS_LIMITS.receiveWait.human);
  validateNumberRange(CONSTRUCT, 'maxMessageSizeBytes', props.maxMessageSizeBytes, SQS_LIMITS.messageSize.min, SQS_LIMITS.messageSize.max,
    'bytes');

  validateEncryption(props);
  validateDeadLetterOptions(props, fifo);
  validateAlarmOptions(props);
}

/** True when the construct creates its own dead-letter queue (the default). */
export function createsDeadLetterQueue(props: ResilientQueueProps): boolean {
  return props.deadLetterQueueEnabled !== false && props.deadLetterQueue === undefined;
}

/** The queue name without a trailing `.fifo`. */
export function baseQueueName(name: string): string {
  return name.endsWith(FIFO_SUFFIX) ? name.slice(0, -FIFO_SUFFIX.length) : name;
}

function validateQueueName(name: string | undefined, fifo: boolean, withCreatedDlq: boolean): void {
  if (name === undefined || Token.isUnresolved(name)) return;
  if (name.endsWith(FIFO_SUFFIX) && !fifo) {
    // Only FIFO queue names may end in .fifo; say so instead of silently turning the queue into a FIFO queue.
    throw new PropValidationError(CONSTRUCT, 'queueName', name, 'a name ending in ".fifo" only together with fifo: true');
  }
  const base = baseQueueName(name);
  if (!QUEUE_NAME_CHARS.test(base)) {
    throw new PropValidationError(CONSTRUCT, 'queueName', name, 'letters, digits, hyphens (-) and underscores (_), plus the ".fifo" suffix for FIFO queues');
  }
  // The longest name the construct will create: the DLQ's `<name>-dlq[.fifo]`, or the source's `<name>[.fifo]`.
  const suffix = (withCreatedDlq ? DLQ_NAME_SUFFIX : '') + (fifo ? FIFO_SUFFIX : '');
  const maxBase = SQS_LIMITS.nameLength - suffix.length;
  if (base.length > maxBase) {
    throw new PropValidationError(CONSTRUCT, 'queueName', name,
      `at most ${maxBase} characters before "${suffix}" (SQS queue names are at most ${SQS_LIMITS.nameLength} characters, and the names created are "<name>${suffix}")`);
  }
}

function validateFifoOnlyProps(props: ResilientQueueProps, fifo: boolean): void {
  if (!fifo) {
    const fifoOnly = 'only on a FIFO queue (set fifo: true)';
    if (props.contentBasedDeduplication) throw new PropValidationError(CONSTRUCT, 'contentBasedDeduplication', true, fifoOnly);
    if (props.deduplicationScope !== undefined) throw new PropValidationError(CONSTRUCT, 'deduplicationScope', props.deduplicationScope, fifoOnly);
    if (props.fifoThroughputLimit !== undefined) throw new PropValidationError(CONSTRUCT, 'fifoThroughputLimit', props.fifoThroughputLimit, fifoOnly);
    return;
  }
  // SQS API reference (SetQueueAttributes): "The perMessageGroupId value is allowed only when the value for
  // DeduplicationScope is messageGroup."
  const perGroup = props.fifoThroughputLimit === sqs.FifoThroughputLimit.PER_MESSAGE_GROUP_ID;
  if (perGroup && props.deduplicationScope !== sqs.DeduplicationScope.MESSAGE_GROUP) {
    throw new PropValidationError(CONSTRUCT, 'fifoThroughputLimit', props.fifoThroughputLimit,
      `perMessageGroupId only with deduplicationScope MESSAGE_GROUP (got ${props.deduplicationScope ?? 'the default, queue'}); set both for high-throughput FIFO`);
  }
}

function validateEncryption(props: ResilientQueueProps): void {
  const encryption = props.encryption;
  if (encryption === sqs.QueueEncryption.UNENCRYPTED) {
    throw new PropValidationError(CONSTRUCT, 'encryption', 'UNENCRYPTED',
      'SQS_MANAGED, KMS_MANAGED or KMS: this construct is secure by default and does not create queues without encryption at rest');
  }
  if (props.encryptionMasterKey !== undefined && encryption !== undefined && encryption !== sqs.QueueEncryption.KMS) {
    throw new PropValidationError(CONSTRUCT, 'encryption', encryption, 'KMS (or left out) when encryptionMasterKey is given');
  }
  const usesKms = encryption === sqs.QueueEncryption.KMS || encryption === sqs.QueueEncryption.KMS_MANAGED || props.encryptionMasterKey !== undefined;
  if (props.dataKeyReuse !== undefined && !usesKms) {
    throw new PropValidationError(CONSTRUCT, 'dataKeyReuse', props.dataKeyReuse,
      'only with KMS or KMS_MANAGED encryption (SQS-managed encryption has no data key reuse period)');
  }
  validateDurationRange(CONSTRUCT, 'dataKeyReuse', props.dataKeyReuse, SQS_LIMITS.dataKeyReuse.min, SQS_LIMITS.dataKeyReuse.max,
    SQS_LIMITS.dataKeyReuse.human);
}

function validateDeadLetterOptions(props: ResilientQueueProps, fifo: boolean): void {
  validateNumberRange(CONSTRUCT, 'maxReceiveCount', props.maxReceiveCount, SQS_LIMITS.maxReceiveCount.min, SQS_LIMITS.maxReceiveCount.max, 'receives');
  validateDurationRange(CONSTRUCT, 'deadLetterQueueRetentionPeriod', props.deadLetterQueueRetentionPeriod, SQS_LIMITS.retention.min,
    SQS_LIMITS.retention.max, SQS_LIMITS.retention.human);

  if (props.deadLetterQueueEnabled === false) {
    const needsDlq = 'only when deadLetterQueueEnabled is not false';
    if (props.deadLetterQueue !== undefined) throw new PropValidationError(CONSTRUCT, 'deadLetterQueue', props.deadLetterQueue.node.path, needsDlq);
    if (props.maxReceiveCount !== undefined) throw new PropValidationError(CONSTRUCT, 'maxReceiveCount', props.maxReceiveCount, needsDlq);
    if (props.deadLetterQueueRetentionPeriod !== undefined) {
      throw new PropValidationError(CONSTRUCT, 'deadLetterQueueRetentionPeriod', props.deadLetterQueueRetentionPeriod, needsDlq);
    }
    if (props.dlqAlarmEnabled === true) throw new PropValidationError(CONSTRUCT, 'dlqAlarmEnabled', true, needsDlq);
    return;
  }

  if (props.deadLetterQueue !== undefined) {
    if (props.deadLetterQueueRetentionPeriod !== undefined) {
      throw new PropValidationError(CONSTRUCT, 'deadLetterQueueRetentionPeriod', props.deadLetterQueueRetentionPeriod,
        'only for the dead-letter queue the construct creates; set the retention on the deadLetterQueue you pass in');
    }
    const dlqFifo = QueueType.knownFifo(props.deadLetterQueue);
    if (dlqFifo !== undefined && dlqFifo !== fifo) {
      // SQS: "the dead-letter queue of a FIFO queue must also be a FIFO queue; the dead-letter queue of a standard
      // queue must also be a standard queue".
      throw new PropValidationError(CONSTRUCT, 'deadLetterQueue', `${dlqFifo ? 'FIFO' : 'standard'} queue ${props.deadLetterQueue.node.path}`,
        `a ${fifo ? 'FIFO' : 'standard'} queue, the same type as the source queue`);
    }
    return;
  }

  // Standard queues keep a message's original enqueue time when it moves to the DLQ, so a DLQ that does not outlive the
  // source would delete dead letters early (SQS developer guide, "Setting-up dead-letter queue retention").
  if (!fifo && props.retentionPeriod && props.deadLetterQueueRetentionPeriod
    && !props.retentionPeriod.isUnresolved() && !props.deadLetterQueueRetentionPeriod.isUnresolved()
    && props.deadLetterQueueRetentionPeriod.toSeconds() < props.retentionPeriod.toSeconds()) {
    throw new PropValidationError(CONSTRUCT, 'deadLetterQueueRetentionPeriod', props.deadLetterQueueRetentionPeriod,
      `at least the source queue's retentionPeriod (${props.retentionPeriod.toHumanString()}): a standard queue's messages keep their original enqueue time in the DLQ`);
  }
}

function validateAlarmOptions(props: ResilientQueueProps): void {
  const retention = props.retentionPeriod;
  const retentionSeconds = retention && !retention.isUnresolved() ? retention.toSeconds() : 345_600;
  const human = retention ? `1 minute to the retentionPeriod (${retention.toHumanString()})` : '1 minute to the retentionPeriod (default 4 days)';
  // Messages older than the retention period are deleted, so an age threshold beyond it could never fire.
  validateDurationRange(CONSTRUCT, 'maxMessageAge', props.maxMessageAge, 60, retentionSeconds, human);
}

/** What can be known at synth time about a queue's type. */
export class QueueType {
  /**
   * Whether a queue is FIFO, when that is knowable at synth time: a `sqs.Queue` of this app, a queue imported with a
   * literal ARN (FIFO names end in `.fifo`), or one imported from a token ARN with `fifo: true`. Undefined otherwise.
   */
  public static knownFifo(queue: sqs.IQueue): boolean | undefined {
    if (queue instanceof sqs.Queue) return queue.fifo;
    if (!Token.isUnresolved(queue.queueArn)) return queue.queueArn.endsWith(FIFO_SUFFIX);
    return queue.fifo ? true : undefined;
  }

  private constructor() {}
}
