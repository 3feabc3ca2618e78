import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ResilientQueueProps } from '../queue';

/**
 * What every FanoutTopic subscription accepts: a filter policy (on message attributes or on the message body) and
 * how long its subscription dead-letter queue keeps undeliverable messages.
 */
export interface FanoutSubscriptionOptions {
  /**
   * Filter policy on message attributes: only messages whose attributes match are delivered. Checked at synth time
   * against the SNS limits: at most 5 keys, at most 150 combinations of values, at most 256 KB, numbers within
   * -1,000,000,000..1,000,000,000. Give either this or `filterPolicyWithMessageBody`, not both.
   *
   * @default - every message is delivered
   */
  readonly filterPolicy?: { [attribute: string]: sns.SubscriptionFilter };

  /**
   * Filter policy on the message body (payload-based filtering; the body must be JSON). May nest; at most 5
   * top-level keys, 150 combinations of values, 256 KB.
   *
   * @default - every message is delivered
   */
  readonly filterPolicyWithMessageBody?: { [attribute: string]: sns.FilterOrPolicy };

  /**
   * How long the subscription dead-letter queue keeps messages SNS could not deliver: 1 minute to 14 days.
   *
   * @default Duration.days(14) (the SQS maximum, the most time to inspect and replay them)
   */
  readonly deadLetterQueueRetentionPeriod?: Duration;
}

/** Options of `FanoutTopic.addQueue`. */
export interface FanoutQueueOptions extends FanoutSubscriptionOptions {
  /**
   * Deliver the published message as-is instead of wrapped in the SNS JSON envelope (Type, MessageId, TopicArn,
   * Message, Timestamp, signature fields...). Message attributes then arrive as SQS message attributes.
   *
   * @default false
   */
  readonly rawMessageDelivery?: boolean;

  /**
   * The subscribed queue's own properties. Its FIFO-ness follows the topic unless `fifo` is set here: a FIFO topic
   * may deliver to FIFO and to standard queues, a standard topic only to standard queues. `encryption: KMS_MANAGED`
   * is rejected (SNS cannot use the AWS managed key `alias/aws/sqs`, whose key policy cannot admit it), and so is the
   * topic's own key as `encryptionMasterKey` (a key whose policy names the topic while the topic names the key is a
   * CloudFormation dependency cycle).
   *
   * @default - ResilientQueue defaults (SQS-managed encryption, long polling, a dead-letter queue after 5 receives),
   * of the topic's type, with the topic's `alarmTopic`
   */
  readonly queueProps?: ResilientQueueProps;
}

/** Options of `FanoutTopic.addLambda`. */
export interface FanoutLambdaOptions extends FanoutSubscriptionOptions {}

/** Options of `FanoutTopic.addFirehose`. */
export interface FanoutFirehoseOptions extends FanoutSubscriptionOptions {
  /**
   * Write the published message as-is instead of the SNS JSON envelope.
   *
   * @default false
   */
  readonly rawMessageDelivery?: boolean;

  /**
   * The role SNS assumes to put records into the delivery stream.
   *
   * @default - a new role, trusted by sns.amazonaws.com, allowed firehose:PutRecord, PutRecordBatch,
   * DescribeDeliveryStream, ListDeliveryStreams and ListTagsForDeliveryStream on this delivery stream only
   */
  readonly role?: iam.IRole;
}

/** Options of `FanoutTopic.addEmail`. */
export interface FanoutEmailOptions extends FanoutSubscriptionOptions {
  /**
   * Send the full SNS JSON envelope (protocol `email-json`) instead of the plain message text (protocol `email`).
   *
   * @default false
   */
  readonly json?: boolean;

  /**
   * Construct id of the subscription.
   *
   * @default - `Email1`, `Email2`, ... in the order the addresses are added
   */
  readonly id?: string;
}

/** Options of `FanoutTopic.addHttps`. */
export interface FanoutHttpsOptions extends FanoutSubscriptionOptions {
  /**
   * Post the published message as-is instead of the SNS JSON envelope.
   *
   * @default false
   */
  readonly rawMessageDelivery?: boolean;

  /**
   * Retry and throttling policy for the webhook.
   *
   * @default - SNS default: 3 retries, 20 seconds apart
   */
  readonly deliveryPolicy?: sns.DeliveryPolicy;

  /**
   * Construct id of the subscription.
   *
   * @default - `Https1`, `Https2`, ... in the order the URLs are added
   */
  readonly id?: string;
}
