import { FilterPolicyError, invalidPolicy } from './errors';
import { KeyMatcher } from './key-matcher';
import { compileLiteral, MATCH_OPERATORS } from './operators';
import { Condition, FilterPolicyScope } from './types';

/** The documented limits of subscription-filter-policy-constraints. */
export const FILTER_POLICY_LIMITS = {
  /** A filter policy can have at most five keys; for a nested (body) policy only the top-level keys count. */
  maxKeys: 5,
  /** The product of the number of values in each array (see `combinations`) must not exceed 150. */
  maxCombinations: 150,
  /** The JSON of a filter policy can be at most 256 KB. */
  maxSizeBytes: 256 * 1024,
} as const;

/** A filter policy compiled once at load into matchers. */
export interface CompiledFilterPolicy {
  readonly scope: FilterPolicyScope;
  /** The policy as JSON (what GetSubscriptionAttributes would show). */
  readonly json: string;
  /** `$or` expanded: the policy matches when every property of any one group matches. */
  readonly groups: readonly (readonly KeyMatcher[])[];
  /** Every dotted path and path prefix the policy reads, so message bodies are flattened only where needed. */
  readonly pathPrefixes: ReadonlySet<string>;
  /** The complexity SNS computes for the 150 limit. */
  readonly combinations: number;
}

/**
 * Validates and compiles a subscription filter policy as SNS does when the policy is attached. `policy` is what a
 * template gives (an object, or a JSON string); an absent, empty-string or `{}` policy means no filtering and
 * returns undefined. Throws `FilterPolicyError` with SNS's reason for a policy SNS refuses.
 */
export function compileFilterPolicy(policy: unknown, scope: FilterPolicyScope = 'MessageAttributes'): CompiledFilterPolicy | undefined {
  if (policy === undefined || policy === null) return undefined;
  let json: string;
  let parsed: unknown;
  if (typeof policy === 'string') {
    if (policy.trim() === '') return undefined;
    json = policy;
    checkSize(json);
    try {
      parsed = JSON.parse(policy);
    } catch {
      return invalidPolicy('failed to parse JSON.');
    }
  } else {
    parsed = policy;
    json = JSON.stringify(policy);
    checkSize(json);
  }
  if (!isObject(parsed)) return invalidPolicy('Filter policy must be a JSON object');
  const keys = Object.keys(parsed);
  if (keys.length === 0) return undefined;
  if (keys.length > FILTER_POLICY_LIMITS.maxKeys) invalidPolicy(`Filter policy can not have more than ${FILTER_POLICY_LIMITS.maxKeys} keys`);

  const combinations = countCombinations(parsed, scope, 1, 1);
  if (combinations > FILTER_POLICY_LIMITS.maxCombinations) invalidPolicy('Filter policy is too complex');

  const groups = expand(parsed, '');
  const pathPrefixes = new Set<string>();
  for (const group of groups) {
    for (const km of group) {
      let at = km.path.indexOf('.');
      while (at >= 0) {
        pathPrefixes.add(km.path.slice(0, at));
        at = km.path.indexOf('.', at + 1);
      }
      pathPrefixes.add(km.path);
    }
  }
  return { scope, json: typeof policy === 'string' ? JSON.stringify(parsed) : json, groups, pathPrefixes, combinations };
}

function checkSize(json: string): void {
  if (Buffer.byteLength(json, 'utf8') > FILTER_POLICY_LIMITS.maxSizeBytes) {
    invalidPolicy(`Filter policy can not be larger than ${FILTER_POLICY_LIMITS.maxSizeBytes} bytes`);
  }
}

/**
 * The complexity SNS checks against 150 (subscription-filter-policy-constraints): the product of the number of values
 * in each array, where a nested (body) array counts its length times its nesting depth (the documented example
 * `{"key_a": {"key_b": {"key_c": [4 values]}}, "key_d": {"key_e": [3 values]}}` costs 3 x 4 x 2 x 3 = 72) and the
 * branches of `$or` add up. The same walk reports the structural errors, in SNS's order.
 */
function countCombinations(obj: Record<string, unknown>, scope: FilterPolicyScope, depth: number, combinations: number): number {
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (isObject(value)) {
      combinations = countCombinations(value, scope, depth + 1, combinations);
    } else if (Array.isArray(value)) {
      if (value.length === 0) invalidPolicy('Empty arrays are not allowed');
      if (key === '$or') {
        let sum = 0;
        for (const branch of value) {
          if (!isObject(branch)) invalidPolicy('"$or" must be an array of objects');
          sum += countCombinations(branch as Record<string, unknown>, scope, depth, combinations);
        }
        combinations = sum;
      } else {
        combinations = combinations * value.length * depth;
      }
    } else {
      invalidPolicy(`"${key}" must be an object or an array`);
    }
  }
  if (scope === 'MessageAttributes' && depth > 1) {
    throw new FilterPolicyError('Filter policy scope MessageAttributes does not support nested filter policy');
  }
  return combinations;
}

/** Expands `$or` and nesting into groups (each an AND of properties), compiling every array once. */
function expand(obj: Record<string, unknown>, prefix: string): KeyMatcher[][] {
  let groups: KeyMatcher[][] = [[]];
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (key === '$or' && Array.isArray(value)) {
      const branches: KeyMatcher[][] = [];
      for (const branch of value) branches.push(...expand(branch as Record<string, unknown>, prefix));
      groups = cross(groups, branches);
      continue;
    }
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (isObject(value)) {
      groups = cross(groups, expand(value, path));
    } else {
      const matcher = new KeyMatcher(path, (value as unknown[]).map(compileCondition));
      for (const g of groups) g.push(matcher);
    }
  }
  return groups;
}

function cross(left: KeyMatcher[][], right: KeyMatcher[][]): KeyMatcher[][] {
  const out: KeyMatcher[][] = [];
  for (const l of left) for (const r of right) out.push([...l, ...r]);
  return out;
}

/** One element of a property's array: a literal or a match expression `{ "<operator>": operand }`. */
function compileCondition(element: unknown): Condition {
  if (isObject(element)) {
    const keys = Object.keys(element);
    if (keys.length !== 1) invalidPolicy('Only one key allowed in match expression');
    const operator = MATCH_OPERATORS.get(keys[0]);
    if (!operator) return invalidPolicy(`Unrecognized match type ${keys[0]}`);
    return operator.compile(element[keys[0]]);
  }
  return compileLiteral(element);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
