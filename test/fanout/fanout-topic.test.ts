import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { FanoutTopic } from '../../src/fanout';
import { StableSnapshot } from '../../src/testing';
import { APP_VARIANTS, CDK_INIT_CONTEXT, newStack, synthWarnings } from '../util/apps';
import { nagErrors } from '../util/nag';

function fn(stack: Stack): lambda.Function {
  return new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};') });
}

function logicalIdOf(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as any);
}

describe('FanoutTopic defaults', () => {
  const stack = newStack();
  const fanout = new FanoutTopic(stack, 'Orders');
  const processing = fanout.addQueue('Processing');
  fanout.addQueue('Fulfillment');
  const template = Template.fromStack(stack);

  test('the topic is encrypted with a new customer managed key with rotation', () => {
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, Description: Match.stringLikeRegexp('SNS topic') });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [logicalIdOf(stack, fanout.masterKey as kms.Key), 'Arn'] } });
  });

  test('a standard topic: no FifoTopic property', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { FifoTopic: Match.absent() });
    expect(fanout.fifo).toBe(false);
  });

  test('the topic policy denies every request without TLS', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        })]),
      },
    });
  });

  test('each queue is a ResilientQueue subscribed over SQS with its own subscription DLQ of the topic type', () => {
    const subs = template.findResources('AWS::SNS::Subscription', { Properties: { Protocol: 'sqs' } });
    expect(Object.keys(subs)).toHaveLength(2);
    for (const sub of Object.values<any>(subs)) {
      expect(sub.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0]).toMatch(/SubscriptionDlq/);
    }
    const dlq = fanout.subscriptionDeadLetterQueue('Processing');
    template.hasResourceProperties('AWS::SQS::Queue', Match.objectLike({
      MessageRetentionPeriod: 1_209_600,
      SqsManagedSseEnabled: true,
      FifoQueue: Match.absent(),
      RedriveAllowPolicy: { redrivePermission: 'denyAll' },
    }));
    expect(dlq.fifo).toBe(false);
    // The subscribed queue keeps the ResilientQueue defaults (long polling, its own DLQ).
    expect(processing.queue.fifo).toBe(false);
    template.hasResourceProperties('AWS::SQS::Queue', { ReceiveMessageWaitTimeSeconds: 20, RedrivePolicy: Match.anyValue() });
  });

  test('the subscribed queue policy admits sqs:SendMessage only from this topic (ArnEquals aws:SourceArn)', () => {
    const queueId = logicalIdOf(stack, processing.queue);
    const policies = template.findResources('AWS::SQS::QueuePolicy');
    const policy = Object.values<any>(policies).find(p => p.Properties.Queues.some((q: any) => q.Ref === queueId));
    const allow = policy.Properties.PolicyDocument.Statement.filter((s: any) => s.Effect === 'Allow');
    expect(allow).toEqual([expect.objectContaining({
      Action: 'sqs:SendMessage',
      Principal: { Service: 'sns.amazonaws.com' },
      Condition: { ArnEquals: { 'aws:SourceArn': { Ref: logicalIdOf(stack, fanout.topic) } } },
    })]);
  });

  test('the subscription DLQ policy admits SNS only from this topic', () => {
    const dlqId = logicalIdOf(stack, fanout.subscriptionDeadLetterQueue('Fulfillment'));
    const policies = template.findResources('AWS::SQS::QueuePolicy');
    const policy = Object.values<any>(policies).find(p => p.Properties.Queues.some((q: any) => q.Ref === dlqId));
    expect(policy.Properties.PolicyDocument.Statement).toEqual(expect.arrayContaining([expect.objectContaining({
      Effect: 'Allow', Action: 'sqs:SendMessage', Condition: { ArnEquals: { 'aws:SourceArn': { Ref: logicalIdOf(stack, fanout.topic) } } },
    })]));
  });

  test('each subscription DLQ has an alarm on one visible message', () => {
    template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('SNS could not deliver'), Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    }, 2);
  });

  test('no payload bucket unless asked for', () => {
    expect(fanout.payloadBucket).toBeUndefined();
    template.resourceCountIs('AWS::S3::Bucket', 0);
  });

  test('snapshot', () => {
    expect(StableSnapshot.of(stack)).toMatchSnapshot();
  });
});

describe('FanoutTopic FIFO rules', () => {
  test('a FIFO topic gets .fifo appended, content-based dedup, FIFO queues and FIFO subscription DLQs', () => {
    const stack = newStack();
    const fanout = new FanoutTopic(stack, 'T', { fifo: true, topicName: 'orders', contentBasedDeduplication: true });
    const queue = fanout.addQueue('Q');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SNS::Topic', { FifoTopic: true, TopicName: 'orders.fifo', ContentBasedDeduplication: true });
    expect(queue.fifo).toBe(true);
    expect(fanout.subscriptionDeadLetterQueue('Q').fifo).toBe(true);
    template.resourcePropertiesCountIs('AWS::SQS::Queue', { FifoQueue: true }, 3);
  });

  test('a FIFO topic may deliver to a standard queue; its subscription DLQ stays FIFO (the topic type)', () => {
    const stack = newStack();
    const fanout = new FanoutTopic(stack, 'T', { fifo: true });
    const queue = fanout.addQueue('Standard', { queueProps: { fifo: false } });
    expect(queue.fifo).toBe(false);
    expect(fanout.subscriptionDeadLetterQueue('Standard').fifo).toBe(true);
  });

  test('a standard topic rejects a FIFO queue', () => {
    const fanout = new FanoutTopic(newStack(), 'T');
    expect(() => fanout.addQueue('Q', { queueProps: { fifo: true } }))
      .toThrow(/addQueue\("Q"\)\.queueProps\.fifo \(true\); allowed: false on a standard topic: a standard SNS topic cannot deliver to an SQS FIFO queue/);
  });

  test.each([
    ['addLambda', (f: FanoutTopic, s: Stack) => f.addLambda('L', fn(s)), /addLambda\("L"\) \("protocol lambda on a FIFO topic"\); allowed: SQS queues only/],
    ['addEmail', (f: FanoutTopic) => f.addEmail('a@example.com'), /protocol email on a FIFO topic/],
    ['addHttps', (f: FanoutTopic) => f.addHttps('https://example.com'), /protocol https on a FIFO topic/],
    ['addFirehose', (f: FanoutTopic, s: Stack) => f.addFirehose('F', firehose.DeliveryStream.fromDeliveryStreamName(s, 'D', 'd')), /protocol firehose on a FIFO topic/],
  ])('a FIFO topic rejects %s', (_name, add, message) => {
    const stack = newStack();
    const fanout = new FanoutTopic(stack, 'T', { fifo: true });
    expect(() => add(fanout, stack)).toThrow(message);
  });

  test('contentBasedDeduplication needs fifo', () => {
    expect(() => new FanoutTopic(newStack(), 'T', { contentBasedDeduplication: true })).toThrow(/contentBasedDeduplication \(true\); allowed: true only with fifo: true/);
  });

  test('a .fifo name needs fifo', () => {
    expect(() => new FanoutTopic(newStack(), 'T', { topicName: 'x.fifo' })).toThrow(/topicName \("x.fifo"\); allowed: a name ending in .fifo only with fifo: true/);
  });

  test('topic names are validated', () => {
    expect(() => new FanoutTopic(newStack(), 'T', { topicName: 'bad name' })).toThrow(/topicName \("bad name"\); allowed: 1 to 256 characters/);
    expect(() => new FanoutTopic(newStack(), 'T', { topicName: 'a'.repeat(257) })).toThrow(/topicName .*1 to 256 characters/);
  });
});

describe('FanoutTopic queue options', () => {
  test('rawMessageDelivery and the queue props reach the subscription and the queue', () => {
    const stack = newStack();
    new FanoutTopic(stack, 'T').addQueue('Q', { rawMessageDelivery: true, queueProps: { visibilityTimeout: Duration.minutes(2) } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'sqs', RawMessageDelivery: true });
    template.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 120 });
  });

  test('the alarm topic wires the subscription DLQ alarm and becomes the queue default', () => {
    const stack = newStack();
    const alarms = new sns.Topic(stack, 'Alarms');
    new FanoutTopic(stack, 'T', { alarmTopic: alarms }).addQueue('Q');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('SNS could not deliver'), AlarmActions: [{ Ref: stack.getLogicalId(alarms.node.defaultChild as any) }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('dead-letter queue: inspect'), AlarmActions: [{ Ref: stack.getLogicalId(alarms.node.defaultChild as any) }],
    });
  });

  test('KMS_MANAGED queue encryption is rejected with the reason', () => {
    const fanout = new FanoutTopic(newStack(), 'T');
    expect(() => fanout.addQueue('Q', { queueProps: { encryption: sqs.QueueEncryption.KMS_MANAGED } }))
      .toThrow(/queueProps\.encryption \("KMS_MANAGED"\); allowed: SQS_MANAGED or KMS with a customer managed key/);
  });

  test('the topic key as the queue key is rejected (the dependency-cycle trap)', () => {
    const fanout = new FanoutTopic(newStack(), 'T');
    expect(() => fanout.addQueue('Q', { queueProps: { encryptionMasterKey: fanout.masterKey } }))
      .toThrow(/queueProps\.encryptionMasterKey .*a different key: .*dependency cycle/);
  });

  test('a queue with its own KMS key gets a key policy admitting SNS from this topic, and synthesizes under cdk init flags', () => {
    const app = new App({ context: CDK_INIT_CONTEXT });
    const stack = newStack(app);
    const fanout = new FanoutTopic(stack, 'T');
    const key = new kms.Key(stack, 'QueueKey', { enableKeyRotation: true });
    fanout.addQueue('Q', { queueProps: { encryptionMasterKey: key } });
    Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: 'sns.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        })]),
      },
    });
    expect(() => app.synth()).not.toThrow();
  });
});

describe('SNS -> SQS fanout under the cdk init feature flags (the AWS Solutions Constructs trap)', () => {
  test('synthesizes without a dependency cycle and without warnings', () => {
    const app = new App({ context: CDK_INIT_CONTEXT });
    const stack = newStack(app);
    const fanout = new FanoutTopic(stack, 'T');
    fanout.addQueue('A');
    fanout.addQueue('B');
    expect(() => app.synth()).not.toThrow();
    expect(synthWarnings(stack)).toEqual([]);
    // The topic key is not shared with the queues: they use SQS-managed encryption.
    Template.fromStack(stack).resourcePropertiesCountIs('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() }, 0);
  });
});

describe('FanoutTopic other subscribers', () => {
  test('addLambda: lambda protocol, a permission for this topic only, a subscription DLQ', () => {
    const stack = newStack();
    const fanout = new FanoutTopic(stack, 'T');
    fanout.addLambda('Worker', fn(stack), { filterPolicy: { kind: sns.SubscriptionFilter.stringFilter({ allowlist: ['a'] }) } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda', FilterPolicy: { kind: ['a'] }, RedrivePolicy: { deadLetterTargetArn: Match.anyValue() },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'sns.amazonaws.com', SourceArn: { Ref: logicalIdOf(stack, fanout.topic) } });
    expect(fanout.subscriptionDeadLetterQueue('Worker')).toBeDefined();
  });

  test('addFirehose: firehose protocol with a subscription role limited to the stream', () => {
    const stack = newStack();
    const fanout = new FanoutTopic(stack, 'T');
    const stream = firehose.DeliveryStream.fromDeliveryStreamArn(stack, 'S', 'arn:aws:firehose:us-east-1:123456789012:deliverystream/archive');
    fanout.addFirehose('Archive', stream);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'firehose', SubscriptionRoleArn: Match.anyValue(), RedrivePolicy: Match.anyValue() });
    template.hasResourceProperties('AWS::IAM::Role', { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'sns.amazonaws.com' } })] } });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: ['firehose:DescribeDeliveryStream', 'firehose:ListDeliveryStreams', 'firehose:ListTagsForDeliveryStream', 'firehose:PutRecord', 'firehose:PutRecordBatch'],
          Resource: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/archive',
        }],
      },
    });
  });

  test('addEmail and addHttps subscribe with DLQs; email-json and raw delivery options', () => {
    const stack = newStack();
    const fanout = new FanoutTopic(stack, 'T');
    fanout.addEmail('ops@example.com');
    fanout.addEmail('audit@example.com', { json: true });
    fanout.addHttps('https://hooks.example.com/sns', { rawMessageDelivery: true });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com', RedrivePolicy: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email-json', Endpoint: 'audit@example.com' });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'https', Endpoint: 'https://hooks.example.com/sns', RawMessageDelivery: true });
    expect(fanout.subscriptionDeadLetterQueue('Email2')).toBeDefined();
    expect(fanout.subscriptionDeadLetterQueue('Https1')).toBeDefined();
  });

  test.each([
    ['http://example.com/hook'],
    ['example.com/hook'],
    ['https://'],
  ])('addHttps rejects %s', (url) => {
    const fanout = new FanoutTopic(newStack(), 'T');
    expect(() => fanout.addHttps(url)).toThrow(/addHttps url .*allowed: an absolute https:\/\/ URL/);
  });

  test('addEmail rejects a malformed address', () => {
    expect(() => new FanoutTopic(newStack(), 'T').addEmail('not-an-address')).toThrow(/addEmail address \("not-an-address"\); allowed: an email address/);
  });

  test('an unknown subscription id names the known ones', () => {
    const fanout = new FanoutTopic(newStack(), 'T');
    fanout.addQueue('Q');
    expect(() => fanout.subscriptionDeadLetterQueue('X')).toThrow(/no subscription "X" \(known: Q\)/);
  });

  test('the subscription DLQ retention is validated', () => {
    expect(() => new FanoutTopic(newStack(), 'T').addQueue('Q', { deadLetterQueueRetentionPeriod: Duration.days(15) }))
      .toThrow(/addQueue\("Q"\)\.deadLetterQueueRetentionPeriod \(\"15 days = 1296000 seconds\"\); allowed: 1 minute to 14 days/);
  });
});

describe('FanoutTopic filter policies', () => {
  test('filter policies reach the subscription (attribute and body scope)', () => {
    const stack = newStack();
    const fanout = new FanoutTopic(stack, 'T');
    fanout.addQueue('A', { filterPolicy: { color: sns.SubscriptionFilter.stringFilter({ allowlist: ['red', 'blue'] }) } });
    fanout.addQueue('B', { filterPolicyWithMessageBody: { order: sns.FilterOrPolicy.policy({ status: sns.FilterOrPolicy.filter(sns.SubscriptionFilter.stringFilter({ allowlist: ['paid'] })) }) } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SNS::Subscription', { FilterPolicy: { color: ['red', 'blue'] } });
    template.hasResourceProperties('AWS::SNS::Subscription', { FilterPolicyScope: 'MessageBody', FilterPolicy: { order: { status: ['paid'] } } });
  });

  test('both scopes at once are rejected', () => {
    const f = sns.SubscriptionFilter.stringFilter({ allowlist: ['a'] });
    expect(() => new FanoutTopic(newStack(), 'T').addQueue('Q', { filterPolicy: { a: f }, filterPolicyWithMessageBody: { a: sns.FilterOrPolicy.filter(f) } }))
      .toThrow(/filterPolicyWithMessageBody .*allowed: one filter policy scope per subscription/);
  });

  test('more than 5 keys is rejected before any resource is created', () => {
    const stack = newStack();
    const policy: Record<string, sns.SubscriptionFilter> = {};
    for (const k of ['a', 'b', 'c', 'd', 'e', 'f']) policy[k] = sns.SubscriptionFilter.existsFilter();
    expect(() => new FanoutTopic(stack, 'T').addQueue('Q', { filterPolicy: policy }))
      .toThrow(/addQueue\("Q"\)\.filterPolicy \("6 keys: a, b, c, d, e, f"\); allowed: at most 5 keys per filter policy/);
    expect(Template.fromStack(stack).findResources('AWS::SQS::Queue')).toEqual({});
  });
});

describe('FanoutTopic large payloads', () => {
  const stack = newStack();
  const fanout = new FanoutTopic(stack, 'T', { largePayloads: true });
  const producer = new iam.Role(stack, 'Producer', { assumedBy: new iam.AccountRootPrincipal() });
  const consumer = new iam.Role(stack, 'Consumer', { assumedBy: new iam.AccountRootPrincipal() });
  fanout.grantPublish(producer);
  fanout.grantPayloadRead(consumer);
  const template = Template.fromStack(stack);
  const bucketId = logicalIdOf(stack, fanout.payloadBucket as s3.Bucket);

  test('the payload bucket is KMS-encrypted with the topic key, versioned, private, logged and expires objects after 14 days', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [Match.objectLike({
          ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [logicalIdOf(stack, fanout.masterKey as kms.Key), 'Arn'] } },
        })],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 14, Status: 'Enabled' })] },
    });
  });

  test('the payload bucket denies requests without TLS', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  test('grantPublish gives sns:Publish, the topic key and s3:PutObject on the payload bucket', () => {
    const policy = JSON.stringify(Object.values<any>(template.findResources('AWS::IAM::Policy')).find(p => p.Properties.Roles[0].Ref === logicalIdOf(stack, producer)));
    expect(policy).toContain('sns:Publish');
    expect(policy).toContain('kms:GenerateDataKey*');
    expect(policy).toContain('s3:PutObject');
    expect(policy).not.toContain('s3:DeleteObject');
  });

  test('grantPayloadRead gives s3:GetObject* but no delete (payloads are shared by the fanout)', () => {
    const policy = JSON.stringify(Object.values<any>(template.findResources('AWS::IAM::Policy')).find(p => p.Properties.Roles[0].Ref === logicalIdOf(stack, consumer)));
    expect(policy).toContain('s3:GetObject*');
    expect(policy).toContain('kms:Decrypt');
    expect(policy).not.toContain('Delete');
  });

  test('grantPayloadRead without a payload bucket fails', () => {
    const s = newStack();
    expect(() => new FanoutTopic(s, 'T').grantPayloadRead(new iam.AccountRootPrincipal())).toThrow(/grantPayloadRead needs a payload bucket/);
  });

  test('largePayloadExpiration is validated', () => {
    expect(() => new FanoutTopic(newStack(), 'T', { largePayloads: true, largePayloadExpiration: Duration.days(400) }))
      .toThrow(/largePayloadExpiration .*allowed: 1 to 365 days/);
    expect(() => new FanoutTopic(newStack(), 'T', { largePayloads: true, largePayloadExpiration: Duration.hours(36) }))
      .toThrow(/largePayloadExpiration \(1 day 12 hours\); allowed: whole days/);
    expect(() => new FanoutTopic(newStack(), 'T', { largePayloadExpiration: Duration.days(2) }))
      .toThrow(/largePayloadExpiration .*allowed: unset unless largePayloads is true/);
  });

  test('an existing bucket can be used', () => {
    const s = newStack();
    const bucket = s3.Bucket.fromBucketName(s, 'B', 'my-payloads');
    const f = new FanoutTopic(s, 'T', { largePayloadBucket: bucket });
    expect(f.payloadBucket).toBe(bucket);
    expect(Template.fromStack(s).findResources('AWS::S3::Bucket')).toEqual({});
  });
});

describe('FanoutTopic cross-account publishing', () => {
  test('allowPublishFrom adds a topic statement for the account and a key statement via SNS only', () => {
    const stack = newStack();
    const fanout = new FanoutTopic(stack, 'T');
    fanout.allowPublishFrom('210987654321');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Sid: 'CrossAccountPublish210987654321',
          Effect: 'Allow',
          Action: 'sns:Publish',
          Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::210987654321:root']] } },
        })]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: ['kms:GenerateDataKey*', 'kms:Decrypt'], Condition: { StringEquals: { 'kms:ViaService': 'sns.us-east-1.amazonaws.com' } },
        })]),
      },
    });
  });

  test.each([['12345'], ['1234567890123'], ['12345678901a']])('allowPublishFrom rejects account id %s', (id) => {
    expect(() => new FanoutTopic(newStack(), 'T').allowPublishFrom(id)).toThrow(/allowPublishFrom accountId .*allowed: an AWS account id of exactly 12 digits/);
  });

  test('an imported key cannot be opened to another account: a clear error', () => {
    const stack = newStack();
    const key = kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:us-east-1:123456789012:key/abc');
    expect(() => new FanoutTopic(stack, 'T', { masterKey: key }).allowPublishFrom('210987654321')).toThrow(/cannot change the policy of an imported masterKey/);
  });
});

describe.each(APP_VARIANTS)('FanoutTopic with %s', (_name, makeApp) => {
  test('default props: zero cdk-nag errors in all four packs and no warnings', () => {
    const stack = newStack(makeApp());
    const fanout = new FanoutTopic(stack, 'T');
    fanout.addQueue('Q');
    expect(nagErrors(stack)).toEqual([]);
    expect(synthWarnings(stack)).toEqual([]);
  });

  test('every subscriber kind and large payloads: zero cdk-nag errors and no warnings', () => {
    const stack = newStack(makeApp());
    const fanout = new FanoutTopic(stack, 'T', { largePayloads: true });
    fanout.addQueue('Q');
    fanout.addEmail('ops@example.com');
    fanout.addHttps('https://example.com/hook');
    fanout.addFirehose('F', firehose.DeliveryStream.fromDeliveryStreamArn(stack, 'S', 'arn:aws:firehose:us-east-1:123456789012:deliverystream/x'));
    expect(nagErrors(stack)).toEqual([]);
    expect(synthWarnings(stack)).toEqual([]);
  });

  test('FIFO topic: zero cdk-nag errors and no warnings', () => {
    const stack = newStack(makeApp());
    new FanoutTopic(stack, 'T', { fifo: true }).addQueue('Q');
    expect(nagErrors(stack)).toEqual([]);
    expect(synthWarnings(stack)).toEqual([]);
  });
});
