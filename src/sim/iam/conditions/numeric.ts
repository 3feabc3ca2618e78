import { ConditionOperator } from './types';

function numeric(compare: (a: number, b: number) => boolean): (v: string, p: string) => boolean {
  return (v, p) => {
    const a = Number(v);
    const b = Number(p);
    return Number.isFinite(a) && Number.isFinite(b) && compare(a, b);
  };
}

/** Numeric operators; a value that is not a number never matches. */
export const NUMERIC_OPERATORS: Readonly<Record<string, ConditionOperator>> = {
  NumericEquals: { test: numeric((a, b) => a === b), negated: false },
  NumericNotEquals: { test: numeric((a, b) => a === b), negated: true },
  NumericLessThan: { test: numeric((a, b) => a < b), negated: false },
  NumericLessThanEquals: { test: numeric((a, b) => a <= b), negated: false },
  NumericGreaterThan: { test: numeric((a, b) => a > b), negated: false },
  NumericGreaterThanEquals: { test: numeric((a, b) => a >= b), negated: false },
};
