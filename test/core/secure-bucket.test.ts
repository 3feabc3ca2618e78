import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { createSecureBucket, SecureBucketOptions } from '../../src/core';
import { APP_VARIANTS, newStack, synthWarnings } from '../util/apps';
import { nagErrors } from '../util/nag';

function build(options: SecureBucketOptions = {}, stack: Stack = newStack()) {
  const pair = createSecureBucket(stack, 'Data', options);
  const id = (b: s3.Bucket) => stack.getLogicalId(b.node.defaultChild as s3.CfnBucket);
  return { stack, ...pair, bucketId: id(pair.bucket), logsId: id(pair.accessLogsBucket), template: Template.fromStack(stack) };
}

function acknowledged(construct: IConstruct): string[] {
  return construct.node.metadata
    .filter(m => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap(m => Object.keys(m.data as object).map(rule => rule.replace(/^annotation::/i, '')))
    .sort();
}

describe.each(APP_VARIANTS)('createSecureBucket under a %s', (_variant, newApp) => {
  test('zero cdk-nag errors in the four packs and no synthesis warnings', () => {
    const { stack } = build({}, newStack(newApp()));
    expect(nagErrors(stack)).toEqual([]);
    expect(synthWarnings(stack)).toEqual([]);
  });

  test('log delivery is granted by bucket policy to the S3 logging service for this bucket and account, never by ACL', () => {
    const { template, bucketId, logsId } = build({}, newStack(newApp()));
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { DestinationBucketName: { Ref: logsId }, LogFilePrefix: 'access-logs/' },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logsId },
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Sid: 'S3ServerAccessLogsPolicy',
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logsId, 'Arn'] }, '/access-logs/*']] },
          Condition: {
            ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [bucketId, 'Arn'] } },
            StringEquals: { 'aws:SourceAccount': '123456789012' },
          },
        }]),
      },
    });
    for (const bucket of Object.values<any>(template.findResources('AWS::S3::Bucket'))) {
      expect(bucket.Properties.AccessControl).toBeUndefined();
      expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    }
  });
});

describe('createSecureBucket defaults', () => {
  const { template, bucketId, logsId, bucket, accessLogsBucket } = build();

  test('the data bucket: SSE-KMS with the AWS managed key and a Bucket Key, versioned, public access blocked, retained', () => {
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        LoggingConfiguration: Match.anyValue(),
      }),
      DeletionPolicy: 'Retain',
    });
    expect(template.toJSON().Resources[bucketId].Properties.LifecycleConfiguration).toBeUndefined();
  });

  test('the log bucket: SSE-S3 (the only encryption log delivery accepts), versioned, logs kept a year', () => {
    expect(template.toJSON().Resources[logsId]).toMatchObject({
      Properties: {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        LifecycleConfiguration: { Rules: [{ ExpirationInDays: 365, NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: 'Enabled' }] },
      },
      DeletionPolicy: 'Retain',
    });
  });

  test('acknowledgements: SSE-S3 on the log bucket only, replication on each bucket', () => {
    const replication = ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'].map(p => `${p}-S3BucketReplicationEnabled`);
    const kmsRule = ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'].map(p => `${p}-S3DefaultEncryptionKMS`);
    expect(acknowledged(bucket)).toEqual(replication);
    expect(acknowledged(accessLogsBucket)).toEqual([...kmsRule, ...replication].sort());
  });
});

describe('createSecureBucket options', () => {
  test('a customer managed key: SSE-KMS with that key and a Bucket Key', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key');
    const { template, bucketId } = build({ encryptionKey: key }, stack);
    expect(template.toJSON().Resources[bucketId].Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{
        BucketKeyEnabled: true,
        ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] } },
      }],
    });
  });

  test('expireAfter expires objects, and noncurrent versions a day later', () => {
    const { template, bucketId } = build({ expireAfter: Duration.days(14) });
    expect(template.toJSON().Resources[bucketId].Properties.LifecycleConfiguration).toEqual({
      Rules: [{ ExpirationInDays: 14, NoncurrentVersionExpiration: { NoncurrentDays: 1 }, Status: 'Enabled' }],
    });
  });

  test('the log bucket id and the log prefix can be given (to keep the logical ids of a deployed bucket)', () => {
    const { stack, accessLogsBucket, template, logsId } = build({ accessLogsBucketId: 'AccessLogsBucket', accessLogsPrefix: 'input-bucket/' });
    expect(accessLogsBucket.node.id).toBe('AccessLogsBucket');
    expect(stack.node.tryFindChild('DataAccessLogs')).toBeUndefined();
    template.hasResourceProperties('AWS::S3::Bucket', { LoggingConfiguration: { DestinationBucketName: { Ref: logsId }, LogFilePrefix: 'input-bucket/' } });
  });
});
