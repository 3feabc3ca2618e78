import { attrsMatch, bodyMatches, num, str, strArray } from './helpers';

describe('numeric exact matching (numeric-value-matching)', () => {
  const policy = { price_usd: [{ numeric: ['=', 301.5] }] };

  test('matches Number attributes and body numbers with the same numeric value, in any notation', () => {
    expect(attrsMatch(policy, { price_usd: num('301.5') })).toBe(true);
    expect(attrsMatch(policy, { price_usd: num('3.015e2') })).toBe(true);
    expect(bodyMatches(policy, '{"price_usd": 301.5}')).toBe(true);
    expect(bodyMatches(policy, '{"price_usd": 3.015e2}')).toBe(true);
  });

  test('does not match other numbers or a String attribute', () => {
    expect(attrsMatch(policy, { price_usd: num('301.6') })).toBe(false);
    expect(attrsMatch(policy, { price_usd: str('301.5') })).toBe(false);
  });

  test('a bare number in the policy is numeric exact matching too', () => {
    expect(attrsMatch({ price_usd: [301.5] }, { price_usd: num('3.015e2') })).toBe(true);
  });
});

describe('numeric anything-but matching (numeric-value-matching)', () => {
  const policy = { price: [{ 'anything-but': [100, 500] }] };

  test('matches numbers that are none of the listed values', () => {
    expect(attrsMatch(policy, { price: num('101') })).toBe(true);
    expect(attrsMatch(policy, { price: num('100.1') })).toBe(true);
    expect(bodyMatches(policy, { price: 101 })).toBe(true);
  });

  test('a Number.Array attribute or a body array matches when it contains a value that is not listed', () => {
    expect(attrsMatch(policy, { price: { Type: 'Number.Array', Value: '[100, 50]' } })).toBe(true);
    expect(bodyMatches(policy, { price: [100, 50] })).toBe(true);
  });

  test('does not match a listed value', () => {
    expect(attrsMatch(policy, { price: num('100') })).toBe(false);
    expect(bodyMatches(policy, { price: 100 })).toBe(false);
  });
});

describe('numeric value range matching (numeric-value-matching)', () => {
  test('one bound: ["<", 0] matches negative numbers only', () => {
    const policy = { price_usd: [{ numeric: ['<', 0] }] };
    expect(attrsMatch(policy, { price_usd: num('-0.1') })).toBe(true);
    expect(attrsMatch(policy, { price_usd: num('0') })).toBe(false);
  });

  test('a range [">", 0, "<=", 150] matches numbers above 0 up to and including 150', () => {
    const policy = { price_usd: [{ numeric: ['>', 0, '<=', 150] }] };
    expect(attrsMatch(policy, { price_usd: num('0.00001') })).toBe(true);
    expect(attrsMatch(policy, { price_usd: num('150') })).toBe(true);
    expect(attrsMatch(policy, { price_usd: num('0') })).toBe(false);
    expect(attrsMatch(policy, { price_usd: num('150.00001') })).toBe(false);
    expect(bodyMatches(policy, { price_usd: 75 })).toBe(true);
  });

  test('numbers are compared with five digits of accuracy after the decimal point (filter policy constraints)', () => {
    const policy = { v: [{ numeric: ['=', 1] }] };
    expect(attrsMatch(policy, { v: num('1.000001') })).toBe(true);
    expect(attrsMatch(policy, { v: num('1.00001') })).toBe(false);
  });

  test('values outside -1e9..1e9 are out of the numeric range SNS matches (filter policy constraints)', () => {
    const policy = { v: [{ numeric: ['>', 0] }] };
    expect(attrsMatch(policy, { v: num('1000000000') })).toBe(true);
    expect(attrsMatch(policy, { v: num('1000000001') })).toBe(false);
    expect(bodyMatches({ v: [{ numeric: ['<', 0] }] }, { v: -1e10 })).toBe(false);
  });

  test('numbers inside a String.Array attribute are matched numerically', () => {
    expect(attrsMatch({ sizes: [{ numeric: ['>=', 10] }] }, { sizes: strArray(['small', 12]) })).toBe(true);
  });
});

describe('key matching (attribute-key-matching)', () => {
  test('"exists": true matches messages that include the property', () => {
    const policy = { store: [{ exists: true }] };
    expect(attrsMatch(policy, { store: str('fans') })).toBe(true);
    expect(attrsMatch(policy, { store: num('99'), def: num('99') })).toBe(true);
    expect(attrsMatch(policy, { customer_interests: strArray(['baseball', 'basketball']) })).toBe(false);
    expect(bodyMatches(policy, { store: 'fans', customer_interests: ['baseball'] })).toBe(true);
    expect(bodyMatches(policy, { customer_interests: ['baseball'] })).toBe(false);
  });

  test('"exists": true needs a non-null and non-empty value, and works on leaf nodes only', () => {
    const policy = { store: [{ exists: true }] };
    expect(bodyMatches(policy, { store: null })).toBe(false);
    expect(bodyMatches(policy, { store: '' })).toBe(false);
    expect(bodyMatches(policy, { store: ['', 'fans'] })).toBe(true);
    expect(bodyMatches(policy, { store: { name: 'fans' } })).toBe(false);
    expect(bodyMatches({ store: { name: [{ exists: true }] } }, { store: { name: 'fans' } })).toBe(true);
  });

  test('"exists": false matches messages that do not include the property', () => {
    const policy = { store: [{ exists: false }] };
    expect(attrsMatch(policy, { customer_interests: strArray(['baseball', 'basketball']) })).toBe(true);
    expect(attrsMatch(policy, { store: str('fans') })).toBe(false);
    expect(bodyMatches(policy, { customer_interests: ['baseball'] })).toBe(true);
    expect(bodyMatches(policy, { store: 'fans' })).toBe(false);
  });

  test('"exists": false only matches if at least one attribute is present: an empty set of attributes does not match', () => {
    expect(attrsMatch({ store: [{ exists: false }] }, {})).toBe(false);
  });

  test('Binary attributes are ignored by filter policies', () => {
    expect(attrsMatch({ blob: [{ exists: true }] }, { blob: { Type: 'Binary', Value: 'AAEC' } })).toBe(false);
    // Ignored for "exists": false too: a message whose only attribute is Binary has no attribute to filter on.
    expect(attrsMatch({ store: [{ exists: false }] }, { blob: { Type: 'Binary', Value: 'AAEC' } })).toBe(false);
  });

  test('a property named like a member every JavaScript object has is absent unless the message carries it', () => {
    const attrs = { store: str('example_corp') };
    for (const key of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf']) {
      expect(attrsMatch({ [key]: [{ exists: true }] }, attrs)).toBe(false);
      expect(attrsMatch({ [key]: [{ exists: false }] }, attrs)).toBe(true);
    }
    expect(attrsMatch({ constructor: ['x'] }, { constructor: str('x') })).toBe(true);
  });
});
