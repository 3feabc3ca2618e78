/* eslint-disable no-bitwise */
/**
 * MD5 (RFC 1321) of ASCII text, written out in JavaScript. SQS returns the MD5 of every body it accepts, and many
 * bodies are short: for a 40-character body `crypto.hash` spends most of its ~300 ns crossing into native code and
 * back (argument checks, UTF-8 conversion, hex encoding). Past one 64-byte block node:crypto is faster, so this
 * digests one block only: bodies of up to 55 ASCII characters. The 64 steps
 * are written out (generated from the RFC's tables) rather than called as four round functions: 64 calls exceed
 * V8's inlining budget, and the calls alone made it three times slower than `crypto.hash`. Anything but ASCII text
 * goes to `crypto.hash` (see md5Hex); a property test holds both to the same digests.
 */
import { wordsHex } from './fast-ids';
import type { Md5Words } from './md5';

/** The 16 little-endian words of the block being digested. */
const X = new Int32Array(16);

/** Md5Words to write into. */
export type Md5Out = { -readonly [K in keyof Md5Words]: Md5Words[K] };

function bswap(v: number): number {
  return ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24);
}

/** The MD5 of `text` as hex digits, or undefined when it is not ASCII or longer than one block holds. */
export function md5AsciiHex(text: string): string | undefined {
  const w = md5AsciiWords(text, scratch);
  return w === undefined ? undefined : wordsHex(w.a, w.b, w.c, w.d);
}

const scratch: Md5Out = { a: 0, b: 0, c: 0, d: 0 };

/** The longest text one MD5 block holds: 64 bytes less the 0x80 marker and the 8-byte length. */
export const ONE_BLOCK_MAX = 55;

/**
 * The MD5 of `s` into `out`, as four words in hex order, when `s` is ASCII (every character code below 0x80: one
 * byte each) and fits one block (`ONE_BLOCK_MAX` characters); undefined otherwise.
 */
export function md5AsciiWords(s: string, out: Md5Out): Md5Out | undefined {
  const n = s.length;
  if (n > ONE_BLOCK_MAX) return undefined;
  const x = X;
  // The block: the text's bytes as little-endian words, the 0x80 marker, zeros, and the length in bits.
  const full = n >>> 2;
  let ascii = 0;
  for (let w = 0; w < full; w++) {
    const i = w << 2;
    const c0 = s.charCodeAt(i);
    const c1 = s.charCodeAt(i + 1);
    const c2 = s.charCodeAt(i + 2);
    const c3 = s.charCodeAt(i + 3);
    ascii |= c0 | c1 | c2 | c3;
    x[w] = c0 | (c1 << 8) | (c2 << 16) | (c3 << 24);
  }
  let last = 0;
  const rest = n & 3;
  for (let k = 0; k < rest; k++) {
    const c = s.charCodeAt((full << 2) + k);
    ascii |= c;
    last |= c << (k << 3);
  }
  if (ascii > 0x7f) return undefined;
  x[full] = last | (0x80 << (rest << 3));
  for (let w = full + 1; w < 14; w++) x[w] = 0;
  x[14] = n << 3;
  x[15] = 0;
  let a = 0x67452301;
  let b = 0xefcdab89 | 0;
  let c = 0x98badcfe | 0;
  let d = 0x10325476;
  let t = 0;
  t = (a + ((b & c) | (~b & d)) + x[0] + -680876936) | 0; a = (((t << 7) | (t >>> 25)) + b) | 0;
  t = (d + ((a & b) | (~a & c)) + x[1] + -389564586) | 0; d = (((t << 12) | (t >>> 20)) + a) | 0;
  t = (c + ((d & a) | (~d & b)) + x[2] + 606105819) | 0; c = (((t << 17) | (t >>> 15)) + d) | 0;
  t = (b + ((c & d) | (~c & a)) + x[3] + -1044525330) | 0; b = (((t << 22) | (t >>> 10)) + c) | 0;
  t = (a + ((b & c) | (~b & d)) + x[4] + -176418897) | 0; a = (((t << 7) | (t >>> 25)) + b) | 0;
  t = (d + ((a & b) | (~a & c)) + x[5] + 1200080426) | 0; d = (((t << 12) | (t >>> 20)) + a) | 0;
  t = (c + ((d & a) | (~d & b)) + x[6] + -1473231341) | 0; c = (((t << 17) | (t >>> 15)) + d) | 0;
  t = (b + ((c & d) | (~c & a)) + x[7] + -45705983) | 0; b = (((t << 22) | (t >>> 10)) + c) | 0;
  t = (a + ((b & c) | (~b & d)) + x[8] + 1770035416) | 0; a = (((t << 7) | (t >>> 25)) + b) | 0;
  t = (d + ((a & b) | (~a & c)) + x[9] + -1958414417) | 0; d = (((t << 12) | (t >>> 20)) + a) | 0;
  t = (c + ((d & a) | (~d & b)) + x[10] + -42063) | 0; c = (((t << 17) | (t >>> 15)) + d) | 0;
  t = (b + ((c & d) | (~c & a)) + x[11] + -1990404162) | 0; b = (((t << 22) | (t >>> 10)) + c) | 0;
  t = (a + ((b & c) | (~b & d)) + x[12] + 1804603682) | 0; a = (((t << 7) | (t >>> 25)) + b) | 0;
  t = (d + ((a & b) | (~a & c)) + x[13] + -40341101) | 0; d = (((t << 12) | (t >>> 20)) + a) | 0;
  t = (c + ((d & a) | (~d & b)) + x[14] + -1502002290) | 0; c = (((t << 17) | (t >>> 15)) + d) | 0;
  t = (b + ((c & d) | (~c & a)) + x[15] + 1236535329) | 0; b = (((t << 22) | (t >>> 10)) + c) | 0;
  t = (a + ((b & d) | (c & ~d)) + x[1] + -165796510) | 0; a = (((t << 5) | (t >>> 27)) + b) | 0;
  t = (d + ((a & c) | (b & ~c)) + x[6] + -1069501632) | 0; d = (((t << 9) | (t >>> 23)) + a) | 0;
  t = (c + ((d & b) | (a & ~b)) + x[11] + 643717713) | 0; c = (((t << 14) | (t >>> 18)) + d) | 0;
  t = (b + ((c & a) | (d & ~a)) + x[0] + -373897302) | 0; b = (((t << 20) | (t >>> 12)) + c) | 0;
  t = (a + ((b & d) | (c & ~d)) + x[5] + -701558691) | 0; a = (((t << 5) | (t >>> 27)) + b) | 0;
  t = (d + ((a & c) | (b & ~c)) + x[10] + 38016083) | 0; d = (((t << 9) | (t >>> 23)) + a) | 0;
  t = (c + ((d & b) | (a & ~b)) + x[15] + -660478335) | 0; c = (((t << 14) | (t >>> 18)) + d) | 0;
  t = (b + ((c & a) | (d & ~a)) + x[4] + -405537848) | 0; b = (((t << 20) | (t >>> 12)) + c) | 0;
  t = (a + ((b & d) | (c & ~d)) + x[9] + 568446438) | 0; a = (((t << 5) | (t >>> 27)) + b) | 0;
  t = (d + ((a & c) | (b & ~c)) + x[14] + -1019803690) | 0; d = (((t << 9) | (t >>> 23)) + a) | 0;
  t = (c + ((d & b) | (a & ~b)) + x[3] + -187363961) | 0; c = (((t << 14) | (t >>> 18)) + d) | 0;
  t = (b + ((c & a) | (d & ~a)) + x[8] + 1163531501) | 0; b = (((t << 20) | (t >>> 12)) + c) | 0;
  t = (a + ((b & d) | (c & ~d)) + x[13] + -1444681467) | 0; a = (((t << 5) | (t >>> 27)) + b) | 0;
  t = (d + ((a & c) | (b & ~c)) + x[2] + -51403784) | 0; d = (((t << 9) | (t >>> 23)) + a) | 0;
  t = (c + ((d & b) | (a & ~b)) + x[7] + 1735328473) | 0; c = (((t << 14) | (t >>> 18)) + d) | 0;
  t = (b + ((c & a) | (d & ~a)) + x[12] + -1926607734) | 0; b = (((t << 20) | (t >>> 12)) + c) | 0;
  t = (a + (b ^ c ^ d) + x[5] + -378558) | 0; a = (((t << 4) | (t >>> 28)) + b) | 0;
  t = (d + (a ^ b ^ c) + x[8] + -2022574463) | 0; d = (((t << 11) | (t >>> 21)) + a) | 0;
  t = (c + (d ^ a ^ b) + x[11] + 1839030562) | 0; c = (((t << 16) | (t >>> 16)) + d) | 0;
  t = (b + (c ^ d ^ a) + x[14] + -35309556) | 0; b = (((t << 23) | (t >>> 9)) + c) | 0;
  t = (a + (b ^ c ^ d) + x[1] + -1530992060) | 0; a = (((t << 4) | (t >>> 28)) + b) | 0;
  t = (d + (a ^ b ^ c) + x[4] + 1272893353) | 0; d = (((t << 11) | (t >>> 21)) + a) | 0;
  t = (c + (d ^ a ^ b) + x[7] + -155497632) | 0; c = (((t << 16) | (t >>> 16)) + d) | 0;
  t = (b + (c ^ d ^ a) + x[10] + -1094730640) | 0; b = (((t << 23) | (t >>> 9)) + c) | 0;
  t = (a + (b ^ c ^ d) + x[13] + 681279174) | 0; a = (((t << 4) | (t >>> 28)) + b) | 0;
  t = (d + (a ^ b ^ c) + x[0] + -358537222) | 0; d = (((t << 11) | (t >>> 21)) + a) | 0;
  t = (c + (d ^ a ^ b) + x[3] + -722521979) | 0; c = (((t << 16) | (t >>> 16)) + d) | 0;
  t = (b + (c ^ d ^ a) + x[6] + 76029189) | 0; b = (((t << 23) | (t >>> 9)) + c) | 0;
  t = (a + (b ^ c ^ d) + x[9] + -640364487) | 0; a = (((t << 4) | (t >>> 28)) + b) | 0;
  t = (d + (a ^ b ^ c) + x[12] + -421815835) | 0; d = (((t << 11) | (t >>> 21)) + a) | 0;
  t = (c + (d ^ a ^ b) + x[15] + 530742520) | 0; c = (((t << 16) | (t >>> 16)) + d) | 0;
  t = (b + (c ^ d ^ a) + x[2] + -995338651) | 0; b = (((t << 23) | (t >>> 9)) + c) | 0;
  t = (a + (c ^ (b | ~d)) + x[0] + -198630844) | 0; a = (((t << 6) | (t >>> 26)) + b) | 0;
  t = (d + (b ^ (a | ~c)) + x[7] + 1126891415) | 0; d = (((t << 10) | (t >>> 22)) + a) | 0;
  t = (c + (a ^ (d | ~b)) + x[14] + -1416354905) | 0; c = (((t << 15) | (t >>> 17)) + d) | 0;
  t = (b + (d ^ (c | ~a)) + x[5] + -57434055) | 0; b = (((t << 21) | (t >>> 11)) + c) | 0;
  t = (a + (c ^ (b | ~d)) + x[12] + 1700485571) | 0; a = (((t << 6) | (t >>> 26)) + b) | 0;
  t = (d + (b ^ (a | ~c)) + x[3] + -1894986606) | 0; d = (((t << 10) | (t >>> 22)) + a) | 0;
  t = (c + (a ^ (d | ~b)) + x[10] + -1051523) | 0; c = (((t << 15) | (t >>> 17)) + d) | 0;
  t = (b + (d ^ (c | ~a)) + x[1] + -2054922799) | 0; b = (((t << 21) | (t >>> 11)) + c) | 0;
  t = (a + (c ^ (b | ~d)) + x[8] + 1873313359) | 0; a = (((t << 6) | (t >>> 26)) + b) | 0;
  t = (d + (b ^ (a | ~c)) + x[15] + -30611744) | 0; d = (((t << 10) | (t >>> 22)) + a) | 0;
  t = (c + (a ^ (d | ~b)) + x[6] + -1560198380) | 0; c = (((t << 15) | (t >>> 17)) + d) | 0;
  t = (b + (d ^ (c | ~a)) + x[13] + 1309151649) | 0; b = (((t << 21) | (t >>> 11)) + c) | 0;
  t = (a + (c ^ (b | ~d)) + x[4] + -145523070) | 0; a = (((t << 6) | (t >>> 26)) + b) | 0;
  t = (d + (b ^ (a | ~c)) + x[11] + -1120210379) | 0; d = (((t << 10) | (t >>> 22)) + a) | 0;
  t = (c + (a ^ (d | ~b)) + x[2] + 718787259) | 0; c = (((t << 15) | (t >>> 17)) + d) | 0;
  t = (b + (d ^ (c | ~a)) + x[9] + -343485551) | 0; b = (((t << 21) | (t >>> 11)) + c) | 0;
  a = (a + 0x67452301) | 0;
  b = (b + (0xefcdab89 | 0)) | 0;
  c = (c + (0x98badcfe | 0)) | 0;
  d = (d + 0x10325476) | 0;
  out.a = bswap(a); out.b = bswap(b); out.c = bswap(c); out.d = bswap(d);
  return out;
}
