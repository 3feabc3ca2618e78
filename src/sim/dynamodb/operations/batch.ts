/**
 * BatchWriteItem and BatchGetItem (API Reference). Limits: 25 put/delete requests, 100 keys, no duplicate keys;
 * a request that breaks one fails whole, before any write. Nothing is throttled here, so UnprocessedItems is always
 * empty; UnprocessedKeys holds the keys past BatchGetItem's 16 MB response limit, as DynamoDB documents.
 */
import { consumedCapacity, parseExpressions, readUnits, writeUnits } from './request';
import { applyOutcome, deletePlan, evaluatePlan, putPlan, WritePlan } from './write-plan';
import { constraint, keyMismatch, validation } from '../errors';
import { projectItem } from '../expressions/projection';
import { SimTable } from '../table';
import { cloneItem, Item, normaliseItem } from '../values/attribute-value';
import { itemSize } from '../values/size';

export type TableResolver = (name: string) => SimTable;

const MAX_WRITES = 25;
const MAX_GETS = 100;
const MAX_GET_RESPONSE_BYTES = 16 * 1024 * 1024;

function requestItems(input: Record<string, any>): [string, any][] {
  const entries = Object.entries(input.RequestItems ?? {});
  if (entries.length === 0) throw constraint('{}', 'requestItems', 'Member must have length greater than or equal to 1');
  return entries;
}

/** In a batch, any bad key reads as "The provided key element does not match the schema". */
function batchKeyError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const message = (e as Error).message;
    if (/Type mismatch for key|Missing the key/.test(message)) throw keyMismatch();
    throw e;
  }
}

export function batchWriteItem(input: Record<string, any>, resolve: TableResolver): Record<string, any> {
  const entries = requestItems(input);
  // One table's list past 25 fails the API model's constraint (its Value is printed by the service's Java model;
  // the simulator prints the table and count); 25 or fewer per table but more in all is the service's own check.
  for (const [tableName, list] of entries) {
    const n = Array.isArray(list) ? list.length : 0;
    if (n > MAX_WRITES || n < 1) {
      throw validation(`1 validation error detected: Value '{${tableName}=[${n} WriteRequests]}' at 'requestItems' failed to satisfy constraint: `
        + 'Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]');
    }
  }
  const total = entries.reduce((n, [, list]) => n + (Array.isArray(list) ? list.length : 0), 0);
  if (total > MAX_WRITES) throw validation('Too many items requested for the BatchWriteItem call');
  const plans: WritePlan[] = [];
  for (const [tableName, list] of entries) {
    const table = resolve(tableName);
    const seen = new Set<string>();
    for (const request of Array.isArray(list) ? list : []) {
      const put = request?.PutRequest;
      const del = request?.DeleteRequest;
      // AWS documents no text for this; the simulator's wording.
      if ((put === undefined) === (del === undefined)) throw validation('A WriteRequest must contain exactly one of PutRequest or DeleteRequest');
      const plan = batchKeyError(() => put !== undefined
        ? putPlan(table, normaliseItem(put.Item ?? {}), {})
        : deletePlan(table, normaliseItem(del.Key ?? {}), {}));
      const k = table.primaryKeyString(plan.key);
      if (seen.has(k)) throw validation('Provided list of item keys contains duplicates');
      seen.add(k);
      plans.push(plan);
    }
  }
  const units = new Map<string, number>();
  for (const plan of plans) {
    const outcome = evaluatePlan(plan);
    applyOutcome(plan, outcome);
    units.set(plan.table.name, (units.get(plan.table.name) ?? 0) + writeUnits(outcome.oldItem, plan.item));
  }
  const capacity = [...units].map(([name, u]) => consumedCapacity(input, name, u).ConsumedCapacity).filter(Boolean);
  return { UnprocessedItems: {}, ...(capacity.length > 0 ? { ConsumedCapacity: capacity } : {}), $metadata: { httpStatusCode: 200 } };
}

export function batchGetItem(input: Record<string, any>, resolve: TableResolver): Record<string, any> {
  const entries = requestItems(input);
  for (const [tableName, spec] of entries) {
    const count = Array.isArray(spec?.Keys) ? spec.Keys.length : 0;
    if (count > MAX_GETS) throw constraint(`[${count} keys]`, `requestItems.${tableName}.member.keys`, 'Member must have length less than or equal to 100');
  }
  const total = entries.reduce((n, [, spec]) => n + (Array.isArray(spec?.Keys) ? spec.Keys.length : 0), 0);
  if (total > MAX_GETS) throw validation('Too many items requested for the BatchGetItem call');
  const prepared = entries.map(([tableName, spec]) => {
    const table = resolve(tableName);
    const expressions = parseExpressions(spec ?? {}, ['ProjectionExpression']);
    const keys: Item[] = (Array.isArray(spec?.Keys) ? spec.Keys : []).map((k: Record<string, unknown>) => table.checkKey(normaliseItem(k)));
    if (keys.length === 0) throw constraint('[]', `requestItems.${tableName}.member.keys`, 'Member must have length greater than or equal to 1');
    const seen = new Set(keys.map(k => table.primaryKeyString(k)));
    if (seen.size !== keys.length) throw validation('Provided list of item keys contains duplicates');
    return { tableName, table, spec, keys, expressions };
  });
  const responses: Record<string, Item[]> = {};
  const unprocessed: Record<string, any> = {};
  const capacity: unknown[] = [];
  let bytes = 0;
  for (const { tableName, table, spec, keys, expressions } of prepared) {
    const found: Item[] = [];
    let tableBytes = 0;
    for (const key of keys) {
      if (bytes >= MAX_GET_RESPONSE_BYTES) {
        (unprocessed[tableName] ??= { ...spec, Keys: [] }).Keys.push(cloneItem(key));
        continue;
      }
      const item = table.get(key);
      if (!item) continue;
      const size = itemSize(item);
      bytes += size;
      tableBytes += size;
      found.push(expressions.projection ? projectItem(item, expressions.projection) : cloneItem(item));
    }
    responses[tableName] = found;
    const c = consumedCapacity(input, table.name, readUnits(tableBytes, spec?.ConsistentRead === true)).ConsumedCapacity;
    if (c) capacity.push(c);
  }
  return {
    Responses: responses,
    UnprocessedKeys: unprocessed,
    ...(capacity.length > 0 ? { ConsumedCapacity: capacity } : {}),
    $metadata: { httpStatusCode: 200 },
  };
}
