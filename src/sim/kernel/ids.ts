/* eslint-disable no-bitwise */
/**
 * Seeded identifiers: message ids, receipt handles, request ids. Same seed, same ids, so a trace is reproducible.
 * sfc32 is a small, fast generator with a 128-bit state; cryptographic quality is not needed here.
 */
export class SeededIds {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed = 1) {
    // State kept as signed 32-bit integers (inline small integers in V8); the arithmetic is the same modulo 2^32.
    this.a = 0x9e3779b9 | 0;
    this.b = 0x243f6a88 | 0;
    this.c = 0xb7e15162 | 0;
    this.d = seed | 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A uniformly distributed 32-bit unsigned integer. */
  public next(): number {
    return this.int32() >>> 0;
  }

  /** `next()` as a signed 32-bit integer (the same bits), which V8 keeps inline where an unsigned one may be boxed. */
  public int32(): number {
    const t = (this.a + this.b + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t;
  }

  /** A float in [0, 1). */
  public random(): number {
    return this.next() / 4294967296;
  }

  /** A version-4 shaped UUID (the format SQS message ids and SNS message ids use). */
  public uuid(): string {
    const a = this.int32();
    const b = this.int32();
    const c = this.int32();
    const d = this.int32();
    return uuidOfWords(a, b, c, d);
  }

  /** `length` lowercase hex digits. */
  public hex(length: number): string {
    let out = '';
    while (out.length < length) out += word(this.next());
    return out.length === length ? out : out.slice(0, length);
  }

  /** `length` characters of base64url-ish text (receipt handles are opaque strings of this kind). */
  public token(length: number): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.next() & 63];
    return out;
  }

  /** Upper-case alphanumerics, as CloudFormation uses in generated physical-name suffixes. */
  public suffix(length: number): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.next() % alphabet.length];
    return out;
  }
}

const HEX_DIGIT = '0123456789abcdef';
/** Two hex digits per byte value: a lookup is several times faster than toString(16) + padStart. */
const BYTE_HEX: string[] = Array.from({ length: 256 }, (_, i) => HEX_DIGIT[i >> 4] + HEX_DIGIT[i & 15]);

/** A 32-bit word as eight lowercase hex digits. */
function word(n: number): string {
  return BYTE_HEX[n >>> 24] + BYTE_HEX[(n >>> 16) & 255] + BYTE_HEX[(n >>> 8) & 255] + BYTE_HEX[n & 255];
}

const HEX_CODES = Array.from(HEX_DIGIT, c => c.charCodeAt(0));

function h(w: number, shift: number): number {
  return HEX_CODES[(w >>> shift) & 15];
}

/**
 * The version-4 shaped UUID (xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx) of four random 32-bit words, signed or unsigned.
 * One fromCharCode call builds a flat string without intermediate strings: every message and request gets an id.
 */
export function uuidOfWords(a: number, b: number, c: number, d: number): string {
  return String.fromCharCode(
    h(a, 28), h(a, 24), h(a, 20), h(a, 16), h(a, 12), h(a, 8), h(a, 4), h(a, 0), 45,
    h(b, 28), h(b, 24), h(b, 20), h(b, 16), 45,
    52, h(b, 8), h(b, 4), h(b, 0), 45,
    HEX_CODES[8 | (c >>> 30)], h(c, 24), h(c, 20), h(c, 16), 45,
    h(c, 12), h(c, 8), h(c, 4), h(c, 0), h(d, 28), h(d, 24), h(d, 20), h(d, 16), h(d, 12), h(d, 8), h(d, 4), h(d, 0),
  );
}
