import { SECOND, sqsWith } from './helpers';

describe('long polling (SQS developer guide: short and long polling)', () => {
  test('an empty queue: a top-level receive with WaitTimeSeconds waits in virtual time and returns as soon as a delayed message is available', async () => {
    const { sqs, ctx } = sqsWith({ Q: {} });
    const q = sqs.handle('Q');
    const start = ctx.clock.now();
    await q.sendMessage({ MessageBody: 'x', DelaySeconds: 7 });
    const { Messages } = await q.receiveMessage({ WaitTimeSeconds: 20 });
    expect(Messages!.map(m => m.Body)).toEqual(['x']);
    expect(ctx.clock.now() - start).toBe(7 * SECOND);
  });

  test('returns as soon as another event (a scheduled send) puts a message in the queue', async () => {
    const { sqs, ctx } = sqsWith({ Q: {} });
    const q = sqs.handle('Q');
    const start = ctx.clock.now();
    ctx.clock.schedule(start + 3 * SECOND, () => {
      void q.sendMessage({ MessageBody: 'arrived' });
    });
    const { Messages } = await q.receiveMessage({ WaitTimeSeconds: 10 });
    expect(Messages!.map(m => m.Body)).toEqual(['arrived']);
    expect(ctx.clock.now() - start).toBe(3 * SECOND);
  });

  test('returns when a visibility timeout ends and the message is visible again', async () => {
    const { sqs, ctx } = sqsWith({ Q: { VisibilityTimeout: 5 } });
    const q = sqs.handle('Q');
    await q.sendMessage({ MessageBody: 'x' });
    await q.receiveMessage({});
    const start = ctx.clock.now();
    const { Messages } = await q.receiveMessage({ WaitTimeSeconds: 20, AttributeNames: ['ApproximateReceiveCount'] });
    expect(Messages![0].Attributes!.ApproximateReceiveCount).toBe('2');
    expect(ctx.clock.now() - start).toBe(5 * SECOND);
  });

  test('with nothing arriving, the wait ends after WaitTimeSeconds with no messages', async () => {
    const { sqs, ctx } = sqsWith({ Q: {} });
    const start = ctx.clock.now();
    const res = await sqs.handle('Q').receiveMessage({ WaitTimeSeconds: 20 });
    expect(res.Messages).toBeUndefined();
    expect(ctx.clock.now() - start).toBe(20 * SECOND);
    expect(sqs.queue('Q').metric('NumberOfEmptyReceives')).toBe(1);
  });

  test('the queue\'s ReceiveMessageWaitTimeSeconds applies when the receive gives no WaitTimeSeconds; WaitTimeSeconds 0 is a short poll', async () => {
    const { sqs, ctx } = sqsWith({ Q: { ReceiveMessageWaitTimeSeconds: 20 } });
    const q = sqs.handle('Q');
    const start = ctx.clock.now();
    await q.receiveMessage({});
    expect(ctx.clock.now() - start).toBe(20 * SECOND);
    await q.receiveMessage({ WaitTimeSeconds: 0 });
    expect(ctx.clock.now() - start).toBe(20 * SECOND);
  });

  test('a message already available is returned without waiting', async () => {
    const { sqs, ctx } = sqsWith({ Q: {} });
    const q = sqs.handle('Q');
    await q.sendMessage({ MessageBody: 'x' });
    const start = ctx.clock.now();
    expect((await q.receiveMessage({ WaitTimeSeconds: 20 })).Messages).toHaveLength(1);
    expect(ctx.clock.now()).toBe(start);
  });

  test('limitation: inside a running task the clock cannot wait, so the receive returns what is available and records long-poll-not-waited', async () => {
    const { sqs, ctx } = sqsWith({ Q: {} });
    const q = sqs.handle('Q');
    let result: unknown;
    ctx.clock.schedule(ctx.clock.now() + SECOND, async () => {
      result = await q.receiveMessage({ WaitTimeSeconds: 20 });
    });
    await ctx.clock.runUntilIdle(ctx.clock.now() + 60 * SECOND);
    expect(result).toEqual({ $metadata: expect.any(Object) });
    expect(ctx.trace.filter({ type: 'long-poll-not-waited' })).toHaveLength(1);
  });

  test('the wait leaves no task behind', async () => {
    const { sqs, ctx } = sqsWith({ Q: {} });
    const q = sqs.handle('Q');
    await q.sendMessage({ MessageBody: 'x', DelaySeconds: 30 });
    await q.receiveMessage({ WaitTimeSeconds: 1 });
    expect(ctx.clock.pendingForeground).toBe(0);
  });
});
