/**
 * TransactWriteItems and TransactGetItems (API Reference, "Amazon DynamoDB Transactions"): up to 100 actions on
 * distinct items, all or nothing. Every condition is checked before anything is written; if one fails, the request
 * fails with TransactionCanceledException and a CancellationReasons entry per action, in request order (`None` for
 * the others). A ClientRequestToken makes the call idempotent for 10 minutes: the same request again returns the
 * first result without writing; the same token with other parameters is IdempotentParameterMismatchException.
 */
import { TableResolver } from './batch';
import { consumedCapacity, parseExpressions, returnOnConditionFailure, writeUnits } from './request';
import { applyOutcome, conditionCheckPlan, deletePlan, evaluatePlan, putPlan, updatePlan, WriteOutcome, WritePlan } from './write-plan';
import { AwsError } from '../../kernel';
import { CancellationReason, constraint, transactionCanceled, validation } from '../errors';
import { projectItem } from '../expressions/projection';
import { cloneItem, normaliseItem } from '../values/attribute-value';

const MAX_ACTIONS = 100;
const TOKEN_LIFETIME_MS = 10 * 60 * 1000;

export interface IdempotencyRecord {
  readonly request: string;
  readonly at: number;
  readonly output: Record<string, any>;
}

function actionsOf(input: Record<string, any>, field: string): any[] {
  const items = input.TransactItems;
  if (!Array.isArray(items) || items.length === 0) throw constraint('[]', field, 'Member must have length greater than or equal to 1');
  if (items.length > MAX_ACTIONS) {
    throw validation(`1 validation error detected at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ACTIONS}`);
  }
  return items;
}

export function transactWriteItems(
  input: Record<string, any>, resolve: TableResolver, tokens: Map<string, IdempotencyRecord>, now: number,
): Record<string, any> {
  const token = input.ClientRequestToken;
  const fingerprint = JSON.stringify({ ...input, ClientRequestToken: undefined }, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v));
  if (typeof token === 'string') {
    const seen = tokens.get(token);
    if (seen && now - seen.at < TOKEN_LIFETIME_MS) {
      if (seen.request !== fingerprint) {
        throw new AwsError('IdempotentParameterMismatchException', 'The request uses the same client token as a previous, but non-identical request.');
      }
      return seen.output;
    }
  }
  const plans: { plan: WritePlan; returnOld: boolean }[] = [];
  const keys = new Set<string>();
  for (const action of actionsOf(input, 'transactItems')) {
    const kinds = ['ConditionCheck', 'Put', 'Delete', 'Update'].filter(k => action?.[k] !== undefined);
    if (kinds.length !== 1) throw validation('TransactItems can only contain one of Check, Put, Update or Delete');
    const spec = action[kinds[0]];
    const table = resolve(spec.TableName);
    let plan: WritePlan;
    switch (kinds[0]) {
      case 'Put':
        plan = putPlan(table, normaliseItem(spec.Item ?? {}), parseExpressions(spec, ['ConditionExpression']));
        break;
      case 'Delete':
        plan = deletePlan(table, normaliseItem(spec.Key ?? {}), parseExpressions(spec, ['ConditionExpression']));
        break;
      case 'Update':
        plan = updatePlan(table, normaliseItem(spec.Key ?? {}), parseExpressions(spec, ['UpdateExpression', 'ConditionExpression']));
        break;
      default: {
        const expressions = parseExpressions(spec, ['ConditionExpression']);
        if (!expressions.condition) throw validation('The ConditionCheck action requires a ConditionExpression');
        plan = conditionCheckPlan(table, normaliseItem(spec.Key ?? {}), expressions);
      }
    }
    const k = `${table.name}\u0001${table.primaryKeyString(plan.key)}`;
    if (keys.has(k)) throw validation('Transaction request cannot include multiple operations on one item');
    keys.add(k);
    plans.push({ plan, returnOld: returnOnConditionFailure(spec) });
  }

  const outcomes: (WriteOutcome | undefined)[] = [];
  const reasons: CancellationReason[] = [];
  let cancelled = false;
  for (const { plan, returnOld } of plans) {
    try {
      const outcome = evaluatePlan(plan);
      outcomes.push(outcome);
      if (outcome.ok) {
        reasons.push({ Code: 'None' });
      } else {
        cancelled = true;
        reasons.push({ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', ...(returnOld && outcome.oldItem ? { Item: cloneItem(outcome.oldItem) } : {}) });
      }
    } catch (e) {
      if (!(e instanceof AwsError) || e.name !== 'ValidationException') throw e;
      cancelled = true;
      outcomes.push(undefined);
      reasons.push({ Code: 'ValidationError', Message: e.message });
    }
  }
  if (cancelled) throw transactionCanceled(reasons);
  const units = new Map<string, number>();
  plans.forEach(({ plan }, i) => {
    applyOutcome(plan, outcomes[i]!);
    const o = outcomes[i]!;
    units.set(plan.table.name, (units.get(plan.table.name) ?? 0) + 2 * writeUnits(o.oldItem, o.ok ? o.newItem : undefined));
  });
  const capacity = [...units].map(([name, u]) => consumedCapacity(input, name, u).ConsumedCapacity).filter(Boolean);
  const output = { ...(capacity.length > 0 ? { ConsumedCapacity: capacity } : {}), $metadata: { httpStatusCode: 200 } };
  if (typeof token === 'string') tokens.set(token, { request: fingerprint, at: now, output });
  return output;
}

export function transactGetItems(input: Record<string, any>, resolve: TableResolver): Record<string, any> {
  const gets = actionsOf(input, 'transactItems').map(action => {
    if (action?.Get === undefined) throw validation('TransactItems can only contain Get');
    const spec = action.Get;
    const table = resolve(spec.TableName);
    const key = table.checkKey(normaliseItem(spec.Key ?? {}));
    return { table, key, expressions: parseExpressions(spec, ['ProjectionExpression']) };
  });
  const keys = new Set(gets.map(g => `${g.table.name}\u0001${g.table.primaryKeyString(g.key)}`));
  if (keys.size !== gets.length) throw validation('Transaction request cannot include multiple operations on one item');
  const responses = gets.map(({ table, key, expressions }) => {
    const item = table.get(key);
    if (!item) return {};
    return { Item: expressions.projection ? projectItem(item, expressions.projection) : cloneItem(item) };
  });
  return { Responses: responses, $metadata: { httpStatusCode: 200 } };
}
