/**
 * Property tests: across random sends, receives, deletes, consumer failures (received, never deleted), visibility
 * changes and clock jumps, every message is accounted for exactly once: still in the queue, deleted, moved to the
 * dead-letter queue (and maybe expired there) or expired by retention. None is lost, none is deleted twice, a deleted
 * message is never received again; FIFO queues never introduce a duplicate within the deduplication interval and keep
 * every message group in order.
 */
import * as fc from 'fast-check';
import { queueArn, sqsWith } from './helpers';

type Action =
  | { t: 'send'; n: number; group: number; delay: number; reuseDedup: boolean }
  | { t: 'receive'; max: number; vt: number }
  | { t: 'delete'; pick: number }
  | { t: 'change'; pick: number; vt: number }
  | { t: 'advance'; ms: number };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('send' as const), n: fc.integer({ min: 1, max: 3 }), group: fc.integer({ min: 0, max: 2 }), delay: fc.constantFrom(0, 0, 3), reuseDedup: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('receive' as const), max: fc.integer({ min: 1, max: 10 }), vt: fc.constantFrom(0, 1, 5, 30) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('change' as const), pick: fc.nat(), vt: fc.constantFrom(0, 2, 60) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('advance' as const), ms: fc.constantFrom(0, 1000, 5000, 30_000, 300_000, 3_600_000, 86_400_000) }) },
);

const configArb = fc.record({
  fifo: fc.boolean(),
  retention: fc.constantFrom(60, 3600, 345_600),
  queueDelay: fc.constantFrom(0, 0, 2),
  maxReceiveCount: fc.constantFrom(undefined, 1, 2, 4),
});

interface Received {
  readonly messageId: string;
  readonly receipt: string;
}

type Config = typeof configArb extends fc.Arbitrary<infer T> ? T : never;

async function run(config: Config, actions: Action[]): Promise<void> {
  const fifo = config.fifo;
  const dlqName = fifo ? 'Dlq.fifo' : 'Dlq';
  const { sqs, ctx } = sqsWith({
    Dlq: { FifoQueue: fifo || undefined, MessageRetentionPeriod: 1_209_600 },
    Q: {
      FifoQueue: fifo || undefined,
      VisibilityTimeout: 30,
      MessageRetentionPeriod: config.retention,
      DelaySeconds: config.queueDelay,
      RedrivePolicy: config.maxReceiveCount ? { deadLetterTargetArn: queueArn(dlqName), maxReceiveCount: config.maxReceiveCount } : undefined,
    },
  });
  const q = sqs.handle('Q');
  const trace = ctx.trace;

  const sent = new Map<string, { group: string; order: number }>();
  const dedupSeen = new Map<string, { messageId: string; at: number }>();
  const latestReceipt = new Map<string, string>();
  const held: Received[] = [];
  let order = 0;
  let dedupCounter = 0;

  const goneIds = () => {
    const gone = new Set<string>();
    for (const e of trace.filter({ type: 'deleted', resource: 'Q' })) for (const id of e.detail.messageIds as string[]) gone.add(id);
    for (const e of trace.filter({ type: 'expired', resource: 'Q' })) gone.add(e.detail.messageId as string);
    for (const e of trace.filter({ type: 'moved-to-dlq', resource: 'Q' })) gone.add(e.detail.messageId as string);
    return gone;
  };

  for (const a of actions) {
    switch (a.t) {
      case 'send': {
        for (let i = 0; i < a.n; i++) {
          const group = `g${a.group}`;
          if (fifo) {
            const reuse = a.reuseDedup && dedupCounter > 0;
            const dedupId = reuse ? `d${dedupCounter - 1}` : `d${dedupCounter++}`;
            const res = await q.sendMessage({ MessageBody: `b${order}`, MessageGroupId: group, MessageDeduplicationId: dedupId });
            const seen = dedupSeen.get(dedupId);
            if (seen && ctx.clock.now() - seen.at < 5 * 60_000) {
              // Exactly-once: a duplicate within the interval is accepted with the original id and not enqueued.
              expect(res.MessageId).toBe(seen.messageId);
            } else {
              expect(sent.has(res.MessageId!)).toBe(false);
              dedupSeen.set(dedupId, { messageId: res.MessageId!, at: ctx.clock.now() });
              sent.set(res.MessageId!, { group, order: order++ });
            }
          } else {
            const res = await q.sendMessage({ MessageBody: `b${order}`, DelaySeconds: a.delay || undefined });
            expect(sent.has(res.MessageId!)).toBe(false);
            sent.set(res.MessageId!, { group, order: order++ });
          }
        }
        break;
      }
      case 'receive': {
        const res = await q.receiveMessage({ MaxNumberOfMessages: a.max, VisibilityTimeout: a.vt });
        const messages = res.Messages ?? [];
        const gone = goneIds();
        const ids = messages.map(m => m.MessageId);
        expect(new Set(ids).size).toBe(ids.length);
        messages.forEach((m, i) => {
          expect(sent.has(m.MessageId)).toBe(true);
          // A deleted (or moved, or expired) message is never received again.
          expect(gone.has(m.MessageId)).toBe(false);
          if (fifo) {
            // Group order: every earlier message of the group is gone or earlier in this very batch.
            const { group, order: mine } = sent.get(m.MessageId)!;
            for (const [id, info] of sent) {
              if (info.group !== group || info.order >= mine) continue;
              expect(gone.has(id) || ids.slice(0, i).includes(id)).toBe(true);
            }
          }
          latestReceipt.set(m.MessageId, m.ReceiptHandle);
          held.push({ messageId: m.MessageId, receipt: m.ReceiptHandle });
        });
        break;
      }
      case 'delete': {
        if (held.length === 0) break;
        const [h] = held.splice(a.pick % held.length, 1);
        const before = trace.filter({ type: 'deleted', resource: 'Q' }).length;
        try {
          await q.deleteMessage({ ReceiptHandle: h.receipt });
        } catch (e) {
          // FIFO only: an expired receipt handle of a message still in the queue.
          expect(fifo).toBe(true);
          expect((e as Error).message).toMatch(/has expired/);
          break;
        }
        const deletions = trace.filter({ type: 'deleted', resource: 'Q' });
        if (deletions.length > before) {
          // Only the latest receipt handle deletes, and it deletes its own message.
          expect(deletions[deletions.length - 1].detail.messageIds).toEqual([h.messageId]);
          expect(latestReceipt.get(h.messageId)).toBe(h.receipt);
        }
        break;
      }
      case 'change': {
        if (held.length === 0) break;
        const h = held[a.pick % held.length];
        try {
          await q.changeMessageVisibility({ ReceiptHandle: h.receipt, VisibilityTimeout: a.vt });
        } catch (e) {
          expect(['MessageNotInflight', 'InvalidParameterValue']).toContain((e as Error).name);
        }
        break;
      }
      case 'advance':
        await ctx.advance(a.ms);
        break;
    }
  }

  // Let every visibility timeout and delay end, then drain the queue, deleting what is received.
  await ctx.advance(13 * 3_600_000);
  for (let i = 0; i < 1000; i++) {
    const res = await q.receiveMessage({ MaxNumberOfMessages: 10, VisibilityTimeout: 43_200 });
    if (!res.Messages) break;
    for (const m of res.Messages) await q.deleteMessage({ ReceiptHandle: m.ReceiptHandle });
  }
  expect(sqs.queue('Q').size).toBe(0);

  // Accounting: every accepted message is deleted, expired or in (or expired from) the DLQ, exactly once.
  const where = new Map<string, string[]>();
  const note = (id: string, place: string) => where.set(id, [...(where.get(id) ?? []), place]);
  for (const e of trace.filter({ type: 'deleted', resource: 'Q' })) for (const id of e.detail.messageIds as string[]) note(id, 'deleted');
  for (const e of trace.filter({ type: 'expired', resource: 'Q' })) note(e.detail.messageId as string, 'expired');
  for (const e of trace.filter({ type: 'moved-to-dlq', resource: 'Q' })) note(e.detail.messageId as string, 'dlq');
  for (const id of sent.keys()) expect(where.get(id)?.length).toBe(1);
  expect([...where.keys()].every(id => sent.has(id))).toBe(true);
  const dlqIds = new Set([
    ...sqs.queue('Dlq').snapshot().map(m => m.messageId),
    ...trace.filter({ type: 'expired', resource: 'Dlq' }).map(e => e.detail.messageId as string),
  ]);
  expect(dlqIds).toEqual(new Set([...where].filter(([, p]) => p[0] === 'dlq').map(([id]) => id)));
}

describe('no message lost or duplicated (property tests)', () => {
  test('standard and FIFO queues under random sends, receives, deletes, failures, visibility changes and clock jumps', async () => {
    await fc.assert(fc.asyncProperty(configArb, fc.array(actionArb, { minLength: 1, maxLength: 60 }), run), { numRuns: 150 });
  }, 120_000);
});
