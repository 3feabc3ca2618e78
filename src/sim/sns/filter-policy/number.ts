import { invalidPolicy } from './errors';

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

/**
 * Numbers a policy gives numeric matching (numeric bounds, anything-but numbers) must lie in the same range
 * (subscription-filter-policy-constraints); SNS refuses others with this text, its rule engine's wording.
 */
export function requireNumericRange(value: number): number {
  if (value < -NUMERIC_LIMIT || value > NUMERIC_LIMIT) invalidPolicy('Value must be between -1.0E9 and 1.0E9, inclusive');
  return value;
}
