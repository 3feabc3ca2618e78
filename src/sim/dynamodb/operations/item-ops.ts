/** PutItem, GetItem, UpdateItem, DeleteItem (API Reference), with ReturnValues and ReturnValuesOnConditionCheckFailure. */
import {
  consumedCapacity, itemParameter, parseExpressions, readUnits, returnOnConditionFailure, returnValues, writeUnits,
} from './request';
import { applyOutcome, deletePlan, evaluatePlan, putPlan, updatePlan, WritePlan } from './write-plan';
import { conditionalCheckFailed } from '../errors';
import { PathNode } from '../expressions/ast';
import { projectItem } from '../expressions/projection';
import { SimTable } from '../table';
import { cloneItem, Item } from '../values/attribute-value';
import { itemSize } from '../values/size';

const METADATA = { httpStatusCode: 200 };

function runWrite(input: Record<string, any>, plan: WritePlan): { oldItem?: Item; newItem?: Item } {
  const onFailure = returnOnConditionFailure(input);
  const outcome = evaluatePlan(plan);
  if (!outcome.ok) throw conditionalCheckFailed(onFailure && outcome.oldItem ? cloneItem(outcome.oldItem) : undefined);
  applyOutcome(plan, outcome);
  return { oldItem: outcome.oldItem, newItem: outcome.newItem };
}

export function putItem(table: SimTable, input: Record<string, any>): Record<string, any> {
  const rv = returnValues(input, ['NONE', 'ALL_OLD']);
  const expressions = parseExpressions(input, ['ConditionExpression']);
  const item = itemParameter(input, 'Item', 'item');
  const { oldItem } = runWrite(input, putPlan(table, item, expressions));
  return {
    ...(rv === 'ALL_OLD' && oldItem ? { Attributes: cloneItem(oldItem) } : {}),
    ...consumedCapacity(input, table.name, () => writeUnits(oldItem, item)),
    $metadata: METADATA,
  };
}

export function deleteItem(table: SimTable, input: Record<string, any>): Record<string, any> {
  const rv = returnValues(input, ['NONE', 'ALL_OLD']);
  const expressions = parseExpressions(input, ['ConditionExpression']);
  const key = itemParameter(input, 'Key', 'key');
  const { oldItem } = runWrite(input, deletePlan(table, key, expressions));
  return {
    ...(rv === 'ALL_OLD' && oldItem ? { Attributes: cloneItem(oldItem) } : {}),
    ...consumedCapacity(input, table.name, () => writeUnits(oldItem)),
    $metadata: METADATA,
  };
}

export function updateItem(table: SimTable, input: Record<string, any>): Record<string, any> {
  const rv = returnValues(input, ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW']);
  const expressions = parseExpressions(input, ['UpdateExpression', 'ConditionExpression']);
  const key = itemParameter(input, 'Key', 'key');
  const { oldItem, newItem } = runWrite(input, updatePlan(table, key, expressions));
  const touched: PathNode[] = (expressions.update ?? []).map(a => a.path);
  let attributes: Item | undefined;
  if (rv === 'ALL_OLD') attributes = oldItem;
  else if (rv === 'ALL_NEW') attributes = newItem;
  else if (rv === 'UPDATED_OLD' && oldItem) attributes = projectItem(oldItem, touched);
  else if (rv === 'UPDATED_NEW' && newItem) attributes = projectItem(newItem, touched);
  return {
    ...(attributes && Object.keys(attributes).length > 0 ? { Attributes: cloneItem(attributes) } : {}),
    ...consumedCapacity(input, table.name, () => writeUnits(oldItem, newItem)),
    $metadata: METADATA,
  };
}

export function getItem(table: SimTable, input: Record<string, any>): Record<string, any> {
  const expressions = parseExpressions(input, ['ProjectionExpression']);
  const key = table.checkKey(itemParameter(input, 'Key', 'key'));
  const item = table.get(key);
  const consistent = input.ConsistentRead === true;
  const out = item ? (expressions.projection ? projectItem(item, expressions.projection) : cloneItem(item)) : undefined;
  return {
    ...(out ? { Item: out } : {}),
    ...consumedCapacity(input, table.name, () => readUnits(item ? itemSize(item) : 0, consistent)),
    $metadata: METADATA,
  };
}
