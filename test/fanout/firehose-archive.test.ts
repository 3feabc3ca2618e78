import { Duration, Size } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import * as sns from 'aws-cdk-lib/aws-sns';
import { FanoutTopic, FirehoseArchive } from '../../src/fanout';
import { APP_VARIANTS, newStack, synthWarnings } from '../util/apps';
import { nagErrors } from '../util/nag';

const id = (stack: any, c: any) => stack.getLogicalId(c.node.defaultChild);

describe('FirehoseArchive defaults', () => {
  const stack = newStack();
  const archive = new FirehoseArchive(stack, 'Archive');
  const template = Template.fromStack(stack);
  const bucketId = id(stack, archive.bucket);
  const keyId = id(stack, archive.encryptionKey);

  test('the delivery stream is encrypted with the archive key and writes GZIP to the bucket, 300 s / 5 MiB buffers', () => {
    template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      DeliveryStreamType: 'DirectPut',
      DeliveryStreamEncryptionConfigurationInput: { KeyType: 'CUSTOMER_MANAGED_CMK', KeyARN: { 'Fn::GetAtt': [keyId, 'Arn'] } },
      ExtendedS3DestinationConfiguration: Match.objectLike({
        BucketARN: { 'Fn::GetAtt': [bucketId, 'Arn'] },
        CompressionFormat: 'GZIP',
        BufferingHints: { IntervalInSeconds: 300, SizeInMBs: 5 },
        CloudWatchLoggingOptions: Match.objectLike({ Enabled: true }),
      }),
    });
  });

  test('the topic subscribes the stream over the firehose protocol, with a subscription DLQ', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'firehose', Endpoint: { 'Fn::GetAtt': [id(stack, archive.deliveryStream), 'Arn'] }, RedrivePolicy: Match.anyValue(),
    });
  });

  test('the delivery role does only the documented S3 calls on this bucket, the key through S3 and this log group', () => {
    const policies = template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [{ Ref: id(stack, archive.deliveryRole) }] } });
    const statements = Object.values<any>(policies)[0].Properties.PolicyDocument.Statement;
    expect(statements).toEqual([
      {
        Sid: 'WriteArchiveObjects',
        Effect: 'Allow',
        Action: ['s3:AbortMultipartUpload', 's3:GetBucketLocation', 's3:GetObject', 's3:ListBucket', 's3:ListBucketMultipartUploads', 's3:PutObject'],
        Resource: [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/*']] }],
      },
      {
        Sid: 'UseBucketKeyThroughS3',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: { 'Fn::GetAtt': [keyId, 'Arn'] },
        Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
      },
      { Sid: 'WriteDeliveryErrorLogs', Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: { 'Fn::GetAtt': [id(stack, archive.logGroup), 'Arn'] } },
    ]);
    // aws-cdk-lib's grantReadWrite (DeleteObject*, List*...) must not sneak in through an inline default policy.
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('only Firehose from this account may assume the delivery role', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({
          Principal: { Service: 'firehose.amazonaws.com' }, Condition: { StringEquals: { 'sts:ExternalId': '123456789012' } },
        })],
      },
    });
  });

  test('the stream waits for the role policy', () => {
    const stream = Object.values<any>(template.findResources('AWS::KinesisFirehose::DeliveryStream'))[0];
    expect(stream.DependsOn).toEqual(expect.arrayContaining([id(stack, archive.deliveryRole.node.findChild('GrantsPolicy'))]));
  });

  test('the delivery log group is KMS-encrypted and kept a year', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] }, RetentionInDays: 365 });
  });

  test('the archive bucket is KMS-encrypted, versioned, private and logged', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } } })] },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.anyValue(),
    });
  });
});

describe('FirehoseArchive options', () => {
  test('buffering, compression, prefixes, raw delivery and filter policy are passed through', () => {
    const stack = newStack();
    new FirehoseArchive(stack, 'A', {
      bufferingInterval: Duration.seconds(60),
      bufferingSize: Size.mebibytes(64),
      dataOutputPrefix: 'orders/',
      errorOutputPrefix: 'errors/',
      rawMessageDelivery: true,
      filterPolicy: { kind: sns.SubscriptionFilter.stringFilter({ allowlist: ['order'] }) },
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      ExtendedS3DestinationConfiguration: Match.objectLike({ BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 64 }, Prefix: 'orders/', ErrorOutputPrefix: 'errors/' }),
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'firehose', RawMessageDelivery: true, FilterPolicy: { kind: ['order'] } });
  });

  test('an OpenSearch domain: the L1 stream indexes and backs up every document to S3; the role may reach only that domain', () => {
    const stack = newStack();
    const domain = opensearch.Domain.fromDomainEndpoint(stack, 'D', 'https://search-orders-abc.us-east-1.es.amazonaws.com');
    new FirehoseArchive(stack, 'A', { openSearchDomain: domain, openSearchIndexName: 'orders' });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      DeliveryStreamEncryptionConfigurationInput: Match.objectLike({ KeyType: 'CUSTOMER_MANAGED_CMK' }),
      AmazonopensearchserviceDestinationConfiguration: Match.objectLike({
        IndexName: 'orders',
        IndexRotationPeriod: 'OneDay',
        S3BackupMode: 'AllDocuments',
        S3Configuration: Match.objectLike({ CompressionFormat: 'GZIP' }),
      }),
    });
    const policy = JSON.stringify(template.findResources('AWS::IAM::ManagedPolicy'));
    expect(policy).toContain('es:ESHttpPost');
    expect(policy).toContain('domain/search-orders/_cluster/stats');
    expect(nagErrors(stack)).toEqual([]);
  });

  test.each([
    [{ bufferingInterval: Duration.seconds(901) }, /bufferingInterval \("901 seconds"\); allowed: an integer from 0 to 900 seconds/],
    [{ bufferingSize: Size.mebibytes(129) }, /bufferingSize \("129 MiB"\); allowed: an integer from 1 to 128 MiB/],
    [{ dataOutputPrefix: 'x'.repeat(1025) }, /dataOutputPrefix \("1025 characters"\); allowed: at most 1024 characters/],
    [{ openSearchIndexName: 'orders' }, /openSearchIndexName \("orders"\); allowed: unset unless openSearchDomain is given/],
    [{ topicProps: { fifo: true } }, /topicProps\.fifo \("a FIFO topic"\); allowed: a standard topic: SNS FIFO topics deliver only to SQS queues/],
  ])('invalid props are rejected: %#', (props, message) => {
    expect(() => new FirehoseArchive(newStack(), 'A', props)).toThrow(message);
  });

  test('OpenSearch limits: buffer size and index name', () => {
    const stack = newStack();
    const domain = opensearch.Domain.fromDomainEndpoint(stack, 'D', 'https://search-orders-abc.us-east-1.es.amazonaws.com');
    expect(() => new FirehoseArchive(stack, 'A', { openSearchDomain: domain, bufferingSize: Size.mebibytes(101) }))
      .toThrow(/bufferingSize \(OpenSearch destination\) \("101 MiB"\); allowed: an integer from 1 to 100 MiB/);
    expect(() => new FirehoseArchive(stack, 'B', { openSearchDomain: domain, openSearchIndexName: 'Orders' }))
      .toThrow(/openSearchIndexName \("Orders"\); allowed: 1 to 80 lowercase letters/);
  });

  test('an existing FanoutTopic can be archived', () => {
    const stack = newStack();
    const fanout = new FanoutTopic(stack, 'T');
    const archive = new FirehoseArchive(stack, 'A', { fanoutTopic: fanout });
    expect(archive.fanout).toBe(fanout);
    expect(fanout.subscriptionDeadLetterQueue('A')).toBeDefined();
  });
});

describe.each(APP_VARIANTS)('FirehoseArchive with %s', (_name, makeApp) => {
  test('default props: zero cdk-nag errors and no warnings', () => {
    const stack = newStack(makeApp());
    new FirehoseArchive(stack, 'A');
    expect(nagErrors(stack)).toEqual([]);
    expect(synthWarnings(stack)).toEqual([]);
  });
});
