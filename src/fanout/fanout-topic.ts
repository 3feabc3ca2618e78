import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeRules, createSecureBucket, fifoName, ManagedPolicyRole, PropValidationError } from '../core';
import { ResilientQueue } from '../queue';
import {
  FanoutEmailOptions, FanoutFirehoseOptions, FanoutHttpsOptions, FanoutLambdaOptions, FanoutQueueOptions,
  FanoutSubscriptionOptions,
} from './subscription-options';
import {
  CONSTRUCT, DEFAULT_PAYLOAD_EXPIRATION, DEFAULT_SUBSCRIPTION_DLQ_RETENTION, validateAccountId, validateEmail,
  validateFanoutTopicProps, validateHttpsUrl, validateSubscriptionOptions,
} from './validate-fanout-props';

/**
 * Properties of a {@link FanoutTopic}.
 */
export interface FanoutTopicProps {
  /**
   * A name for the topic: up to 256 letters, digits, hyphens and underscores; for a FIFO topic `.fifo` is appended
   * when missing (and counts towards the 256).
   *
   * @default - a CloudFormation-generated name
   */
  readonly topicName?: string;

  /**
   * A display name, used as the sender name of email subscriptions: up to 100 characters.
   *
   * @default - none
   */
  readonly displayName?: string;

  /**
   * Whether this is a FIFO topic (strict ordering per message group, deduplication). A FIFO topic delivers only to
   * SQS queues (FIFO or standard); its subscription dead-letter queues are FIFO queues.
   *
   * @default false
   */
  readonly fifo?: boolean;

  /**
   * Content-based deduplication (FIFO only): SNS uses a SHA-256 hash of the body as deduplication id.
   *
   * @default false
   */
  readonly contentBasedDeduplication?: boolean;

  /**
   * The customer managed KMS key that encrypts messages at rest. Publishers need kms:GenerateDataKey* and
   * kms:Decrypt on it (`grantPublish` gives both). Do not reuse it as the `encryptionMasterKey` of a subscribed
   * queue: the queue's key policy would name the topic while the topic names the key, a dependency cycle.
   *
   * @default - a new key with automatic rotation, used by this topic (and its large-payload bucket) only
   */
  readonly masterKey?: kms.IKey;

  /**
   * Deny every request to the topic that does not use TLS (a topic policy with `aws:SecureTransport` false).
   *
   * @default true
   */
  readonly enforceSSL?: boolean;

  /**
   * Topic notified when a subscription dead-letter queue alarm (or, by default, a subscribed queue's alarm) fires
   * and clears.
   *
   * @default - the alarms have no actions
   */
  readonly alarmTopic?: sns.ITopic;

  /**
   * Provision an S3 bucket for payloads larger than SNS accepts, used by the SNS/SQS extended client libraries:
   * encrypted with the topic's key, TLS only, no public access, versioned, server access logs, objects expiring
   * after `largePayloadExpiration`. The libraries publish a pointer
   * `["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":"<bucket>","s3Key":"<key>"}]` instead
   * of the body (with the message attribute `ExtendedPayloadSize`), and consumers fetch the object it names.
   *
   * @default false (true when `largePayloadBucket` is given)
   */
  readonly largePayloads?: boolean;

  /**
   * An existing bucket for large payloads, instead of creating one.
   *
   * @default - a bucket is created when `largePayloads` is true
   */
  readonly largePayloadBucket?: s3.IBucket;

  /**
   * How long payload objects live in the bucket the construct creates: 1 to 365 days, whole days. Consumers of a
   * fanout must not delete payloads (several queues share one object); the lifecycle rule does. Keep it at least as
   * long as the longest retention of a subscribed queue.
   *
   * @default Duration.days(14) (the longest an SQS queue keeps a message)
   */
  readonly largePayloadExpiration?: Duration;
}

/**
 * An SNS topic that fans one message out to many receivers, secure by default: encrypted with a customer managed
 * key, TLS-only, every subscription with its own dead-letter queue (SNS redrive policy) of the topic's type and an
 * alarm on it, filter policies checked against the SNS limits at synth time, and the FIFO delivery rules enforced
 * at synth time (a FIFO topic delivers to FIFO and standard SQS queues only; a standard topic cannot deliver to a
 * FIFO queue).
 */
export class FanoutTopic extends Construct {
  /** The SNS topic. */
  public readonly topic: sns.Topic;

  /** The key that encrypts the topic's messages at rest. */
  public readonly masterKey: kms.IKey;

  /** Whether the topic is a FIFO topic. */
  public readonly fifo: boolean;

  /** The bucket for large payloads, when `largePayloads` or `largePayloadBucket` is set. */
  public readonly payloadBucket?: s3.IBucket;

  /** The bucket receiving the server access logs of the payload bucket the construct created. */
  public readonly payloadAccessLogsBucket?: s3.Bucket;

  private readonly alarmTopic?: sns.ITopic;
  private readonly subscriptionDlqs = new Map<string, sqs.Queue>();
  private emailCount = 0;
  private httpsCount = 0;

  constructor(scope: Construct, id: string, props: FanoutTopicProps = {}) {
    super(scope, id);
    validateFanoutTopicProps(props);
    this.fifo = props.fifo ?? false;
    this.alarmTopic = props.alarmTopic;

    this.masterKey = props.masterKey ?? new kms.Key(this, 'Key', {
      enableKeyRotation: true,
      description: `Encrypts the messages of the SNS topic ${this.node.path}`,
    });

    this.topic = new sns.Topic(this, 'Topic', {
      topicName: fifoName(props.topicName, this.fifo),
      displayName: props.displayName,
      fifo: this.fifo ? true : undefined,
      contentBasedDeduplication: this.fifo ? props.contentBasedDeduplication : undefined,
      masterKey: this.masterKey,
      enforceSSL: props.enforceSSL ?? true,
    });

    if (props.largePayloadBucket) {
      this.payloadBucket = props.largePayloadBucket;
    } else if (props.largePayloads) {
      const buckets = createSecureBucket(this, 'PayloadBucket', {
        encryptionKey: this.masterKey,
        expireAfter: props.largePayloadExpiration ?? DEFAULT_PAYLOAD_EXPIRATION,
      });
      this.payloadBucket = buckets.bucket;
      this.payloadAccessLogsBucket = buckets.accessLogsBucket;
    }
  }

  /**
   * Creates a ResilientQueue subscribed to the topic and returns it. The queue policy admits sqs:SendMessage only
   * from this topic (`aws:SourceArn`), and the subscription gets a dead-letter queue of the topic's type.
   */
  public addQueue(id: string, options: FanoutQueueOptions = {}): ResilientQueue {
    const queueProps = options.queueProps ?? {};
    const queueFifo = queueProps.fifo ?? this.fifo;
    if (queueFifo && !this.fifo) {
      throw new PropValidationError(CONSTRUCT, `addQueue("${id}").queueProps.fifo`, true,
        'false on a standard topic: a standard SNS topic cannot deliver to an SQS FIFO queue (use a FIFO topic)');
    }
    if (queueProps.encryption === sqs.QueueEncryption.KMS_MANAGED) {
      throw new PropValidationError(CONSTRUCT, `addQueue("${id}").queueProps.encryption`, 'KMS_MANAGED',
        'SQS_MANAGED or KMS with a customer managed key: SNS cannot use the AWS managed key alias/aws/sqs, whose key policy cannot admit sns.amazonaws.com');
    }
    if (queueProps.encryptionMasterKey && queueProps.encryptionMasterKey === this.masterKey) {
      throw new PropValidationError(CONSTRUCT, `addQueue("${id}").queueProps.encryptionMasterKey`, 'the topic\'s own masterKey',
        'a different key: the queue key\'s policy must name this topic as aws:SourceArn while the topic names the key, a CloudFormation '
        + 'dependency cycle (the trap AWS Solutions Constructs falls into); the default SQS-managed encryption needs no key at all');
    }
    validateSubscriptionOptions(`addQueue("${id}")`, options);

    const resilientQueue = new ResilientQueue(this, id, { alarmTopic: this.alarmTopic, ...queueProps, fifo: queueFifo });
    this.topic.addSubscription(new subs.SqsSubscription(resilientQueue.queue, {
      rawMessageDelivery: options.rawMessageDelivery,
      ...this.subscriptionProps(id, options),
    }));
    return resilientQueue;
  }

  /**
   * Subscribes a Lambda function (standard topics only) with a subscription dead-letter queue. aws-cdk-lib adds the
   * function permission for sns.amazonaws.com from this topic only.
   */
  public addLambda(id: string, fn: lambda.IFunction, options: FanoutLambdaOptions = {}): sns.Subscription {
    this.requireStandardTopic(`addLambda("${id}")`, 'lambda');
    validateSubscriptionOptions(`addLambda("${id}")`, options);
    return this.topic.addSubscription(new subs.LambdaSubscription(fn, this.subscriptionProps(id, options)));
  }

  /**
   * Subscribes a Kinesis Data Firehose delivery stream (standard topics only), with the subscription role SNS
   * assumes to put records (firehose:PutRecord, PutRecordBatch, DescribeDeliveryStream, ListDeliveryStreams,
   * ListTagsForDeliveryStream on this stream only, in a customer managed policy) and a subscription dead-letter queue.
   */
  public addFirehose(id: string, deliveryStream: firehose.IDeliveryStream, options: FanoutFirehoseOptions = {}): sns.Subscription {
    this.requireStandardTopic(`addFirehose("${id}")`, 'firehose');
    validateSubscriptionOptions(`addFirehose("${id}")`, options);
    const role = options.role ?? new ManagedPolicyRole(this, `${id}SubscriptionRole`, {
      assumedBy: new iam.ServicePrincipal('sns.amazonaws.com'),
      description: `Lets SNS put records from ${this.topic.node.path} into a Firehose delivery stream`,
    });
    return this.topic.addSubscription(new subs.FirehoseSubscription(deliveryStream, {
      role,
      rawMessageDelivery: options.rawMessageDelivery,
      ...this.subscriptionProps(id, options),
    }));
  }

  /**
   * Subscribes an email address (application-to-person; standard topics only). The recipient must confirm the
   * subscription from the email SNS sends.
   */
  public addEmail(address: string, options: FanoutEmailOptions = {}): sns.Subscription {
    const id = options.id ?? `Email${++this.emailCount}`;
    this.requireStandardTopic(`addEmail("${address}")`, 'email');
    validateEmail(address);
    validateSubscriptionOptions(`addEmail("${address}")`, options);
    return new sns.Subscription(this, id, {
      topic: this.topic,
      protocol: options.json ? sns.SubscriptionProtocol.EMAIL_JSON : sns.SubscriptionProtocol.EMAIL,
      endpoint: address,
      ...this.subscriptionProps(id, options),
    });
  }

  /**
   * Subscribes an HTTPS webhook (standard topics only). Only `https://` URLs are accepted: a plain `http://`
   * endpoint would carry the messages unencrypted. The endpoint must confirm the subscription.
   */
  public addHttps(url: string, options: FanoutHttpsOptions = {}): sns.Subscription {
    const id = options.id ?? `Https${++this.httpsCount}`;
    this.requireStandardTopic(`addHttps("${url}")`, 'https');
    validateHttpsUrl(url);
    validateSubscriptionOptions(`addHttps("${url}")`, options);
    return new sns.Subscription(this, id, {
      topic: this.topic,
      protocol: sns.SubscriptionProtocol.HTTPS,
      endpoint: url,
      rawMessageDelivery: options.rawMessageDelivery,
      deliveryPolicy: options.deliveryPolicy,
      ...this.subscriptionProps(id, options),
    });
  }

  /**
   * The dead-letter queue of the subscription added under `id` (the id given to addQueue/addLambda/addFirehose, or
   * the email/HTTPS subscription's id).
   */
  public subscriptionDeadLetterQueue(id: string): sqs.Queue {
    const dlq = this.subscriptionDlqs.get(id);
    if (!dlq) throw new Error(`${CONSTRUCT} ${this.node.path}: no subscription "${id}" (known: ${[...this.subscriptionDlqs.keys()].join(', ') || 'none'})`);
    return dlq;
  }

  /**
   * Grants publishing: sns:Publish on the topic with kms:GenerateDataKey* and kms:Decrypt on its key, and, with large
   * payloads, s3:PutObject on the payload bucket (what the SNS extended client library calls before it publishes
   * the pointer).
   */
  public grantPublish(grantee: iam.IGrantable): iam.Grant {
    const grant = this.topic.grantPublish(grantee);
    return this.payloadBucket ? grant.combine(this.payloadBucket.grantPut(grantee)) : grant;
  }

  /**
   * Grants a consumer what the extended client library needs to resolve a payload pointer: s3:GetObject (and
   * kms:Decrypt) on the payload bucket. Consumers get no delete: in a fanout several queues share one payload
   * object, so configure the library not to delete payloads and let the bucket's lifecycle rule expire them.
   */
  public grantPayloadRead(grantee: iam.IGrantable): iam.Grant {
    if (!this.payloadBucket) {
      throw new Error(`${CONSTRUCT} ${this.node.path}: grantPayloadRead needs a payload bucket; set largePayloads: true or largePayloadBucket`);
    }
    return this.payloadBucket.grantRead(grantee);
  }

  /**
   * Lets principals of another AWS account publish: a topic policy statement allowing sns:Publish to the account
   * principal and, on the key the construct created, kms:GenerateDataKey* and kms:Decrypt through SNS only
   * (kms:ViaService). The other account must still grant its own principals sns:Publish (and the KMS calls).
   */
  public allowPublishFrom(accountId: string): void {
    validateAccountId(accountId);
    const principal = new iam.AccountPrincipal(accountId);
    this.topic.addToResourcePolicy(new iam.PolicyStatement({
      sid: Token.isUnresolved(accountId) ? undefined : `CrossAccountPublish${accountId}`,
      principals: [principal],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
    }));
    const keyResult = this.masterKey.addToResourcePolicy(new iam.PolicyStatement({
      principals: [principal],
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      resources: ['*'],
      conditions: { StringEquals: { 'kms:ViaService': `sns.${Stack.of(this).region}.amazonaws.com` } },
    }), true);
    if (!keyResult.statementAdded) {
      throw new Error(`${CONSTRUCT} ${this.node.path}: allowPublishFrom cannot change the policy of an imported masterKey; `
        + `allow account ${accountId} kms:GenerateDataKey* and kms:Decrypt on it yourself`);
    }
  }

  /** Fails fast when a non-SQS protocol is added to a FIFO topic. */
  private requireStandardTopic(what: string, protocol: string): void {
    if (this.fifo) {
      throw new PropValidationError(CONSTRUCT, what, `protocol ${protocol} on a FIFO topic`,
        'SQS queues only: an SNS FIFO topic delivers to SQS FIFO and standard queues and to no other protocol (use addQueue, or a standard topic)');
    }
  }

  /** The filter policies plus a subscription dead-letter queue (and its alarm) for subscription `id`. */
  private subscriptionProps(id: string, options: FanoutSubscriptionOptions): subs.SqsSubscriptionProps {
    return {
      filterPolicy: options.filterPolicy,
      filterPolicyWithMessageBody: options.filterPolicyWithMessageBody,
      deadLetterQueue: this.createSubscriptionDlq(id, options),
    };
  }

  private createSubscriptionDlq(id: string, options: FanoutSubscriptionOptions): sqs.Queue {
    // SNS requires the subscription DLQ to be of the topic's type: a FIFO topic's subscriptions need FIFO DLQs.
    const dlq = new sqs.Queue(this, `${id}SubscriptionDlq`, {
      fifo: this.fifo ? true : undefined,
      retentionPeriod: options.deadLetterQueueRetentionPeriod ?? DEFAULT_SUBSCRIPTION_DLQ_RETENTION,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Only SNS writes here; no SQS queue may name it as its own dead-letter queue.
      redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.DENY_ALL },
    });
    acknowledgeRules(dlq, [{
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the SNS subscription dead-letter queue; a dead-letter queue for it would only move the problem.',
    }]);
    this.subscriptionDlqs.set(id, dlq);

    const alarm = new cloudwatch.Alarm(this, `${id}SubscriptionDlqAlarm`, {
      alarmDescription: `SNS could not deliver messages of ${this.topic.node.path} to subscription ${id}; they wait in its subscription dead-letter queue.`,
      metric: dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      // SQS stops sending metrics for a queue idle for hours: an idle dead-letter queue is an empty one.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (this.alarmTopic) {
      const action = new cloudwatchActions.SnsAction(this.alarmTopic);
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    } else {
      acknowledgeRules(alarm, ['NIST.800.53.R5-CloudWatchAlarmAction', 'HIPAA.Security-CloudWatchAlarmAction'].map(ruleId => ({
        id: ruleId,
        reason: 'No alarmTopic was given, so there is no notification target to wire; the alarm still records its state in CloudWatch.',
      })));
    }
    return dlq;
  }
}
