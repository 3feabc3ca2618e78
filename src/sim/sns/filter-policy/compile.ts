import { checkCombinations, checkKeyCount, checkSize, checkWildcardComplexity, isObject } from './constraints';
import { invalidPolicy } from './errors';
import { KeyMatcher } from './key-matcher';
import { compileLiteral, MATCH_OPERATORS } from './operators';
import { Condition, FilterPolicyScope } from './types';

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
  /** The wildcard complexity SNS computes for the 100-point limit. */
  readonly wildcardComplexity: number;
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
  if (Object.keys(parsed).length === 0) return undefined;
  checkKeyCount(parsed);
  const combinations = checkCombinations(parsed, scope);
  const groups = expand(parsed, '');
  const wildcardComplexity = checkWildcardComplexity(parsed);
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
  return { scope, json: typeof policy === 'string' ? JSON.stringify(parsed) : json, groups, pathPrefixes, combinations, wildcardComplexity };
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
