/**
 * Data transformation with a Lambda processor (Developer Guide, "Transform source data" and "Required parameters for
 * data transformation"): Firehose invokes the function synchronously with `{ invocationId, deliveryStreamArn, region,
 * records: [{ recordId, approximateArrivalTimestamp, data (base64) }] }`, batches of at most the processor's
 * BufferSizeInMBs. Each returned record must carry its recordId, a result of Ok, Dropped or ProcessingFailed, and the
 * base64 data; Ok records go on to the destination, Dropped ones are gone, and ProcessingFailed ones, records the
 * response lacks or marks wrongly, and whole batches whose invocation still fails after NumberOfRetries retries are
 * failed records, written under the error output prefix ("Handle failure in data transformation").
 */
import { LambdaProcessor } from './stream-config';
import { Fiber } from '../kernel';
import { CallerIdentity, LambdaDelivery } from '../runtime';

export interface BufferedRecord {
  readonly recordId: string;
  readonly arrival: number;
  readonly data: Buffer;
}

export interface FailedRecord {
  readonly record: BufferedRecord;
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly attemptsMade: number;
}

export interface TransformResult {
  readonly ok: Buffer[];
  readonly dropped: number;
  readonly failed: FailedRecord[];
}

export interface TransformContext {
  readonly fiber: Fiber;
  readonly lambda: LambdaDelivery;
  readonly caller: CallerIdentity;
  readonly streamArn: string;
  readonly region: string;
  readonly invocationId: () => string;
}

export async function transformRecords(
  processor: LambdaProcessor, records: readonly BufferedRecord[], ctx: TransformContext,
): Promise<TransformResult> {
  const result = { ok: [] as Buffer[], dropped: 0, failed: [] as FailedRecord[] };
  for (const batch of batches(records, processor.bufferBytes)) {
    const out = await invokeWithRetries(processor, batch, ctx);
    if ('error' in out) {
      for (const record of batch) result.failed.push({ record, errorCode: 'Lambda.FunctionError', errorMessage: out.error, attemptsMade: processor.retries + 1 });
      continue;
    }
    const byId = new Map<string, any>();
    for (const r of Array.isArray(out.records) ? out.records : []) if (r && typeof r.recordId === 'string') byId.set(r.recordId, r);
    for (const record of batch) {
      const answer = byId.get(record.recordId);
      const fail = (errorCode: string, errorMessage: string) => result.failed.push({ record, errorCode, errorMessage, attemptsMade: 1 });
      if (answer === undefined) fail('Lambda.MissingRecordId', `The Lambda response has no record with recordId ${record.recordId}`);
      else if (answer.result === 'Ok' && typeof answer.data === 'string') result.ok.push(Buffer.from(answer.data, 'base64'));
      else if (answer.result === 'Dropped') result.dropped++;
      else if (answer.result === 'ProcessingFailed') fail('Lambda.ProcessingFailed', 'The Lambda function returned ProcessingFailed for this record');
      else fail('Lambda.InvalidResult', `The Lambda response for recordId ${record.recordId} has result ${JSON.stringify(answer.result)} or no data`);
    }
  }
  return result;
}

function batches(records: readonly BufferedRecord[], maxBytes: number): BufferedRecord[][] {
  const out: BufferedRecord[][] = [];
  let current: BufferedRecord[] = [];
  let bytes = 0;
  for (const r of records) {
    if (current.length > 0 && bytes + r.data.length > maxBytes) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(r);
    bytes += r.data.length;
  }
  if (current.length > 0) out.push(current);
  return out;
}

async function invokeWithRetries(
  processor: LambdaProcessor, batch: BufferedRecord[], ctx: TransformContext,
): Promise<{ records: unknown } | { error: string }> {
  const event = {
    invocationId: ctx.invocationId(),
    deliveryStreamArn: ctx.streamArn,
    region: ctx.region,
    records: batch.map(r => ({ recordId: r.recordId, approximateArrivalTimestamp: r.arrival, data: r.data.toString('base64') })),
  };
  let error = '';
  for (let attempt = 0; attempt <= processor.retries; attempt++) {
    try {
      const out = await ctx.fiber.wait(ctx.lambda.invokeAs(processor.functionArn, { Payload: JSON.stringify(event), InvocationType: 'RequestResponse' }, ctx.caller));
      const text = out.Payload === undefined ? '' : Buffer.from(out.Payload as Uint8Array).toString('utf8');
      if (out.FunctionError) {
        error = text;
        continue;
      }
      return { records: JSON.parse(text || '{}').records };
    } catch (err) {
      error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
  }
  return { error };
}
