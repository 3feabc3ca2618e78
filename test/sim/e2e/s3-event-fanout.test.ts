/**
 * End to end on the library's constructs: S3EventFanout publishes a bucket's object events to a FanoutTopic whose
 * policy admits S3 only for that bucket; queues subscribed with `fanout.addQueue` receive them.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { S3EventFanout } from '../../../src/fanout';
import { Simulator } from '../../../src/sim';

function build() {
  const stack = new Stack(new App(), 'Ingest', { env: { account: '123456789012', region: 'us-east-1' } });
  const uploads = new S3EventFanout(stack, 'Uploads', { prefix: 'orders/', suffix: '.csv' });
  const parse = uploads.fanout.addQueue('Parse', { rawMessageDelivery: true });
  const archive = uploads.fanout.addQueue('Archive');
  const large = uploads.fanout.addQueue('Large', {
    filterPolicyWithMessageBody: {
      Records: sns.FilterOrPolicy.policy({
        s3: sns.FilterOrPolicy.policy({
          object: sns.FilterOrPolicy.policy({ size: sns.FilterOrPolicy.filter(sns.SubscriptionFilter.numericFilter({ greaterThan: 1000 })) }),
        }),
      }),
    },
    rawMessageDelivery: true,
  });
  return { stack, uploads, parse, archive, large };
}

describe('S3 upload -> topic -> queues (S3EventFanout)', () => {
  test('an upload matching the prefix and suffix reaches every subscribed queue as an S3 event notification', async () => {
    const { stack, uploads, parse, archive } = build();
    const sim = Simulator.fromStack(stack);
    await sim.bucket(uploads).putObject({ Key: 'orders/2024-01-01.csv', Body: 'id,amount\n1,10\n' });
    await sim.runUntilIdle();

    const raw = (await sim.queue(parse).receiveMessage({ MaxNumberOfMessages: 10 })).Messages ?? [];
    expect(raw).toHaveLength(1);
    const event = JSON.parse(raw[0].Body!);
    expect(event.Records[0]).toMatchObject({
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      awsRegion: 'us-east-1',
      s3: { bucket: { name: sim.bucket(uploads).bucketName }, object: { key: 'orders/2024-01-01.csv', size: 15 } },
    });

    const enveloped = (await sim.queue(archive).receiveMessage({ MaxNumberOfMessages: 10 })).Messages ?? [];
    expect(enveloped).toHaveLength(1);
    const envelope = JSON.parse(enveloped[0].Body!);
    expect(envelope).toMatchObject({ Type: 'Notification', Subject: 'Amazon S3 Notification', TopicArn: sim.topic(uploads.fanout).topicArn });
    expect(JSON.parse(envelope.Message).Records[0].s3.object.key).toBe('orders/2024-01-01.csv');
  });

  test('keys outside the prefix/suffix filter publish nothing', async () => {
    const { stack, uploads, parse } = build();
    const sim = Simulator.fromStack(stack);
    await sim.bucket(uploads).putObject({ Key: 'orders/readme.txt', Body: 'x' });
    await sim.bucket(uploads).putObject({ Key: 'invoices/1.csv', Body: 'x' });
    await sim.runUntilIdle();
    expect(sim.trace.some({ service: 'sns', type: 'published' })).toBe(false);
    expect((await sim.queue(parse).receiveMessage({ WaitTimeSeconds: 0 })).Messages ?? []).toHaveLength(0);
  });

  test('a body-scope filter on the S3 event (object size) selects only large uploads', async () => {
    const { stack, uploads, large } = build();
    const sim = Simulator.fromStack(stack);
    await sim.bucket(uploads).putObject({ Key: 'orders/small.csv', Body: 'x' });
    await sim.bucket(uploads).putObject({ Key: 'orders/big.csv', Body: 'y'.repeat(5000) });
    await sim.runUntilIdle();
    const got = (await sim.queue(large).receiveMessage({ MaxNumberOfMessages: 10 })).Messages ?? [];
    expect(got.map(m => JSON.parse(m.Body!).Records[0].s3.object.key)).toEqual(['orders/big.csv']);
  });

  test('the topic policy admits only this bucket: another bucket notifying the same topic is denied', async () => {
    const stack = new Stack(new App(), 'Ingest', { env: { account: '123456789012', region: 'us-east-1' } });
    const uploads = new S3EventFanout(stack, 'Uploads');
    const q = uploads.fanout.addQueue('Q', { rawMessageDelivery: true });
    // A second bucket wired straight to the topic with an L1 notification configuration (no policy statement for it).
    const rogue = new s3.CfnBucket(stack, 'Rogue', {
      bucketName: 'rogue-bucket',
      notificationConfiguration: { topicConfigurations: [{ event: 's3:ObjectCreated:*', topic: uploads.fanout.topic.topicArn }] },
    });
    const sim = Simulator.fromStack(stack);
    await sim.bucket(rogue).putObject({ Key: 'a', Body: 'x' });
    await sim.runUntilIdle();
    expect(sim.trace.find({ service: 'sns', type: 'denied' })).toMatchObject({ detail: { principal: 's3.amazonaws.com' } });
    expect((await sim.queue(q).receiveMessage({ WaitTimeSeconds: 0 })).Messages ?? []).toHaveLength(0);
  });
});
