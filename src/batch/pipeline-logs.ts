import { RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { allowLogsToUseKey } from '../core';

/**
 * A customer managed key for the pipeline's log groups (CloudWatch Logs encrypts only with a customer managed key).
 * CloudWatch Logs uses the key as the regional logs service principal, limited by the encryption context to log
 * groups of this account and region (the key policy the CloudWatch Logs user guide prescribes).
 */
export function createLogEncryptionKey(scope: Construct, id: string): kms.Key {
  const key = new kms.Key(scope, id, {
    description: 'Encrypts the log groups of an S3ToBatchPipeline (VPC flow logs, Batch jobs, submitter Lambda)',
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  allowLogsToUseKey(scope, key);
  return key;
}

/** A log group encrypted with the pipeline's key and kept for `retention`. */
export function createEncryptedLogGroup(scope: Construct, id: string, key: kms.IKey, retention: logs.RetentionDays): logs.LogGroup {
  return new logs.LogGroup(scope, id, { encryptionKey: key, retention, removalPolicy: RemovalPolicy.RETAIN });
}
