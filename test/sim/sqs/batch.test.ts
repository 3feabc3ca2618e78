import { expectAwsError, SECOND, sqsWith } from './helpers';

function queue(properties: Record<string, any> = {}) {
  const fx = sqsWith({ Q: properties });
  return { ...fx, q: fx.sqs.handle('Q') };
}

const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ Id: `id_${i}`, MessageBody: `body ${i}` }));

describe('SendMessageBatch (SQS API reference)', () => {
  test('sends up to 10 messages and reports each in Successful with its Id, MessageId and MD5', async () => {
    const { q } = queue();
    const res = await q.sendMessageBatch({ Entries: entries(10) });
    expect(res.Failed).toEqual([]);
    expect(res.Successful).toHaveLength(10);
    expect(res.Successful[3]).toMatchObject({ Id: 'id_3', MessageId: expect.any(String), MD5OfMessageBody: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect((await q.receiveMessage({ MaxNumberOfMessages: 10 })).Messages).toHaveLength(10);
  });

  test('per-entry failures: invalid entries fail with Code, Message and SenderFault while the others are sent', async () => {
    const { q } = queue({ MaximumMessageSize: 1024 });
    const res = await q.sendMessageBatch({
      Entries: [
        { Id: 'ok', MessageBody: 'fine' },
        { Id: 'chars', MessageBody: 'bad \u0000' },
        { Id: 'big', MessageBody: 'x'.repeat(1025) },
        { Id: 'delay', MessageBody: 'x', DelaySeconds: 1000 },
        { Id: 'ok2', MessageBody: 'also fine' },
      ],
    });
    expect(res.Successful.map(s => s.Id)).toEqual(['ok', 'ok2']);
    expect(res.Failed).toEqual([
      { Id: 'chars', SenderFault: true, Code: 'InvalidMessageContents', Message: expect.stringMatching(/^Invalid characters found/) },
      { Id: 'big', SenderFault: true, Code: 'InvalidParameterValue', Message: 'One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.' },
      { Id: 'delay', SenderFault: true, Code: 'InvalidParameterValue', Message: expect.stringMatching(/DelaySeconds/) },
    ]);
  });

  test('FIFO: a missing MessageGroupId fails its entry (MissingParameter); duplicates succeed with the original MessageId', async () => {
    const { sqs } = sqsWith({ F: { FifoQueue: true, ContentBasedDeduplication: true } });
    const res = await sqs.handle('F').sendMessageBatch({
      Entries: [
        { Id: 'a', MessageBody: 'same', MessageGroupId: 'g' },
        { Id: 'b', MessageBody: 'same', MessageGroupId: 'g' },
        { Id: 'c', MessageBody: 'no group' },
      ],
    });
    expect(res.Successful.map(s => s.Id)).toEqual(['a', 'b']);
    expect(res.Successful[1].MessageId).toBe(res.Successful[0].MessageId);
    expect(res.Failed).toEqual([{ Id: 'c', SenderFault: true, Code: 'MissingParameter', Message: 'The request must contain the parameter MessageGroupId.' }]);
  });

  test('batch errors: EmptyBatchRequest, TooManyEntriesInBatchRequest, InvalidBatchEntryId, BatchEntryIdsNotDistinct', async () => {
    const { q } = queue();
    await expectAwsError(q.sendMessageBatch({ Entries: [] }), 'EmptyBatchRequest', 'There should be at least one SendMessageBatchRequestEntry in the request.');
    await expectAwsError(q.sendMessageBatch({} as any), 'EmptyBatchRequest');
    await expectAwsError(q.sendMessageBatch({ Entries: entries(11) }), 'TooManyEntriesInBatchRequest', 'Maximum number of entries per request are 10. You have sent 11.');
    for (const id of ['', 'has space', 'dot.ted', 'i'.repeat(81)]) {
      await expectAwsError(q.sendMessageBatch({ Entries: [{ Id: id, MessageBody: 'x' }] }), 'InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.');
    }
    await q.sendMessageBatch({ Entries: [{ Id: 'i'.repeat(80), MessageBody: 'x' }, { Id: 'A-b_9', MessageBody: 'y' }] });
    await expectAwsError(q.sendMessageBatch({
      Entries: [{ Id: 'id_1', MessageBody: 'a' }, { Id: 'id_2', MessageBody: 'b' }, { Id: 'id_2', MessageBody: 'c' }, { Id: 'id_1', MessageBody: 'd' }],
    }), 'BatchEntryIdsNotDistinct', 'Id id_2 repeated.');
  });

  test('the total payload of a batch may not exceed 1 MiB (BatchRequestTooLong); nothing is sent', async () => {
    const { q, sqs } = queue();
    const half = 'x'.repeat(524_288);
    await q.sendMessageBatch({ Entries: [{ Id: 'a', MessageBody: half }, { Id: 'b', MessageBody: half }] });
    await expectAwsError(q.sendMessageBatch({ Entries: [{ Id: 'a', MessageBody: half }, { Id: 'b', MessageBody: `${half}y` }] }),
      'BatchRequestTooLong', 'Batch requests cannot be longer than 1048576 bytes. You have sent 1048577 bytes.');
    expect(sqs.queue('Q').size).toBe(2);
  });
});

describe('DeleteMessageBatch and ChangeMessageVisibilityBatch', () => {
  test('each entry succeeds or fails on its own (ReceiptHandleIsInvalid for a handle SQS did not issue)', async () => {
    const { q, sqs } = queue();
    await q.sendMessageBatch({ Entries: entries(3) });
    const received = (await q.receiveMessage({ MaxNumberOfMessages: 10 })).Messages!;
    const res = await q.deleteMessageBatch({
      Entries: [
        { Id: 'a', ReceiptHandle: received[0].ReceiptHandle },
        { Id: 'b', ReceiptHandle: 'nonsense' },
        { Id: 'c', ReceiptHandle: received[2].ReceiptHandle },
      ],
    });
    expect(res.Successful).toEqual([{ Id: 'a' }, { Id: 'c' }]);
    expect(res.Failed).toEqual([{ Id: 'b', SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: 'The input receipt handle "nonsense" is not a valid receipt handle.' }]);
    expect(sqs.queue('Q').size).toBe(1);
    await expectAwsError(q.deleteMessageBatch({ Entries: [] }), 'EmptyBatchRequest', 'There should be at least one DeleteMessageBatchRequestEntry in the request.');
    await expectAwsError(q.deleteMessageBatch({ Entries: [{ Id: 'x', ReceiptHandle: 'h' }, { Id: 'x', ReceiptHandle: 'h' }] }), 'BatchEntryIdsNotDistinct');
  });

  test('ChangeMessageVisibilityBatch changes each entry\'s timeout, with per-entry failures', async () => {
    const { q, ctx } = queue({ VisibilityTimeout: 30 });
    await q.sendMessageBatch({ Entries: entries(2) });
    const [a, b] = (await q.receiveMessage({ MaxNumberOfMessages: 10 })).Messages!;
    const res = await q.changeMessageVisibilityBatch({
      Entries: [
        { Id: 'a', ReceiptHandle: a.ReceiptHandle, VisibilityTimeout: 0 },
        { Id: 'b', ReceiptHandle: b.ReceiptHandle, VisibilityTimeout: 43_201 },
        { Id: 'c', ReceiptHandle: b.ReceiptHandle, VisibilityTimeout: 300 },
      ],
    });
    expect(res.Successful).toEqual([{ Id: 'a' }, { Id: 'c' }]);
    expect(res.Failed).toEqual([{ Id: 'b', SenderFault: true, Code: 'InvalidParameterValue', Message: expect.stringMatching(/VisibilityTimeout/) }]);
    expect((await q.receiveMessage({ MaxNumberOfMessages: 10, VisibilityTimeout: 600 })).Messages!.map(m => m.Body)).toEqual(['body 0']);
    await ctx.advance(300 * SECOND);
    expect((await q.receiveMessage({ MaxNumberOfMessages: 10 })).Messages!.map(m => m.Body)).toEqual(['body 1']);
    await expectAwsError(q.changeMessageVisibilityBatch({ Entries: entries(11).map(e => ({ Id: e.Id, ReceiptHandle: 'h', VisibilityTimeout: 1 })) }),
      'TooManyEntriesInBatchRequest');
  });

  test('the trace has one sent, received and deleted event per call, naming the message ids', async () => {
    const { q, ctx } = queue();
    const sent = await q.sendMessageBatch({ Entries: entries(3) });
    const received = (await q.receiveMessage({ MaxNumberOfMessages: 10 })).Messages!;
    await q.deleteMessageBatch({ Entries: received.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })) });
    const ids = sent.Successful.map(s => s.MessageId);
    expect(ctx.trace.filter({ service: 'sqs' }).map(e => [e.type, e.detail])).toEqual([
      ['sent', { messageIds: ids }],
      ['received', { messageIds: ids }],
      ['deleted', { messageIds: ids }],
    ]);
  });
});
