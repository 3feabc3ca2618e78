import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Simulator } from '../../../src/sim';

function fn(stack: Stack, id: string): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {}'),
  });
}

describe('SNS to an SSE-KMS queue (SNS Developer Guide: the key policy must let sns.amazonaws.com use the key)', () => {
  test('SqsSubscription adds the key statement for SNS: the message is delivered', async () => {
    const stack = new Stack();
    const key = new kms.Key(stack, 'Key');
    const queue = new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key });
    const topic = new sns.Topic(stack, 'Topic');
    topic.addSubscription(new subs.SqsSubscription(queue));
    const sim = Simulator.fromStack(stack);
    await sim.topic(topic).publish({ Message: 'hello' });
    await sim.runUntilIdle();
    expect(sim.queue(queue).peek()).toHaveLength(1);
    expect(sim.trace.filter({ type: 'denied' })).toHaveLength(0);
  });

  test('without the key statement for SNS the delivery fails (KmsAccessDenied) and goes to the subscription\'s dead-letter queue', async () => {
    const stack = new Stack();
    const key = new kms.Key(stack, 'Key');
    const queue = new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key });
    const dlq = new sqs.Queue(stack, 'Dlq');
    const topic = new sns.Topic(stack, 'Topic');
    // The queue policy lets SNS send, but nothing adds SNS to the key policy (an L1 subscription, as a hand-written template would).
    queue.addToResourcePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], principals: [new iam.ServicePrincipal('sns.amazonaws.com')], resources: [queue.queueArn] }));
    dlq.addToResourcePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], principals: [new iam.ServicePrincipal('sns.amazonaws.com')], resources: [dlq.queueArn] }));
    new sns.CfnSubscription(stack, 'Sub', {
      topicArn: topic.topicArn, protocol: 'sqs', endpoint: queue.queueArn, redrivePolicy: { deadLetterTargetArn: dlq.queueArn },
    });
    const sim = Simulator.fromStack(stack);
    await sim.topic(topic).publish({ Message: 'hello' });
    await sim.runUntilIdle();
    expect(sim.queue(queue).peek()).toHaveLength(0);
    const [failed] = sim.trace.filter({ type: 'delivery-failed' });
    expect(failed.detail).toMatchObject({ error: 'KmsAccessDenied', deniedByPolicy: true });
    expect(failed.detail.message).toContain('sns.amazonaws.com is not authorized to perform: kms:GenerateDataKey');
    expect(sim.trace.filter({ type: 'denied' })[0]).toMatchObject({ service: 'kms', detail: { principal: 'sns.amazonaws.com', action: 'kms:GenerateDataKey' } });
    expect(sim.trace.filter({ type: 'moved-to-dlq' })).toHaveLength(1);
    expect(sim.queue(dlq).peek()).toHaveLength(1);
  });

  test('a queue encrypted with the AWS managed key alias/aws/sqs cannot receive from SNS (its key policy admits only the account\'s principals)', async () => {
    const stack = new Stack();
    const queue = new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS_MANAGED });
    const topic = new sns.Topic(stack, 'Topic');
    // aws-cdk-lib refuses SqsSubscription here for that reason; a hand-written subscription deploys and fails to deliver.
    queue.addToResourcePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], principals: [new iam.ServicePrincipal('sns.amazonaws.com')], resources: [queue.queueArn] }));
    new sns.CfnSubscription(stack, 'Sub', { topicArn: topic.topicArn, protocol: 'sqs', endpoint: queue.queueArn });
    const sim = Simulator.fromStack(stack);
    await sim.topic(topic).publish({ Message: 'hello' });
    await sim.runUntilIdle();
    expect(sim.queue(queue).peek()).toHaveLength(0);
    expect(sim.trace.filter({ type: 'delivery-failed' })[0].detail).toMatchObject({ error: 'KmsAccessDenied' });
    // The account's own principals use it through SQS.
    await sim.queue(queue).sendMessage({ MessageBody: 'direct' });
    expect(sim.queue(queue).peek()).toHaveLength(1);
  });

  test('SSE-SQS (SqsManagedSseEnabled) needs no key permission', async () => {
    const stack = new Stack();
    const queue = new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.SQS_MANAGED });
    const topic = new sns.Topic(stack, 'Topic');
    topic.addSubscription(new subs.SqsSubscription(queue));
    const sim = Simulator.fromStack(stack);
    await sim.topic(topic).publish({ Message: 'hello' });
    await sim.runUntilIdle();
    expect(sim.queue(queue).peek()).toHaveLength(1);
  });
});

describe('producers and consumers of an SSE-KMS queue (SQS Developer Guide, key management permissions)', () => {
  function encrypted() {
    const stack = new Stack();
    const key = new kms.Key(stack, 'Key');
    const queue = new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key });
    return { stack, key, queue };
  }

  test('a consumer granted sqs:ReceiveMessage but not kms:Decrypt gets KmsAccessDenied; grantConsumeMessages grants both', async () => {
    const { stack, queue } = encrypted();
    const bare = fn(stack, 'Bare');
    bare.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage'], resources: [queue.queueArn] }));
    const consumer = fn(stack, 'Consumer');
    queue.grantConsumeMessages(consumer);
    const sim = Simulator.fromStack(stack);
    await sim.queue(queue).sendMessage({ MessageBody: 'x' });
    await expect(sim.as(bare.role!).queue(queue).receiveMessage({})).rejects.toMatchObject({
      name: 'KmsAccessDenied', message: expect.stringContaining('because no identity-based policy allows the kms:Decrypt action'),
    });
    expect((await sim.as(consumer.role!).queue(queue).receiveMessage({})).Messages).toHaveLength(1);
  });

  test('a producer needs kms:GenerateDataKey on the key: grantSendMessages includes it (the key policy delegates to IAM)', async () => {
    const { stack, queue } = encrypted();
    const producer = fn(stack, 'Producer');
    queue.grantSendMessages(producer);
    const sqsOnly = fn(stack, 'SqsOnly');
    sqsOnly.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }));
    const sim = Simulator.fromStack(stack);
    await sim.as(producer.role!).queue(queue).sendMessage({ MessageBody: 'x' });
    await expect(sim.as(sqsOnly.role!).queue(queue).sendMessage({ MessageBody: 'y' })).rejects.toMatchObject({ name: 'KmsAccessDenied' });
    expect(sim.queue(queue).peek()).toHaveLength(1);
  });

  test('a key policy without the account statement ("Enable IAM User Permissions") ignores identity-based grants', async () => {
    const stack = new Stack();
    const key = new kms.CfnKey(stack, 'Key', {
      keyPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'kms:*', Resource: '*' }] },
    });
    const queue = new sqs.CfnQueue(stack, 'Queue', { kmsMasterKeyId: key.attrArn });
    const producer = fn(stack, 'Producer');
    producer.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage', 'kms:*'], resources: ['*'] }));
    const sim = Simulator.fromStack(stack);
    await expect(sim.as(producer.role!).queue(queue).sendMessage({ MessageBody: 'x' })).rejects.toMatchObject({
      name: 'KmsAccessDenied', message: expect.stringContaining('because no resource-based policy allows the kms:GenerateDataKey action'),
    });
  });
});

describe('SSE-KMS topics (SNS Developer Guide, encryption at rest)', () => {
  test('a publisher needs the key; a topic.grantPublish on an encrypted topic includes it', async () => {
    const stack = new Stack();
    const key = new kms.Key(stack, 'Key');
    const topic = new sns.Topic(stack, 'Topic', { masterKey: key });
    const granted = fn(stack, 'Granted');
    topic.grantPublish(granted);
    const snsOnly = fn(stack, 'SnsOnly');
    snsOnly.addToRolePolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [topic.topicArn] }));
    const sim = Simulator.fromStack(stack);
    await sim.as(granted.role!).topic(topic).publish({ Message: 'x' });
    await expect(sim.as(snsOnly.role!).topic(topic).publish({ Message: 'x' })).rejects.toMatchObject({ name: 'KMSAccessDeniedException' });
  });
});

describe('S3 event notifications to an SSE-KMS queue (S3 User Guide: the key policy must admit s3.amazonaws.com)', () => {
  test('SqsDestination adds the key statement for S3: the notification arrives; without it the notification is refused', async () => {
    const build = (viaL2: boolean) => {
      const stack = new Stack();
      const key = new kms.Key(stack, 'Key');
      const queue = new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key });
      const bucket = new s3.Bucket(stack, 'Bucket');
      if (viaL2) {
        bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(queue));
      } else {
        queue.addToResourcePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], principals: [new iam.ServicePrincipal('s3.amazonaws.com')], resources: [queue.queueArn] }));
        (bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
          queueConfigurations: [{ event: 's3:ObjectCreated:*', queue: queue.queueArn }],
        };
      }
      return { stack, queue, bucket };
    };
    for (const viaL2 of [true, false]) {
      const { stack, queue, bucket } = build(viaL2);
      const sim = Simulator.fromStack(stack);
      await sim.bucket(bucket).putObject({ Key: 'a.csv', Body: 'x' });
      await sim.runUntilIdle();
      const bodies = sim.queue(queue).peek().map(m => m.Body);
      if (viaL2) {
        expect(bodies.some(b => b.includes('ObjectCreated:Put'))).toBe(true);
      } else {
        expect(bodies.some(b => b.includes('ObjectCreated:Put'))).toBe(false);
        expect(sim.trace.filter({ type: 'denied' }).some(e => e.service === 'kms' && e.detail.principal === 's3.amazonaws.com')).toBe(true);
      }
    }
  });
});
