/**
 * DynamoDB numbers: up to 38 significant digits, magnitudes from 1E-130 to 9.9999999999999999999999999999999999999E+125,
 * leading and trailing zeroes trimmed ("Data types" in the Developer Guide). Kept exact as a BigInt mantissa and a
 * decimal exponent (value = mantissa * 10^exponent), hand-written rather than through a decimal library: DynamoDB
 * only needs parse, compare, add and subtract, and it refuses a result beyond 38 digits instead of rounding it,
 * which is what a decimal library would do by default.
 */
import { validation } from '../errors';

export interface DynamoNumber {
  /** Significant digits with the sign; no trailing zeroes (0 is 0n). */
  readonly mantissa: bigint;
  readonly exponent: number;
}

const NUMBER_PATTERN = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/;
const MAX_DIGITS = 38;

/** Parses a number string as DynamoDB does; throws the ValidationException DynamoDB gives for a bad one. */
export function parseNumber(text: string): DynamoNumber {
  const m = NUMBER_PATTERN.exec(text);
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) throw validation('A value provided cannot be converted into a number');
  const digits = `${m[2]}${m[3] ?? ''}`.replace(/^0+/, '');
  let exponent = Number(m[4] ?? '0') - (m[3]?.length ?? 0);
  const trimmed = digits.replace(/0+$/, '');
  exponent += digits.length - trimmed.length;
  if (trimmed === '') return { mantissa: 0n, exponent: 0 };
  return checked({ mantissa: BigInt(`${m[1] === '-' ? '-' : ''}${trimmed}`), exponent });
}

function digitCount(mantissa: bigint): number {
  return (mantissa < 0n ? -mantissa : mantissa).toString().length;
}

/** Refuses what DynamoDB cannot store (after arithmetic too). */
function checked(n: DynamoNumber): DynamoNumber {
  if (n.mantissa === 0n) return n;
  const digits = digitCount(n.mantissa);
  if (digits > MAX_DIGITS) throw validation('Attempting to store more than 38 significant digits in a Number');
  // Magnitude = 0.d1d2... * 10^(exponent + digits); the largest is < 10^126, the smallest >= 10^-130.
  const magnitude = n.exponent + digits;
  if (magnitude > 126) throw validation('Number overflow. Attempting to store a number with magnitude larger than supported range');
  if (magnitude - 1 < -130) throw validation('Number underflow. Attempting to store a number with magnitude smaller than supported range');
  return n;
}

function normalise(mantissa: bigint, exponent: number): DynamoNumber {
  if (mantissa === 0n) return { mantissa: 0n, exponent: 0 };
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  return { mantissa, exponent };
}

function aligned(a: DynamoNumber, b: DynamoNumber): [bigint, bigint, number] {
  const e = Math.min(a.exponent, b.exponent);
  return [a.mantissa * 10n ** BigInt(a.exponent - e), b.mantissa * 10n ** BigInt(b.exponent - e), e];
}

export function compareNumbers(a: DynamoNumber, b: DynamoNumber): number {
  if (a.exponent === b.exponent) return a.mantissa < b.mantissa ? -1 : a.mantissa > b.mantissa ? 1 : 0;
  const sa = a.mantissa < 0n ? -1 : a.mantissa > 0n ? 1 : 0;
  const sb = b.mantissa < 0n ? -1 : b.mantissa > 0n ? 1 : 0;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  // Same sign: compare magnitudes by order of magnitude first, so 1E+125 vs 1E-130 does not build a 255-digit BigInt.
  const ma = a.exponent + digitCount(a.mantissa);
  const mb = b.exponent + digitCount(b.mantissa);
  if (ma !== mb) return (ma < mb ? -1 : 1) * sa;
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function addNumbers(a: DynamoNumber, b: DynamoNumber): DynamoNumber {
  const [x, y, e] = aligned(a, b);
  return checked(normalise(x + y, e));
}

export function subtractNumbers(a: DynamoNumber, b: DynamoNumber): DynamoNumber {
  return addNumbers(a, { mantissa: -b.mantissa, exponent: b.exponent });
}

/** The canonical text DynamoDB returns: plain digits, no exponent, no trailing zeroes ("1E+2" is returned as "100"). */
export function formatNumber(n: DynamoNumber): string {
  if (n.mantissa === 0n) return '0';
  const negative = n.mantissa < 0n;
  const digits = (negative ? -n.mantissa : n.mantissa).toString();
  let text: string;
  if (n.exponent >= 0) {
    text = digits + '0'.repeat(n.exponent);
  } else {
    const point = digits.length + n.exponent;
    text = point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${'0'.repeat(-point)}${digits}`;
  }
  return negative ? `-${text}` : text;
}

/** The canonical text of a number string (validates it). */
export function canonicalNumber(text: string): string {
  return formatNumber(parseNumber(text));
}

/**
 * Significant digits of a stored (canonical) number, for the item size rule (1 byte per two significant digits,
 * plus 1): its digits without sign, point, and leading or trailing zeroes.
 */
export function significantDigits(canonical: string): number {
  const digits = canonical.replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.max(1, digits.length);
}
