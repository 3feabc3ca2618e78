import { invalidPolicy } from '../errors';
import { isComparableNumber, requireNumericRange, toFixedPoint } from '../number';
import { Condition, Scalar } from '../types';
import { MatchOperator } from './operator';
import { requireString } from './prefix';
import { matchesWildcard, parseWildcard } from './wildcard';

/**
 * Anything-but matching (string-value-matching, numeric-value-matching). The operand is a string, a number, a list
 * of strings and numbers (numbers within ±1e9, as numeric matching requires), or one of `{"prefix": "..."}`,
 * `{"suffix": "..."}` and `{"wildcard": "..."}`. It matches a present value that is none of the listed values (or
 * does not begin with the prefix, end with the suffix, match the wildcard pattern); an absent property never matches,
 * which is why SNS suggests combining it with `{"exists": false}`. Those three are the forms the SNS page documents
 * inside anything-but: equals-ignore-case and exists are refused with `Unsupported anything-but pattern: <name>`
 * (they are EventBridge features).
 *
 * Arrays: a String.Array or Number.Array attribute or a body array matches when any one element is not excluded.
 * string-value-matching's prose says a String.Array matches only "if none of the array elements are listed", but its
 * examples say otherwise: `["rugby", "baseball"]` matches `{"anything-but": ["rugby", "tennis"]}` "because it contains
 * a value that isn't rugby or tennis" (and `["rugby"]` does not). The simulator follows the examples.
 */
export const anythingButOperator: MatchOperator = {
  name: 'anything-but',
  compile(operand: unknown): Condition {
    if (typeof operand === 'string') return excluding([operand]);
    if (typeof operand === 'number') return excluding([requireNumericRange(operand)]);
    if (Array.isArray(operand)) {
      if (operand.length === 0) invalidPolicy('Empty arrays are not allowed');
      for (const v of operand) {
        if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) {
          invalidPolicy('Inside anything but list, start|null|boolean is not supported.');
        }
        if (typeof v === 'number') requireNumericRange(v);
      }
      return excluding(operand as (string | number)[]);
    }
    if (operand !== null && typeof operand === 'object') {
      const keys = Object.keys(operand);
      if (keys.length !== 1) invalidPolicy('Only one key allowed in match expression');
      return excludingPattern(keys[0], (operand as Record<string, unknown>)[keys[0]]);
    }
    return invalidPolicy('Value of anything-but must be an array or single string/number value.');
  },
};

/** `{"prefix": ...}`, `{"suffix": ...}` or `{"wildcard": ...}` inside anything-but: the string values it excludes. */
function excludingPattern(name: string, operand: unknown): Condition {
  let excluded: (v: string) => boolean;
  if (name === 'prefix') {
    const prefix = requireString(name, operand);
    excluded = v => v.startsWith(prefix);
  } else if (name === 'suffix') {
    const suffix = requireString(name, operand);
    excluded = v => v.endsWith(suffix);
  } else if (name === 'wildcard') {
    const pattern = parseWildcard(requireString(name, operand));
    excluded = v => matchesWildcard(pattern, v);
  } else {
    return invalidPolicy(`Unsupported anything-but pattern: ${name}`);
  }
  // The patterns describe strings: a value of another type is not excluded.
  return { kind: 'anything-but', test: (v: Scalar) => !(typeof v === 'string' && excluded(v)) };
}

function excluding(values: readonly (string | number)[]): Condition {
  const strings = new Set<string>();
  const numbers = new Set<number>();
  for (const v of values) {
    if (typeof v === 'string') strings.add(v);
    else numbers.add(toFixedPoint(v));
  }
  return {
    kind: 'anything-but',
    test: (v: Scalar) => {
      if (typeof v === 'string') return !strings.has(v);
      if (typeof v === 'number') return !(isComparableNumber(v) && numbers.has(toFixedPoint(v)));
      return true;
    },
  };
}
