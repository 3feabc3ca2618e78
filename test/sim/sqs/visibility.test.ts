import { expectAwsError, HOUR, SECOND, sqsWith } from './helpers';

function queue(properties: Record<string, any> = {}) {
  const fx = sqsWith({ Q: properties });
  return { ...fx, q: fx.sqs.handle('Q') };
}

async function receiveOne(q: ReturnType<typeof queue>['q'], input: Record<string, any> = {}) {
  const { Messages } = await q.receiveMessage({ AttributeNames: ['ApproximateReceiveCount'], ...input });
  return Messages?.[0];
}

describe('visibility timeout (SQS developer guide: visibility timeout)', () => {
  test('a received message is invisible for the queue\'s VisibilityTimeout, then visible again', async () => {
    const { q, ctx } = queue({ VisibilityTimeout: 30 });
    await q.sendMessage({ MessageBody: 'x' });
    expect(await receiveOne(q)).toBeDefined();
    expect(await receiveOne(q)).toBeUndefined();
    await ctx.advance(30 * SECOND - 1);
    expect(await receiveOne(q)).toBeUndefined();
    await ctx.advance(1);
    const again = await receiveOne(q);
    expect(again?.Attributes?.ApproximateReceiveCount).toBe('2');
    expect(ctx.trace.filter({ type: 'visibility-expired' })).toHaveLength(1);
  });

  test('ReceiveMessage VisibilityTimeout overrides the queue default for that receive only', async () => {
    const { q, ctx } = queue({ VisibilityTimeout: 30 });
    await q.sendMessage({ MessageBody: 'x' });
    await receiveOne(q, { VisibilityTimeout: 5 });
    await ctx.advance(5 * SECOND);
    expect(await receiveOne(q)).toBeDefined();
    await ctx.advance(29 * SECOND);
    expect(await receiveOne(q)).toBeUndefined();
  });

  test('ChangeMessageVisibility: "the new timeout period takes effect from the time you call" it', async () => {
    const { q, ctx } = queue({ VisibilityTimeout: 60 });
    await q.sendMessage({ MessageBody: 'x' });
    const m = await receiveOne(q);
    await ctx.advance(15 * SECOND);
    await q.changeMessageVisibility({ ReceiptHandle: m!.ReceiptHandle, VisibilityTimeout: 10 });
    await ctx.advance(10 * SECOND - 1);
    expect(await receiveOne(q)).toBeUndefined();
    await ctx.advance(1);
    expect(await receiveOne(q)).toBeDefined();
    expect(ctx.trace.filter({ type: 'visibility-changed' })[0].detail).toMatchObject({ visibilityTimeout: 10 });
  });

  test('ChangeMessageVisibility to 0 makes the message visible immediately ("terminating the visibility timeout")', async () => {
    const { q } = queue();
    await q.sendMessage({ MessageBody: 'x' });
    const m = await receiveOne(q);
    await q.changeMessageVisibility({ ReceiptHandle: m!.ReceiptHandle, VisibilityTimeout: 0 });
    expect((await receiveOne(q))?.Attributes?.ApproximateReceiveCount).toBe('2');
  });

  test('"the maximum visibility timeout is 12 hours from the time that SQS receives the ReceiveMessage request"; extending does not reset it', async () => {
    const { q, ctx } = queue({ VisibilityTimeout: 30 });
    await q.sendMessage({ MessageBody: 'x' });
    const m = await receiveOne(q);
    await q.changeMessageVisibility({ ReceiptHandle: m!.ReceiptHandle, VisibilityTimeout: 2 * HOUR / 1000 });
    await ctx.advance(HOUR);
    await q.changeMessageVisibility({ ReceiptHandle: m!.ReceiptHandle, VisibilityTimeout: 11 * HOUR / 1000 });
    await expectAwsError(q.changeMessageVisibility({ ReceiptHandle: m!.ReceiptHandle, VisibilityTimeout: 11 * HOUR / 1000 + 1 }), 'InvalidParameterValue',
      `Value ${11 * HOUR / 1000 + 1} for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]`);
    // The cap counts from this receipt: a later receive starts a new 12 hours.
    await ctx.advance(11 * HOUR);
    const again = await receiveOne(q);
    await q.changeMessageVisibility({ ReceiptHandle: again!.ReceiptHandle, VisibilityTimeout: 43_200 });
  });

  test('VisibilityTimeout must be 0 to 43200', async () => {
    const { q } = queue();
    await q.sendMessage({ MessageBody: 'x' });
    const m = await receiveOne(q);
    for (const bad of [-1, 43_201, 1.5]) {
      await expectAwsError(q.changeMessageVisibility({ ReceiptHandle: m!.ReceiptHandle, VisibilityTimeout: bad }), 'InvalidParameterValue',
        `Value ${bad} for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200, if provided.`);
    }
    await expectAwsError(q.changeMessageVisibility({ ReceiptHandle: m!.ReceiptHandle } as any), 'MissingParameter');
  });

  test('a message whose visibility timeout ended is not in flight (MessageNotInflight)', async () => {
    const { q, ctx } = queue({ VisibilityTimeout: 10 });
    await q.sendMessage({ MessageBody: 'x' });
    const m = await receiveOne(q);
    await ctx.advance(10 * SECOND);
    await expectAwsError(q.changeMessageVisibility({ ReceiptHandle: m!.ReceiptHandle, VisibilityTimeout: 30 }), 'MessageNotInflight',
      "The specified message isn't in flight.");
  });

  test('a receipt handle that is not one SQS issued is invalid (ReceiptHandleIsInvalid); a stale one finds no message', async () => {
    const { q, ctx } = queue({ VisibilityTimeout: 10 });
    await expectAwsError(q.changeMessageVisibility({ ReceiptHandle: 'not-a-handle', VisibilityTimeout: 5 }), 'ReceiptHandleIsInvalid',
      'The input receipt handle "not-a-handle" is not a valid receipt handle.');
    await q.sendMessage({ MessageBody: 'x' });
    const first = await receiveOne(q);
    await ctx.advance(10 * SECOND);
    await receiveOne(q);
    await expectAwsError(q.changeMessageVisibility({ ReceiptHandle: first!.ReceiptHandle, VisibilityTimeout: 5 }), 'InvalidParameterValue',
      /Reason: Message does not exist or is not available for visibility timeout change\./);
  });

  test('a receipt handle of another queue is invalid here', async () => {
    const { sqs } = sqsWith({ A: {}, B: {} });
    await sqs.handle('A').sendMessage({ MessageBody: 'x' });
    const m = (await sqs.handle('A').receiveMessage({})).Messages![0];
    await expectAwsError(sqs.handle('B').deleteMessage({ ReceiptHandle: m.ReceiptHandle }), 'ReceiptHandleIsInvalid');
  });
});

describe('DeleteMessage (SQS API reference)', () => {
  test('deletes the message with its receipt handle; deleting again succeeds (duplicate deletions count in NumberOfMessagesDeleted)', async () => {
    const { q, sqs, ctx } = queue({ VisibilityTimeout: 1 });
    await q.sendMessage({ MessageBody: 'x' });
    const m = await receiveOne(q);
    await q.deleteMessage({ ReceiptHandle: m!.ReceiptHandle });
    await q.deleteMessage({ ReceiptHandle: m!.ReceiptHandle });
    await ctx.advance(5 * SECOND);
    expect(await receiveOne(q)).toBeUndefined();
    expect(sqs.queue('Q').metric('NumberOfMessagesDeleted')).toBe(2);
    expect(ctx.trace.filter({ type: 'deleted' }).map(e => e.detail.messageIds)).toEqual([[m!.MessageId]]);
  });

  test('standard queue: the latest receipt handle deletes the message even after its visibility timeout ended', async () => {
    const { q, ctx } = queue({ VisibilityTimeout: 1 });
    await q.sendMessage({ MessageBody: 'x' });
    const m = await receiveOne(q);
    await ctx.advance(5 * SECOND);
    await q.deleteMessage({ ReceiptHandle: m!.ReceiptHandle });
    expect(await receiveOne(q)).toBeUndefined();
  });

  test('standard queue: an older receipt handle "succeeds, but the message might not be deleted" (it is not)', async () => {
    const { q, ctx } = queue({ VisibilityTimeout: 1 });
    await q.sendMessage({ MessageBody: 'x' });
    const first = await receiveOne(q);
    await ctx.advance(SECOND);
    const second = await receiveOne(q);
    await q.deleteMessage({ ReceiptHandle: first!.ReceiptHandle });
    await ctx.advance(SECOND);
    expect(await receiveOne(q)).toBeDefined();
    expect(second).toBeDefined();
  });

  test('ReceiptHandle is required, and must be a receipt handle', async () => {
    const { q } = queue();
    await expectAwsError(q.deleteMessage({} as any), 'MissingParameter', 'The request must contain the parameter ReceiptHandle.');
    await expectAwsError(q.deleteMessage({ ReceiptHandle: 'garbage' }), 'ReceiptHandleIsInvalid');
  });
});

describe('many visibility changes (SQS developer guide: visibility timeout)', () => {
  test('each message becomes visible when its latest timeout ends, however often it was changed', async () => {
    const { q, ctx } = queue({ VisibilityTimeout: 30 });
    const count = 300;
    for (let i = 0; i < count; i += 10) {
      await q.sendMessageBatch({ Entries: Array.from({ length: 10 }, (_, k) => ({ Id: `e${k}`, MessageBody: `m${i + k}` })) });
    }
    const received = [];
    for (let i = 0; i < count; i += 10) received.push(...(await q.receiveMessage({ MaxNumberOfMessages: 10 })).Messages!);
    // Every message's timeout is changed five times; the last change gives message i a timeout of 100 + i seconds.
    for (let round = 1; round <= 5; round++) {
      for (let i = 0; i < count; i++) {
        await q.changeMessageVisibility({ ReceiptHandle: received[i].ReceiptHandle, VisibilityTimeout: round === 5 ? 100 + i : 1000 * round });
      }
    }
    await ctx.advance(100 * SECOND - 1);
    expect(await receiveOne(q)).toBeUndefined();
    const seen: string[] = [];
    for (let i = 0; i < count; i++) {
      await ctx.advance(SECOND);
      const m = await receiveOne(q, { VisibilityTimeout: 43_200 });
      seen.push(m!.Body);
      expect(await receiveOne(q)).toBeUndefined();
    }
    expect(seen).toEqual(received.map(m => m.Body));
  });
});
