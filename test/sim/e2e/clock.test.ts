/**
 * The virtual clock, as a test drives it: `advance(ms)` moves time by exactly `ms` whatever work is pending (long
 * polls, delays, visibility timeouts, retries, alarm periods), running what falls due on the way; a pending long poll
 * returns a message that arrives while it waits (SQS ReceiveMessage: "If a message is available, the call returns
 * sooner than WaitTimeSeconds").
 */
import { Duration } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { Simulator } from '../../../src/sim';

const SECOND = 1000;

const TEMPLATE = {
  Resources: {
    Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'work', VisibilityTimeout: 30 } },
    Dlq: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'work-dlq' } },
    Fn: {
      Type: 'AWS::Lambda::Function',
      Properties: { FunctionName: 'worker', Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'x' }, Role: 'arn:aws:iam::123456789012:role/worker' },
    },
    DepthAlarm: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: 'work' }],
        Statistic: 'Maximum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      },
    },
  },
};

describe('advance(ms) moves virtual time by exactly ms, whatever is pending', () => {
  test('the issue\'s example: a pending long poll returns a message sent after a 5 s advance, and now() is start + 5 s', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const start = sim.now();
    const pending = sim.queue('Q').receiveMessage({ WaitTimeSeconds: 20 });
    await sim.advance(5_000);
    expect(sim.now()).toBe(start + 5_000);
    await sim.queue('Q').sendMessage({ MessageBody: 'late' });
    expect((await pending).Messages?.map(m => m.Body)).toEqual(['late']);
    expect(sim.now()).toBe(start + 5_000);
  });

  test('a long poll left pending across advances ends empty at its WaitTimeSeconds, inside the advance that reaches it', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const start = sim.now();
    const pending = sim.queue('Q').receiveMessage({ WaitTimeSeconds: 20 });
    await sim.advance(15 * SECOND);
    await sim.advance(15 * SECOND);
    expect(sim.now()).toBe(start + 30 * SECOND);
    expect((await pending).Messages).toBeUndefined();
    expect(sim.now()).toBe(start + 30 * SECOND);
  });

  test('a long poll returns a delayed message when its delay ends, while the advance goes on to its end', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const start = sim.now();
    await sim.queue('Q').sendMessage({ MessageBody: 'delayed', DelaySeconds: 7 });
    const pending = sim.queue('Q').receiveMessage({ WaitTimeSeconds: 20, MessageSystemAttributeNames: ['All'] });
    await sim.advance(12 * SECOND);
    expect(sim.now()).toBe(start + 12 * SECOND);
    const { Messages } = await pending;
    expect(Messages?.map(m => m.Body)).toEqual(['delayed']);
    // It was received when the delay ended, not when the advance ended.
    expect(Number(Messages![0].Attributes!.ApproximateFirstReceiveTimestamp)).toBe(start + 7 * SECOND);
  });

  test('delays (DelaySeconds): a message is invisible until its delay ends; the advance stops where it was asked to', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const start = sim.now();
    await sim.queue('Q').sendMessage({ MessageBody: 'd', DelaySeconds: 30 });
    await sim.advance(10 * SECOND);
    expect(sim.now()).toBe(start + 10 * SECOND);
    expect((await sim.queue('Q').receiveMessage({})).Messages).toBeUndefined();
    await sim.advance(Duration.seconds(25));
    expect(sim.now()).toBe(start + 35 * SECOND);
    expect((await sim.queue('Q').receiveMessage({})).Messages?.map(m => m.Body)).toEqual(['d']);
  });

  test('visibility timeouts: a received message comes back when its timeout ends, and only then', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const start = sim.now();
    await sim.queue('Q').sendMessage({ MessageBody: 'v' });
    await sim.queue('Q').receiveMessage({});
    await sim.advance(29 * SECOND);
    expect(sim.now()).toBe(start + 29 * SECOND);
    expect((await sim.queue('Q').receiveMessage({})).Messages).toBeUndefined();
    await sim.advance(SECOND);
    expect(sim.now()).toBe(start + 30 * SECOND);
    expect((await sim.queue('Q').receiveMessage({})).Messages?.map(m => m.Body)).toEqual(['v']);
  });

  test('retries: asynchronous invocation retries (1 min, then 2 min later) run inside the advances that reach them', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE, { strict: false });
    const start = sim.now();
    sim.lambda('Fn').handle(async () => { throw new Error('down'); });
    await sim.lambda('Fn').invoke({ InvocationType: 'Event', Payload: '{}' });
    await sim.advance(30 * SECOND);
    expect(sim.now()).toBe(start + 30 * SECOND);
    expect(sim.lambda('Fn').invocations).toHaveLength(1);
    await sim.advance(Duration.minutes(4));
    expect(sim.now()).toBe(start + 30 * SECOND + 4 * 60 * SECOND);
    expect(sim.lambda('Fn').invocations.length).toBeGreaterThanOrEqual(2);
  });

  test('alarm periods: the depth alarm evaluates once a minute; the advance ends exactly where it was asked to', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const start = sim.now();
    await sim.queue('Q').sendMessage({ MessageBody: 'x' });
    await sim.advance(90 * SECOND);
    expect(sim.now()).toBe(start + 90 * SECOND);
    expect(sim.alarm('DepthAlarm').state).toBe('ALARM');
  });

  test('a long poll the test awaits while nothing else drives the clock is driven until it returns, and no further', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const start = sim.now();
    await sim.queue('Q').sendMessage({ MessageBody: 'soon', DelaySeconds: 3 });
    const { Messages } = await sim.queue('Q').receiveMessage({ WaitTimeSeconds: 20 });
    expect(Messages?.map(m => m.Body)).toEqual(['soon']);
    expect(sim.now()).toBe(start + 3 * SECOND);
  });
});

describe('property: any interleaving of sends, receives, advances and long polls', () => {
  type Op =
    | { kind: 'send'; delay: number }
    | { kind: 'receive' }
    | { kind: 'longPoll'; wait: number }
    | { kind: 'advance'; ms: number };

  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('send' as const), delay: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })) }),
    fc.record({ kind: fc.constant('receive' as const) }),
    fc.record({ kind: fc.constant('longPoll' as const), wait: fc.integer({ min: 1, max: 20 }) }),
    fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 45_000 }) }),
  );

  test('keep now() equal to the start plus the sum of the advances, and lose no message', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { maxLength: 40 }), async ops => {
      const sim = Simulator.fromTemplate(TEMPLATE);
      const queue = sim.queue('Q');
      const start = sim.now();
      let advanced = 0;
      let sent = 0;
      const sentBodies: string[] = [];
      const polls: Promise<unknown>[] = [];
      for (const o of ops) {
        if (o.kind === 'send') {
          const body = `m${sent++}`;
          sentBodies.push(body);
          await queue.sendMessage({ MessageBody: body, DelaySeconds: o.delay });
        } else if (o.kind === 'receive') {
          await queue.receiveMessage({ MaxNumberOfMessages: 10 });
        } else if (o.kind === 'longPoll') {
          polls.push(queue.receiveMessage({ MaxNumberOfMessages: 10, WaitTimeSeconds: o.wait }));
        } else {
          await sim.advance(o.ms);
          advanced += o.ms;
        }
        expect(sim.now()).toBe(start + advanced);
      }
      // Let every wait end, every delay pass and every visibility timeout (30 s) expire: nothing was deleted, so every
      // message sent must still be in the queue, exactly once.
      await sim.advance(80 * SECOND);
      advanced += 80 * SECOND;
      await Promise.all(polls);
      expect(sim.now()).toBe(start + advanced);
      const drained: string[] = [];
      for (;;) {
        const { Messages } = await queue.receiveMessage({ MaxNumberOfMessages: 10 });
        if (!Messages) break;
        drained.push(...Messages.map(m => m.Body!));
      }
      expect(drained.sort()).toEqual([...sentBodies].sort());
      expect(sim.now()).toBe(start + advanced);
    }), { numRuns: 150 });
  });
});
