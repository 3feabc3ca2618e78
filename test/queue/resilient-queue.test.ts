import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ResilientQueue, ResilientQueueProps } from '../../src/queue';
import { APP_VARIANTS, newStack, synthWarnings } from '../util/apps';
import { nagErrors, nagFindings } from '../util/nag';

function build(props?: ResilientQueueProps): { stack: Stack; rq: ResilientQueue; template: Template } {
  const stack = newStack();
  const rq = new ResilientQueue(stack, 'Orders', props);
  return { stack, rq, template: Template.fromStack(stack) };
}

/** The logical id of the resource built by construct `c` (its default child). */
function logicalId(stack: Stack, c: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(c.node.defaultChild as any);
}

/** Every cdk-nag acknowledgement recorded under a scope, as "path: rule id". */
function acknowledgements(stack: Stack): string[] {
  return stack.node.findAll().flatMap(c => c.node.metadata
    .filter(m => m.type === 'aws:cdk:acknowledged-rules')
    .flatMap(m => Object.keys(m.data as object).map(key => `${c.node.path}: ${key.replace(/^Annotation::/, '')}`)));
}

/** The ARN of a queue of the test stack's account and region, as CloudFormation builds it. */
function sqsArn(queueName: string): unknown {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:sqs:us-east-1:123456789012:${queueName}`]] };
}

describe('ResilientQueue defaults', () => {
  test('source queue: long polling 20 s, 4-day retention, SQS-managed encryption, redrive to the DLQ after 5 receives', () => {
    const { stack, rq, template } = build();
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: Match.stringLikeRegexp('^TestStack-Orders-[0-9A-F]{8}$'),
      ReceiveMessageWaitTimeSeconds: 20,
      MessageRetentionPeriod: 345600,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(stack, rq.deadLetterQueue as sqs.Queue), 'Arn'] }, maxReceiveCount: 5 },
    });
    expect(rq.maxReceiveCount).toBe(5);
    expect(rq.fifo).toBe(false);
  });

  test('source queue leaves visibility timeout, delay and message size to the SQS defaults (30 s, 0, 1 MiB)', () => {
    const { stack, rq, template } = build();
    const props = template.toJSON().Resources[logicalId(stack, rq.queue)].Properties;
    expect(props.VisibilityTimeout).toBeUndefined();
    expect(props.DelaySeconds).toBeUndefined();
    expect(props.MaximumMessageSize).toBeUndefined();
    expect(props.FifoQueue).toBeUndefined();
  });

  test('creates exactly two queues: the source and a standard DLQ named <name>-dlq with 14-day retention', () => {
    const { stack, rq, template } = build();
    template.resourceCountIs('AWS::SQS::Queue', 2);
    const dlq = template.toJSON().Resources[logicalId(stack, rq.deadLetterQueue as sqs.Queue)].Properties;
    const source = template.toJSON().Resources[logicalId(stack, rq.queue)].Properties;
    expect(dlq.QueueName).toBe(`${source.QueueName}-dlq`);
    expect(dlq.MessageRetentionPeriod).toBe(1209600);
    expect(dlq.ReceiveMessageWaitTimeSeconds).toBe(20);
    expect(dlq.SqsManagedSseEnabled).toBe(true);
    expect(dlq.FifoQueue).toBeUndefined();
    expect(dlq.RedrivePolicy).toBeUndefined();
  });

  test('the DLQ redrive-allow policy admits only the source queue, by an ARN built from its name (no dependency cycle)', () => {
    const { stack, rq, template } = build();
    const sourceName = template.toJSON().Resources[logicalId(stack, rq.queue)].Properties.QueueName;
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedriveAllowPolicy: {
        redrivePermission: 'byQueue',
        sourceQueueArns: [sqsArn(sourceName)],
      },
    });
  });

  test('both queues deny any request that is not over TLS', () => {
    const { stack, rq, template } = build();
    for (const q of [rq.queue, rq.deadLetterQueue as sqs.Queue]) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: logicalId(stack, q) }],
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          })]),
        },
      });
    }
  });

  test('DLQ depth alarm: visible messages of the DLQ >= 1, maximum over one 1-minute period, missing data not breaching, no actions', () => {
    const { stack, rq, template } = build();
    template.resourceCountIs('AWS::CloudWatch::Alarm', 1);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(stack, rq.deadLetterQueue as sqs.Queue), 'QueueName'] } }],
      Statistic: 'Maximum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: Match.absent(),
      OKActions: Match.absent(),
    });
    expect(rq.dlqDepthAlarm).toBeDefined();
    expect(rq.messageAgeAlarm).toBeUndefined();
  });

  test('acknowledges only "DLQ has no DLQ" on the DLQ and "alarm has no action" on the alarm while no alarmTopic is given', () => {
    const { stack } = build();
    expect(acknowledgements(stack)).toEqual([
      'TestStack/Orders/DeadLetterQueue: AwsSolutions-SQS3',
      'TestStack/Orders/DeadLetterQueueDepthAlarm: NIST.800.53.R5-CloudWatchAlarmAction',
      'TestStack/Orders/DeadLetterQueueDepthAlarm: HIPAA.Security-CloudWatchAlarmAction',
    ]);
  });

  test('with an alarmTopic the alarms need no acknowledgement', () => {
    const stack = newStack();
    const topic = sns.Topic.fromTopicArn(stack, 'Alarms', 'arn:aws:sns:us-east-1:123456789012:alarms');
    new ResilientQueue(stack, 'Orders', { alarmTopic: topic, maxMessageAge: Duration.hours(1) });
    expect(acknowledgements(stack)).toEqual(['TestStack/Orders/DeadLetterQueue: AwsSolutions-SQS3']);
    expect(nagFindings(stack)).toEqual([]);
  });

  test('queues are destroyed with the stack by default (aws-cdk-lib default for queues)', () => {
    const { template } = build();
    template.allResources('AWS::SQS::Queue', { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
  });

  test.each(APP_VARIANTS)('default props: no cdk-nag errors in any of the four packs, no warnings (%s)', (_name, newApp) => {
    const stack = newStack(newApp());
    new ResilientQueue(stack, 'Orders');
    expect(nagErrors(stack)).toEqual([]);
    expect(nagFindings(stack)).toEqual([]);
    expect(synthWarnings(stack)).toEqual([]);
  });
});

describe('ResilientQueue FIFO', () => {
  test('a FIFO source gets a FIFO DLQ named <name>-dlq.fifo with content-based deduplication mirrored', () => {
    const { stack, rq, template } = build({ fifo: true, queueName: 'orders', contentBasedDeduplication: true });
    expect(rq.fifo).toBe(true);
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'orders.fifo', FifoQueue: true, ContentBasedDeduplication: true });
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'orders-dlq.fifo',
      FifoQueue: true,
      ContentBasedDeduplication: true,
      RedriveAllowPolicy: { redrivePermission: 'byQueue', sourceQueueArns: [sqsArn('orders.fifo')] },
    });
    expect((rq.deadLetterQueue as sqs.Queue).fifo).toBe(true);
    expect(logicalId(stack, rq.queue)).not.toEqual(logicalId(stack, rq.deadLetterQueue as sqs.Queue));
  });

  test('a name that already ends in .fifo is not suffixed twice', () => {
    const { template } = build({ fifo: true, queueName: 'orders.fifo' });
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'orders.fifo' });
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'orders-dlq.fifo' });
  });

  test('a FIFO queue without a name gets generated .fifo names for source and DLQ', () => {
    const { template } = build({ fifo: true });
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: Match.stringLikeRegexp('^TestStack-Orders-[0-9A-F]{8}\\.fifo$'), FifoQueue: true });
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: Match.stringLikeRegexp('^TestStack-Orders-[0-9A-F]{8}-dlq\\.fifo$'), FifoQueue: true });
  });

  test('high-throughput settings are mirrored on the DLQ', () => {
    const { template } = build({
      fifo: true,
      deduplicationScope: sqs.DeduplicationScope.MESSAGE_GROUP,
      fifoThroughputLimit: sqs.FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
    });
    template.allResourcesProperties('AWS::SQS::Queue', { DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' });
  });

  test.each(APP_VARIANTS)('FIFO: no cdk-nag findings and no warnings (%s)', (_name, newApp) => {
    const stack = newStack(newApp());
    new ResilientQueue(stack, 'Orders', { fifo: true, contentBasedDeduplication: true });
    expect(nagFindings(stack)).toEqual([]);
    expect(synthWarnings(stack)).toEqual([]);
  });
});

describe('ResilientQueue options', () => {
  test('passes the queue settings through', () => {
    const { template } = build({
      retentionPeriod: Duration.days(2),
      deliveryDelay: Duration.minutes(1),
      visibilityTimeout: Duration.minutes(3),
      receiveMessageWaitTime: Duration.seconds(5),
      maxMessageSizeBytes: 2048,
      maxReceiveCount: 9,
      deadLetterQueueRetentionPeriod: Duration.days(10),
      queueName: 'jobs',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    template.hasResource('AWS::SQS::Queue', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        QueueName: 'jobs',
        MessageRetentionPeriod: 172800,
        DelaySeconds: 60,
        VisibilityTimeout: 180,
        ReceiveMessageWaitTimeSeconds: 5,
        MaximumMessageSize: 2048,
        RedrivePolicy: Match.objectLike({ maxReceiveCount: 9 }),
      }),
    });
    template.hasResource('AWS::SQS::Queue', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ QueueName: 'jobs-dlq', MessageRetentionPeriod: 864000, MaximumMessageSize: 2048 }),
    });
  });

  test('KMS without a key creates one rotating key that encrypts both queues', () => {
    const { template } = build({ encryption: sqs.QueueEncryption.KMS, dataKeyReuse: Duration.hours(1) });
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const keyId = Object.keys(template.findResources('AWS::KMS::Key'))[0];
    template.allResourcesProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      KmsDataKeyReusePeriodSeconds: 3600,
    });
  });

  test('a given key implies KMS encryption and is used by both queues', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'MyKey', { enableKeyRotation: true });
    new ResilientQueue(stack, 'Orders', { encryptionMasterKey: key });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.allResourcesProperties('AWS::SQS::Queue', { KmsMasterKeyId: { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] } });
  });

  test('KMS_MANAGED uses alias/aws/sqs on both queues', () => {
    const { template } = build({ encryption: sqs.QueueEncryption.KMS_MANAGED });
    template.allResourcesProperties('AWS::SQS::Queue', { KmsMasterKeyId: 'alias/aws/sqs' });
  });

  test.each(APP_VARIANTS)('KMS with the created key: no cdk-nag findings and no warnings (%s)', (_name, newApp) => {
    const stack = newStack(newApp());
    new ResilientQueue(stack, 'Orders', { encryption: sqs.QueueEncryption.KMS });
    expect(nagFindings(stack)).toEqual([]);
    expect(synthWarnings(stack)).toEqual([]);
  });

  test('deadLetterQueueEnabled: false creates one queue, no redrive policy, no DLQ alarm, and keeps a generated name', () => {
    const { rq, template } = build({ deadLetterQueueEnabled: false });
    template.resourceCountIs('AWS::SQS::Queue', 1);
    template.hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: Match.absent(), QueueName: Match.absent() });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    expect(rq.deadLetterQueue).toBeUndefined();
    expect(rq.dlqDepthAlarm).toBeUndefined();
    expect(rq.maxReceiveCount).toBe(0);
  });

  test('a supplied DLQ of the same type is used as is', () => {
    const stack = newStack();
    const dlq = new sqs.Queue(stack, 'SharedDlq', { enforceSSL: true });
    const rq = new ResilientQueue(stack, 'Orders', { deadLetterQueue: dlq });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [stack.getLogicalId(dlq.node.defaultChild as sqs.CfnQueue), 'Arn'] }, maxReceiveCount: 5 },
      QueueName: Match.absent(),
    });
    expect(rq.deadLetterQueue).toBe(dlq);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [stack.getLogicalId(dlq.node.defaultChild as sqs.CfnQueue), 'QueueName'] } }],
    });
  });

  test('an imported FIFO DLQ is accepted for a FIFO source', () => {
    const stack = newStack();
    const dlq = sqs.Queue.fromQueueArn(stack, 'Dlq', 'arn:aws:sqs:us-east-1:123456789012:shared-dlq.fifo');
    new ResilientQueue(stack, 'Orders', { fifo: true, deadLetterQueue: dlq });
    Template.fromStack(stack).hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:shared-dlq.fifo', maxReceiveCount: 5 },
    });
  });

  test('dlqAlarmEnabled: false leaves out the DLQ alarm', () => {
    const { rq, template } = build({ dlqAlarmEnabled: false });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    expect(rq.dlqDepthAlarm).toBeUndefined();
  });

  test('maxMessageAge adds an age-of-oldest-message alarm on the source queue', () => {
    const { stack, rq, template } = build({ maxMessageAge: Duration.minutes(15) });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(stack, rq.queue), 'QueueName'] } }],
      Statistic: 'Maximum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 900,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(rq.messageAgeAlarm).toBeDefined();
  });

  test('alarmTopic receives the ALARM and OK actions of both alarms', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Alarms');
    new ResilientQueue(stack, 'Orders', { alarmTopic: topic, maxMessageAge: Duration.hours(1) });
    const template = Template.fromStack(stack);
    const topicRef = { Ref: stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic) };
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    template.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: [topicRef], OKActions: [topicRef] });
  });
});

describe('ResilientQueue grants and metrics', () => {
  function roleStatements(stack: Stack, role: iam.Role): any[] {
    const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: stack.getLogicalId(role.node.defaultChild as iam.CfnRole) }] },
    });
    return Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
  }

  test('grantRedrive: move-task, receive, delete and get-attributes on the DLQ, send on the source', () => {
    const stack = newStack();
    const rq = new ResilientQueue(stack, 'Orders');
    const role = new iam.Role(stack, 'Operator', { assumedBy: new iam.AccountRootPrincipal() });
    rq.grantRedrive(role);
    const dlqArn = { 'Fn::GetAtt': [logicalId(stack, rq.deadLetterQueue as sqs.Queue), 'Arn'] };
    const sourceArn = { 'Fn::GetAtt': [logicalId(stack, rq.queue), 'Arn'] };
    const statements = roleStatements(stack, role).map(st => ({ ...st, Action: [st.Action].flat().sort() }));
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['sqs:CancelMessageMoveTask', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ListMessageMoveTasks',
          'sqs:ReceiveMessage', 'sqs:StartMessageMoveTask'],
        Resource: dlqArn,
      },
      { Effect: 'Allow', Action: ['sqs:GetQueueAttributes', 'sqs:SendMessage'], Resource: sourceArn },
    ]);
  });

  test('grantRedrive with a customer managed key adds kms:Decrypt and kms:GenerateDataKey on that key', () => {
    const stack = newStack();
    const rq = new ResilientQueue(stack, 'Orders', { encryption: sqs.QueueEncryption.KMS });
    const role = new iam.Role(stack, 'Operator', { assumedBy: new iam.AccountRootPrincipal() });
    rq.grantRedrive(role);
    const keyArn = { 'Fn::GetAtt': [logicalId(stack, rq.queue.encryptionMasterKey as kms.Key), 'Arn'] };
    const kmsStatements = roleStatements(stack, role).filter(s => JSON.stringify(s.Action).includes('kms:'));
    const kmsActions = new Set(kmsStatements.flatMap(s => [s.Action].flat()));
    expect([...kmsActions].sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    for (const s of kmsStatements) expect(s.Resource).toEqual(keyArn);
  });

  test('grantRedrive without a DLQ is an error', () => {
    const stack = newStack();
    const rq = new ResilientQueue(stack, 'Orders', { deadLetterQueueEnabled: false });
    const role = new iam.Role(stack, 'Operator', { assumedBy: new iam.AccountRootPrincipal() });
    expect(() => rq.grantRedrive(role)).toThrow(/grantRedrive needs a dead-letter queue, but deadLetterQueueEnabled is false/);
  });

  test('grantSendMessages and grantConsumeMessages delegate to the source queue', () => {
    const stack = newStack();
    const rq = new ResilientQueue(stack, 'Orders');
    const producer = new iam.Role(stack, 'Producer', { assumedBy: new iam.AccountRootPrincipal() });
    const consumer = new iam.Role(stack, 'Consumer', { assumedBy: new iam.AccountRootPrincipal() });
    rq.grantSendMessages(producer);
    rq.grantConsumeMessages(consumer);
    const sourceArn = { 'Fn::GetAtt': [logicalId(stack, rq.queue), 'Arn'] };
    expect(roleStatements(stack, producer)).toEqual([expect.objectContaining({ Action: expect.arrayContaining(['sqs:SendMessage']), Resource: sourceArn })]);
    expect(roleStatements(stack, consumer)).toEqual([
      expect.objectContaining({ Action: expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']), Resource: sourceArn }),
    ]);
  });

  test('metricQueueDepth is ApproximateNumberOfMessagesVisible of the source queue', () => {
    const stack = newStack();
    const rq = new ResilientQueue(stack, 'Orders');
    const metric = rq.metricQueueDepth({ period: Duration.minutes(1) });
    expect(metric.metricName).toBe('ApproximateNumberOfMessagesVisible');
    expect(metric.namespace).toBe('AWS/SQS');
    expect(metric.period.toSeconds()).toBe(60);
    expect(stack.resolve(metric.dimensions)).toEqual({ QueueName: { 'Fn::GetAtt': [logicalId(stack, rq.queue), 'QueueName'] } });
  });
});

describe('ResilientQueue.isResilientQueue', () => {
  test('is true for a ResilientQueue and false for its queue, other constructs and non-objects', () => {
    const stack = newStack();
    const rq = new ResilientQueue(stack, 'Orders');
    expect(ResilientQueue.isResilientQueue(rq)).toBe(true);
    expect(ResilientQueue.isResilientQueue(rq.queue)).toBe(false);
    expect(ResilientQueue.isResilientQueue(stack)).toBe(false);
    expect(ResilientQueue.isResilientQueue(undefined)).toBe(false);
    expect(ResilientQueue.isResilientQueue('ResilientQueue')).toBe(false);
  });
});
