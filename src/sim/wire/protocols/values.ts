/**
 * Scalars between their wire forms and the SDK v3 shapes the services take: blobs are base64 text on the wire and
 * `Uint8Array` in the SDK; timestamps are epoch seconds in JSON bodies, ISO 8601 in XML and query strings, HTTP dates
 * in headers, and `Date` in the SDK.
 */
import { ScalarShape, TimestampFormat } from './shapes';

/** A value that does not fit its declared shape; each protocol answers it with its own error. */
export class ValueError extends Error {
  constructor(public readonly path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'ValueError';
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function fromBase64(text: string, path: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 4 === 1 || !BASE64.test(clean)) throw new ValueError(path, 'is not valid base64');
  const buffer = Buffer.from(clean, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Bytes of a blob member as the SDK may hold it (Uint8Array, Buffer or a string). */
export function blobBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return new Uint8Array(Buffer.from(value, 'utf8'));
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return new Uint8Array(0);
}

/** A timestamp given on the wire as a number (epoch seconds) or text (ISO 8601, HTTP date, or a number as text). */
export function parseTimestamp(raw: unknown, path: string): Date {
  let ms: number;
  if (typeof raw === 'number') ms = raw * 1000;
  else if (typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw)) ms = Number(raw) * 1000;
  else if (typeof raw === 'string') ms = Date.parse(raw);
  else throw new ValueError(path, 'is not a timestamp');
  if (!Number.isFinite(ms)) throw new ValueError(path, 'is not a timestamp');
  return new Date(ms);
}

export function formatTimestamp(value: unknown, format: TimestampFormat): string | number {
  const date = value instanceof Date ? value : new Date(typeof value === 'number' ? value : String(value));
  switch (format) {
    case 'epoch-seconds': return date.getTime() / 1000;
    case 'http-date': return date.toUTCString();
    default: return date.toISOString();
  }
}

/** A scalar from query-string or header text. */
export function scalarFromText(shape: ScalarShape, text: string, path: string): unknown {
  switch (shape.kind) {
    case 'integer': {
      if (!/^-?\d+$/.test(text.trim())) throw new ValueError(path, `'${text}' is not an integer`);
      return Number(text);
    }
    case 'float': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) throw new ValueError(path, `'${text}' is not a number`);
      return n;
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw new ValueError(path, `'${text}' is not a boolean`);
      return lower === 'true';
    }
    case 'blob': return fromBase64(text, path);
    case 'timestamp': return parseTimestamp(text, path);
    default: return text;
  }
}

/** A scalar as query-string, header or XML text. */
export function scalarToText(shape: ScalarShape, value: unknown, timestampDefault: TimestampFormat = 'date-time'): string {
  switch (shape.kind) {
    case 'blob': return toBase64(blobBytes(value));
    case 'timestamp': return String(formatTimestamp(value, shape.format ?? timestampDefault));
    case 'boolean': return value ? 'true' : 'false';
    default: return String(value);
  }
}
