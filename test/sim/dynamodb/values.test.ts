import { normaliseValue } from '../../../src/sim/dynamodb/values/attribute-value';
import { addNumbers, canonicalNumber, compareNumbers, formatNumber, parseNumber, subtractNumbers } from '../../../src/sim/dynamodb/values/number';
import { itemSize } from '../../../src/sim/dynamodb/values/size';

describe('numbers (38 significant digits, magnitudes 1E-130 to 9.99..E+125, exact)', () => {
  test('leading and trailing zeroes are trimmed; exponents are written out', () => {
    expect(canonicalNumber('007.500')).toBe('7.5');
    expect(canonicalNumber('-0.000')).toBe('0');
    expect(canonicalNumber('1E+2')).toBe('100');
    expect(canonicalNumber('12.5e-3')).toBe('0.0125');
    expect(canonicalNumber(' 42 ')).toBe('42');
  });

  test('arithmetic keeps 38 digits exactly (no binary floating point)', () => {
    const big = parseNumber('12345678901234567890123456789012345678');
    expect(formatNumber(addNumbers(big, parseNumber('1')))).toBe('12345678901234567890123456789012345679');
    expect(formatNumber(addNumbers(parseNumber('0.1'), parseNumber('0.2')))).toBe('0.3');
    expect(formatNumber(subtractNumbers(parseNumber('1'), parseNumber('1.5')))).toBe('-0.5');
  });

  test('comparison is numeric across exponents and signs', () => {
    const cmp = (a: string, b: string) => compareNumbers(parseNumber(a), parseNumber(b));
    expect(cmp('10', '9')).toBe(1);
    expect(cmp('-10', '-9')).toBe(-1);
    expect(cmp('1E+125', '1E-130')).toBe(1);
    expect(cmp('0.5', '5E-1')).toBe(0);
    expect(cmp('-1E-130', '0')).toBe(-1);
  });

  test('more than 38 significant digits, overflow and underflow are ValidationExceptions with the documented messages', () => {
    expect(() => parseNumber('123456789012345678901234567890123456789')).toThrow('Attempting to store more than 38 significant digits in a Number');
    expect(() => parseNumber('1E+126')).toThrow('Number overflow. Attempting to store a number with magnitude larger than supported range');
    expect(() => parseNumber('1E-131')).toThrow('Number underflow. Attempting to store a number with magnitude smaller than supported range');
    expect(() => parseNumber('abc')).toThrow('A value provided cannot be converted into a number');
    expect(() => addNumbers(parseNumber('9E+125'), parseNumber('1E+125'))).toThrow(/Number overflow/);
  });
});

describe('AttributeValue validation', () => {
  test('a value must set exactly one data type', () => {
    expect(() => normaliseValue({})).toThrow('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
    expect(() => normaliseValue({ S: 'a', N: '1' })).toThrow('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
  });

  test('sets may not be empty or hold duplicates; NULL must be true', () => {
    expect(() => normaliseValue({ SS: [] })).toThrow('One or more parameter values were invalid: An string set  may not be empty');
    expect(() => normaliseValue({ NS: ['1', '1.0'] })).toThrow('One or more parameter values were invalid: Input collection [1, 1.0] contains duplicates.');
    expect(() => normaliseValue({ NULL: false })).toThrow('One or more parameter values were invalid: Null attribute value types must have the value of true');
  });

  test('binary is accepted as bytes or base64 and stored as bytes; numbers in canonical form', () => {
    expect(normaliseValue({ B: 'AQI=' })).toEqual({ B: new Uint8Array([1, 2]) });
    expect(normaliseValue({ L: [{ N: '01' }, { M: { x: { NS: ['2.50'] } } }] })).toEqual({ L: [{ N: '1' }, { M: { x: { NS: ['2.5'] } } }] });
  });
});

describe('item size ("DynamoDB item sizes and formats")', () => {
  test('names and strings count UTF-8 bytes; numbers 1 byte per two significant digits plus 1; null/Boolean 1 byte', () => {
    expect(itemSize({ name: { S: 'héllo' } })).toBe(4 + 6);
    expect(itemSize({ n: { N: '12345' } })).toBe(1 + 4);
    expect(itemSize({ n: { N: '0.0001' } })).toBe(1 + 2);
    expect(itemSize({ ok: { BOOL: true }, z: { NULL: true } })).toBe(3 + 2);
  });

  test('lists and maps cost 3 bytes plus 1 byte per element; binaries their raw bytes; sets the sum of their members', () => {
    expect(itemSize({ l: { L: [] } })).toBe(1 + 3);
    expect(itemSize({ l: { L: [{ S: 'ab' }, { N: '1' }] } })).toBe(1 + 3 + (1 + 2) + (1 + 2));
    expect(itemSize({ m: { M: { k: { S: 'v' } } } })).toBe(1 + 3 + 1 + 1 + 1);
    expect(itemSize({ b: { B: new Uint8Array(10) } })).toBe(11);
    expect(itemSize({ s: { SS: ['a', 'bc'] } })).toBe(1 + 3);
  });
});
