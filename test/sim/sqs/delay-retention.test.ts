import { DAY, expectAwsError, MINUTE, queueArn, SECOND, sqsWith } from './helpers';

describe('delay queues (SQS developer guide: delay queues and message timers)', () => {
  test('queue DelaySeconds hides every new message for that long (ApproximateNumberOfMessagesDelayed)', async () => {
    const { sqs, ctx } = sqsWith({ Q: { DelaySeconds: 60 } });
    const q = sqs.handle('Q');
    await q.sendMessage({ MessageBody: 'x' });
    expect((await q.receiveMessage({})).Messages).toBeUndefined();
    expect(sqs.queue('Q').metric('ApproximateNumberOfMessagesDelayed')).toBe(1);
    expect(sqs.queue('Q').metric('ApproximateNumberOfMessagesVisible')).toBe(0);
    await ctx.advance(60 * SECOND - 1);
    expect((await q.receiveMessage({})).Messages).toBeUndefined();
    await ctx.advance(1);
    expect((await q.receiveMessage({})).Messages).toHaveLength(1);
  });

  test('a per-message DelaySeconds (message timer) overrides the queue delay on a standard queue, including 0', async () => {
    const { sqs, ctx } = sqsWith({ Q: { DelaySeconds: 60 } });
    const q = sqs.handle('Q');
    await q.sendMessage({ MessageBody: 'late', DelaySeconds: 900 });
    await q.sendMessage({ MessageBody: 'now', DelaySeconds: 0 });
    const first = (await q.receiveMessage({ MaxNumberOfMessages: 10 })).Messages!;
    expect(first.map(m => m.Body)).toEqual(['now']);
    await q.deleteMessage({ ReceiptHandle: first[0].ReceiptHandle });
    await ctx.advance(15 * MINUTE);
    expect((await q.receiveMessage({ MaxNumberOfMessages: 10 })).Messages!.map(m => m.Body)).toEqual(['late']);
  });

  test('DelaySeconds must be 0 to 900', async () => {
    const { sqs } = sqsWith({ Q: {} });
    await expectAwsError(sqs.handle('Q').sendMessage({ MessageBody: 'x', DelaySeconds: 901 }), 'InvalidParameterValue',
      'Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.');
  });

  test('FIFO queues take DelaySeconds only per queue: a per-message delay is InvalidParameterValue', async () => {
    const { sqs, ctx } = sqsWith({ F: { FifoQueue: true, ContentBasedDeduplication: true, DelaySeconds: 10 } });
    const q = sqs.handle('F');
    await expectAwsError(q.sendMessage({ MessageBody: 'x', MessageGroupId: 'g', DelaySeconds: 5 }), 'InvalidParameterValue',
      'Value 5 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.');
    await q.sendMessage({ MessageBody: 'x', MessageGroupId: 'g' });
    expect((await q.receiveMessage({})).Messages).toBeUndefined();
    await ctx.advance(10 * SECOND);
    expect((await q.receiveMessage({})).Messages).toHaveLength(1);
  });
});

describe('message retention (SQS API reference: MessageRetentionPeriod)', () => {
  test('a message is deleted when its retention period ends, whether visible, delayed or in flight', async () => {
    const { sqs, ctx } = sqsWith({ Q: { MessageRetentionPeriod: 60, VisibilityTimeout: 3600 } });
    const q = sqs.handle('Q');
    await q.sendMessage({ MessageBody: 'visible' });
    await q.sendMessage({ MessageBody: 'delayed', DelaySeconds: 120 });
    await q.sendMessage({ MessageBody: 'inflight' });
    await q.receiveMessage({});
    await q.receiveMessage({}); // 'inflight' (the first is in flight too)
    await ctx.advance(60 * SECOND);
    expect(sqs.queue('Q').size).toBe(0);
    expect(ctx.trace.filter({ type: 'expired' })).toHaveLength(3);
    await ctx.advance(10 * MINUTE);
    expect((await q.receiveMessage({ MaxNumberOfMessages: 10 })).Messages).toBeUndefined();
  });

  test('expiry is recorded at the virtual time it happens (one background task per queue, not one per message)', async () => {
    const { sqs, ctx } = sqsWith({ Q: { MessageRetentionPeriod: 60 } });
    const q = sqs.handle('Q');
    for (let i = 0; i < 100; i++) await q.sendMessage({ MessageBody: `m${i}` });
    expect(ctx.clock.pendingForeground).toBe(0);
    await ctx.advance(10 * MINUTE);
    const expired = ctx.trace.filter({ type: 'expired' });
    expect(expired).toHaveLength(100);
    expect(new Set(expired.map(e => e.time))).toEqual(new Set([ctx.clock.now() - 10 * MINUTE + 60 * SECOND]));
  });

  test('expiry does not keep runUntilIdle going (background task)', async () => {
    const { sqs, ctx } = sqsWith({ Q: {} });
    await sqs.handle('Q').sendMessage({ MessageBody: 'x' });
    const result = await ctx.clock.runUntilIdle(ctx.clock.now() + 30 * DAY);
    expect(result.idle).toBe(true);
    expect(sqs.queue('Q').size).toBe(1);
  });

  test('standard dead-letter queue: "the expiration of a message is always based on its original enqueue timestamp"', async () => {
    const { sqs, ctx } = sqsWith({
      Dlq: { MessageRetentionPeriod: 4 * 86_400 },
      Q: { MessageRetentionPeriod: 14 * 86_400, VisibilityTimeout: 0, RedrivePolicy: { deadLetterTargetArn: queueArn('Dlq'), maxReceiveCount: 1 } },
    });
    const q = sqs.handle('Q');
    await q.sendMessage({ MessageBody: 'poison' });
    await q.receiveMessage({});
    await ctx.advance(1 * DAY);
    await q.receiveMessage({}); // moves it to the DLQ after one day in the source
    expect(sqs.queue('Dlq').size).toBe(1);
    await ctx.advance(3 * DAY - 1);
    expect(sqs.queue('Dlq').size).toBe(1);
    await ctx.advance(1);
    expect(sqs.queue('Dlq').size).toBe(0);
  });

  test('FIFO dead-letter queue: "the enqueue timestamp resets when the message is moved to a dead-letter queue"', async () => {
    const { sqs, ctx } = sqsWith({
      Dlq: { FifoQueue: true, MessageRetentionPeriod: 4 * 86_400 },
      Q: { FifoQueue: true, ContentBasedDeduplication: true, VisibilityTimeout: 0, RedrivePolicy: { deadLetterTargetArn: queueArn('Dlq.fifo'), maxReceiveCount: 1 } },
    });
    const q = sqs.handle('Q');
    await q.sendMessage({ MessageBody: 'poison', MessageGroupId: 'g' });
    await q.receiveMessage({});
    await ctx.advance(1 * DAY);
    await q.receiveMessage({});
    expect(sqs.queue('Dlq').size).toBe(1);
    await ctx.advance(4 * DAY - 1);
    expect(sqs.queue('Dlq').size).toBe(1);
    await ctx.advance(1);
    expect(sqs.queue('Dlq').size).toBe(0);
  });
});

describe('ApproximateAgeOfOldestMessage', () => {
  test('is the age in seconds of the oldest message in the queue; for a dead-letter queue, the time since it arrived there', async () => {
    const { sqs, ctx } = sqsWith({
      Dlq: {},
      Q: { VisibilityTimeout: 0, RedrivePolicy: { deadLetterTargetArn: queueArn('Dlq'), maxReceiveCount: 1 } },
    });
    const q = sqs.handle('Q');
    expect(sqs.queue('Q').metric('ApproximateAgeOfOldestMessage')).toBe(0);
    await q.sendMessage({ MessageBody: 'a' });
    await ctx.advance(90 * SECOND);
    expect(sqs.queue('Q').metric('ApproximateAgeOfOldestMessage')).toBe(90);
    await q.receiveMessage({});
    await q.receiveMessage({}); // moved to the DLQ
    expect(sqs.queue('Q').metric('ApproximateAgeOfOldestMessage')).toBe(0);
    await ctx.advance(30 * SECOND);
    expect(sqs.queue('Dlq').metric('ApproximateAgeOfOldestMessage')).toBe(30);
  });
});
