import { attrsMatch, bodyMatches, num, str, strArray } from './helpers';

describe('exact matching (string-value-matching)', () => {
  const policy = { customer_interests: ['rugby', 'tennis'] };

  test('matches a String attribute equal to any listed value (OR across values)', () => {
    expect(attrsMatch(policy, { customer_interests: str('rugby') })).toBe(true);
    expect(attrsMatch(policy, { customer_interests: str('tennis') })).toBe(true);
  });

  test('a String.Array attribute matches when any element equals a listed value', () => {
    expect(attrsMatch(policy, { customer_interests: strArray(['rugby', 'tennis']) })).toBe(true);
    expect(attrsMatch(policy, { customer_interests: strArray(['baseball', 'tennis']) })).toBe(true);
    expect(attrsMatch(policy, { customer_interests: strArray(['baseball']) })).toBe(false);
  });

  test('does not match another value, and string comparison is case-sensitive', () => {
    expect(attrsMatch(policy, { customer_interests: str('baseball') })).toBe(false);
    expect(attrsMatch(policy, { customer_interests: str('Rugby') })).toBe(false);
  });

  test('matches body properties the same way, and a body array when any element matches', () => {
    expect(bodyMatches(policy, { customer_interests: 'rugby' })).toBe(true);
    expect(bodyMatches(policy, { customer_interests: 'baseball' })).toBe(false);
    expect(bodyMatches(policy, { customer_interests: ['soccer', 'tennis'] })).toBe(true);
  });

  test('a policy string never matches a Number attribute (values are typed)', () => {
    expect(attrsMatch({ price: ['100'] }, { price: num('100') })).toBe(false);
    expect(attrsMatch({ price: [100] }, { price: str('100') })).toBe(false);
  });

  test('true, false and null match JSON booleans and null in a body', () => {
    expect(bodyMatches({ vip: [true] }, { vip: true })).toBe(true);
    expect(bodyMatches({ vip: [true] }, { vip: 'true' })).toBe(false);
    expect(bodyMatches({ vip: [false] }, { vip: false })).toBe(true);
    expect(bodyMatches({ coupon: [null] }, { coupon: null })).toBe(true);
    expect(bodyMatches({ coupon: [null] }, {})).toBe(false);
  });

  test('a null policy value never matches an absent attribute (a message without the attribute is filtered out)', () => {
    expect(attrsMatch({ attr1: [null, { 'anything-but': 'whatever' }] }, { other: str('x') })).toBe(false);
  });
});

describe('anything-but matching (string-value-matching)', () => {
  const policy = { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] };

  test('matches values that are none of the listed values', () => {
    expect(attrsMatch(policy, { customer_interests: str('baseball') })).toBe(true);
    expect(attrsMatch(policy, { customer_interests: str('football') })).toBe(true);
    expect(bodyMatches(policy, { customer_interests: 'baseball' })).toBe(true);
    expect(bodyMatches(policy, { customer_interests: 'football' })).toBe(true);
    expect(attrsMatch(policy, { customer_interests: str('rugby') })).toBe(false);
  });

  // The page's prose says a String.Array matches only "if none of the array elements are listed"; its examples match
  // ["rugby", "baseball"] "because it contains a value that isn't rugby or tennis". The simulator follows the examples.
  test('a String.Array attribute matches when it contains a value that is not listed (the page\'s examples)', () => {
    expect(attrsMatch(policy, { customer_interests: strArray(['rugby', 'baseball']) })).toBe(true);
    expect(attrsMatch(policy, { customer_interests: strArray(['baseball', 'football']) })).toBe(true);
    expect(attrsMatch(policy, { customer_interests: strArray(['rugby']) })).toBe(false);
    expect(attrsMatch(policy, { customer_interests: strArray(['rugby', 'tennis']) })).toBe(false);
  });

  test('a body array matches because it contains a value that is not listed', () => {
    expect(bodyMatches(policy, { customer_interests: ['rugby', 'baseball'] })).toBe(true);
    expect(bodyMatches(policy, { customer_interests: ['rugby'] })).toBe(false);
    expect(bodyMatches(policy, { customer_interests: 'rugby' })).toBe(false);
  });

  test('a single value operand works like a one-element list', () => {
    const single = { customer_interests: [{ 'anything-but': 'rugby' }] };
    expect(attrsMatch(single, { customer_interests: str('baseball') })).toBe(true);
    expect(attrsMatch(single, { customer_interests: str('rugby') })).toBe(false);
  });

  test('an absent property does not match; combining with "exists": false matches it too', () => {
    expect(attrsMatch(policy, { store: str('example_corp') })).toBe(false);
    const withAbsent = { customer_interests: [{ 'anything-but': ['rugby'] }, { exists: false }] };
    expect(attrsMatch(withAbsent, { store: str('example_corp') })).toBe(true);
    expect(attrsMatch(withAbsent, { customer_interests: str('rugby') })).toBe(false);
  });

  test('anything-but with a prefix matches values that do not start with it', () => {
    const prefixPolicy = { event: [{ 'anything-but': { prefix: 'order-' } }] };
    expect(attrsMatch(prefixPolicy, { event: str('data-entry') })).toBe(true);
    expect(attrsMatch(prefixPolicy, { event: str('order_number') })).toBe(true);
    expect(attrsMatch(prefixPolicy, { event: str('order-cancelled') })).toBe(false);
    expect(bodyMatches(prefixPolicy, { event: 'data-entry' })).toBe(true);
    expect(bodyMatches(prefixPolicy, { event: 'order_number' })).toBe(true);
    expect(bodyMatches(prefixPolicy, { event: 'order-cancelled' })).toBe(false);
  });
});

// The page writes these examples as bodies ({"customer_interests": [...]}) and calls them attributes: both are tested.
describe('anything-but wildcard (string-value-matching)', () => {
  const policy = { customer_interests: [{ 'anything-but': { wildcard: '*ball' } }] };

  test('the page\'s examples: matches ["hockey", "rugby", "soccer"], not ["baseball", "basketball"]', () => {
    expect(bodyMatches(policy, { customer_interests: ['hockey', 'rugby', 'soccer'] })).toBe(true);
    expect(attrsMatch(policy, { customer_interests: strArray(['hockey', 'rugby', 'soccer']) })).toBe(true);
    expect(bodyMatches(policy, { customer_interests: ['baseball', 'basketball'] })).toBe(false);
    expect(attrsMatch(policy, { customer_interests: strArray(['baseball', 'basketball']) })).toBe(false);
  });

  test('single values: a value the pattern matches is excluded; an absent property never matches', () => {
    expect(attrsMatch(policy, { customer_interests: str('rugby') })).toBe(true);
    expect(attrsMatch(policy, { customer_interests: str('football') })).toBe(false);
    expect(bodyMatches(policy, { customer_interests: 'ball' })).toBe(false);
    expect(attrsMatch(policy, { store: str('example_corp') })).toBe(false);
  });

  test('an array with one value the pattern does not exclude matches', () => {
    expect(bodyMatches(policy, { customer_interests: ['baseball', 'rugby'] })).toBe(true);
  });
});

describe('anything-but suffix (string-value-matching)', () => {
  const policy = { customer_interests: [{ 'anything-but': { suffix: 'ball' } }] };

  test('the page\'s examples: matches ["hockey", "rugby", "soccer"], not ["baseball", "basketball"]', () => {
    expect(bodyMatches(policy, { customer_interests: ['hockey', 'rugby', 'soccer'] })).toBe(true);
    expect(attrsMatch(policy, { customer_interests: strArray(['hockey', 'rugby', 'soccer']) })).toBe(true);
    expect(bodyMatches(policy, { customer_interests: ['baseball', 'basketball'] })).toBe(false);
    expect(attrsMatch(policy, { customer_interests: strArray(['baseball', 'basketball']) })).toBe(false);
  });

  test('single values: a value ending with the suffix is excluded', () => {
    expect(attrsMatch(policy, { customer_interests: str('hockey') })).toBe(true);
    expect(attrsMatch(policy, { customer_interests: str('football') })).toBe(false);
    expect(bodyMatches(policy, { customer_interests: 'balloon' })).toBe(true);
  });
});

describe('equals-ignore-case matching (string-value-matching)', () => {
  const policy = { customer_interests: [{ 'equals-ignore-case': 'tennis' }] };

  test('matches the value in any letter case', () => {
    expect(attrsMatch(policy, { customer_interests: str('TENNIS') })).toBe(true);
    expect(attrsMatch(policy, { customer_interests: str('Tennis') })).toBe(true);
    expect(bodyMatches(policy, { customer_interests: 'TENNIS' })).toBe(true);
    expect(bodyMatches(policy, { customer_interests: 'teNnis' })).toBe(true);
  });

  test('does not match other values', () => {
    expect(attrsMatch(policy, { customer_interests: str('rugby') })).toBe(false);
    expect(attrsMatch(policy, { customer_interests: str('tennis!') })).toBe(false);
  });
});

describe('prefix matching (string-value-matching)', () => {
  const policy = { customer_interests: [{ prefix: 'bas' }] };

  test('matches values that begin with the prefix', () => {
    expect(attrsMatch(policy, { customer_interests: str('baseball') })).toBe(true);
    expect(attrsMatch(policy, { customer_interests: str('basketball') })).toBe(true);
    expect(bodyMatches(policy, { customer_interests: 'baseball' })).toBe(true);
  });

  test('does not match other values', () => {
    expect(attrsMatch(policy, { customer_interests: str('rugby') })).toBe(false);
    expect(bodyMatches(policy, { customer_interests: 'rugby' })).toBe(false);
  });
});

describe('suffix matching (string-value-matching)', () => {
  const policy = { customer_interests: [{ suffix: 'ball' }] };

  test('matches values that end with the suffix', () => {
    expect(attrsMatch(policy, { customer_interests: str('baseball') })).toBe(true);
    expect(attrsMatch(policy, { customer_interests: str('basketball') })).toBe(true);
    expect(bodyMatches(policy, { customer_interests: 'baseball' })).toBe(true);
    expect(bodyMatches(policy, { customer_interests: 'basketball' })).toBe(true);
  });

  test('does not match other values', () => {
    expect(attrsMatch(policy, { customer_interests: str('rugby') })).toBe(false);
    expect(bodyMatches(policy, { customer_interests: 'rugby' })).toBe(false);
  });
});

describe('IP address matching (string-value-matching)', () => {
  const policy = { source_ip: [{ cidr: '10.0.0.0/24' }] };

  test('matches IPv4 addresses inside the CIDR block', () => {
    expect(attrsMatch(policy, { source_ip: str('10.0.0.0') })).toBe(true);
    expect(attrsMatch(policy, { source_ip: str('10.0.0.255') })).toBe(true);
    expect(bodyMatches(policy, { source_ip: '10.0.0.0' })).toBe(true);
    expect(bodyMatches(policy, { source_ip: '10.0.0.255' })).toBe(true);
  });

  test('does not match addresses outside the block, or strings that are not IP addresses', () => {
    expect(attrsMatch(policy, { source_ip: str('10.1.1.0') })).toBe(false);
    expect(bodyMatches(policy, { source_ip: '10.1.1.0' })).toBe(false);
    expect(attrsMatch(policy, { source_ip: str('not-an-ip') })).toBe(false);
  });

  test('matches IPv6 addresses in an IPv6 block, and IPv4-mapped IPv6 addresses as IPv4', () => {
    const v6 = { source_ip: [{ cidr: '2001:db8::/32' }] };
    expect(attrsMatch(v6, { source_ip: str('2001:db8:1::5') })).toBe(true);
    expect(attrsMatch(v6, { source_ip: str('2001:db9::1') })).toBe(false);
    expect(attrsMatch(v6, { source_ip: str('10.0.0.1') })).toBe(false);
    expect(attrsMatch(policy, { source_ip: str('::ffff:10.0.0.7') })).toBe(true);
  });
});

describe('wildcard matching (string-value-matching)', () => {
  const policy = { customer_interests: [{ wildcard: '*ball' }] };

  test('the page\'s example: "*ball" matches ["baseball", "basketball"] (body array and String.Array)', () => {
    expect(bodyMatches(policy, { customer_interests: ['baseball', 'basketball'] })).toBe(true);
    expect(attrsMatch(policy, { customer_interests: strArray(['baseball', 'basketball']) })).toBe(true);
  });

  test('matches single String attributes and body strings where "*" stands for any run, the empty one included', () => {
    expect(attrsMatch(policy, { customer_interests: str('baseball') })).toBe(true);
    expect(attrsMatch(policy, { customer_interests: str('ball') })).toBe(true);
    expect(bodyMatches(policy, { customer_interests: 'football' })).toBe(true);
    expect(attrsMatch(policy, { customer_interests: str('hockey') })).toBe(false);
    expect(attrsMatch(policy, { customer_interests: str('balls') })).toBe(false);
    expect(bodyMatches(policy, { customer_interests: ['hockey', 'rugby'] })).toBe(false);
  });

  test('wildcards at the start, middle and end, up to the three a pattern may have', () => {
    const middle = { file: [{ wildcard: 'log*check' }] };
    expect(attrsMatch(middle, { file: str('log-run-check') })).toBe(true);
    expect(attrsMatch(middle, { file: str('logcheck') })).toBe(true);
    expect(attrsMatch(middle, { file: str('log-run-checks') })).toBe(false);
    const three = { file: [{ wildcard: '*a*b*' }] };
    expect(attrsMatch(three, { file: str('xaxbx') })).toBe(true);
    expect(attrsMatch(three, { file: str('ab') })).toBe(true);
    expect(attrsMatch(three, { file: str('ba') })).toBe(false);
  });

  test('a pattern without a wildcard is exact matching; wildcards match string values only', () => {
    expect(attrsMatch({ k: [{ wildcard: 'ball' }] }, { k: str('ball') })).toBe(true);
    expect(attrsMatch({ k: [{ wildcard: 'ball' }] }, { k: str('balls') })).toBe(false);
    expect(attrsMatch({ k: [{ wildcard: '*' }] }, { k: num('5') })).toBe(false);
    expect(bodyMatches({ k: [{ wildcard: '*' }] }, { k: true })).toBe(false);
    expect(bodyMatches({ k: [{ wildcard: '*' }] }, { k: '' })).toBe(true);
  });

  // The SNS page is silent on escapes; EventBridge's wildcard rules: "\*" is a literal "*", "\\" a literal "\".
  test('escaped "*" and "\\" match themselves (EventBridge\'s escaping, the SNS page being silent)', () => {
    expect(attrsMatch({ k: [{ wildcard: 'a\\*b' }] }, { k: str('a*b') })).toBe(true);
    expect(attrsMatch({ k: [{ wildcard: 'a\\*b' }] }, { k: str('axb') })).toBe(false);
    expect(attrsMatch({ k: [{ wildcard: 'dir\\\\*' }] }, { k: str('dir\\file') })).toBe(true);
    expect(attrsMatch({ k: [{ wildcard: 'dir\\\\*' }] }, { k: str('dirfile') })).toBe(false);
  });
});
