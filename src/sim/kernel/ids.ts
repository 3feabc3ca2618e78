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
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A uniformly distributed 32-bit unsigned integer. */
  public next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  public random(): number {
    return this.next() / 4294967296;
  }

  /** A version-4 shaped UUID (the format SQS message ids and SNS message ids use). */
  public uuid(): string {
    // Same digits as hex(32), assembled from four words without intermediate strings: ids are on every hot path.
    const a = this.next();
    const b = this.next();
    const c = this.next();
    const d = this.next();
    const variant = HEX_DIGIT[(((c >>> 28) & 0x3) | 0x8)];
    return word(a) + '-' + word(b).slice(0, 4) + '-4' + word(b).slice(5, 8) + '-' + variant + word(c).slice(1, 4) + '-'
      + word(c).slice(4, 8) + word(d);
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
