/**
 * End to end on the library's constructs: a ResilientQueue consumed by a Lambda function (QueueConsumer). A poison
 * message fails every receive, moves to the dead-letter queue after maxReceiveCount receives, and the DLQ depth alarm
 * goes to ALARM and notifies its topic.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QueueConsumer, ResilientQueue } from '../../../src/queue';
import { Simulator } from '../../../src/sim';

function build(options: { reportBatchItemFailures?: boolean } = {}) {
  const stack = new Stack(new App(), 'Orders', { env: { account: '123456789012', region: 'us-east-1' } });
  const alarmTopic = new sns.Topic(stack, 'Alarms');
  const pager = new sqs.Queue(stack, 'Pager');
  alarmTopic.addSubscription(new subs.SqsSubscription(pager, { rawMessageDelivery: true }));
  const work = new ResilientQueue(stack, 'Work', { maxReceiveCount: 3, visibilityTimeout: Duration.seconds(30), alarmTopic });
  const fn = new lambda.Function(stack, 'Processor', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    timeout: Duration.seconds(5),
  });
  new QueueConsumer(stack, 'Consumer', { queue: work.queue, handler: fn, batchSize: 1, reportBatchItemFailures: options.reportBatchItemFailures });
  return { stack, work, fn, pager };
}

describe('poison message -> DLQ -> alarm (ResilientQueue + QueueConsumer)', () => {
  test('the poison message is retried maxReceiveCount times, moves to the DLQ, and the DLQ alarm fires and notifies its topic', async () => {
    const { stack, work, fn, pager } = build();
    const sim = Simulator.fromStack(stack);
    const processed: string[] = [];
    sim.lambda(fn).handle(async (event: any) => {
      for (const record of event.Records) {
        if (record.body === 'poison') throw new Error('cannot parse order');
        processed.push(record.body);
      }
      return {};
    });

    await sim.queue(work).sendMessage({ MessageBody: 'order-1' });
    await sim.queue(work).sendMessage({ MessageBody: 'poison' });
    const result = await sim.runUntilIdle();
    expect(result.idle).toBe(true);

    expect(processed).toEqual(['order-1']);
    const poisonAttempts = sim.lambda(fn).invocations.filter(i => (i.event as any).Records[0].body === 'poison');
    expect(poisonAttempts).toHaveLength(3);
    // Each retry waits for the 30 s visibility timeout to expire.
    expect(poisonAttempts[1].time - poisonAttempts[0].time).toBeGreaterThanOrEqual(30_000);

    const dlq = await sim.queue(work.deadLetterQueue!).receiveMessage({ MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'] });
    expect(dlq.Messages?.map(m => m.Body)).toEqual(['poison']);
    expect(sim.trace.some({ type: 'moved-to-dlq' })).toBe(true);

    const alarm = sim.alarm(work.dlqDepthAlarm!);
    expect(alarm.state).toBe('ALARM');
    expect(alarm.history.map(h => h.newState)).toContain('ALARM');

    // The alarm's OK and ALARM actions both publish to the topic: first INSUFFICIENT_DATA -> OK, then OK -> ALARM.
    const page = await sim.queue(pager).receiveMessage({ MaxNumberOfMessages: 10 });
    expect(page.Messages!.map(m => JSON.parse(m.Body!))).toEqual([
      expect.objectContaining({ AlarmName: alarm.alarmName, OldStateValue: 'INSUFFICIENT_DATA', NewStateValue: 'OK' }),
      expect.objectContaining({ AlarmName: alarm.alarmName, OldStateValue: 'OK', NewStateValue: 'ALARM' }),
    ]);
  });

  test('with reportBatchItemFailures, only the failed item returns to the queue; the good one in the same batch is deleted', async () => {
    const { stack, work, fn } = build({ reportBatchItemFailures: true });
    const sim = Simulator.fromStack(stack);
    const seen: string[] = [];
    sim.lambda(fn).handle(async (event: any) => {
      const failures = [];
      for (const r of event.Records) {
        seen.push(r.body);
        if (r.body === 'poison') failures.push({ itemIdentifier: r.messageId });
      }
      return { batchItemFailures: failures };
    });
    await sim.queue(work).sendMessage({ MessageBody: 'order-1' });
    await sim.queue(work).sendMessage({ MessageBody: 'poison' });
    await sim.runUntilIdle();
    expect(seen.filter(b => b === 'order-1')).toHaveLength(1);
    expect(seen.filter(b => b === 'poison')).toHaveLength(3);
    expect((await sim.queue(work.deadLetterQueue!).receiveMessage({ MaxNumberOfMessages: 10 })).Messages?.map(m => m.Body)).toEqual(['poison']);
  });

  test('redrive: startMessageMoveTask moves dead letters back to the source queue, where a fixed consumer processes them', async () => {
    const { stack, work, fn } = build();
    const sim = Simulator.fromStack(stack);
    let broken = true;
    const processed: string[] = [];
    sim.lambda(fn).handle(async (event: any) => {
      if (broken) throw new Error('bug');
      processed.push(...event.Records.map((r: any) => r.body));
      return {};
    });
    await sim.queue(work).sendMessage({ MessageBody: 'order-7' });
    await sim.runUntilIdle();
    expect(processed).toEqual([]);

    broken = false;
    await sim.queue(work.deadLetterQueue!).startMessageMoveTask({});
    await sim.runUntilIdle();
    expect(processed).toEqual(['order-7']);
    const attrs = await sim.queue(work.deadLetterQueue!).getQueueAttributes({ AttributeNames: ['ApproximateNumberOfMessages'] });
    expect(attrs.Attributes?.ApproximateNumberOfMessages).toBe('0');
  });
});
