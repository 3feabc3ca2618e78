import { comparing, ConditionOperator } from './types';

function numeric(compare: (a: number, b: number) => boolean): (v: string, p: string) => boolean {
  return (v, p) => {
    const a = Number(v);
    const b = Number(p);
    return Number.isFinite(a) && Number.isFinite(b) && compare(a, b);
  };
}

/** Numeric operators; a value that is not a number never matches. */
export const NUMERIC_OPERATORS: Readonly<Record<string, ConditionOperator>> = {
  NumericEquals: comparing(numeric((a, b) => a === b), false),
  NumericNotEquals: comparing(numeric((a, b) => a === b), true),
  NumericLessThan: comparing(numeric((a, b) => a < b), false),
  NumericLessThanEquals: comparing(numeric((a, b) => a <= b), false),
  NumericGreaterThan: comparing(numeric((a, b) => a > b), false),
  NumericGreaterThanEquals: comparing(numeric((a, b) => a >= b), false),
};
