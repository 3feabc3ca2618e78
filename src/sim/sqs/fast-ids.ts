/* eslint-disable no-bitwise */
/**
 * Message ids, receipt handles and request ids drawn from the simulator's seeded generator (`ctx.ids.next()`), so
 * they are deterministic, but written into a byte buffer and decoded once: this is the per-message hot path, and
 * building them one character at a time (or as concatenated strings that later need flattening) costs more than the
 * rest of a send.
 */
import { SeededIds } from '../kernel';

const BASE64URL = Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 'latin1');
const DIGITS36 = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz', 'latin1');
const scratch = Buffer.alloc(128);

const DOT = 46;
/** Length of the random part of a receipt handle. */
export const RECEIPT_TOKEN_LENGTH = 20;

const HEX_CODES = Array.from('0123456789abcdef', c => c.charCodeAt(0));

function h(word: number, shift: number): number {
  return HEX_CODES[(word >>> shift) & 15];
}

function writeBase36(n: number, at: number): number {
  if (n === 0) {
    scratch[at] = DIGITS36[0];
    return at + 1;
  }
  let len = 0;
  for (let v = n; v > 0; v = Math.floor(v / 36)) len++;
  let pos = at + len - 1;
  for (let v = n; v > 0; v = Math.floor(v / 36)) scratch[pos--] = DIGITS36[v % 36];
  return at + len;
}

/**
 * A receipt handle: `<slot>.<receive count>.<queue tag>.<random>` (base 36 numbers, 20 base64url characters).
 * The queue finds the message from its slot (see MessageSlots) without a string-keyed map.
 */
export function receiptHandle(ids: SeededIds, queueTag: number, slot: number, receiveCount: number): string {
  let i = writeBase36(slot, 0);
  scratch[i++] = DOT;
  i = writeBase36(receiveCount, i);
  scratch[i++] = DOT;
  i = writeBase36(queueTag, i);
  scratch[i++] = DOT;
  for (let k = 0; k < RECEIPT_TOKEN_LENGTH; k += 5) {
    const n = ids.next();
    scratch[i++] = BASE64URL[n & 63];
    scratch[i++] = BASE64URL[(n >>> 6) & 63];
    scratch[i++] = BASE64URL[(n >>> 12) & 63];
    scratch[i++] = BASE64URL[(n >>> 18) & 63];
    scratch[i++] = BASE64URL[(n >>> 24) & 63];
  }
  return scratch.toString('latin1', 0, i);
}

function base36Digit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 87;
  return -1;
}

function isBase64Url(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45 || code === 95;
}

/**
 * The slot of a well-formed receipt handle of queue `queueTag`, or -1 when the handle is not one. With
 * `checkToken` false the random part is not checked (the caller compares the whole handle with the one it issued).
 */
export function parseReceiptHandle(handle: unknown, queueTag: number, checkToken = true): number {
  if (typeof handle !== 'string') return -1;
  const n = handle.length;
  if (n > 64) return -1;
  let slot = 0;
  let tag = 0;
  let field = 0;
  let digits = 0;
  let v = 0;
  let i = 0;
  for (; i < n && field < 3; i++) {
    const c = handle.charCodeAt(i);
    if (c === DOT) {
      if (digits === 0) return -1;
      if (field === 0) slot = v;
      else if (field === 2) tag = v;
      field++;
      v = 0;
      digits = 0;
      continue;
    }
    const d = base36Digit(c);
    if (d < 0) return -1;
    v = v * 36 + d;
    digits++;
  }
  if (field !== 3 || tag !== queueTag || n - i !== RECEIPT_TOKEN_LENGTH) return -1;
  if (checkToken) for (; i < n; i++) if (!isBase64Url(handle.charCodeAt(i))) return -1;
  return slot;
}

/** The value of a lowercase hex digit's char code, without a branch: '0'-'9' are 0x30-0x39, 'a'-'f' 0x61-0x66. */
function hexDigit(code: number): number {
  return (code & 15) + 9 * (code >> 6);
}

/** 8 lowercase hex digits of `hex` at `offset` as a 32-bit integer (a small integer V8 stores inline). */
export function hexWord(hex: string, offset: number): number {
  return (hexDigit(hex.charCodeAt(offset)) << 28) | (hexDigit(hex.charCodeAt(offset + 1)) << 24)
    | (hexDigit(hex.charCodeAt(offset + 2)) << 20) | (hexDigit(hex.charCodeAt(offset + 3)) << 16)
    | (hexDigit(hex.charCodeAt(offset + 4)) << 12) | (hexDigit(hex.charCodeAt(offset + 5)) << 8)
    | (hexDigit(hex.charCodeAt(offset + 6)) << 4) | hexDigit(hex.charCodeAt(offset + 7));
}

/** The 32 hex digits of four 32-bit words, as one flat string. */
export function wordsHex(a: number, b: number, c: number, d: number): string {
  return String.fromCharCode(
    h(a, 28), h(a, 24), h(a, 20), h(a, 16), h(a, 12), h(a, 8), h(a, 4), h(a, 0),
    h(b, 28), h(b, 24), h(b, 20), h(b, 16), h(b, 12), h(b, 8), h(b, 4), h(b, 0),
    h(c, 28), h(c, 24), h(c, 20), h(c, 16), h(c, 12), h(c, 8), h(c, 4), h(c, 0),
    h(d, 28), h(d, 24), h(d, 20), h(d, 16), h(d, 12), h(d, 8), h(d, 4), h(d, 0),
  );
}
