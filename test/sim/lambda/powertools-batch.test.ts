/**
 * Runs simulated SQS events through a small local imitation of AWS Lambda Powertools' batch utility
 * (`@aws-lambda-powertools/batch`: BatchProcessor + processPartialResponse, SqsFifoPartialProcessor), so the event
 * shape and the partial-batch contract are checked end to end without adding the dependency. The imitation keeps
 * Powertools' contract: every record goes to the record handler; failures are reported as
 * `{ batchItemFailures: [{ itemIdentifier: messageId }] }`; when every record fails it throws (FullBatchFailureError);
 * the FIFO processor stops at the first failure and reports the failed record and all records after it.
 * Using the real package needs only `npm i -D @aws-lambda-powertools/batch` and swapping these imports.
 */
import { esm, FakeQueue, fn, setupLambda } from './helpers';
import type { SqsEvent, SqsEventRecord } from '../../../src/sim/lambda';

class FullBatchFailureError extends Error {
  constructor(count: number) {
    super(`All records failed processing. ${count} individual errors logged separately below.`);
    this.name = 'FullBatchFailureError';
  }
}

type RecordHandler = (record: SqsEventRecord) => unknown;

/** Mirrors Powertools' SqsRecordSchema (zod): what its parser requires of each record. */
function assertSqsRecordSchema(r: any): void {
  const str = (v: unknown, what: string) => {
    if (typeof v !== 'string') throw new Error(`SqsRecordSchema: ${what} must be a string`);
  };
  for (const k of ['messageId', 'receiptHandle', 'body', 'md5OfBody', 'eventSourceARN', 'awsRegion']) str(r[k], k);
  if (r.eventSource !== 'aws:sqs') throw new Error('SqsRecordSchema: eventSource must be aws:sqs');
  for (const k of ['ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp', 'SenderId', 'SentTimestamp']) str(r.attributes?.[k], `attributes.${k}`);
  if (!(r.md5OfMessageAttributes === null || typeof r.md5OfMessageAttributes === 'string')) throw new Error('SqsRecordSchema: md5OfMessageAttributes');
  for (const [name, a] of Object.entries<any>(r.messageAttributes ?? {})) {
    str(a.dataType, `messageAttributes.${name}.dataType`);
    if (!Array.isArray(a.stringListValues) || !Array.isArray(a.binaryListValues)) throw new Error(`SqsRecordSchema: messageAttributes.${name} list values`);
  }
}

async function processPartialResponse(event: SqsEvent, handler: RecordHandler): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  if (!event.Records || event.Records.length === 0) throw new Error('Failed to convert event to record batch for processing.');
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    assertSqsRecordSchema(record);
    try {
      await handler(record);
    } catch {
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  if (failures.length === event.Records.length) throw new FullBatchFailureError(failures.length);
  return { batchItemFailures: failures };
}

async function processFifoPartialResponse(event: SqsEvent, handler: RecordHandler): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    if (failures.length > 0) {
      failures.push({ itemIdentifier: record.messageId }); // short-circuit: the rest of the batch is not processed
      continue;
    }
    try {
      await handler(record);
    } catch {
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}

const partial = { FunctionResponseTypes: ['ReportBatchItemFailures'] };

test('Powertools-style batch processing: records pass SqsRecordSchema, failed items come back after the visibility timeout, the rest are deleted', async () => {
  let queue!: FakeQueue;
  const { ctx, lambda } = setupLambda([fn('Worker'), esm('Map', 'orders', 'Worker', partial)], { queues: c => (queue = new FakeQueue(c, { name: 'orders' })) });
  const processed: string[] = [];
  let failOnce = true;
  lambda.handle('Worker').handle((event: SqsEvent) => processPartialResponse(event, record => {
    const order = JSON.parse(record.body) as { id: number };
    if (order.id === 2 && failOnce) {
      failOnce = false;
      throw new Error('payment service unavailable');
    }
    processed.push(`${order.id}@${record.attributes.ApproximateReceiveCount}`);
  }));
  const t0 = ctx.clock.now();
  const ids = [1, 2, 3, 4].map(id => queue.send(JSON.stringify({ id }), { attributes: { source: { DataType: 'String', StringValue: 'web' } } }));
  const r = await ctx.clock.runUntilIdle(t0 + 3_600_000);
  expect(r.idle).toBe(true);
  expect(processed).toEqual(['1@1', '3@1', '4@1', '2@2']);
  expect(lambda.handle('Worker').invocations.map(i => i.time - t0)).toEqual([0, 30_000]);
  expect(lambda.handle('Worker').invocations[0].result).toEqual({ batchItemFailures: [{ itemIdentifier: ids[1] }] });
  expect(queue.messages).toHaveLength(0);
});

test('Powertools-style batch processing: when every record fails the processor throws and the whole batch returns', async () => {
  let queue!: FakeQueue;
  const { ctx, lambda } = setupLambda([fn('Worker'), esm('Map', 'orders', 'Worker', partial)], { queues: c => (queue = new FakeQueue(c, { name: 'orders' })) });
  lambda.handle('Worker').handle((event: SqsEvent) => processPartialResponse(event, () => {
    throw new Error('down');
  }));
  queue.send('a');
  queue.send('b');
  await ctx.advance(0);
  expect(lambda.handle('Worker').invocations[0].error?.errorType).toBe('FullBatchFailureError');
  expect(queue.messages).toHaveLength(2);
});

test('FIFO with the Powertools FIFO processor: a group is processed in order and stops after a failure, so order survives retries', async () => {
  let queue!: FakeQueue;
  const { ctx, lambda } = setupLambda([fn('Worker'), esm('Map', 'orders.fifo', 'Worker', partial)], {
    queues: c => (queue = new FakeQueue(c, { name: 'orders.fifo', fifo: true })),
  });
  const applied: string[] = [];
  const failures = new Set(['g1-2']); // fails on first delivery only
  lambda.handle('Worker').handle((event: SqsEvent) => processFifoPartialResponse(event, record => {
    if (failures.delete(record.body)) throw new Error('transient');
    applied.push(record.body);
  }));
  const t0 = ctx.clock.now();
  for (const body of ['g1-1', 'g1-2', 'g1-3', 'g1-4']) queue.send(body, { groupId: 'g1' });
  const r = await ctx.clock.runUntilIdle(t0 + 3_600_000);
  expect(r.idle).toBe(true);
  expect(applied).toEqual(['g1-1', 'g1-2', 'g1-3', 'g1-4']);
  // The failed record and everything after it were reported, deleted only g1-1, and came back together.
  expect(lambda.handle('Worker').invocations.map(i => (i.event as SqsEvent).Records.map(x => x.body))).toEqual([['g1-1', 'g1-2', 'g1-3', 'g1-4'], ['g1-2', 'g1-3', 'g1-4']]);
});
