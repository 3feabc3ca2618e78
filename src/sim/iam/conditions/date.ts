import { comparing, ConditionOperator } from './types';

/** ISO 8601 dates or epoch seconds, as IAM accepts them. */
function parseDate(s: string): number {
  return /^\d+$/.test(s) ? Number(s) * 1000 : Date.parse(s);
}

function date(compare: (a: number, b: number) => boolean): (v: string, p: string) => boolean {
  return (v, p) => {
    const a = parseDate(v);
    const b = parseDate(p);
    return Number.isFinite(a) && Number.isFinite(b) && compare(a, b);
  };
}

export const DATE_OPERATORS: Readonly<Record<string, ConditionOperator>> = {
  DateEquals: comparing(date((a, b) => a === b), false),
  DateNotEquals: comparing(date((a, b) => a === b), true),
  DateLessThan: comparing(date((a, b) => a < b), false),
  DateLessThanEquals: comparing(date((a, b) => a <= b), false),
  DateGreaterThan: comparing(date((a, b) => a > b), false),
  DateGreaterThanEquals: comparing(date((a, b) => a >= b), false),
};
