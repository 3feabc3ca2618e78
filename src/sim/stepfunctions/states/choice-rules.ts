/**
 * Choice Rules of JSONPath Choice states ("Choice state", comparison operators): Boolean expressions (And, Or, Not)
 * and data-test expressions on a `Variable` path, comparing with a literal or, with the `...Path` form, the value at
 * another path. A comparison whose operand has another type is false; a `Variable` that matches nothing fails the
 * state (only the Is* tests, IsPresent above all, look at missing values).
 */
import { parseTimestamp } from './wait';
import { runtimeError } from '../errors';
import { deepEqual, Json, NOT_FOUND } from '../paths/jsonpath';
import { PathData, readPath } from '../paths/reference';

type Kind = 'String' | 'Numeric' | 'Boolean' | 'Timestamp';
const COMPARISONS: Record<string, { kind: Kind; test: (cmp: number) => boolean }> = {};
for (const kind of ['String', 'Numeric', 'Timestamp'] as const) {
  COMPARISONS[`${kind}Equals`] = { kind, test: c => c === 0 };
  COMPARISONS[`${kind}LessThan`] = { kind, test: c => c < 0 };
  COMPARISONS[`${kind}GreaterThan`] = { kind, test: c => c > 0 };
  COMPARISONS[`${kind}LessThanEquals`] = { kind, test: c => c <= 0 };
  COMPARISONS[`${kind}GreaterThanEquals`] = { kind, test: c => c >= 0 };
}
COMPARISONS.BooleanEquals = { kind: 'Boolean', test: c => c === 0 };

/** Every comparison operator name, with and without `Path`, and the type tests. */
export const CHOICE_OPERATORS = [
  ...Object.keys(COMPARISONS), ...Object.keys(COMPARISONS).map(k => `${k}Path`),
  'StringMatches', 'IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp',
];

export function evaluateRule(rule: Record<string, any>, data: PathData): boolean {
  if (Array.isArray(rule.And)) return rule.And.every((r: Record<string, any>) => evaluateRule(r, data));
  if (Array.isArray(rule.Or)) return rule.Or.some((r: Record<string, any>) => evaluateRule(r, data));
  if (rule.Not !== undefined) return !evaluateRule(rule.Not, data);
  const operator = CHOICE_OPERATORS.find(op => rule[op] !== undefined);
  if (!operator) throw runtimeError('A Choice Rule has no comparison operator');
  const value = readPath(rule.Variable, data);
  const operand = rule[operator];
  switch (operator) {
    case 'IsPresent': return (value !== NOT_FOUND) === operand;
    case 'IsNull': return (value !== NOT_FOUND && value === null) === operand;
    case 'IsNumeric': return (value !== NOT_FOUND && typeof value === 'number') === operand;
    case 'IsString': return (value !== NOT_FOUND && typeof value === 'string') === operand;
    case 'IsBoolean': return (value !== NOT_FOUND && typeof value === 'boolean') === operand;
    case 'IsTimestamp': return (value !== NOT_FOUND && typeof value === 'string' && parseTimestamp(value) !== undefined) === operand;
    default:
  }
  if (value === NOT_FOUND) throw runtimeError(`Invalid path '${rule.Variable}': The choice state's condition path references an undefined value.`);
  if (operator === 'StringMatches') return typeof value === 'string' && wildcardMatch(operand, value);
  const byPath = operator.endsWith('Path');
  const name = byPath ? operator.slice(0, -4) : operator;
  let other: Json | typeof NOT_FOUND = operand;
  if (byPath) {
    other = readPath(operand, data);
    if (other === NOT_FOUND) throw runtimeError(`Invalid path '${operand}': The choice state's condition path references an undefined value.`);
  }
  const { kind, test } = COMPARISONS[name];
  const cmp = compare(kind, value, other as Json);
  return cmp !== undefined && test(cmp);
}

function compare(kind: Kind, a: Json, b: Json): number | undefined {
  switch (kind) {
    case 'String':
      if (typeof a !== 'string' || typeof b !== 'string') return undefined;
      return a === b ? 0 : a < b ? -1 : 1;
    case 'Numeric':
      if (typeof a !== 'number' || typeof b !== 'number') return undefined;
      return a === b ? 0 : a < b ? -1 : 1;
    case 'Boolean':
      if (typeof a !== 'boolean' || typeof b !== 'boolean') return undefined;
      return deepEqual(a, b) ? 0 : 1;
    case 'Timestamp': {
      const x = typeof a === 'string' ? parseTimestamp(a) : undefined;
      const y = typeof b === 'string' ? parseTimestamp(b) : undefined;
      if (x === undefined || y === undefined) return undefined;
      return x === y ? 0 : x < y ? -1 : 1;
    }
  }
}

/** StringMatches: `*` matches any run of characters; `\*` and `\\` are literal. */
export function wildcardMatch(pattern: string, text: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) re += escapeRegex(pattern[++i]);
    else if (c === '*') re += '.*';
    else re += escapeRegex(c);
  }
  return new RegExp(`${re}$`, 's').test(text);
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
