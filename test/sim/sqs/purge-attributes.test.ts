import { expectAwsError, SECOND, sqsWith } from './helpers';

describe('PurgeQueue (SQS API reference)', () => {
  test('deletes every message, visible, delayed and in flight; receipt handles of purged messages then delete nothing', async () => {
    const { sqs, ctx } = sqsWith({ Q: {} });
    const q = sqs.handle('Q');
    await q.sendMessage({ MessageBody: 'visible' });
    await q.sendMessage({ MessageBody: 'delayed', DelaySeconds: 60 });
    await q.sendMessage({ MessageBody: 'inflight' });
    const m = (await q.receiveMessage({})).Messages![0];
    await q.purgeQueue({});
    expect(sqs.queue('Q').size).toBe(0);
    expect(ctx.trace.filter({ type: 'purged' })[0].detail).toEqual({ count: 3 });
    await q.deleteMessage({ ReceiptHandle: m.ReceiptHandle });
    await ctx.advance(120 * SECOND);
    expect((await q.receiveMessage({ MaxNumberOfMessages: 10 })).Messages).toBeUndefined();
  });

  test('only one PurgeQueue per 60 seconds (PurgeQueueInProgress)', async () => {
    const { sqs, ctx } = sqsWith({ Q: {} });
    const q = sqs.handle('Q');
    await q.purgeQueue();
    await ctx.advance(59 * SECOND);
    await expectAwsError(q.purgeQueue(), 'PurgeQueueInProgress', 'Only one PurgeQueue operation on Q is allowed every 60 seconds.');
    await ctx.advance(SECOND);
    await q.purgeQueue();
  });
});

describe('GetQueueAttributes', () => {
  test('approximate counts of visible, in-flight and delayed messages', async () => {
    const { sqs } = sqsWith({ Q: {} });
    const q = sqs.handle('Q');
    await q.sendMessageBatch({ Entries: [0, 1, 2].map(i => ({ Id: `e${i}`, MessageBody: 'x' })) });
    await q.sendMessage({ MessageBody: 'later', DelaySeconds: 10 });
    await q.receiveMessage({});
    const { Attributes } = await q.getQueueAttributes({
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
    });
    expect(Attributes).toEqual({ ApproximateNumberOfMessages: '2', ApproximateNumberOfMessagesNotVisible: '1', ApproximateNumberOfMessagesDelayed: '1' });
  });

  test('no names: empty result; unknown name: InvalidAttributeName; names without a value on this queue are left out', async () => {
    const { sqs } = sqsWith({ Q: {} });
    const q = sqs.handle('Q');
    expect((await q.getQueueAttributes({})).Attributes).toBeUndefined();
    await expectAwsError(q.getQueueAttributes({ AttributeNames: ['QueueArn', 'Bogus'] }), 'InvalidAttributeName', 'Unknown Attribute Bogus.');
    expect((await q.getQueueAttributes({ AttributeNames: ['RedrivePolicy'] })).Attributes).toBeUndefined();
  });

  test('CreatedTimestamp and LastModifiedTimestamp are epoch seconds of the virtual clock', async () => {
    const { sqs, ctx } = sqsWith({ Q: {} });
    const { Attributes } = await sqs.handle('Q').getQueueAttributes({ AttributeNames: ['CreatedTimestamp', 'LastModifiedTimestamp'] });
    expect(Attributes).toEqual({ CreatedTimestamp: String(ctx.clock.now() / 1000), LastModifiedTimestamp: String(ctx.clock.now() / 1000) });
  });

  test('KMS attributes are reported as configured', async () => {
    const { sqs } = sqsWith({ Q: { KmsMasterKeyId: 'alias/aws/sqs' } });
    const { Attributes } = await sqs.handle('Q').getQueueAttributes({ AttributeNames: ['All'] });
    expect(Attributes).toMatchObject({ KmsMasterKeyId: 'alias/aws/sqs', KmsDataKeyReusePeriodSeconds: '300', SqsManagedSseEnabled: 'false' });
  });
});

describe('CloudWatch metrics (QueueAccess.metric)', () => {
  test('counters are cumulative totals: NumberOfMessagesSent, Received, Deleted, EmptyReceives, SentMessageSize', async () => {
    const { sqs } = sqsWith({ Q: {} });
    const q = sqs.handle('Q');
    await q.sendMessage({ MessageBody: 'abc' });
    await q.sendMessage({ MessageBody: 'de', MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } } });
    const got = (await q.receiveMessage({ MaxNumberOfMessages: 10 })).Messages!;
    await q.deleteMessage({ ReceiptHandle: got[0].ReceiptHandle });
    await q.receiveMessage({});
    const queue = sqs.queue('Q');
    expect([
      queue.metric('NumberOfMessagesSent'), queue.metric('NumberOfMessagesReceived'), queue.metric('NumberOfMessagesDeleted'),
      queue.metric('NumberOfEmptyReceives'), queue.metric('SentMessageSize'),
    ]).toEqual([2, 2, 1, 1, 3 + 2 + 1 + 6 + 1]);
    expect(queue.metric('Unknown')).toBeUndefined();
  });

  test('onMetricChange listeners are called after each operation', async () => {
    const { sqs } = sqsWith({ Q: {} });
    const calls: number[] = [];
    const queue = sqs.queue('Q');
    const unsubscribe = queue.onMetricChange(() => calls.push(queue.metric('ApproximateNumberOfMessagesVisible') as number));
    const q = sqs.handle('Q');
    await q.sendMessageBatch({ Entries: [{ Id: 'a', MessageBody: 'x' }, { Id: 'b', MessageBody: 'y' }] });
    await q.receiveMessage({});
    unsubscribe();
    await q.receiveMessage({});
    expect(calls).toEqual([2, 1]);
  });

  test('metric listeners hear when a delay or visibility timeout ends, from a background task that does not keep runUntilIdle going', async () => {
    const { sqs, ctx } = sqsWith({ Q: {} });
    const queue = sqs.queue('Q');
    const seen: [number, number][] = [];
    const start = ctx.clock.now();
    queue.onMetricChange(() => seen.push([ctx.clock.now() - start, queue.metric('ApproximateNumberOfMessagesVisible') as number]));
    await sqs.handle('Q').sendMessage({ MessageBody: 'x', DelaySeconds: 60 });
    expect((await ctx.clock.runUntilIdle(start + 3600 * SECOND)).now).toBe(start);
    await ctx.advance(60 * SECOND);
    expect(seen).toEqual([[0, 0], [60 * SECOND, 1]]);
  });
});
