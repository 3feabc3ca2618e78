/**
 * What every operation reads from its request: the expressions (parsed together, so unused names and values are
 * found across all of them), ReturnValues, and the consumed capacity it reports.
 */
import { validation } from '../errors';
import { Condition, PathNode, UpdateAction } from '../expressions/ast';
import { ExpressionContext } from '../expressions/context';
import { ExpressionKind, parseCondition, parseProjection, parseUpdate } from '../expressions/parser';
import { Item, normaliseItem } from '../values/attribute-value';
import { itemSize } from '../values/size';

export interface RequestExpressions {
  readonly condition?: Condition;
  readonly filter?: Condition;
  readonly keyCondition?: Condition;
  readonly update?: UpdateAction[];
  readonly projection?: PathNode[];
}

/** Request parameters of the pre-expression API, which the simulator does not implement. */
const LEGACY = ['Expected', 'AttributesToGet', 'QueryFilter', 'ScanFilter', 'KeyConditions', 'AttributeUpdates', 'ConditionalOperator'];

export function refuseLegacy(input: Record<string, any>, report: (message: string) => void): void {
  for (const p of LEGACY) {
    if (input[p] !== undefined) {
      report(`the legacy parameter ${p} is not simulated; use the expression parameters`);
      throw validation(`The legacy parameter ${p} is not supported by the simulator; use the expression parameters instead`);
    }
  }
}

/** Parses the expressions `input` carries; every ExpressionAttributeNames/Values entry must be used by one of them. */
export function parseExpressions(input: Record<string, any>, accepted: readonly ExpressionKind[]): RequestExpressions {
  // Members an operation does not define are not read (the JSON protocol ignores unknown members).
  input = Object.fromEntries(Object.entries(input).filter(([k]) => !k.endsWith('Expression') || accepted.includes(k as ExpressionKind)));
  const present = accepted.some(k => input[k] !== undefined);
  const ctx = new ExpressionContext(input.ExpressionAttributeNames, input.ExpressionAttributeValues, present);
  const out: { -readonly [K in keyof RequestExpressions]: RequestExpressions[K] } = {};
  if (input.KeyConditionExpression !== undefined) out.keyCondition = parseCondition('KeyConditionExpression', String(input.KeyConditionExpression), ctx);
  if (input.UpdateExpression !== undefined) out.update = parseUpdate(String(input.UpdateExpression), ctx);
  if (input.ConditionExpression !== undefined) out.condition = parseCondition('ConditionExpression', String(input.ConditionExpression), ctx);
  if (input.FilterExpression !== undefined) out.filter = parseCondition('FilterExpression', String(input.FilterExpression), ctx);
  if (input.ProjectionExpression !== undefined) out.projection = parseProjection(String(input.ProjectionExpression), ctx);
  ctx.checkAllUsed();
  return out;
}

export type ReturnValues = 'NONE' | 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW';

export function returnValues(input: Record<string, any>, allowed: readonly ReturnValues[]): ReturnValues {
  const v = input.ReturnValues ?? 'NONE';
  if (!allowed.includes(v)) throw validation('Return values set to invalid value');
  return v;
}

export function returnOnConditionFailure(input: Record<string, any>): boolean {
  const v = input.ReturnValuesOnConditionCheckFailure ?? 'NONE';
  if (v !== 'NONE' && v !== 'ALL_OLD') {
    throw validation(`1 validation error detected: Value '${String(v)}' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]`);
  }
  return v === 'ALL_OLD';
}

/** A required map parameter as an item (validated AttributeValues). */
export function itemParameter(input: Record<string, any>, name: string, field: string): Item {
  const raw = input[name];
  if (raw === undefined || raw === null) {
    throw validation(`1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  }
  return normaliseItem(raw);
}

/**
 * ConsumedCapacity when ReturnConsumedCapacity is TOTAL or INDEXES ("Capacity unit consumption"): a write costs one
 * unit per 1 KB of the larger of the old and new item, a read one unit per 4 KB (half for an eventually consistent
 * read), transactions twice that. Index capacity is not itemised.
 */
export function consumedCapacity(
  input: Record<string, any>, tableName: string, units: number | (() => number),
): { ConsumedCapacity?: Record<string, unknown> } {
  const mode = input.ReturnConsumedCapacity ?? 'NONE';
  if (mode === 'NONE') return {};
  if (typeof units === 'function') units = units();
  return { ConsumedCapacity: { TableName: tableName, CapacityUnits: units, ...(mode === 'INDEXES' ? { Table: { CapacityUnits: units } } : {}) } };
}

export function writeUnits(...items: (Item | undefined)[]): number {
  const size = Math.max(0, ...items.map(i => (i ? itemSize(i) : 0)));
  return Math.max(1, Math.ceil(size / 1024));
}

export function readUnits(bytes: number, consistent: boolean): number {
  const units = Math.max(1, Math.ceil(bytes / 4096));
  return consistent ? units : units / 2;
}
