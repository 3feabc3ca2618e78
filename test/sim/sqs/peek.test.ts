import { MINUTE, SECOND, sqsWith } from './helpers';

describe('QueueHandle.peek(): the queue as it stands, without receiving', () => {
  test('shows each message with its state, receive count, group and send time, oldest first', async () => {
    const { sqs, ctx } = sqsWith({ Q: { VisibilityTimeout: 30 } });
    const q = sqs.handle('Q');
    const attrs = { kind: { DataType: 'String', StringValue: 'order' } };
    const a = await q.sendMessage({ MessageBody: 'a', MessageAttributes: attrs });
    await ctx.advance(SECOND);
    const b = await q.sendMessage({ MessageBody: 'b', MessageGroupId: 'g' });
    const c = await q.sendMessage({ MessageBody: 'c', DelaySeconds: 60 });
    await q.receiveMessage({}); // a goes in flight
    expect(q.peek()).toEqual([
      { MessageId: a.MessageId, Body: 'a', MessageAttributes: attrs, state: 'inflight', receiveCount: 1, sentAt: ctx.clock.now() - SECOND },
      { MessageId: b.MessageId, Body: 'b', state: 'visible', receiveCount: 0, MessageGroupId: 'g', sentAt: ctx.clock.now() },
      { MessageId: c.MessageId, Body: 'c', state: 'delayed', receiveCount: 0, sentAt: ctx.clock.now() },
    ]);
  });

  test('changes nothing: no receive count, no visibility timeout, no metric', async () => {
    const { sqs } = sqsWith({ Q: {} });
    const q = sqs.handle('Q');
    await q.sendMessage({ MessageBody: 'x' });
    for (let i = 0; i < 3; i++) expect(q.peek().map(m => [m.state, m.receiveCount])).toEqual([['visible', 0]]);
    expect(sqs.queue('Q').metric('NumberOfMessagesReceived')).toBe(0);
    const [m] = (await q.receiveMessage({ AttributeNames: ['ApproximateReceiveCount'] })).Messages!;
    expect(m.Attributes!.ApproximateReceiveCount).toBe('1');
  });

  test('follows the clock: a delay or visibility timeout that ended shows as visible; deleted and expired messages are gone', async () => {
    const { sqs, ctx } = sqsWith({ Q: { VisibilityTimeout: 30, MessageRetentionPeriod: 60 } });
    const q = sqs.handle('Q');
    await q.sendMessage({ MessageBody: 'delayed', DelaySeconds: 10 });
    await q.sendMessage({ MessageBody: 'deleted' });
    await q.sendMessage({ MessageBody: 'returns' });
    const [toDelete, toReturn] = (await q.receiveMessage({ MaxNumberOfMessages: 2 })).Messages!;
    await q.deleteMessage({ ReceiptHandle: toDelete.ReceiptHandle });
    expect(q.peek().map(m => [m.Body, m.state])).toEqual([['delayed', 'delayed'], ['returns', 'inflight']]);
    await ctx.advance(30 * SECOND);
    expect(q.peek().map(m => [m.Body, m.state, m.receiveCount])).toEqual([['delayed', 'visible', 0], ['returns', 'visible', 1]]);
    expect(toReturn.Body).toBe('returns');
    await ctx.advance(MINUTE);
    expect(q.peek()).toEqual([]);
  });
});
