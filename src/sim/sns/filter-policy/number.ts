/**
 * SNS numeric semantics: numbers are compared with five digits of accuracy after the decimal point and must lie
 * between -1,000,000,000 and 1,000,000,000 (subscription-filter-policy-constraints). Values are scaled to integers of
 * 1e-5 units, which stay exact in a double (|1e9 * 1e5| < 2^53), so comparisons never suffer float rounding.
 */
export const NUMERIC_LIMIT = 1e9;
const SCALE = 1e5;

/** True for a message value numeric matching can use (finite and within ±1e9). */
export function isComparableNumber(value: unknown): value is number {
  return typeof value === 'number' && value >= -NUMERIC_LIMIT && value <= NUMERIC_LIMIT;
}

/** The value in 1e-5 units (five decimal places of accuracy). */
export function toFixedPoint(value: number): number {
  return Math.round(value * SCALE);
}
