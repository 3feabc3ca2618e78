/**
 * Key values as storage compares them: a partition key becomes a string (its map key), a sort key a comparable
 * (string, parsed number, bytes), ordered as DynamoDB orders sort keys ("Query": numbers numerically, strings and
 * binaries by their UTF-8 / unsigned bytes).
 */
import { AttributeValue, compareBytes, compareStrings } from '../values/attribute-value';
import { compareNumbers, DynamoNumber, parseNumber } from '../values/number';

export type SortValue = string | DynamoNumber | Uint8Array;

/** The map key of a partition key value (its type is fixed by the schema). */
export function partitionKeyString(v: AttributeValue): string {
  if ('S' in v) return v.S;
  if ('N' in v) return v.N;
  if ('B' in v) return Buffer.from(v.B).toString('base64');
  throw new Error('not a key value');
}

export function sortValueOf(v: AttributeValue): SortValue {
  if ('S' in v) return v.S;
  if ('N' in v) return parseNumber(v.N);
  if ('B' in v) return v.B;
  throw new Error('not a key value');
}

export function compareSortValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'string') return compareStrings(a, b as string);
  if (a instanceof Uint8Array) return compareBytes(a, b as Uint8Array);
  return compareNumbers(a, b as DynamoNumber);
}
