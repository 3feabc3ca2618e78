/** Reading record values by AppFlow data type (the DATA_TYPE / SOURCE_DATA_TYPE / DESTINATION_DATA_TYPE properties). */

const NUMERIC = new Set(['double', 'int', 'integer', 'long', 'decimal', 'currency', 'percent', 'float', 'number']);

export function isNumericType(type: string | undefined): boolean {
  return type !== undefined && NUMERIC.has(type.toLowerCase());
}

/** A value as a comparable: a number for numeric and datetime types, else a string. */
export function comparable(value: unknown, type: string | undefined): number | string | undefined {
  if (value === undefined || value === null) return undefined;
  const t = (type ?? 'string').toLowerCase();
  if (NUMERIC.has(t)) {
    const n = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  if (t === 'datetime' || t === 'date') {
    const ms = typeof value === 'number' ? value : Date.parse(String(value));
    return Number.isFinite(ms) ? ms : undefined;
  }
  return String(value);
}

/** True when some record has `field` (records without it cannot be filtered or mapped on it). */
export function fieldExists(records: readonly Record<string, unknown>[], field: string): boolean {
  return records.some(r => Object.prototype.hasOwnProperty.call(r, field));
}
