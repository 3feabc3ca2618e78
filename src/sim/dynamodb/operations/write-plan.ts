/**
 * One item write, planned before it is applied: PutItem, UpdateItem, DeleteItem and a transaction's ConditionCheck
 * each become a plan that, given the stored item, checks its condition and computes the new item. Single-item
 * operations apply one plan; TransactWriteItems checks every plan before applying any (all or nothing).
 */
import { RequestExpressions } from './request';
import { invalidParameter, validation } from '../errors';
import { Condition, UpdateAction } from '../expressions/ast';
import { evaluateCondition } from '../expressions/condition';
import { applyUpdate, updatedTopLevelNames } from '../expressions/update';
import { SimTable } from '../table';
import { Item } from '../values/attribute-value';
import { itemSize, MAX_ITEM_BYTES } from '../values/size';

export type WriteKind = 'Put' | 'Update' | 'Delete' | 'ConditionCheck';

export interface WritePlan {
  readonly kind: WriteKind;
  readonly table: SimTable;
  readonly key: Item;
  readonly condition?: Condition;
  /** Put: the item to store. */
  readonly item?: Item;
  readonly update?: readonly UpdateAction[];
}

export type WriteOutcome =
  | { readonly ok: true; readonly oldItem?: Item; readonly newItem?: Item; readonly writes: boolean }
  | { readonly ok: false; readonly oldItem?: Item };

export function putPlan(table: SimTable, item: Item, expressions: RequestExpressions): WritePlan {
  table.checkItemKeys(item);
  if (itemSize(item) > MAX_ITEM_BYTES) throw validation('Item size has exceeded the maximum allowed size');
  return { kind: 'Put', table, key: table.keyOf(item), condition: expressions.condition, item };
}

export function updatePlan(table: SimTable, key: Item, expressions: RequestExpressions): WritePlan {
  table.checkKey(key);
  const update = expressions.update ?? [];
  for (const name of updatedTopLevelNames(update)) {
    if (table.keyNames.includes(name)) throw invalidParameter(`Cannot update attribute ${name}. This attribute is part of the key`);
  }
  return { kind: 'Update', table, key, condition: expressions.condition, update };
}

export function deletePlan(table: SimTable, key: Item, expressions: RequestExpressions): WritePlan {
  table.checkKey(key);
  return { kind: 'Delete', table, key, condition: expressions.condition };
}

export function conditionCheckPlan(table: SimTable, key: Item, expressions: RequestExpressions): WritePlan {
  table.checkKey(key);
  return { kind: 'ConditionCheck', table, key, condition: expressions.condition };
}

/** Checks the plan's condition against the stored item and computes what to write (nothing is written here). */
export function evaluatePlan(plan: WritePlan): WriteOutcome {
  const current = plan.table.get(plan.key);
  if (plan.condition && !evaluateCondition(plan.condition, current)) return { ok: false, oldItem: current };
  switch (plan.kind) {
    case 'Put':
      return { ok: true, oldItem: current, newItem: plan.item, writes: true };
    case 'Delete':
      return { ok: true, oldItem: current, writes: current !== undefined };
    case 'ConditionCheck':
      return { ok: true, oldItem: current, newItem: current, writes: false };
    case 'Update': {
      const updated = applyUpdate(current ?? plan.key, plan.update ?? []);
      plan.table.checkIndexKeys(updated);
      if (itemSize(updated) > MAX_ITEM_BYTES) throw validation('Item size to update has exceeded the maximum allowed size');
      return { ok: true, oldItem: current, newItem: updated, writes: true };
    }
  }
}

export function applyOutcome(plan: WritePlan, outcome: WriteOutcome): void {
  if (!outcome.ok || !outcome.writes) return;
  plan.table.write(plan.key, outcome.newItem);
}
