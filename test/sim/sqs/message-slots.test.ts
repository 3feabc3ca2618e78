import { sqsWith } from './helpers';
import { DROPPED, emptyWaitingMessage, HELD, MessageSlots, WAITING } from '../../../src/sim/sqs/message-slots';

/** The first chunk's size (chunks then double). */
const CHUNK = 16;
const id = (n: number) => ({ id0: n, id1: n + 1, id2: -n, id3: 7 });
const blank = emptyWaitingMessage;

describe('MessageSlots (messages kept by column until first received)', () => {
  test('a waiting slot reads back what was stored; hold and drop change its state', () => {
    const slots = new MessageSlots<{ name: string }>();
    const a = slots.addWaiting(11, id(1), 'head', 'mid', 'tail', { a: 1, b: 2, c: 3, d: 4 }, 'sender', 100, 900, undefined);
    const b = slots.addWaiting(12, id(2), 'body', undefined, undefined, undefined, 'other', 101, 901, { groupId: 'g' });
    const c = slots.addHeld({ name: 'delayed' });
    expect([slots.state(a), slots.state(b), slots.state(c)]).toEqual([WAITING, WAITING, HELD]);
    expect(slots.read(a, blank())).toEqual({
      serial: 11,
      id0: 1,
      id1: 2,
      id2: -1,
      id3: 7,
      bodyHead: 'head',
      bodyMiddle: 'mid',
      bodyTail: 'tail',
      md5Known: true,
      md5a: 1,
      md5b: 2,
      md5c: 3,
      md5d: 4,
      senderId: 'sender',
      arrivedAt: 100,
      expiresAt: 900,
      extra: undefined,
    });
    expect(slots.read(b, blank())).toMatchObject({
      bodyHead: 'body', bodyMiddle: undefined, bodyTail: undefined, md5Known: false, senderId: 'other', arrivedAt: 101, extra: { groupId: 'g' },
    });
    // A body in pieces never waits with extras: the queue holds such a message as an object.
    expect([slots.canWait('mid', undefined), slots.canWait(undefined, { groupId: 'g' }), slots.canWait('mid', { groupId: 'g' })])
      .toEqual([true, true, false]);
    expect([slots.arrivedAt(b), slots.expiresAt(b)]).toEqual([101, 901]);
    const held = { name: 'received' };
    slots.hold(a, held);
    expect(slots.state(a)).toBe(HELD);
    expect(slots.held(a)).toBe(held);
    expect(slots.heldOrUndefined(b)).toBeUndefined();
    slots.drop(a);
    expect(slots.state(a)).toBe(DROPPED);
    expect(slots.heldOrUndefined(a)).toBeUndefined();
    expect(slots.heldOrUndefined(99_999)).toBeUndefined();
    expect(slots.state(99_999)).toBe(DROPPED);
  });

  test('senders are kept as numbers in the queue\'s table: every slot reads back its own sender', () => {
    const slots = new MessageSlots<object>();
    const senders = ['123456789012', 'sns.amazonaws.com', 'arn:aws:iam::123456789012:role/Producer'];
    const numbers = Array.from({ length: 40 }, (_, n) => slots.addWaiting(n, id(n), `m${n}`, undefined, undefined, undefined, senders[(n * 7) % 3], n, n + 1000, undefined));
    expect(numbers.map(slot => slots.read(slot, blank()).senderId)).toEqual(numbers.map((_, n) => senders[(n * 7) % 3]));
  });

  test('middle pieces are kept as numbers in the queue\'s table; past 1,024 distinct middles a new one cannot wait', () => {
    const slots = new MessageSlots<object>();
    const middles = Array.from({ length: 1024 }, (_, k) => `"https://unsubscribe/${k}"`);
    const numbers = middles.map((m, n) => slots.addWaiting(n, id(n), 'head', m, '}', undefined, 'sns.amazonaws.com', n, n + 1000, undefined));
    const again = slots.addWaiting(2000, id(2000), 'head', middles[3], '}', undefined, 'sns.amazonaws.com', 1, 1001, undefined);
    expect(numbers.map(slot => slots.read(slot, blank()).bodyMiddle)).toEqual(middles);
    expect(slots.read(again, blank())).toMatchObject({ bodyHead: 'head', bodyMiddle: middles[3], bodyTail: '}' });
    expect(slots.canWait(middles[1023], undefined)).toBe(true);
    expect(slots.canWait('"https://unsubscribe/new"', undefined)).toBe(false);
    expect(() => slots.addWaiting(3000, id(3000), 'head', '"https://unsubscribe/new"', '}', undefined, 's', 1, 2, undefined)).toThrow(/held as an object/);
  });

  test('a full chunk whose slots are all gone is released; a partly used one is kept', () => {
    const slots = new MessageSlots<object>();
    const numbers: number[] = [];
    for (let n = 0; n < CHUNK + 10; n++) numbers.push(slots.addWaiting(n, id(n), `m${n}`, undefined, undefined, undefined, 's', n, n + 1000, undefined));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b)); // increasing: arrival order
    expect(slots.chunkCount).toBe(2);
    for (let n = 0; n < CHUNK - 1; n++) slots.drop(numbers[n]);
    expect(slots.chunkCount).toBe(2);
    slots.hold(numbers[CHUNK - 1], {});
    slots.drop(numbers[CHUNK - 1]);
    expect(slots.chunkCount).toBe(1);
    expect(slots.state(numbers[5])).toBe(DROPPED);
    expect(slots.state(numbers[CHUNK + 3])).toBe(WAITING);
    for (let n = CHUNK; n < CHUNK + 10; n++) slots.drop(numbers[n]);
    expect(slots.chunkCount).toBe(1); // still being filled
  });
});

describe('a standard queue keeps waiting messages by column, with SQS behaviour unchanged', () => {
  test('20,000 messages sent, received and deleted leave no storage behind', async () => {
    const { sqs } = sqsWith({ Q: {} });
    const q = sqs.handle('Q');
    for (let i = 0; i < 20_000; i += 10) {
      await q.sendMessageBatch({ Entries: Array.from({ length: 10 }, (_, k) => ({ Id: `e${k}`, MessageBody: `m${i + k}` })) });
    }
    const queue = sqs.queueByArn(q.queueArn) as unknown as { storageChunks: number };
    expect(queue.storageChunks).toBe(23); // 16, 64, 256, 1,024 (4 chunks, 1,360 slots), then 19 more of 1,024
    let received = 0;
    for (let r = 0; r < 3_000 && received < 20_000; r++) {
      const { Messages = [] } = await q.receiveMessage({ MaxNumberOfMessages: 10 });
      received += Messages.length;
      if (Messages.length > 0) await q.deleteMessageBatch({ Entries: Messages.map((m, k) => ({ Id: `d${k}`, ReceiptHandle: m.ReceiptHandle! })) });
    }
    expect(received).toBe(20_000);
    expect(queue.storageChunks).toBeLessThanOrEqual(1);
    expect((await q.getQueueAttributes({ AttributeNames: ['ApproximateNumberOfMessages'] })).Attributes).toEqual({ ApproximateNumberOfMessages: '0' });
  });

  test('a receipt handle names the message it was issued for, also after the message became an object', async () => {
    const { sqs } = sqsWith({ Q: { VisibilityTimeout: 30 } });
    const q = sqs.handle('Q');
    const sent = await q.sendMessage({ MessageBody: 'first' });
    await q.sendMessage({ MessageBody: 'second' });
    const [m] = (await q.receiveMessage({ MaxNumberOfMessages: 1 })).Messages!;
    expect(m).toMatchObject({ MessageId: sent.MessageId, Body: 'first', MD5OfBody: sent.MD5OfMessageBody });
    await q.changeMessageVisibility({ ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 });
    const again = (await q.receiveMessage({ MaxNumberOfMessages: 10 })).Messages!;
    expect(again.map(x => x.Body).sort()).toEqual(['first', 'second']);
    for (const x of again) await q.deleteMessage({ ReceiptHandle: x.ReceiptHandle });
    expect((await q.receiveMessage({})).Messages ?? []).toEqual([]);
  });
});
