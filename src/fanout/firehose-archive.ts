import { Annotations, Duration, Size, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { acknowledgeRules, allowLogsToUseKey, createSecureBucket, ManagedPolicyRole, NagFinding } from '../core';
import { FanoutTopic, FanoutTopicProps } from './fanout-topic';
import { validateFirehoseArchiveProps } from './validate-firehose-archive-props';

/**
 * Properties of a {@link FirehoseArchive}.
 */
export interface FirehoseArchiveProps {
  /**
   * An existing standard FanoutTopic to archive (SNS FIFO topics deliver only to SQS).
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

  /**
   * An existing bucket for the archive. Its KMS key, if it has one the construct can see, is granted to the
   * delivery role.
   *
   * @default - a new bucket: SSE-KMS with `encryptionKey`, TLS only, no public access, versioned, server access logs,
   * retained when the stack is deleted
   */
  readonly bucket?: s3.IBucket;

  /**
   * The key encrypting the delivery stream (server-side encryption), the bucket the construct creates and the
   * delivery log group.
   *
   * @default - a new key with automatic rotation
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * How long Firehose buffers records before writing: 0 to 900 seconds.
   *
   * @default Duration.seconds(300)
   */
  readonly bufferingInterval?: Duration;

  /**
   * How much Firehose buffers before writing: 1 to 128 MiB for S3, 1 to 100 MiB with an OpenSearch destination.
   *
   * @default Size.mebibytes(5)
   */
  readonly bufferingSize?: Size;

  /**
   * Compression of the archived objects.
   *
   * @default firehose.Compression.GZIP
   */
  readonly compression?: firehose.Compression;

  /**
   * Key prefix of archived objects (Firehose expressions such as `!{timestamp:yyyy/MM/dd}/` are allowed): up to
   * 1,024 characters.
   *
   * @default - Firehose default: `YYYY/MM/dd/HH/` (UTC)
   */
  readonly dataOutputPrefix?: string;

  /**
   * Key prefix of records Firehose failed to deliver or process: up to 1,024 characters.
   *
   * @default - Firehose default
   */
  readonly errorOutputPrefix?: string;

  /**
   * Archive the published message as-is instead of the SNS JSON envelope (which carries MessageId, Timestamp and the
   * attributes).
   *
   * @default false
   */
  readonly rawMessageDelivery?: boolean;

  /**
   * Archive only messages whose attributes match.
   *
   * @default - every message
   */
  readonly filterPolicy?: { [attribute: string]: sns.SubscriptionFilter };

  /**
   * Archive only messages whose JSON body matches.
   *
   * @default - every message
   */
  readonly filterPolicyWithMessageBody?: { [attribute: string]: sns.FilterOrPolicy };

  /**
   * Also index every message into this OpenSearch Service domain (public endpoint with IAM access; VPC domains
   * are not supported here). The bucket then keeps every document as backup (S3 backup mode AllDocuments).
   *
   * @default - S3 only
   */
  readonly openSearchDomain?: opensearch.IDomain;

  /**
   * The OpenSearch index: 1 to 80 lowercase letters, digits, `-`, `_` and `.`, not starting with `-`, `_` or `.`.
   * Rotated daily (a date suffix is appended).
   *
   * @default 'sns-archive'
   */
  readonly openSearchIndexName?: string;

  /**
   * Retention of the delivery error log group.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
}

const DEFAULT_INDEX = 'sns-archive';
const DEFAULT_BUFFER_INTERVAL = Duration.seconds(300);
const DEFAULT_BUFFER_SIZE = Size.mebibytes(5);

/**
 * Topic -> Kinesis Data Firehose -> S3 ("Architecture 3"), optionally indexing into OpenSearch as well: every message
 * published to the topic is archived to an encrypted bucket by an encrypted delivery stream. The delivery role may
 * do only what Firehose needs on exactly these targets (this bucket, its key through S3, this log group, this
 * domain), in a customer managed policy.
 */
export class FirehoseArchive extends Construct {
  /** The fanout topic being archived. */
  public readonly fanout: FanoutTopic;

  /** The SNS topic being archived. */
  public readonly topic: sns.ITopic;

  /** The archive bucket. */
  public readonly bucket: s3.IBucket;

  /** The bucket receiving the server access logs of the archive bucket the construct created. */
  public readonly accessLogsBucket?: s3.Bucket;

  /** The key encrypting the stream, the created bucket and the log group. */
  public readonly encryptionKey: kms.IKey;

  /** The delivery stream. */
  public readonly deliveryStream: firehose.IDeliveryStream;

  /** The role Firehose assumes to deliver. */
  public readonly deliveryRole: iam.Role;

  /** Where Firehose logs delivery errors. */
  public readonly logGroup: logs.LogGroup;

  /** The topic's subscription of the delivery stream. */
  public readonly subscription: sns.Subscription;

  constructor(scope: Construct, id: string, props: FirehoseArchiveProps = {}) {
    super(scope, id);
    validateFirehoseArchiveProps(props);

    this.encryptionKey = props.encryptionKey ?? new kms.Key(this, 'Key', {
      enableKeyRotation: true,
      description: `Encrypts the Firehose archive ${this.node.path}`,
    });
    if (props.bucket) {
      this.bucket = props.bucket;
    } else {
      const buckets = createSecureBucket(this, 'Bucket', { encryptionKey: this.encryptionKey });
      this.bucket = buckets.bucket;
      this.accessLogsBucket = buckets.accessLogsBucket;
    }
    this.logGroup = this.createLogGroup(props.logRetention ?? logs.RetentionDays.ONE_YEAR);

    const role = new ManagedPolicyRole(this, 'DeliveryRole', {
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com', {
        // Only deliveries from this account's streams may assume the role (confused-deputy protection).
        conditions: { StringEquals: { 'sts:ExternalId': Stack.of(this).account } },
      }),
      description: `Lets Firehose deliver the archive of ${this.node.path}`,
    });
    this.deliveryRole = role;
    this.scopeDeliveryRole(role, props);

    this.deliveryStream = props.openSearchDomain
      ? this.createOpenSearchStream(role, props, props.openSearchDomain)
      : this.createS3Stream(role, props);

    this.fanout = props.fanoutTopic ?? new FanoutTopic(this, 'Fanout', props.topicProps);
    this.topic = this.fanout.topic;
    this.subscription = this.fanout.addFirehose(id, this.deliveryStream, {
      rawMessageDelivery: props.rawMessageDelivery,
      filterPolicy: props.filterPolicy,
      filterPolicyWithMessageBody: props.filterPolicyWithMessageBody,
    });
  }

  private createLogGroup(retention: logs.RetentionDays): logs.LogGroup {
    if (!allowLogsToUseKey(this, this.encryptionKey)) {
      Annotations.of(this).addWarningV2('cdk-decoupling-patterns:firehoseArchiveLogKey',
        'The encryptionKey is imported: allow the logs.<region>.amazonaws.com service to use it, or the log group cannot be created.');
    }
    return new logs.LogGroup(this, 'DeliveryLogs', { encryptionKey: this.encryptionKey, retention });
  }

  /** Exactly the calls the Firehose guide lists for an S3 (and OpenSearch) destination, on these resources only. */
  private scopeDeliveryRole(role: ManagedPolicyRole, props: FirehoseArchiveProps): void {
    const domain = props.openSearchDomain;
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'WriteArchiveObjects',
      actions: ['s3:AbortMultipartUpload', 's3:GetBucketLocation', 's3:GetObject', 's3:ListBucket', 's3:ListBucketMultipartUploads', 's3:PutObject'],
      resources: [this.bucket.bucketArn, this.bucket.arnForObjects('*')],
    }));
    const bucketKey = props.bucket ? props.bucket.encryptionKey : this.encryptionKey;
    if (bucketKey) {
      role.addToPrincipalPolicy(new iam.PolicyStatement({
        sid: 'UseBucketKeyThroughS3',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [bucketKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` } },
      }));
    }
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'WriteDeliveryErrorLogs',
      actions: ['logs:PutLogEvents'],
      resources: [this.logGroup.logGroupArn],
    }));
    if (domain) {
      role.addToPrincipalPolicy(new iam.PolicyStatement({
        sid: 'DescribeDomain',
        actions: ['es:DescribeDomain', 'es:DescribeDomains', 'es:DescribeDomainConfig'],
        resources: [domain.domainArn, `${domain.domainArn}/*`],
      }));
      role.addToPrincipalPolicy(new iam.PolicyStatement({
        sid: 'IndexDocuments',
        actions: ['es:ESHttpPost', 'es:ESHttpPut'],
        resources: [domain.domainArn, `${domain.domainArn}/*`],
      }));
      role.addToPrincipalPolicy(new iam.PolicyStatement({
        sid: 'ReadClusterState',
        actions: ['es:ESHttpGet'],
        resources: ['_all/_settings', '_cluster/stats', '_nodes', '_nodes/stats', '_nodes/*/stats', '_stats']
          .map(path => `${domain.domainArn}/${path}`),
      }));
    }
    // Object-level access cannot avoid a wildcard: Firehose writes objects under keys it generates, and OpenSearch
    // index writes and node statistics are paths under the domain. Each acknowledgement names one exact resource.
    const wildcards = [this.bucket.arnForObjects('*'), ...(domain ? [`${domain.domainArn}/*`, `${domain.domainArn}/_nodes/*/stats`] : [])];
    acknowledgeRules(role.grantsPolicy, wildcards.map(arn => ({
      id: NagFinding.wildcardResource(this, 'AwsSolutions-IAM5', arn),
      reason: 'Firehose writes archive objects under keys it generates (and, for OpenSearch, documents under index paths and node '
        + 'statistics under node ids), so the resource must end in a wildcard; it stays inside this archive\'s bucket or domain.',
    })));
  }

  private createS3Stream(role: ManagedPolicyRole, props: FirehoseArchiveProps): firehose.DeliveryStream {
    // aws-cdk-lib's S3 destination would grant bucket.grantReadWrite (s3:DeleteObject*, s3:List*, ...); it gets a
    // view of the role that ignores grants, and the role carries only the statements written in scopeDeliveryRole.
    const fixedRole = role.withoutPolicyUpdates();
    const stream = new firehose.DeliveryStream(this, 'DeliveryStream', {
      destination: new firehose.S3Bucket(this.bucket, {
        role: fixedRole,
        bufferingInterval: props.bufferingInterval ?? DEFAULT_BUFFER_INTERVAL,
        bufferingSize: props.bufferingSize ?? DEFAULT_BUFFER_SIZE,
        compression: props.compression ?? firehose.Compression.GZIP,
        dataOutputPrefix: props.dataOutputPrefix,
        errorOutputPrefix: props.errorOutputPrefix,
        loggingConfig: new firehose.EnableLogging(this.logGroup),
      }),
      encryption: firehose.StreamEncryption.customerManagedKey(this.encryptionKey),
      role: fixedRole,
    });
    // The role's statements are not aws-cdk-lib grants, so the stream must wait for that policy explicitly.
    stream.node.addDependency(role.grantsPolicy);
    return stream;
  }

  /** aws-cdk-lib's Firehose L2 has no OpenSearch destination, so this one stream is the L1. */
  private createOpenSearchStream(role: ManagedPolicyRole, props: FirehoseArchiveProps, domain: opensearch.IDomain): firehose.IDeliveryStream {
    const bufferingHints = {
      intervalInSeconds: (props.bufferingInterval ?? DEFAULT_BUFFER_INTERVAL).toSeconds(),
      sizeInMBs: (props.bufferingSize ?? DEFAULT_BUFFER_SIZE).toMebibytes(),
    };
    const logging = (streamName: string) => ({
      enabled: true,
      logGroupName: this.logGroup.logGroupName,
      logStreamName: this.logGroup.addStream(`${streamName}Stream`, { logStreamName: streamName }).logStreamName,
    });
    const stream = new firehose.CfnDeliveryStream(this, 'DeliveryStream', {
      deliveryStreamType: 'DirectPut',
      deliveryStreamEncryptionConfigurationInput: { keyType: 'CUSTOMER_MANAGED_CMK', keyArn: this.encryptionKey.keyArn },
      amazonopensearchserviceDestinationConfiguration: {
        domainArn: domain.domainArn,
        indexName: props.openSearchIndexName ?? DEFAULT_INDEX,
        indexRotationPeriod: 'OneDay',
        roleArn: role.roleArn,
        bufferingHints,
        retryOptions: { durationInSeconds: 300 },
        s3BackupMode: 'AllDocuments',
        cloudWatchLoggingOptions: logging('OpenSearchDelivery'),
        s3Configuration: {
          bucketArn: this.bucket.bucketArn,
          roleArn: role.roleArn,
          bufferingHints,
          compressionFormat: (props.compression ?? firehose.Compression.GZIP).value,
          prefix: props.dataOutputPrefix,
          errorOutputPrefix: props.errorOutputPrefix,
          cloudWatchLoggingOptions: logging('S3Backup'),
        },
      },
    });
    stream.node.addDependency(role.grantsPolicy);
    return firehose.DeliveryStream.fromDeliveryStreamAttributes(this, 'DeliveryStreamRef', {
      deliveryStreamArn: stream.attrArn,
      deliveryStreamName: stream.ref,
    });
  }
}
