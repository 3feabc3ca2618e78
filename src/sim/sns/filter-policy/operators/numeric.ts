import { invalidPolicy } from '../errors';
import { isComparableNumber, requireNumericRange, toFixedPoint } from '../number';
import { Condition } from '../types';
import { MatchOperator } from './operator';

const OPERATORS = ['=', '<', '<=', '>', '>='];

/**
 * Numeric matching (numeric-value-matching): `{"numeric": ["=", 301.5]}` for equality, `{"numeric": ["<", 0]}` for
 * one bound and `{"numeric": [">", 0, "<=", 150]}` for a range (a lower bound with `>`/`>=` first, then an upper bound
 * with `<`/`<=`). Only numeric values match (a Number attribute, a number in String.Array/Number.Array, a JSON
 * number in the body), compared with five decimals of accuracy; values outside ±1e9 never match, and a policy bound
 * outside ±1e9 is refused (subscription-filter-policy-constraints). The validation order and messages are the ones
 * SNS returns.
 */
export const numericOperator: MatchOperator = {
  name: 'numeric',
  compile(operand: unknown): Condition {
    if (!Array.isArray(operand)) return invalidPolicy('Value of numeric must be an array.');
    if (operand.length === 0) invalidPolicy('Invalid member in numeric match: ]');
    const first = operand[0];
    if (typeof first !== 'string') invalidPolicy(`Invalid member in numeric match: ${show(first)}`);
    if (!OPERATORS.includes(first)) invalidPolicy(`Unrecognized numeric range operator: ${first}`);
    const firstValue = operand[1];
    if (!isNumber(firstValue)) invalidPolicy(`Value of ${first === '=' ? 'equals' : first} must be numeric`);
    requireNumericRange(firstValue);
    const low = bound(first, firstValue);
    if (operand.length === 2) return { kind: 'test', test: numberTest(low) };

    if (first !== '>' && first !== '>=') invalidPolicy('Too many elements in numeric expression');
    const second = operand[2];
    if (typeof second !== 'string') invalidPolicy(`Bad value in numeric range: ${show(second)}`);
    if (second !== '<' && second !== '<=') invalidPolicy(`Bad numeric range operator: ${second}`);
    const secondValue = operand[3];
    if (!isNumber(secondValue)) invalidPolicy(`Value of ${second} must be numeric`);
    requireNumericRange(secondValue);
    if (secondValue <= firstValue) invalidPolicy('Bottom must be less than top');
    if (operand.length > 4) invalidPolicy('Too many terms in numeric range expression');
    const high = bound(second, secondValue);
    const lowTest = numberTest(low);
    const highTest = numberTest(high);
    return { kind: 'test', test: v => lowTest(v) && highTest(v) };
  },
};

interface Bound { readonly op: string; readonly at: number }

function bound(op: string, value: number): Bound {
  return { op, at: toFixedPoint(value) };
}

function numberTest(b: Bound): (v: unknown) => boolean {
  const at = b.at;
  switch (b.op) {
    case '=': return v => isComparableNumber(v) && toFixedPoint(v) === at;
    case '<': return v => isComparableNumber(v) && toFixedPoint(v) < at;
    case '<=': return v => isComparableNumber(v) && toFixedPoint(v) <= at;
    case '>': return v => isComparableNumber(v) && toFixedPoint(v) > at;
    default: return v => isComparableNumber(v) && toFixedPoint(v) >= at;
  }
}

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}
