import { Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { acknowledgeBucketNotificationsHandler, createSecureBucket, PropValidationError } from '../core';
import { FanoutTopic, FanoutTopicProps } from './fanout-topic';
import { S3TopicDestination } from './s3-topic-destination';

/**
 * Properties of an {@link S3EventFanout}.
 */
export interface S3EventFanoutProps {
  /**
   * An existing bucket whose events to fan out.
   *
   * @default - a new bucket: SSE-KMS with a new rotating key, TLS only, no public access, versioned, server access
   * logs to a second bucket, retained when the stack is deleted
   */
  readonly bucket?: s3.IBucket;

  /**
   * The object events that are published, e.g. `s3.EventType.OBJECT_CREATED` or `OBJECT_REMOVED_DELETE`.
   *
   * @default [s3.EventType.OBJECT_CREATED] (every kind of object creation)
   */
  readonly events?: s3.EventType[];

  /**
   * Only objects whose key starts with this prefix (e.g. `orders/`): up to 1,024 characters.
   *
   * @default - every key
   */
  readonly prefix?: string;

  /**
   * Only objects whose key ends with this suffix (e.g. `.csv`): up to 1,024 characters.
   *
   * @default - every key
   */
  readonly suffix?: string;

  /**
   * An existing standard FanoutTopic to publish to (S3 event notifications cannot target FIFO topics).
   *
   * @default - a new FanoutTopic with `topicProps`
   */
  readonly fanoutTopic?: FanoutTopic;

  /**
   * Properties of the FanoutTopic the construct creates (ignored with `fanoutTopic`); `fifo` must stay false.
   *
   * @default - FanoutTopic defaults (standard, KMS-encrypted, TLS only)
   */
  readonly topicProps?: FanoutTopicProps;
}

const CONSTRUCT = 'S3EventFanout';
/** S3 object keys are at most 1,024 bytes, so a longer key filter could never match. */
const MAX_KEY_FILTER = 1_024;

/**
 * S3 event fanout ("Architecture 2"): object events of a bucket (type, prefix and suffix filters) are published to
 * a FanoutTopic, whose policy admits S3 only for this bucket (`aws:SourceArn`) and this account
 * (`aws:SourceAccount`); subscribe queues with `fanout.addQueue(...)`.
 */
export class S3EventFanout extends Construct {
  /** The bucket whose events are published. */
  public readonly bucket: s3.IBucket;

  /** The key encrypting the bucket the construct created. */
  public readonly bucketKey?: kms.Key;

  /** The bucket receiving the server access logs of the bucket the construct created. */
  public readonly accessLogsBucket?: s3.Bucket;

  /** The fanout topic receiving the events. */
  public readonly fanout: FanoutTopic;

  /** The SNS topic receiving the events. */
  public readonly topic: sns.ITopic;

  constructor(scope: Construct, id: string, props: S3EventFanoutProps = {}) {
    super(scope, id);
    validateS3EventFanoutProps(props);

    if (props.bucket) {
      this.bucket = props.bucket;
    } else {
      this.bucketKey = new kms.Key(this, 'BucketKey', {
        enableKeyRotation: true,
        description: `Encrypts the objects of the bucket of ${this.node.path}`,
      });
      const buckets = createSecureBucket(this, 'Bucket', { encryptionKey: this.bucketKey });
      this.bucket = buckets.bucket;
      this.accessLogsBucket = buckets.accessLogsBucket;
    }

    this.fanout = props.fanoutTopic ?? new FanoutTopic(this, 'Fanout', props.topicProps);
    this.topic = this.fanout.topic;

    const filters: s3.NotificationKeyFilter[] = props.prefix !== undefined || props.suffix !== undefined
      ? [{ prefix: props.prefix, suffix: props.suffix }]
      : [];
    const destination = new S3TopicDestination(this.topic);
    for (const event of props.events ?? [s3.EventType.OBJECT_CREATED]) {
      this.bucket.addEventNotification(event, destination, ...filters);
    }
    acknowledgeBucketNotificationsHandler(this.bucket);
  }
}

function validateS3EventFanoutProps(props: S3EventFanoutProps): void {
  if (props.events && props.events.length === 0) {
    throw new PropValidationError(CONSTRUCT, 'events', '[]', 'at least one s3.EventType (or leave unset for OBJECT_CREATED)');
  }
  if (props.fanoutTopic?.fifo || props.topicProps?.fifo) {
    throw new PropValidationError(CONSTRUCT, props.fanoutTopic ? 'fanoutTopic' : 'topicProps.fifo', 'a FIFO topic',
      'a standard topic: S3 event notifications cannot be sent to SNS FIFO topics');
  }
  if (props.fanoutTopic && props.topicProps) {
    throw new PropValidationError(CONSTRUCT, 'topicProps', 'set together with fanoutTopic', 'topicProps only when the construct creates the topic');
  }
  for (const [prop, value] of [['prefix', props.prefix], ['suffix', props.suffix]] as const) {
    if (value === undefined || Token.isUnresolved(value)) continue;
    if (value === '' || value.length > MAX_KEY_FILTER) {
      throw new PropValidationError(CONSTRUCT, prop, value.length > 40 ? `${value.length} characters` : value,
        `1 to ${MAX_KEY_FILTER} characters (S3 object keys are at most 1,024 bytes)`);
    }
  }
}
