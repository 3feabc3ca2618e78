import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeRules } from './nag';

export interface SecureBucketOptions {
  /** KMS key for SSE-KMS; without one the bucket uses S3-managed keys (SSE-S3). */
  readonly encryptionKey?: kms.IKey;
  /** Objects expire after this long (and noncurrent versions one day later). */
  readonly expireAfter?: Duration;
  readonly removalPolicy?: RemovalPolicy;
}

/** A data bucket and the bucket that receives its server access logs. */
export interface SecureBucketPair {
  readonly bucket: s3.Bucket;
  readonly accessLogsBucket: s3.Bucket;
}

const REPLICATION_REASON = 'Cross-Region replication needs a destination bucket in another Region, which a single-Region construct '
  + 'cannot create; the bucket is versioned so a replication rule can be added where the data classification requires one.';
const REPLICATION_NOT_APPLICABLE = ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']
  .map(pack => ({ id: `${pack}-S3BucketReplicationEnabled`, reason: REPLICATION_REASON }));

/**
 * The bucket every construct here creates for data: no public access, TLS only, versioned, encrypted, server access
 * logs to a sibling bucket. The log bucket cannot log to itself (S3 would log its own log writes without end) and is
 * the logging target, so the logging and replication rules are acknowledged on it alone.
 */
export function createSecureBucket(scope: Construct, id: string, options: SecureBucketOptions = {}): SecureBucketPair {
  const removalPolicy = options.removalPolicy ?? RemovalPolicy.RETAIN;
  const accessLogsBucket = new s3.Bucket(scope, `${id}AccessLogs`, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: true,
    // Server access logging supports only SSE-S3 on the target bucket.
    encryption: s3.BucketEncryption.S3_MANAGED,
    // No objectOwnership: without the serverAccessLogsUseBucketPolicy flag aws-cdk-lib grants log delivery by ACL,
    // which needs ObjectWriter; with the flag (cdk init sets it) it uses a bucket policy. Leaving it unset works for both.
    lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
    removalPolicy,
  });
  acknowledgeRules(accessLogsBucket, [
    { id: 'AwsSolutions-S1', reason: 'This is the server access log target; logging it into itself would recurse.' },
    { id: 'NIST.800.53.R5-S3BucketLoggingEnabled', reason: 'This is the server access log target; logging it into itself would recurse.' },
    { id: 'HIPAA.Security-S3BucketLoggingEnabled', reason: 'This is the server access log target; logging it into itself would recurse.' },
    { id: 'PCI.DSS.321-S3BucketLoggingEnabled', reason: 'This is the server access log target; logging it into itself would recurse.' },
    { id: 'NIST.800.53.R5-S3DefaultEncryptionKMS', reason: 'S3 server access logging delivers only to buckets encrypted with SSE-S3.' },
    { id: 'HIPAA.Security-S3DefaultEncryptionKMS', reason: 'S3 server access logging delivers only to buckets encrypted with SSE-S3.' },
    { id: 'PCI.DSS.321-S3DefaultEncryptionKMS', reason: 'S3 server access logging delivers only to buckets encrypted with SSE-S3.' },
  ]);
  const bucket = new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: true,
    encryption: options.encryptionKey ? s3.BucketEncryption.KMS : s3.BucketEncryption.S3_MANAGED,
    encryptionKey: options.encryptionKey,
    bucketKeyEnabled: options.encryptionKey ? true : undefined,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    serverAccessLogsBucket: accessLogsBucket,
    serverAccessLogsPrefix: 'access-logs/',
    lifecycleRules: options.expireAfter
      ? [{ expiration: options.expireAfter, noncurrentVersionExpiration: Duration.days(1) }]
      : undefined,
    removalPolicy,
  });
  for (const b of [bucket, accessLogsBucket]) acknowledgeRules(b, REPLICATION_NOT_APPLICABLE);
  return { bucket, accessLogsBucket };
}
