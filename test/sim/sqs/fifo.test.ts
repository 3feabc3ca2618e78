import { expectAwsError, MINUTE, queueArn, SECOND, sqsWith } from './helpers';
import { DEDUPLICATION_INTERVAL_MS } from '../../../src/sim/sqs/queue';

function fifo(properties: Record<string, any> = {}) {
  const fx = sqsWith({ F: { FifoQueue: true, ...properties } });
  return { ...fx, q: fx.sqs.handle('F') };
}

const bodies = (res: { Messages?: { Body: string }[] }) => (res.Messages ?? []).map(m => m.Body);

describe('FIFO delivery logic (SQS developer guide)', () => {
  test('messages of a group are received in the order sent', async () => {
    const { q } = fifo({ ContentBasedDeduplication: true });
    for (let i = 0; i < 5; i++) await q.sendMessage({ MessageBody: `m${i}`, MessageGroupId: 'g' });
    expect(bodies(await q.receiveMessage({ MaxNumberOfMessages: 10 }))).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });

  test('a message group is blocked while any of its messages is in flight; other groups are not', async () => {
    const { q } = fifo({ ContentBasedDeduplication: true });
    await q.sendMessage({ MessageBody: 'a1', MessageGroupId: 'a' });
    await q.sendMessage({ MessageBody: 'a2', MessageGroupId: 'a' });
    await q.sendMessage({ MessageBody: 'b1', MessageGroupId: 'b' });
    const first = await q.receiveMessage({});
    expect(bodies(first)).toEqual(['a1']);
    // a2 waits behind a1 (in flight); b1 is free.
    expect(bodies(await q.receiveMessage({ MaxNumberOfMessages: 10 }))).toEqual(['b1']);
    expect(bodies(await q.receiveMessage({ MaxNumberOfMessages: 10 }))).toEqual([]);
    await q.deleteMessage({ ReceiptHandle: first.Messages![0].ReceiptHandle });
    expect(bodies(await q.receiveMessage({ MaxNumberOfMessages: 10 }))).toEqual(['a2']);
  });

  test('"SQS first attempts to return as many messages with the same message group ID as possible", then other groups, in FIFO order', async () => {
    const { q } = fifo({ ContentBasedDeduplication: true });
    await q.sendMessage({ MessageBody: 'a1', MessageGroupId: 'a' });
    await q.sendMessage({ MessageBody: 'b1', MessageGroupId: 'b' });
    await q.sendMessage({ MessageBody: 'a2', MessageGroupId: 'a' });
    await q.sendMessage({ MessageBody: 'b2', MessageGroupId: 'b' });
    expect(bodies(await q.receiveMessage({ MaxNumberOfMessages: 3 }))).toEqual(['a1', 'a2', 'b1']);
  });

  test('a message whose visibility timeout ends returns to the head of its group, before later messages', async () => {
    const { q, ctx } = fifo({ ContentBasedDeduplication: true, VisibilityTimeout: 30 });
    for (const b of ['m1', 'm2', 'm3']) await q.sendMessage({ MessageBody: b, MessageGroupId: 'g' });
    const batch = await q.receiveMessage({ MaxNumberOfMessages: 2 });
    expect(bodies(batch)).toEqual(['m1', 'm2']);
    await q.deleteMessage({ ReceiptHandle: batch.Messages![0].ReceiptHandle });
    await ctx.advance(30 * SECOND);
    expect(bodies(await q.receiveMessage({ MaxNumberOfMessages: 10 }))).toEqual(['m2', 'm3']);
  });

  test('ChangeMessageVisibility 0 on one of two in-flight messages keeps the group blocked until the other is done', async () => {
    const { q } = fifo({ ContentBasedDeduplication: true });
    for (const b of ['m1', 'm2']) await q.sendMessage({ MessageBody: b, MessageGroupId: 'g' });
    const batch = (await q.receiveMessage({ MaxNumberOfMessages: 2 })).Messages!;
    await q.changeMessageVisibility({ ReceiptHandle: batch[1].ReceiptHandle, VisibilityTimeout: 0 });
    expect(bodies(await q.receiveMessage({}))).toEqual([]);
    await q.changeMessageVisibility({ ReceiptHandle: batch[0].ReceiptHandle, VisibilityTimeout: 0 });
    expect(bodies(await q.receiveMessage({ MaxNumberOfMessages: 10 }))).toEqual(['m1', 'm2']);
  });

  test('MessageGroupId is required (MissingParameter); it is at most 128 alphanumeric or punctuation characters', async () => {
    const { q } = fifo({ ContentBasedDeduplication: true });
    await expectAwsError(q.sendMessage({ MessageBody: 'x' }), 'MissingParameter', 'The request must contain the parameter MessageGroupId.');
    await expectAwsError(q.sendMessage({ MessageBody: 'x', MessageGroupId: 'has space' }), 'InvalidParameterValue', /MessageGroupId/);
    await expectAwsError(q.sendMessage({ MessageBody: 'x', MessageGroupId: 'g'.repeat(129) }), 'InvalidParameterValue');
    await q.sendMessage({ MessageBody: 'x', MessageGroupId: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~' });
  });

  test('receive attributes: MessageGroupId, MessageDeduplicationId and an increasing SequenceNumber of 20+ digits', async () => {
    const { q } = fifo();
    const a = await q.sendMessage({ MessageBody: 'a', MessageGroupId: 'g', MessageDeduplicationId: 'd1' });
    const b = await q.sendMessage({ MessageBody: 'b', MessageGroupId: 'g', MessageDeduplicationId: 'd2' });
    expect(a.SequenceNumber).toMatch(/^\d{20,}$/);
    expect(BigInt(b.SequenceNumber!)).toBeGreaterThan(BigInt(a.SequenceNumber!));
    const m = (await q.receiveMessage({ MessageSystemAttributeNames: ['MessageGroupId', 'MessageDeduplicationId', 'SequenceNumber'] })).Messages![0];
    expect(m.Attributes).toEqual({ MessageGroupId: 'g', MessageDeduplicationId: 'd1', SequenceNumber: a.SequenceNumber });
  });
});

describe('exactly-once processing: the 5-minute deduplication interval', () => {
  test('without ContentBasedDeduplication, a MessageDeduplicationId is required', async () => {
    const { q } = fifo();
    await expectAwsError(q.sendMessage({ MessageBody: 'x', MessageGroupId: 'g' }), 'InvalidParameterValue',
      'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
  });

  test('a duplicate MessageDeduplicationId within 5 minutes is accepted, returns the original MessageId and SequenceNumber, and is not delivered', async () => {
    const { q, ctx } = fifo();
    const first = await q.sendMessage({ MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'order-1' });
    await ctx.advance(4 * MINUTE);
    const dup = await q.sendMessage({ MessageBody: 'different body', MessageGroupId: 'g', MessageDeduplicationId: 'order-1' });
    expect(dup.MessageId).toBe(first.MessageId);
    expect(dup.SequenceNumber).toBe(first.SequenceNumber);
    expect(bodies(await q.receiveMessage({ MaxNumberOfMessages: 10 }))).toEqual(['x']);
    expect(ctx.trace.filter({ type: 'deduplicated' })).toHaveLength(1);
  });

  test('SQS keeps tracking the deduplication id after the message is received and deleted; after 5 minutes it is new again', async () => {
    const { q, ctx } = fifo();
    await q.sendMessage({ MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd' });
    const m = (await q.receiveMessage({})).Messages![0];
    await q.deleteMessage({ ReceiptHandle: m.ReceiptHandle });
    await q.sendMessage({ MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd' });
    expect(bodies(await q.receiveMessage({}))).toEqual([]);
    await ctx.advance(DEDUPLICATION_INTERVAL_MS);
    const again = await q.sendMessage({ MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd' });
    expect(again.MessageId).not.toBe(m.MessageId);
    expect(bodies(await q.receiveMessage({}))).toEqual(['x']);
  });

  test('content-based deduplication: the SHA-256 of the body (not the attributes) is the deduplication id; an explicit id overrides it', async () => {
    const { q } = fifo({ ContentBasedDeduplication: true });
    const a = await q.sendMessage({ MessageBody: 'same', MessageGroupId: 'g', MessageAttributes: { v: { DataType: 'String', StringValue: '1' } } });
    const b = await q.sendMessage({ MessageBody: 'same', MessageGroupId: 'g', MessageAttributes: { v: { DataType: 'String', StringValue: '2' } } });
    expect(b.MessageId).toBe(a.MessageId);
    const c = await q.sendMessage({ MessageBody: 'same', MessageGroupId: 'g', MessageDeduplicationId: 'explicit' });
    expect(c.MessageId).not.toBe(a.MessageId);
    const m = (await q.receiveMessage({ MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['MessageDeduplicationId'] })).Messages!;
    expect(m.map(x => x.Attributes!.MessageDeduplicationId)).toEqual([
      '0967115f2813a3541eaef77de9d9d5773f1c0c04314b0bbfe4ff3b3b1c55b5d5', 'explicit',
    ]);
  });

  test('DeduplicationScope queue (default): the same id in another group is a duplicate; messageGroup: it is not', async () => {
    const queueScope = fifo();
    await queueScope.q.sendMessage({ MessageBody: 'x', MessageGroupId: 'a', MessageDeduplicationId: 'd' });
    await queueScope.q.sendMessage({ MessageBody: 'y', MessageGroupId: 'b', MessageDeduplicationId: 'd' });
    expect(bodies(await queueScope.q.receiveMessage({ MaxNumberOfMessages: 10 }))).toEqual(['x']);

    const groupScope = fifo({ DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' });
    await groupScope.q.sendMessage({ MessageBody: 'x', MessageGroupId: 'a', MessageDeduplicationId: 'd' });
    await groupScope.q.sendMessage({ MessageBody: 'y', MessageGroupId: 'b', MessageDeduplicationId: 'd' });
    await groupScope.q.sendMessage({ MessageBody: 'z', MessageGroupId: 'a', MessageDeduplicationId: 'd' });
    expect(bodies(await groupScope.q.receiveMessage({ MaxNumberOfMessages: 10 })).sort()).toEqual(['x', 'y']);
  });
});

describe('FIFO receipt handles and ReceiveRequestAttemptId', () => {
  test('deleting with a receipt handle whose visibility timeout ended fails: "The receipt handle has expired"', async () => {
    const { q, ctx } = fifo({ ContentBasedDeduplication: true, VisibilityTimeout: 10 });
    await q.sendMessage({ MessageBody: 'x', MessageGroupId: 'g' });
    const m = (await q.receiveMessage({})).Messages![0];
    await ctx.advance(10 * SECOND);
    await expectAwsError(q.deleteMessage({ ReceiptHandle: m.ReceiptHandle }), 'InvalidParameterValue', /Reason: The receipt handle has expired\./);
    const again = (await q.receiveMessage({})).Messages![0];
    await expectAwsError(q.deleteMessage({ ReceiptHandle: m.ReceiptHandle }), 'InvalidParameterValue', /has expired/);
    await q.deleteMessage({ ReceiptHandle: again.ReceiptHandle });
    await q.deleteMessage({ ReceiptHandle: again.ReceiptHandle }); // deleting a deleted message succeeds
  });

  test('a retry with the same ReceiveRequestAttemptId returns the same messages and receipt handles and resets their visibility', async () => {
    const { q, ctx } = fifo({ ContentBasedDeduplication: true, VisibilityTimeout: 30 });
    for (const b of ['m1', 'm2', 'm3']) await q.sendMessage({ MessageBody: b, MessageGroupId: 'g' });
    const first = await q.receiveMessage({ MaxNumberOfMessages: 2, ReceiveRequestAttemptId: 'attempt-1' });
    await ctx.advance(20 * SECOND);
    const retry = await q.receiveMessage({ MaxNumberOfMessages: 2, ReceiveRequestAttemptId: 'attempt-1' });
    expect(retry.Messages!.map(m => m.ReceiptHandle)).toEqual(first.Messages!.map(m => m.ReceiptHandle));
    await ctx.advance(20 * SECOND); // 40 s after the first receive, 20 s after the retry: still in flight
    expect(bodies(await q.receiveMessage({ MaxNumberOfMessages: 10 }))).toEqual([]);
    // Once a message was deleted, the attempt id no longer replays.
    await q.deleteMessage({ ReceiptHandle: retry.Messages![0].ReceiptHandle });
    await q.deleteMessage({ ReceiptHandle: retry.Messages![1].ReceiptHandle });
    expect(bodies(await q.receiveMessage({ MaxNumberOfMessages: 2, ReceiveRequestAttemptId: 'attempt-1' }))).toEqual(['m3']);
    await expectAwsError(q.receiveMessage({ ReceiveRequestAttemptId: 'bad id' }), 'InvalidParameterValue');
  });
});

describe('FIFO dead-letter queues', () => {
  test('a poison message moves to the FIFO DLQ and unblocks its group', async () => {
    const { sqs, ctx } = sqsWith({
      Dlq: { FifoQueue: true },
      F: { FifoQueue: true, ContentBasedDeduplication: true, VisibilityTimeout: 10, RedrivePolicy: { deadLetterTargetArn: queueArn('Dlq.fifo'), maxReceiveCount: 2 } },
    });
    const q = sqs.handle('F');
    await q.sendMessage({ MessageBody: 'poison', MessageGroupId: 'g' });
    await q.sendMessage({ MessageBody: 'next', MessageGroupId: 'g' });
    for (let i = 0; i < 2; i++) {
      expect(bodies(await q.receiveMessage({ MaxNumberOfMessages: 1 }))).toEqual(['poison']);
      await ctx.advance(10 * SECOND);
    }
    expect(bodies(await q.receiveMessage({ MaxNumberOfMessages: 1 }))).toEqual(['next']);
    const dlq = await sqs.handle('Dlq').receiveMessage({ MessageSystemAttributeNames: ['MessageGroupId'] });
    expect(dlq.Messages!.map(m => [m.Body, m.Attributes!.MessageGroupId])).toEqual([['poison', 'g']]);
  });
});

describe('FIFO long polling with a ReceiveRequestAttemptId', () => {
  test('a replayable attempt returns at once; a new attempt on an empty queue long-polls', async () => {
    const { q, ctx } = fifo({ ContentBasedDeduplication: true });
    await q.sendMessage({ MessageBody: 'x', MessageGroupId: 'g' });
    const first = await q.receiveMessage({ ReceiveRequestAttemptId: 'a1', WaitTimeSeconds: 20 });
    const start = ctx.clock.now();
    const replay = await q.receiveMessage({ ReceiveRequestAttemptId: 'a1', WaitTimeSeconds: 20 });
    expect(replay.Messages![0].ReceiptHandle).toBe(first.Messages![0].ReceiptHandle);
    expect(ctx.clock.now()).toBe(start);
    const fresh = await q.receiveMessage({ ReceiveRequestAttemptId: 'a2', WaitTimeSeconds: 5 });
    expect(fresh.Messages).toBeUndefined();
    expect(ctx.clock.now() - start).toBe(5 * SECOND);
  });
});
