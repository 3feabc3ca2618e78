/**
 * AttributeValue, the SDK v3 low-level shape (`{ S: 'x' }`, `{ N: '1' }`, `{ B: Uint8Array }`, `{ SS: [...] }`,
 * `{ L: [...] }`, `{ M: {...} }`, `{ BOOL: true }`, `{ NULL: true }`): validated as DynamoDB validates a request,
 * stored with numbers in canonical form and binaries as Uint8Array, compared as DynamoDB compares.
 */
import { canonicalNumber, compareNumbers, parseNumber } from './number';
import { invalidParameter, validation } from '../errors';

export type AttributeValue =
  | { readonly S: string }
  | { readonly N: string }
  | { readonly B: Uint8Array }
  | { readonly BOOL: boolean }
  | { readonly NULL: true }
  | { readonly SS: readonly string[] }
  | { readonly NS: readonly string[] }
  | { readonly BS: readonly Uint8Array[] }
  | { readonly L: readonly AttributeValue[] }
  | { readonly M: Readonly<Record<string, AttributeValue>> };

export type Item = Record<string, AttributeValue>;

/** The data type descriptors, as `attribute_type` names them. */
export type AttributeType = 'S' | 'N' | 'B' | 'BOOL' | 'NULL' | 'SS' | 'NS' | 'BS' | 'L' | 'M';
export const ATTRIBUTE_TYPES: readonly AttributeType[] = ['S', 'N', 'B', 'BOOL', 'NULL', 'SS', 'NS', 'BS', 'L', 'M'];

export function typeOf(v: AttributeValue): AttributeType {
  for (const t in v) if ((v as Record<string, unknown>)[t] !== undefined) return t as AttributeType;
  throw new Error('empty AttributeValue');
}

/** Binary input: Uint8Array (SDK v3) or a base64 string (JSON callers such as Step Functions). */
function toBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (typeof value === 'string') return new Uint8Array(Buffer.from(value, 'base64'));
  return undefined;
}

const SET_NAMES: Record<string, string> = { SS: 'string', NS: 'number', BS: 'binary' };

/**
 * Validates one request value and returns it in stored form. Throws the ValidationException DynamoDB returns for an
 * empty or multi-typed value, an empty or duplicated set, a NULL that is not true, or a bad number.
 */
export function normaliseValue(input: unknown): AttributeValue {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw validation('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  }
  const keys = Object.keys(input).filter(k => (input as Record<string, unknown>)[k] !== undefined && k !== '$unknown');
  if (keys.length === 0) throw validation('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  if (keys.length > 1) throw validation('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
  const type = keys[0];
  const raw = (input as Record<string, unknown>)[type];
  switch (type) {
    case 'S':
      if (typeof raw !== 'string') break;
      return { S: raw };
    case 'N':
      if (typeof raw !== 'string' && typeof raw !== 'number') break;
      return { N: canonicalNumber(String(raw)) };
    case 'B': {
      const bytes = toBytes(raw);
      if (!bytes) break;
      return { B: bytes };
    }
    case 'BOOL':
      if (typeof raw !== 'boolean') break;
      return { BOOL: raw };
    case 'NULL':
      if (raw !== true) throw invalidParameter('Null attribute value types must have the value of true');
      return { NULL: true };
    case 'SS':
    case 'NS':
    case 'BS': {
      if (!Array.isArray(raw)) break;
      if (raw.length === 0) throw invalidParameter(`An ${SET_NAMES[type]} set  may not be empty`);
      const members = type === 'SS'
        ? raw.map(x => { if (typeof x !== 'string') throw validation('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes'); return x; })
        : type === 'NS' ? raw.map(x => canonicalNumber(String(x))) : raw.map(x => toBytes(x) ?? new Uint8Array());
      const keysSeen = new Set<string>();
      for (const m of members) {
        const k = typeof m === 'string' ? m : Buffer.from(m).toString('base64');
        if (keysSeen.has(k)) throw invalidParameter(`Input collection [${raw.map(String).join(', ')}] contains duplicates.`);
        keysSeen.add(k);
      }
      return { [type]: members } as unknown as AttributeValue;
    }
    case 'L':
      if (!Array.isArray(raw)) break;
      return { L: raw.map(normaliseValue) };
    case 'M': {
      if (raw === null || typeof raw !== 'object') break;
      return { M: normaliseItem(raw as Record<string, unknown>) };
    }
    default:
      throw validation(`Supplied AttributeValue has an unknown datatype: ${type}`);
  }
  throw validation(`Supplied AttributeValue has an invalid ${type} value`);
}

export function normaliseItem(input: Record<string, unknown>): Item {
  const out: Item = {};
  for (const [name, value] of Object.entries(input)) if (value !== undefined) out[name] = normaliseValue(value);
  return out;
}

/**
 * Code-point order of two strings, which is DynamoDB's UTF-8 byte order: UTF-16 code units order the same except a
 * surrogate (a code point above U+FFFF) against U+E000..U+FFFF, fixed up at the first difference.
 */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800) x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
    if (y >= 0xd800) y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Unsigned byte order, as DynamoDB compares binary values. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/**
 * Order of two scalar values of the same type (S, N or B), or undefined when they cannot be ordered (different types,
 * or not a scalar): comparisons with <, <=, >, >=, BETWEEN are then false.
 */
export function compareScalars(a: AttributeValue, b: AttributeValue): number | undefined {
  if ('S' in a && 'S' in b) return compareStrings(a.S, b.S);
  if ('N' in a && 'N' in b) return compareNumbers(parseNumber(a.N), parseNumber(b.N));
  if ('B' in a && 'B' in b) return compareBytes(a.B, b.B);
  return undefined;
}

function setKey(v: string | Uint8Array): string {
  return typeof v === 'string' ? v : Buffer.from(v).toString('base64');
}

/** Equality as `=` evaluates it: same type and value; sets compare as sets, lists in order, maps by key. */
export function valuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  const ta = typeOf(a);
  if (ta !== typeOf(b)) return false;
  const x = a as Record<string, any>;
  const y = b as Record<string, any>;
  switch (ta) {
    case 'S': case 'BOOL': case 'NULL':
      return x[ta] === y[ta];
    case 'N':
      return compareNumbers(parseNumber(x.N), parseNumber(y.N)) === 0;
    case 'B':
      return compareBytes(x.B, y.B) === 0;
    case 'SS': case 'NS': case 'BS': {
      if (x[ta].length !== y[ta].length) return false;
      const keys = new Set((x[ta] as (string | Uint8Array)[]).map(setKey));
      return (y[ta] as (string | Uint8Array)[]).every(v => keys.has(setKey(v)));
    }
    case 'L':
      return x.L.length === y.L.length && x.L.every((v: AttributeValue, i: number) => valuesEqual(v, y.L[i]));
    case 'M': {
      const kx = Object.keys(x.M);
      return kx.length === Object.keys(y.M).length && kx.every(k => y.M[k] !== undefined && valuesEqual(x.M[k], y.M[k]));
    }
  }
}

/** A deep copy, so stored items never share structure with what a caller holds. */
export function cloneValue(v: AttributeValue): AttributeValue {
  if ('L' in v) return { L: v.L.map(cloneValue) };
  if ('M' in v) return { M: cloneItem(v.M) };
  if ('B' in v) return { B: new Uint8Array(v.B) };
  if ('SS' in v) return { SS: [...v.SS] };
  if ('NS' in v) return { NS: [...v.NS] };
  if ('BS' in v) return { BS: v.BS.map(b => new Uint8Array(b)) };
  return { ...v } as AttributeValue;
}

export function cloneItem(item: Readonly<Record<string, AttributeValue>>): Item {
  const out: Item = {};
  for (const k of Object.keys(item)) out[k] = cloneValue(item[k]);
  return out;
}

/** Set members as comparable keys (for ADD / DELETE / contains on sets). */
export function setMemberKey(type: 'SS' | 'NS' | 'BS', member: string | Uint8Array): string {
  return type === 'NS' ? canonicalNumber(member as string) : setKey(member);
}
