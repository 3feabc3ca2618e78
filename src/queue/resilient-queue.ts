import { createHash } from 'crypto';
import { ArnFormat, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeRules, FIFO_SUFFIX } from '../core';
import { baseQueueName, createsDeadLetterQueue, DLQ_NAME_SUFFIX, SQS_LIMITS, validateResilientQueueProps } from './validate-resilient-queue-props';

/**
 * Properties of a {@link ResilientQueue}. Names follow aws-cdk-lib's `QueueProps` where they overlap.
 */
export interface ResilientQueueProps {
  /**
   * A name for the queue. For a FIFO queue `.fifo` is appended when missing; the dead-letter queue the construct
   * creates is named `<name>-dlq` (`<name>-dlq.fifo` for FIFO). SQS names are at most 80 characters of letters,
   * digits, hyphens and underscores, the `.fifo` suffix included.
   *
   * @default - when the construct creates the dead-letter queue, a name derived from the stack name and the construct
   * path (the DLQ's redrive-allow policy must name the source queue's ARN, and a CloudFormation-generated name would
   * make the two queues reference each other in a cycle); otherwise a CloudFormation-generated name.
   */
  readonly queueName?: string;

  /**
   * Whether this is a first-in-first-out (FIFO) queue. The dead-letter queue the construct creates gets the same type.
   *
   * @default false
   */
  readonly fifo?: boolean;

  /**
   * Content-based deduplication (FIFO only): SQS uses a SHA-256 hash of the body as deduplication id. Mirrored on the
   * dead-letter queue the construct creates.
   *
   * @default false
   */
  readonly contentBasedDeduplication?: boolean;

  /**
   * Whether deduplication happens per queue or per message group (FIFO only). Mirrored on the dead-letter queue the
   * construct creates.
   *
   * @default - SQS default: DeduplicationScope.QUEUE
   */
  readonly deduplicationScope?: sqs.DeduplicationScope;

  /**
   * Whether the FIFO throughput quota applies per queue or per message group id (FIFO only). High-throughput FIFO
   * needs `PER_MESSAGE_GROUP_ID` together with `deduplicationScope: MESSAGE_GROUP`. Mirrored on the dead-letter queue
   * the construct creates.
   *
   * @default - SQS default: FifoThroughputLimit.PER_QUEUE
   */
  readonly fifoThroughputLimit?: sqs.FifoThroughputLimit;

  /**
   * How long SQS keeps a message: 1 minute to 14 days, in whole seconds.
   *
   * @default Duration.days(4)
   */
  readonly retentionPeriod?: Duration;

  /**
   * How long every new message stays invisible after it is sent: 0 seconds to 15 minutes.
   *
   * @default Duration.seconds(0)
   */
  readonly deliveryDelay?: Duration;

  /**
   * How long a received message stays hidden from other consumers: 0 seconds to 12 hours. Give a Lambda consumer at
   * least six times its function timeout (see QueueConsumer).
   *
   * @default Duration.seconds(30)
   */
  readonly visibilityTimeout?: Duration;

  /**
   * How long ReceiveMessage waits for a message to arrive (long polling): 0 to 20 seconds. Long polling cuts empty
   * receives and their cost.
   *
   * @default Duration.seconds(20)
   */
  readonly receiveMessageWaitTime?: Duration;

  /**
   * The largest message SQS accepts: 1,024 bytes (1 KiB) to 1,048,576 bytes (1 MiB).
   *
   * @default 1048576
   */
  readonly maxMessageSizeBytes?: number;

  /**
   * Encryption at rest: SQS_MANAGED (SSE-SQS), KMS_MANAGED (the AWS managed key `alias/aws/sqs`) or KMS (a customer
   * managed key). UNENCRYPTED is rejected: this construct is secure by default. The dead-letter queue the construct
   * creates is encrypted the same way, with the same key.
   *
   * @default - SQS_MANAGED, or KMS when `encryptionMasterKey` is given
   */
  readonly encryption?: sqs.QueueEncryption;

  /**
   * The customer managed KMS key for `encryption: KMS`.
   *
   * @default - with `encryption: KMS`, a new key with automatic rotation enabled (retained when the stack is deleted,
   * like every aws-cdk-lib key); otherwise none
   */
  readonly encryptionMasterKey?: kms.IKey;

  /**
   * How long SQS reuses a data key before calling KMS again: 1 minute to 24 hours. Only with KMS or KMS_MANAGED
   * encryption.
   *
   * @default - SQS default: Duration.minutes(5)
   */
  readonly dataKeyReuse?: Duration;

  /**
   * How many times a message may be received before SQS moves it to the dead-letter queue: 1 to 1,000.
   *
   * @default 5
   */
  readonly maxReceiveCount?: number;

  /**
   * Whether the queue has a dead-letter queue. Turn it off only when another mechanism (e.g. a Lambda on-failure
   * destination) keeps failed messages.
   *
   * @default true
   */
  readonly deadLetterQueueEnabled?: boolean;

  /**
   * An existing queue to use as dead-letter queue instead of creating one. It must be of the same type (FIFO or
   * standard) as this queue; a mismatch is rejected when the type is knowable at synth time (a `sqs.Queue`, or a queue
   * imported with a literal ARN or with `fifo: true`). Its redrive-allow policy is left to its owner.
   *
   * @default - a dead-letter queue is created, matching this queue's type, deduplication and encryption
   */
  readonly deadLetterQueue?: sqs.IQueue;

  /**
   * How long the created dead-letter queue keeps messages: 1 minute to 14 days. For a standard queue it must be at
   * least the source's `retentionPeriod`, because messages keep their original enqueue time when they move.
   *
   * @default Duration.days(14) (the maximum, to leave the most time to inspect and redrive)
   */
  readonly deadLetterQueueRetentionPeriod?: Duration;

  /**
   * Whether to alarm when the dead-letter queue holds at least one visible message (maximum of
   * ApproximateNumberOfMessagesVisible over one 1-minute period; missing data is not breaching).
   *
   * @default true (when there is a dead-letter queue)
   */
  readonly dlqAlarmEnabled?: boolean;

  /**
   * When set, alarm when the oldest message in the queue is at least this old (ApproximateAgeOfOldestMessage,
   * maximum over one 1-minute period): 1 minute up to the `retentionPeriod`.
   *
   * @default - no message-age alarm
   */
  readonly maxMessageAge?: Duration;

  /**
   * A topic notified when an alarm goes into ALARM and back to OK.
   *
   * @default - the alarms have no actions
   */
  readonly alarmTopic?: sns.ITopic;

  /**
   * What happens to the queues when they leave the stack.
   *
   * @default RemovalPolicy.DESTROY (aws-cdk-lib's default for queues)
   */
  readonly removalPolicy?: RemovalPolicy;
}

const CONSTRUCT = 'ResilientQueue';

/** Marks ResilientQueue instances; a global symbol, so two copies of the library still recognise each other's. */
const RESILIENT_QUEUE_SYMBOL = Symbol.for('cdk-decoupling-patterns.ResilientQueue');

/** Long polling: the 20-second maximum makes every ReceiveMessage wait for messages instead of returning empty. */
const DEFAULT_RECEIVE_WAIT = Duration.seconds(20);
/** The retention SQS itself defaults to. */
const DEFAULT_RETENTION = Duration.days(4);
/** Dead letters get the most time SQS allows to be inspected and redriven. */
const DEFAULT_DLQ_RETENTION = Duration.days(14);
/** Enough retries to ride out a transient failure, few enough that a poison message is set aside quickly. */
const DEFAULT_MAX_RECEIVE_COUNT = 5;

/**
 * An SQS queue configured the way the SQS documentation recommends: long polling, a dead-letter queue that matches
 * the source (FIFO or standard, deduplication, encryption) and admits only it, encryption at rest and TLS-only access,
 * an alarm on dead letters, and a grant for redriving them back.
 */
export class ResilientQueue extends Construct {
  /**
   * Whether `x` is a ResilientQueue (also one made by another copy of this library, where `instanceof` fails).
   */
  public static isResilientQueue(x: any): x is ResilientQueue {
    return x !== null && typeof x === 'object' && RESILIENT_QUEUE_SYMBOL in x;
  }

  /** The source queue. */
  public readonly queue: sqs.Queue;

  /** The dead-letter queue (created or supplied); undefined only when `deadLetterQueueEnabled` is false. */
  public readonly deadLetterQueue?: sqs.IQueue;

  /** Whether the queue (and its dead-letter queue) are FIFO queues. */
  public readonly fifo: boolean;

  /** How many receives a message gets before it moves to the dead-letter queue (0 when there is no DLQ). */
  public readonly maxReceiveCount: number;

  /** Alarm on at least one visible message in the dead-letter queue, unless turned off or there is no DLQ. */
  public readonly dlqDepthAlarm?: cloudwatch.Alarm;

  /** Alarm on the age of the oldest message, when `maxMessageAge` is set. */
  public readonly messageAgeAlarm?: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ResilientQueueProps = {}) {
    super(scope, id);
    validateResilientQueueProps(props);

    this.fifo = props.fifo ?? false;
    const dlqEnabled = props.deadLetterQueueEnabled !== false;
    this.maxReceiveCount = dlqEnabled ? props.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT : 0;

    const encryption = props.encryption ?? (props.encryptionMasterKey ? sqs.QueueEncryption.KMS : sqs.QueueEncryption.SQS_MANAGED);
    // aws-cdk-lib's own key for `encryption: KMS` has rotation off (cdk-nag KMS5); create a rotating one instead,
    // shared by both queues so one key policy covers the source and its dead letters.
    const encryptionMasterKey = props.encryptionMasterKey ?? (encryption === sqs.QueueEncryption.KMS
      ? new kms.Key(this, 'Key', { enableKeyRotation: true, description: `Encrypts the messages of ${this.node.path}` })
      : undefined);
    const encryptionProps = { encryption, encryptionMasterKey, dataKeyReuse: props.dataKeyReuse };
    const fifoProps = this.fifo ? {
      fifo: true,
      contentBasedDeduplication: props.contentBasedDeduplication,
      deduplicationScope: props.deduplicationScope,
      fifoThroughputLimit: props.fifoThroughputLimit,
    } : {};

    const names = this.queueNames(props);
    let createdDlq: sqs.Queue | undefined;
    if (createsDeadLetterQueue(props)) {
      createdDlq = new sqs.Queue(this, 'DeadLetterQueue', {
        queueName: names.deadLetterQueue,
        ...fifoProps,
        ...encryptionProps,
        retentionPeriod: props.deadLetterQueueRetentionPeriod ?? DEFAULT_DLQ_RETENTION,
        receiveMessageWaitTime: DEFAULT_RECEIVE_WAIT,
        maxMessageSizeBytes: props.maxMessageSizeBytes,
        enforceSSL: true,
        // Only the source may use this queue as its DLQ. Its ARN is built from its name: referencing the queue itself
        // would make source -> DLQ (redrive policy) and DLQ -> source (redrive-allow policy) a dependency cycle.
        redriveAllowPolicy: {
          redrivePermission: sqs.RedrivePermission.BY_QUEUE,
          sourceQueues: [sqs.Queue.fromQueueAttributes(this, 'SourceQueueReference', {
            queueArn: Stack.of(this).formatArn({ service: 'sqs', resource: names.queue!, arnFormat: ArnFormat.NO_RESOURCE_NAME }),
            fifo: this.fifo,
          })],
        },
        removalPolicy: props.removalPolicy,
      });
      // cdk-nag's "queue has no DLQ" rule cannot apply to a queue that is itself a dead-letter queue.
      acknowledgeRules(createdDlq, [{
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is the dead-letter queue of the ResilientQueue\'s source queue; a DLQ for a DLQ would only move the problem.',
      }]);
    }
    this.deadLetterQueue = dlqEnabled ? props.deadLetterQueue ?? createdDlq : undefined;

    this.queue = new sqs.Queue(this, 'Queue', {
      queueName: names.queue,
      ...fifoProps,
      ...encryptionProps,
      retentionPeriod: props.retentionPeriod ?? DEFAULT_RETENTION,
      deliveryDelay: props.deliveryDelay,
      visibilityTimeout: props.visibilityTimeout,
      receiveMessageWaitTime: props.receiveMessageWaitTime ?? DEFAULT_RECEIVE_WAIT,
      maxMessageSizeBytes: props.maxMessageSizeBytes,
      enforceSSL: true,
      deadLetterQueue: this.deadLetterQueue ? { queue: this.deadLetterQueue, maxReceiveCount: this.maxReceiveCount } : undefined,
      removalPolicy: props.removalPolicy,
    });

    if (this.deadLetterQueue && props.dlqAlarmEnabled !== false) {
      this.dlqDepthAlarm = new cloudwatch.Alarm(this, 'DeadLetterQueueDepthAlarm', {
        alarmDescription: `Messages failed ${this.maxReceiveCount} receives on ${this.node.path} and wait in its dead-letter queue: `
          + 'inspect them, fix the consumer, then redrive them.',
        metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        // SQS stops sending metrics for a queue that has been idle for hours: an idle DLQ is an empty one.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      this.wireAlarm(this.dlqDepthAlarm, props.alarmTopic);
    }

    if (props.maxMessageAge) {
      this.messageAgeAlarm = new cloudwatch.Alarm(this, 'MessageAgeAlarm', {
        alarmDescription: `The oldest message on ${this.node.path} is at least ${props.maxMessageAge.toHumanString()} old: consumers are failing or falling behind.`,
        metric: this.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
        threshold: props.maxMessageAge.toSeconds(),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      this.wireAlarm(this.messageAgeAlarm, props.alarmTopic);
    }
  }

  /**
   * Grants what a DLQ redrive (StartMessageMoveTask from the dead-letter queue back to this queue) needs: starting,
   * cancelling and listing move tasks on the dead-letter queue, receiving, deleting and reading attributes there,
   * sending to the source queue, and the KMS calls when a queue uses a customer managed key.
   */
  public grantRedrive(grantee: iam.IGrantable): iam.Grant {
    const dlq = this.deadLetterQueue;
    if (!dlq) {
      throw new Error(`${CONSTRUCT} ${this.node.path}: grantRedrive needs a dead-letter queue, but deadLetterQueueEnabled is false`);
    }
    let grant = dlq.grant(grantee,
      'sqs:StartMessageMoveTask', 'sqs:CancelMessageMoveTask', 'sqs:ListMessageMoveTasks',
      'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes')
      .combine(this.queue.grant(grantee, 'sqs:SendMessage', 'sqs:GetQueueAttributes'));
    if (dlq.encryptionMasterKey) grant = grant.combine(dlq.encryptionMasterKey.grantDecrypt(grantee));
    if (this.queue.encryptionMasterKey) grant = grant.combine(this.queue.encryptionMasterKey.grant(grantee, 'kms:GenerateDataKey', 'kms:Decrypt'));
    return grant;
  }

  /** Grants sending messages to the source queue (and the KMS calls that needs). */
  public grantSendMessages(grantee: iam.IGrantable): iam.Grant {
    return this.queue.grantSendMessages(grantee);
  }

  /** Grants receiving, deleting and changing the visibility of messages on the source queue (and KMS decrypt). */
  public grantConsumeMessages(grantee: iam.IGrantable): iam.Grant {
    return this.queue.grantConsumeMessages(grantee);
  }

  /**
   * The number of messages available to receive (ApproximateNumberOfMessagesVisible of the source queue), the metric
   * consumer autoscaling usually follows.
   *
   * @default - maximum over 5 minutes
   */
  public metricQueueDepth(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.queue.metricApproximateNumberOfMessagesVisible(props);
  }

  private wireAlarm(alarm: cloudwatch.Alarm, topic: sns.ITopic | undefined): void {
    if (topic) {
      const action = new cloudwatchActions.SnsAction(topic);
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      return;
    }
    acknowledgeRules(alarm, ['NIST.800.53.R5-CloudWatchAlarmAction', 'HIPAA.Security-CloudWatchAlarmAction'].map(ruleId => ({
      id: ruleId,
      reason: 'No alarmTopic was given, so there is no notification target to wire; the alarm still records its state in CloudWatch. '
        + 'Pass alarmTopic (or add actions to this alarm) to be notified.',
    })));
  }

  /** Physical names: the user's, or a deterministic one when the created DLQ's redrive-allow policy must name the source. */
  private queueNames(props: ResilientQueueProps): { queue?: string; deadLetterQueue?: string } {
    let base: string | undefined;
    if (props.queueName !== undefined) {
      base = Token.isUnresolved(props.queueName) ? props.queueName : baseQueueName(props.queueName);
    } else if (createsDeadLetterQueue(props)) {
      base = this.generatedBaseName();
    }
    if (base === undefined) return {};
    const fifoSuffix = this.fifo ? FIFO_SUFFIX : '';
    return { queue: `${base}${fifoSuffix}`, deadLetterQueue: `${base}${DLQ_NAME_SUFFIX}${fifoSuffix}` };
  }

  /**
   * `<stack name>-<construct path>-<hash>`, short enough for `-dlq.fifo`. The stack name is part of it (and of the
   * hash) so two deployments of one app under different stack names in one account and region do not collide.
   */
  private generatedBaseName(): string {
    const stack = Stack.of(this);
    const stackName = Token.isUnresolved(stack.stackName) ? '' : stack.stackName;
    const pathInStack = this.node.scopes.slice(this.node.scopes.indexOf(stack) + 1).map(c => c.node.id).join('-');
    const hash = createHash('sha256').update(`${stackName}/${this.node.path}`).digest('hex').slice(0, 8).toUpperCase();
    const maxHuman = SQS_LIMITS.nameLength - DLQ_NAME_SUFFIX.length - FIFO_SUFFIX.length - hash.length - 1;
    let human = [stackName, pathInStack].filter(s => s).join('-').replace(/[^A-Za-z0-9_-]/g, '');
    if (human.length > maxHuman) human = human.slice(0, Math.floor(maxHuman / 2)) + human.slice(human.length - Math.ceil(maxHuman / 2));
    return `${human}-${hash}`;
  }
}

Object.defineProperty(ResilientQueue.prototype, RESILIENT_QUEUE_SYMBOL, { value: true, enumerable: false, writable: false });
