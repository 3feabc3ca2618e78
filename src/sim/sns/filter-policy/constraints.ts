import { FilterPolicyError, invalidPolicy } from './errors';
import { NUMERIC_LIMIT } from './number';
import { MAX_WILDCARDS_PER_PATTERN, parseWildcard, WILDCARD_TOO_COMPLEX, wildcardCount } from './operators/wildcard';
import { FilterPolicyScope } from './types';

/** The documented limits of subscription-filter-policy-constraints. */
export const FILTER_POLICY_LIMITS = {
  /** "A filter policy can have a maximum of five keys"; "For a nested policy, only leaf keys are counted". */
  maxKeys: 5,
  /** The product of the number of values in each array (see `countCombinations`) must not exceed 150. */
  maxCombinations: 150,
  /** "The maximum size of a filter policy is 256 KB." */
  maxSizeBytes: 256 * 1024,
  /** Numeric matching works on values from -10^9 to 10^9. */
  maxNumericMagnitude: NUMERIC_LIMIT,
  /** "Total wildcard complexity across all fields must not exceed 100 points" (see `wildcardComplexity`). */
  maxWildcardComplexity: 100,
  /** "Maximum 3 wildcards per pattern" (checked where patterns are parsed, operators/wildcard.ts). */
  maxWildcardsPerPattern: MAX_WILDCARDS_PER_PATTERN,
} as const;

type PolicyObject = Record<string, unknown>;

export function checkSize(json: string): void {
  if (Buffer.byteLength(json, 'utf8') > FILTER_POLICY_LIMITS.maxSizeBytes) {
    invalidPolicy(`Filter policy can not be larger than ${FILTER_POLICY_LIMITS.maxSizeBytes} bytes`);
  }
}

/**
 * The five-key limit. A property is a key where it holds its values (a leaf); an object only groups nested keys and
 * `$or` only groups its branches' keys, so neither counts itself (the page's example with two leaf keys, key_c and
 * key_e). Without nesting or `$or` the leaf keys are the top-level keys. A key that appears in several `$or` branches
 * counts once.
 */
export function checkKeyCount(policy: PolicyObject): void {
  const leaves = new Set<string>();
  collectLeafKeys(policy, '', leaves);
  if (leaves.size > FILTER_POLICY_LIMITS.maxKeys) invalidPolicy(`Filter policy can not have more than ${FILTER_POLICY_LIMITS.maxKeys} keys`);
}

function collectLeafKeys(obj: PolicyObject, prefix: string, into: Set<string>): void {
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (key === '$or' && Array.isArray(value)) {
      for (const branch of value) if (isObject(branch)) collectLeafKeys(branch, prefix, into);
      continue;
    }
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (isObject(value)) collectLeafKeys(value, path, into);
    else into.add(path);
  }
}

/** The 150 limit, and the structural errors its walk finds (in SNS's order). Returns the combinations. */
export function checkCombinations(policy: PolicyObject, scope: FilterPolicyScope): number {
  const combinations = countCombinations(policy, scope, 1, 1);
  if (combinations > FILTER_POLICY_LIMITS.maxCombinations) invalidPolicy('Filter policy is too complex');
  return combinations;
}

/**
 * The complexity SNS checks against 150: the product of the number of values in each array, where a nested (body)
 * array counts its length times its nesting depth, and the branches of `$or` add up. The page's prose only says to
 * multiply the number of values in each array; its payload example multiplies the nested levels in too
 * (`{"key_a": {"key_b": {"key_c": [4 values]}}, "key_d": {"key_e": [3 values]}}` costs 4 x 3 x 3 x 2 = 72), and the
 * simulator follows the example.
 */
function countCombinations(obj: PolicyObject, scope: FilterPolicyScope, depth: number, combinations: number): number {
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
          sum += countCombinations(branch as PolicyObject, scope, depth, combinations);
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

/** The wildcard limit of 100 points; call it once every operand is known to be valid. Returns the complexity. */
export function checkWildcardComplexity(policy: PolicyObject): number {
  const complexity = wildcardComplexity(policy);
  if (complexity > FILTER_POLICY_LIMITS.maxWildcardComplexity) invalidPolicy(WILDCARD_TOO_COMPLEX);
  return complexity;
}

/**
 * Wildcard pattern usage guidelines: "Field complexity = (Sum of pattern points) x (Number of patterns)", summed over
 * all fields (`$or` branches and nested fields included). The page's example field `[{"anything-but": {"prefix":
 * "Hello"}}, {"wildcard": "H*"}]` has two patterns, so every element of a field's array is a pattern; one without
 * wildcards or anything-but (an exact value, a prefix) scores no points but still counts among the patterns.
 */
function wildcardComplexity(obj: PolicyObject): number {
  let total = 0;
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (key === '$or' && Array.isArray(value)) {
      for (const branch of value) total += wildcardComplexity(branch as PolicyObject);
    } else if (isObject(value)) {
      total += wildcardComplexity(value);
    } else if (Array.isArray(value)) {
      const points = value.reduce((sum: number, element) => sum + patternPoints(element), 0);
      total += points * value.length;
    }
  }
  return total;
}

/**
 * "Single wildcard: 1 point", "Multiple wildcards: 3 points each", "Anything-but: 1 point". The page does not say how
 * an anything-but wildcard scores; the simulator gives it the points of its wildcards (at least the anything-but
 * point), so no pattern is counted twice.
 */
function patternPoints(element: unknown): number {
  if (!isObject(element)) return 0;
  if (typeof element.wildcard === 'string') return wildcardPoints(element.wildcard);
  const anythingBut = element['anything-but'];
  if (anythingBut === undefined) return 0;
  if (isObject(anythingBut) && typeof anythingBut.wildcard === 'string') return Math.max(1, wildcardPoints(anythingBut.wildcard));
  return 1;
}

function wildcardPoints(pattern: string): number {
  const wildcards = wildcardCount(parseWildcard(pattern));
  return wildcards <= 1 ? wildcards : 3 * wildcards;
}

export function isObject(v: unknown): v is PolicyObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
