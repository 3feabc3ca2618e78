import { invalidPolicy } from '../errors';
import { Condition, Scalar } from '../types';

/**
 * Exact matching (string-value-matching, numeric-value-matching): a bare string, number, true, false or null in a
 * policy array matches a leaf value of the same type that is equal to it; numbers compare numerically with five
 * decimals of accuracy, so `301.5` matches `3.015e2`. Any other JSON value is refused as SNS does. The ±1e9 range of
 * numeric matching is not checked here: a bare number is exact matching, and SNS accepts one outside the range
 * (LocalStack's tests against SNS record it); it just matches no message value, as those must lie in the range.
 */
export function compileLiteral(value: unknown): Condition {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return { kind: 'literal', value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) invalidPolicy('Match value must be String, number, true, false, or null');
    return { kind: 'literal', value: value as Scalar };
  }
  return invalidPolicy('Match value must be String, number, true, false, or null');
}
