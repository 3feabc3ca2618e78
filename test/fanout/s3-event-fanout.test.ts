import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { FanoutTopic, S3EventFanout } from '../../src/fanout';
import { APP_VARIANTS, newStack, synthWarnings } from '../util/apps';
import { nagErrors } from '../util/nag';

describe('S3EventFanout defaults', () => {
  const stack = newStack();
  const fanout = new S3EventFanout(stack, 'Uploads');
  fanout.fanout.addQueue('Processing');
  const template = Template.fromStack(stack);
  const bucketId = stack.getLogicalId(fanout.bucket.node.defaultChild as any);
  const topicId = stack.getLogicalId(fanout.fanout.topic.node.defaultChild as any);

  test('object-created events of the bucket go to the topic', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: bucketId },
      NotificationConfiguration: { TopicConfigurations: [{ Events: ['s3:ObjectCreated:*'], TopicArn: { Ref: topicId } }] },
    });
  });

  test('the topic policy admits S3 only for this bucket (aws:SourceArn) and account (aws:SourceAccount)', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Sid: 'AllowS3EventsFromThisBucketOnly',
          Effect: 'Allow',
          Principal: { Service: 's3.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: { Ref: topicId },
          Condition: {
            ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [bucketId, 'Arn'] } },
            StringEquals: { 'aws:SourceAccount': '123456789012' },
          },
        }]),
      },
    });
  });

  test('the topic key lets S3 publish to the encrypted topic (whatever the feature flags)', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      Description: Match.stringLikeRegexp('SNS topic'),
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: 's3.amazonaws.com' }, Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        })]),
      },
    });
  });

  test('the created bucket is KMS-encrypted, versioned, private, TLS-only and logged', () => {
    const logsBucketId = stack.getLogicalId(fanout.accessLogsBucket!.node.defaultChild as any);
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) })],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: { Ref: logsBucketId } }),
    });
    expect(fanout.bucketKey).toBeDefined();
  });

  test('a standard topic', () => {
    expect(fanout.fanout.fifo).toBe(false);
    expect(fanout.topic).toBe(fanout.fanout.topic);
  });
});

describe('S3EventFanout options', () => {
  test('event types, prefix and suffix filters reach the notification', () => {
    const stack = newStack();
    new S3EventFanout(stack, 'F', { events: [s3.EventType.OBJECT_CREATED_PUT, s3.EventType.OBJECT_REMOVED], prefix: 'orders/', suffix: '.csv' });
    const filter = { Key: { FilterRules: [{ Name: 'suffix', Value: '.csv' }, { Name: 'prefix', Value: 'orders/' }] } };
    Template.fromStack(stack).hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        TopicConfigurations: [
          Match.objectLike({ Events: ['s3:ObjectCreated:Put'], Filter: filter }),
          Match.objectLike({ Events: ['s3:ObjectRemoved:*'], Filter: filter }),
        ],
      },
    });
  });

  test('an existing bucket is used as is', () => {
    const stack = newStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'B', 'existing-bucket');
    const fanout = new S3EventFanout(stack, 'F', { bucket });
    expect(fanout.bucket).toBe(bucket);
    expect(fanout.bucketKey).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::S3::Bucket', 0);
  });

  test.each([
    [{ topicProps: { fifo: true } }, /topicProps\.fifo \("a FIFO topic"\); allowed: a standard topic: S3 event notifications cannot be sent to SNS FIFO topics/],
    [{ events: [] }, /events \("\[\]"\); allowed: at least one s3.EventType/],
    [{ prefix: '' }, /prefix \(""\); allowed: 1 to 1024 characters/],
    [{ suffix: 'x'.repeat(1025) }, /suffix \("1025 characters"\); allowed: 1 to 1024 characters/],
  ])('invalid props are rejected: %#', (props, message) => {
    expect(() => new S3EventFanout(newStack(), 'F', props)).toThrow(message);
  });

  test('an existing FIFO fanout topic is rejected', () => {
    const stack = newStack();
    expect(() => new S3EventFanout(stack, 'F', { fanoutTopic: new FanoutTopic(stack, 'T', { fifo: true }) }))
      .toThrow(/fanoutTopic \("a FIFO topic"\); allowed: a standard topic/);
  });
});

describe.each(APP_VARIANTS)('S3EventFanout with %s', (_name, makeApp) => {
  test('default props: zero cdk-nag errors and no warnings', () => {
    const stack = newStack(makeApp());
    new S3EventFanout(stack, 'F').fanout.addQueue('Q');
    expect(nagErrors(stack)).toEqual([]);
    expect(synthWarnings(stack)).toEqual([]);
  });
});
