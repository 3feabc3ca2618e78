/**
 * ItemBatcher of a Distributed Map: groups items into batches of at most MaxItemsPerBatch(Path) items and at most
 * MaxInputBytesPerBatch(Path) bytes of JSON; each child execution gets `{ BatchInput?, Items: [...] }`.
 */
import { runtimeError } from '../errors';
import type { StateRun } from '../execution/state-run';
import type { Json } from '../paths/jsonpath';
import { applyTemplate, dynamicValue } from '../processing/payload-template';

export async function batchItems(run: StateRun, items: Json[], effective: Json): Promise<Json[]> {
  const batcher = run.state.ItemBatcher as Record<string, any>;
  const read = async (field: string): Promise<number | undefined> => {
    let v: Json | undefined = batcher[field];
    if (batcher[`${field}Path`] !== undefined) v = dynamicValue(`${field}Path`, batcher[`${field}Path`], run.pathData(effective), run.machine.intrinsics);
    if (run.language === 'JSONata' && typeof v === 'string') v = await run.machine.jsonata.template(v, run.jsonataScope(), field);
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw runtimeError(`ItemBatcher ${field} must be a positive integer, got ${JSON.stringify(v)}`);
    return v;
  };
  const maxItems = await read('MaxItemsPerBatch');
  const maxBytes = Math.min(await read('MaxInputBytesPerBatch') ?? 256 * 1024, 256 * 1024);
  const batchInput = batcher.BatchInput === undefined ? undefined
    : run.language === 'JSONata' ? await run.machine.jsonata.template(batcher.BatchInput, run.jsonataScope(), 'BatchInput')
      : applyTemplate(batcher.BatchInput, run.pathData(effective), run.machine.intrinsics);
  const base = batchInput === undefined ? 0 : Buffer.byteLength(JSON.stringify({ BatchInput: batchInput }));
  const batches: Json[] = [];
  let current: Json[] = [];
  let bytes = base;
  const flush = () => {
    if (current.length === 0) return;
    batches.push(batchInput === undefined ? { Items: current } : { BatchInput: batchInput, Items: current });
    current = [];
    bytes = base;
  };
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item)) + 1;
    if (current.length > 0 && ((maxItems !== undefined && current.length >= maxItems) || bytes + size > maxBytes)) flush();
    current.push(item);
    bytes += size;
  }
  flush();
  return batches;
}
