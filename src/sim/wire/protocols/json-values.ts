/**
 * JSON documents (awsJson1_0/1_1 and restJson1 bodies) to and from SDK shapes. JSON carries structures, lists, maps,
 * strings, numbers and booleans as the SDK holds them; only blobs (base64) and timestamps (epoch seconds unless the
 * model says otherwise) differ, so decoding follows the declared shape where there is one and passes anything else
 * through, and encoding writes `Uint8Array` as base64 and `Date` as epoch seconds wherever it meets them.
 */
import { jsonKey, resolved, Shape, StructShape } from './shapes';
import { fromBase64, parseTimestamp, toBase64, ValueError } from './values';

/** Converts a parsed JSON value to the SDK shape `shape` describes (blobs to bytes, timestamps to dates). */
export function decodeJson(value: unknown, shape: Shape | undefined, path: string): unknown {
  if (shape === undefined || value === null || value === undefined) return value;
  const s = resolved(shape);
  switch (s.kind) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) throw new ValueError(path, 'must be an object');
      return decodeStruct(value as Record<string, unknown>, s, path);
    }
    case 'list': {
      if (!Array.isArray(value)) throw new ValueError(path, 'must be an array');
      return value.map((v, i) => decodeJson(v, s.member, `${path}[${i}]`));
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) throw new ValueError(path, 'must be an object');
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = decodeJson(v, s.value, `${path}.${k}`);
      return out;
    }
    case 'blob': {
      if (typeof value !== 'string') throw new ValueError(path, 'must be a base64 string');
      return fromBase64(value, path);
    }
    case 'timestamp': return parseTimestamp(value, path);
    default: return value;
  }
}

/** A structure's members: declared ones by wire name, the rest as they are. */
export function decodeStruct(value: Record<string, unknown>, shape: StructShape, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const byWire = new Map<string, string>();
  for (const [name, m] of Object.entries(shape.members)) if (m.location === undefined) byWire.set(jsonKey(name, m), name);
  for (const [key, v] of Object.entries(value)) {
    const name = byWire.get(key);
    if (name === undefined) {
      out[key] = v;
      continue;
    }
    out[name] = decodeJson(v, shape.members[name].shape, path ? `${path}.${key}` : key);
  }
  return out;
}

/** An SDK value as JSON-ready data: `$metadata` dropped, bytes as base64, dates as epoch seconds (or as the shape says). */
export function encodeJson(value: unknown, shape?: Shape): unknown {
  if (value === null || value === undefined) return undefined;
  const s = shape === undefined ? undefined : resolved(shape);
  if (value instanceof Uint8Array) return toBase64(value);
  if (value instanceof Date) {
    if (s?.kind === 'timestamp' && s.format === 'date-time') return value.toISOString();
    if (s?.kind === 'timestamp' && s.format === 'http-date') return value.toUTCString();
    return value.getTime() / 1000;
  }
  if (Array.isArray(value)) return value.map(v => encodeJson(v, s?.kind === 'list' ? s.member : undefined));
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key === '$metadata' || v === undefined) continue;
    if (s?.kind === 'structure') {
      const m = s.members[key];
      if (m?.location !== undefined) continue;
      out[m ? jsonKey(key, m) : key] = encodeJson(v, m?.shape);
    } else {
      out[key] = encodeJson(v, s?.kind === 'map' ? s.value : undefined);
    }
  }
  return out;
}
