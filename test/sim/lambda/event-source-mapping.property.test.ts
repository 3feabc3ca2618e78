/**
 * Property: whatever the batch settings and whichever records fail (thrown errors or partial batch responses), an SQS
 * event source mapping loses nothing and acknowledges nothing it did not process: every message ends either deleted
 * after an invocation that reported it successful, or in the DLQ after maxReceiveCount failed receives; a message is
 * never delivered again once it was acknowledged; and `runUntilIdle` reaches idle.
 */
import * as fc from 'fast-check';
import { esm, FakeQueue, fn, setupLambda } from './helpers';
import type { SqsEvent } from '../../../src/sim/lambda';

test('no message is lost or acknowledged without success (random batch sizes, windows, failures)', async () => {
  await fc.assert(fc.asyncProperty(
    fc.record({
      messages: fc.integer({ min: 1, max: 40 }),
      batchSize: fc.integer({ min: 1, max: 10 }),
      window: fc.constantFrom(0, 0, 5),
      partial: fc.boolean(),
      maxReceiveCount: fc.integer({ min: 1, max: 4 }),
      failures: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 40, maxLength: 40 }),
      throwOnAnyFailure: fc.boolean(),
    }),
    async c => {
      let queue!: FakeQueue;
      let dlq!: FakeQueue;
      const props: Record<string, unknown> = { BatchSize: c.batchSize, MaximumBatchingWindowInSeconds: c.window };
      if (c.partial) props.FunctionResponseTypes = ['ReportBatchItemFailures'];
      const { ctx, lambda } = setupLambda([fn('Worker'), esm('Map', 'q', 'Worker', props)], {
        queues: x => {
          dlq = new FakeQueue(x, { name: 'q-dlq' });
          queue = new FakeQueue(x, { name: 'q', maxReceiveCount: c.maxReceiveCount, deadLetterQueue: dlq });
        },
      });
      const attempts = new Map<string, number>();
      const acknowledged = new Set<string>();
      lambda.handle('Worker').handle((event: SqsEvent) => {
        const failed: string[] = [];
        for (const r of event.Records) {
          expect(acknowledged.has(r.body)).toBe(false); // never delivered again after success
          const n = (attempts.get(r.body) ?? 0) + 1;
          attempts.set(r.body, n);
          if (n <= c.failures[Number(r.body)]) failed.push(r.messageId);
        }
        if (failed.length > 0 && (!c.partial || c.throwOnAnyFailure)) throw new Error('batch failed');
        for (const r of event.Records) if (!failed.includes(r.messageId)) acknowledged.add(r.body);
        return c.partial ? { batchItemFailures: failed.map(id => ({ itemIdentifier: id })) } : undefined;
      });
      for (let i = 0; i < c.messages; i++) queue.send(String(i));
      const result = await ctx.clock.runUntilIdle(ctx.clock.now() + 86_400_000);
      expect(result.idle).toBe(true);
      expect(queue.messages).toHaveLength(0);
      const inDlq = new Set(dlq.bodies());
      for (let i = 0; i < c.messages; i++) {
        const body = String(i);
        expect(acknowledged.has(body) !== inDlq.has(body)).toBe(true); // exactly one fate
        if (inDlq.has(body)) expect(attempts.get(body)).toBe(c.maxReceiveCount);
      }
    },
  ), { numRuns: 60 });
});
