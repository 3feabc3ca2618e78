import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeRules } from './nag';

export interface SecureBucketOptions {
  /**
   * Customer managed key for SSE-KMS (with an S3 Bucket Key, which cuts the KMS requests).
   * @default - SSE-KMS with the AWS managed key aws/s3, so readers in the account need no key grant
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * Objects expire after this long (and noncurrent versions one day later).
   * @default - objects are kept
   */
  readonly expireAfter?: Duration;
  /** @default RemovalPolicy.RETAIN (both buckets) */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Construct id of the bucket receiving the server access logs (a bucket's logical id must stay stable once deployed).
   * @default `${id}AccessLogs`
   */
  readonly accessLogsBucketId?: string;
  /**
   * Key prefix of the server access logs in the log bucket.
   * @default 'access-logs/'
   */
  readonly accessLogsPrefix?: string;
}

/** A data bucket and the bucket that receives its server access logs. */
export interface SecureBucketPair {
  readonly bucket: s3.Bucket;
  readonly accessLogsBucket: s3.Bucket;
}

const PACKS = ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'];
const REPLICATION_NOT_APPLICABLE = PACKS.map(pack => ({
  id: `${pack}-S3BucketReplicationEnabled`,
  reason: 'Cross-Region replication needs a destination bucket in another Region, which a single-Region construct cannot create, and is '
    + 'the owner\'s disaster-recovery decision; the bucket is versioned, so a replication rule can be added without other changes.',
}));
const LOG_TARGET_ENCRYPTION = PACKS.map(pack => ({
  id: `${pack}-S3DefaultEncryptionKMS`,
  reason: 'S3 delivers server access logs only to buckets whose default encryption is SSE-S3 (AES256), not SSE-KMS.',
}));

/**
 * The bucket every construct here creates for data: no public access, TLS only, versioned, ACLs disabled, SSE-KMS,
 * server access logs to a sibling bucket. The log bucket is not logged itself (S3 would log its own log writes
 * without end; cdk-nag accepts a bucket that is the logging target of another) and must use SSE-S3, so its
 * encryption rule is acknowledged on it alone; replication is acknowledged on each of the two buckets.
 */
export function createSecureBucket(scope: Construct, id: string, options: SecureBucketOptions = {}): SecureBucketPair {
  const removalPolicy = options.removalPolicy ?? RemovalPolicy.RETAIN;
  const accessLogsBucket = new s3.Bucket(scope, options.accessLogsBucketId ?? `${id}AccessLogs`, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: true,
    encryption: s3.BucketEncryption.S3_MANAGED,
    // Log delivery is granted by bucket policy (enableServerAccessLogs), so the log bucket needs no ACL either.
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
    removalPolicy,
  });
  acknowledgeRules(accessLogsBucket, [...LOG_TARGET_ENCRYPTION, ...REPLICATION_NOT_APPLICABLE]);

  const bucket = new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: true,
    encryption: options.encryptionKey ? s3.BucketEncryption.KMS : s3.BucketEncryption.KMS_MANAGED,
    encryptionKey: options.encryptionKey,
    bucketKeyEnabled: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: options.expireAfter
      ? [{ expiration: options.expireAfter, noncurrentVersionExpiration: Duration.days(1) }]
      : undefined,
    removalPolicy,
  });
  enableServerAccessLogs(bucket, accessLogsBucket, options.accessLogsPrefix ?? 'access-logs/');
  acknowledgeRules(bucket, REPLICATION_NOT_APPLICABLE);
  return { bucket, accessLogsBucket };
}

/**
 * Server access logging with a bucket policy for the S3 logging service, the method AWS recommends, whatever the
 * app's feature flags: without @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy, aws-cdk-lib's `serverAccessLogsBucket`
 * falls back to the LogDeliveryWrite ACL, which needs ACLs enabled on the log bucket.
 */
function enableServerAccessLogs(bucket: s3.Bucket, target: s3.Bucket, prefix: string): void {
  (bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = {
    destinationBucketName: target.bucketName,
    logFilePrefix: prefix,
  };
  target.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'S3ServerAccessLogsPolicy',
    principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
    actions: ['s3:PutObject'],
    resources: [target.arnForObjects(`${prefix}*`)],
    conditions: {
      ArnLike: { 'aws:SourceArn': bucket.bucketArn },
      StringEquals: { 'aws:SourceAccount': Stack.of(bucket).account },
    },
  }));
}
