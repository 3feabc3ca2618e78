/**
 * Item size as "DynamoDB item sizes and formats" documents it: the UTF-8 length of each attribute name plus its
 * value; a string its UTF-8 bytes; a number 1 byte per two significant digits plus 1; a binary its raw bytes; null
 * and Boolean 1 byte; a list or map 3 bytes of overhead plus its elements, each with 1 more byte (map entries count
 * their names too); a set the sum of its members. The 400 KB item limit is 409,600 bytes of that.
 */
import { AttributeValue } from './attribute-value';
import { significantDigits } from './number';

export const MAX_ITEM_BYTES = 400 * 1024;

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function numberSize(n: string): number {
  return Math.ceil(significantDigits(n) / 2) + 1;
}

export function valueSize(v: AttributeValue): number {
  if ('S' in v) return utf8Length(v.S);
  if ('N' in v) return numberSize(v.N);
  if ('B' in v) return v.B.length;
  if ('BOOL' in v || 'NULL' in v) return 1;
  if ('SS' in v) return v.SS.reduce((n, s) => n + utf8Length(s), 0);
  if ('NS' in v) return v.NS.reduce((n, s) => n + numberSize(s), 0);
  if ('BS' in v) return v.BS.reduce((n, b) => n + b.length, 0);
  if ('L' in v) return 3 + v.L.reduce((n, e) => n + 1 + valueSize(e), 0);
  return 3 + Object.entries(v.M).reduce((n, [k, e]) => n + 1 + utf8Length(k) + valueSize(e), 0);
}

export function itemSize(item: Readonly<Record<string, AttributeValue>>): number {
  let total = 0;
  for (const name of Object.keys(item)) total += utf8Length(name) + valueSize(item[name]);
  return total;
}
