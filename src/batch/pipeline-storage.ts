import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeRules } from '../core/nag';

const REPLICATION_REASON = 'Cross-region replication is a disaster-recovery decision outside this pattern; versioning is on, so a replication rule can be added without changes.';

/** The input bucket and the bucket that receives its server access logs. */
export interface InputBuckets {
  readonly bucket: s3.Bucket;
  readonly accessLogsBucket: s3.Bucket;
}

/**
 * A secure input bucket: SSE-KMS with the AWS managed key (so readers need no key grant), SSL only, public access
 * blocked, versioned, server access logs to a second bucket, retained when the stack is deleted.
 */
export function createInputBuckets(scope: Construct): InputBuckets {
  // S3 server access logs can only be delivered to a bucket encrypted with SSE-S3, not SSE-KMS.
  const accessLogsBucket = new s3.Bucket(scope, 'AccessLogsBucket', {
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
  });
  acknowledgeRules(accessLogsBucket, ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].flatMap(pack => [
    { id: `${pack}-S3DefaultEncryptionKMS`, reason: 'S3 delivers server access logs only to buckets encrypted with SSE-S3 (AES256), not SSE-KMS.' },
    { id: `${pack}-S3BucketReplicationEnabled`, reason: REPLICATION_REASON },
  ]));

  const bucket = new s3.Bucket(scope, 'InputBucket', {
    encryption: s3.BucketEncryption.KMS_MANAGED,
    bucketKeyEnabled: true,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  enableServerAccessLogs(bucket, accessLogsBucket, 'input-bucket/');
  acknowledgeRules(bucket, ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].map(pack => ({
    id: `${pack}-S3BucketReplicationEnabled`, reason: REPLICATION_REASON,
  })));
  return { bucket, accessLogsBucket };
}

/**
 * Server access logging with a bucket policy for the S3 logging service, the method AWS recommends, whatever the
 * app's feature flags (without @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy aws-cdk-lib would fall back to the
 * LogDeliveryWrite ACL, which buckets with ACLs disabled reject).
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

/**
 * The output table the jobs batch-write to: on-demand (no capacity to plan, no auto scaling to configure),
 * point-in-time recovery, encrypted with the AWS managed key, retained when the stack is deleted.
 */
export function createOutputTable(scope: Construct): dynamodb.Table {
  const table = new dynamodb.Table(scope, 'OutputTable', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: dynamodb.TableEncryption.AWS_MANAGED,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  acknowledgeRules(table, ['NIST.800.53.R5', 'HIPAA.Security'].map(pack => ({
    id: `${pack}-DynamoDBInBackupPlan`,
    reason: 'Point-in-time recovery gives 35 days of continuous backups; an AWS Backup plan (vault, plan, selection) is an organisation-wide choice left to the owner.',
  })));
  return table;
}
