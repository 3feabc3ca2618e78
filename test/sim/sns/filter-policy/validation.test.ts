import { rejection } from './helpers';
import { compileFilterPolicy, FILTER_POLICY_LIMITS } from '../../../../src/sim/sns/filter-policy';

// SNS's text for a refused wildcard pattern is not published; the rule engine's (see operators/wildcard.ts).
const TOO_COMPLEX = 'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';
const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);

describe('filter policy constraints (subscription-filter-policy-constraints)', () => {
  test('a filter policy can have a maximum of five keys', () => {
    expect(compileFilterPolicy({ a: ['1'], b: ['2'], c: ['3'], d: ['4'], e: ['5'] })).toBeDefined();
    expect(rejection({ a: ['1'], b: ['2'], c: ['3'], d: ['4'], e: ['5'], f: ['6'] }))
      .toBe('FilterPolicy: Filter policy can not have more than 5 keys');
  });

  test('for a nested policy, only leaf keys are counted towards the five key limit (the page\'s two-leaf example)', () => {
    const twoLeaves = {
      key_a: { key_b: { key_c: ['value_one', 'value_two', 'value_three', 'value_four'] } },
      key_d: { key_e: ['value_one', 'value_two', 'value_three'] },
    };
    expect(compileFilterPolicy(twoLeaves, 'MessageBody')).toBeDefined();
    // Five leaves under one top-level key are within the limit; six leaves under two are not.
    const five = { finding: { a: ['1'], b: ['2'], c: ['3'], d: ['4'], e: ['5'] } };
    expect(compileFilterPolicy(five, 'MessageBody')).toBeDefined();
    const six = { state: ['SUCCESS'], finding: { a: ['1'], b: ['2'], c: ['3'], d: ['4'], e: ['5'] } };
    expect(rejection(six, 'MessageBody')).toBe('FilterPolicy: Filter policy can not have more than 5 keys');
  });

  test('"$or" is not a key itself: the leaf keys of its branches count, a key repeated across branches once', () => {
    const policy = { source: ['a'], $or: [{ metricName: ['x'], region: ['r'] }, { namespace: ['y'], region: ['s'] }] };
    expect(compileFilterPolicy(policy)).toBeDefined(); // source, metricName, region, namespace
    const six = { a: ['1'], b: ['2'], c: ['3'], $or: [{ d: ['4'] }, { e: ['5'], f: ['6'] }] };
    expect(rejection(six)).toBe('FilterPolicy: Filter policy can not have more than 5 keys');
  });

  test('numeric matching: the value can range from -10^9 to 10^9; a policy bound outside it is refused', () => {
    const outside = 'FilterPolicy: Value must be between -1.0E9 and 1.0E9, inclusive';
    expect(compileFilterPolicy({ v: [{ numeric: ['>=', -1e9, '<=', 1e9] }] })).toBeDefined();
    expect(rejection({ v: [{ numeric: ['>', 1000000001] }] })).toBe(outside);
    expect(rejection({ v: [{ numeric: ['=', -1000000001] }] })).toBe(outside);
    expect(rejection({ v: [{ numeric: ['>', 0, '<', 2e9] }] })).toBe(outside);
    expect(rejection({ v: [{ numeric: ['>', 0, '<', 2e9] }] }, 'MessageBody')).toBe(outside);
  });

  test('anything-but numbers are numeric matching too: outside -10^9..10^9 they are refused', () => {
    const outside = 'FilterPolicy: Value must be between -1.0E9 and 1.0E9, inclusive';
    expect(compileFilterPolicy({ price: [{ 'anything-but': [100, -1e9, 1e9] }] })).toBeDefined();
    expect(rejection({ price: [{ 'anything-but': [100, 1e10] }] })).toBe(outside);
    expect(rejection({ price: [{ 'anything-but': -2000000000 }] })).toBe(outside);
  });

  test('a bare number is exact matching, not refused outside -10^9..10^9 (it matches no message value there)', () => {
    expect(compileFilterPolicy({ account: [123456789012] })).toBeDefined();
  });

  test('wildcard complexity: the page\'s example [{"wildcard": "*.txt"}, {"wildcard": "log*"}] is (1 + 1) x 2 = 4 points', () => {
    expect(compileFilterPolicy({ filename: [{ wildcard: '*.txt' }, { wildcard: 'log*' }] })?.wildcardComplexity).toBe(4);
  });

  test('wildcard complexity: the page\'s two-pattern field (anything-but prefix and "H*") scores (1 + 1) x 2 = 4', () => {
    const greeting = { greeting: [{ 'anything-but': { prefix: 'Hello' } }, { wildcard: 'H*' }] };
    expect(compileFilterPolicy(greeting)?.wildcardComplexity).toBe(4);
  });

  test('wildcard complexity: multiple wildcards score 3 points each; exact values count as patterns with no points', () => {
    expect(compileFilterPolicy({ a: [{ wildcard: '*x*y' }] })?.wildcardComplexity).toBe(6);
    expect(compileFilterPolicy({ a: [{ wildcard: '*x*y*' }] })?.wildcardComplexity).toBe(9);
    expect(compileFilterPolicy({ a: ['exact', { wildcard: 'x*' }] })?.wildcardComplexity).toBe(2);
    expect(compileFilterPolicy({ a: ['exact', { prefix: 'x' }] })?.wildcardComplexity).toBe(0);
    expect(compileFilterPolicy({ a: [{ 'anything-but': { wildcard: '*x*' } }] })?.wildcardComplexity).toBe(6);
  });

  test('total wildcard complexity across all fields must not exceed 100 points', () => {
    const singles = (n: number) => Array.from({ length: n }, (_, i) => ({ wildcard: `*${i}` }));
    expect(compileFilterPolicy({ a: singles(10) })?.wildcardComplexity).toBe(100);
    expect(rejection({ a: singles(11) })).toBe(`FilterPolicy: ${TOO_COMPLEX}`);
    // Across fields (and $or branches): 7 x 7 + 7 x 7 + 2 x 2 = 102.
    expect(rejection({ a: singles(7), b: singles(7), c: singles(2) })).toBe(`FilterPolicy: ${TOO_COMPLEX}`);
    expect(rejection({ a: singles(7), $or: [{ b: singles(7) }, { c: singles(2) }] })).toBe(`FilterPolicy: ${TOO_COMPLEX}`);
    const triples = (n: number) => Array.from({ length: n }, (_, i) => ({ wildcard: `*${i}*x*` }));
    expect(compileFilterPolicy({ a: triples(3) })?.wildcardComplexity).toBe(81);
    expect(rejection({ a: triples(4) }, 'MessageBody')).toBe(`FilterPolicy: ${TOO_COMPLEX}`);
  });

  test('total combination of values: multiply the number of values in each array (3 x 1 x 2 = 6)', () => {
    const compiled = compileFilterPolicy({ key_a: ['value_one', 'value_two', 'value_three'], key_b: ['value_one'], key_c: ['value_one', 'value_two'] });
    expect(compiled?.combinations).toBe(6);
  });

  test('the total combination must not exceed 150', () => {
    expect(FILTER_POLICY_LIMITS.maxCombinations).toBe(150);
    expect(compileFilterPolicy({ a: values(150) })?.combinations).toBe(150);
    expect(rejection({ a: values(151) })).toBe('FilterPolicy: Filter policy is too complex');
    expect(rejection({ a: values(15), b: values(11) })).toBe('FilterPolicy: Filter policy is too complex');
  });

  test('nested arrays count their length times their depth (documented example: 3 x 4 x 2 x 3 = 72)', () => {
    const policy = {
      key_a: { key_b: { key_c: ['value_one', 'value_two', 'value_three', 'value_four'] } },
      key_d: { key_e: ['value_one', 'value_two', 'value_three'] },
    };
    expect(compileFilterPolicy(policy, 'MessageBody')?.combinations).toBe(72);
    expect(rejection({ ...policy, key_f: ['value_one', 'value_two', 'value_three'] }, 'MessageBody'))
      .toBe('FilterPolicy: Filter policy is too complex');
  });

  test('"$or" branches add up toward the 150 limit', () => {
    expect(compileFilterPolicy({ $or: [{ a: values(75) }, { b: values(75) }] })?.combinations).toBe(150);
    expect(rejection({ $or: [{ a: values(75) }, { b: values(76) }] })).toBe('FilterPolicy: Filter policy is too complex');
    expect(rejection({ c: values(2), $or: [{ a: values(40) }, { b: values(40) }] })).toBe('FilterPolicy: Filter policy is too complex');
  });

  test('the maximum size of a filter policy is 256 KB', () => {
    expect(FILTER_POLICY_LIMITS.maxSizeBytes).toBe(256 * 1024);
    const big = JSON.stringify({ a: ['x'.repeat(256 * 1024)] });
    expect(rejection(big)).toBe('FilterPolicy: Filter policy can not be larger than 262144 bytes');
    expect(rejection({ a: ['x'.repeat(256 * 1024)] })).toBe('FilterPolicy: Filter policy can not be larger than 262144 bytes');
  });

  test('wildcard pattern usage guidelines: maximum 3 wildcards per pattern', () => {
    expect(compileFilterPolicy({ a: [{ wildcard: '*a*b*' }] })).toBeDefined();
    expect(compileFilterPolicy({ a: [{ wildcard: 'a\\*b\\*c\\*d\\*' }] })).toBeDefined(); // every "*" escaped: no wildcard
    expect(rejection({ a: [{ wildcard: '*a*b*c*' }] })).toBe(`FilterPolicy: ${TOO_COMPLEX}`);
    expect(rejection({ a: [{ 'anything-but': { wildcard: '*a*b*c*' } }] })).toBe(`FilterPolicy: ${TOO_COMPLEX}`);
  });

  test('attribute-based filtering does not accept nested filter policies', () => {
    expect(rejection({ object: { key: [{ prefix: 'auto-' }] } }))
      .toBe('Filter policy scope MessageAttributes does not support nested filter policy');
    expect(compileFilterPolicy({ object: { key: [{ prefix: 'auto-' }] } }, 'MessageBody')).toBeDefined();
  });
});

describe('filter policy syntax errors (the messages SNS returns)', () => {
  test.each<[string, unknown, string]>([
    ['JSON that does not parse', '{invalidjson}', 'FilterPolicy: failed to parse JSON.'],
    ['a policy that is not a JSON object', '["a"]', 'FilterPolicy: Filter policy must be a JSON object'],
    ['a property value that is not an array or object', { key_a: 'value_one' }, 'FilterPolicy: "key_a" must be an object or an array'],
    ['an empty array', { key: [] }, 'FilterPolicy: Empty arrays are not allowed'],
    ['an array inside the array', { key: [['value']] }, 'FilterPolicy: Match value must be String, number, true, false, or null'],
    ['an unknown operator', { key: [{ 'wrong-operator': true }] }, 'FilterPolicy: Unrecognized match type wrong-operator'],
    ['two operators in one expression', { key: [{ suffix: 'value', prefix: 'value2' }] }, 'FilterPolicy: Only one key allowed in match expression'],
    ['a suffix that is not a string', { key: [{ suffix: 100 }] }, 'FilterPolicy: suffix match pattern must be a string'],
    ['a prefix that is null', { key: [{ prefix: null }] }, 'FilterPolicy: prefix match pattern must be a string'],
    ['equals-ignore-case with a list', { key: [{ 'equals-ignore-case': ['a'] }] }, 'FilterPolicy: equals-ignore-case match pattern must be a string'],
    ['exists that is not a boolean', { key: [{ exists: 'no' }] }, 'FilterPolicy: exists match pattern must be either true or false.'],
    ['anything-but with equals-ignore-case (not documented for SNS)', { key: [{ 'anything-but': { 'equals-ignore-case': 'x' } }] },
      'FilterPolicy: Unsupported anything-but pattern: equals-ignore-case'],
    ['anything-but with exists', { key: [{ 'anything-but': { exists: false } }] }, 'FilterPolicy: Unsupported anything-but pattern: exists'],
    ['anything-but prefix of the wrong type', { key: [{ 'anything-but': { prefix: false } }] }, 'FilterPolicy: prefix match pattern must be a string'],
    ['anything-but suffix of the wrong type', { key: [{ 'anything-but': { suffix: ['ball'] } }] }, 'FilterPolicy: suffix match pattern must be a string'],
    ['anything-but wildcard of the wrong type', { key: [{ 'anything-but': { wildcard: 1 } }] }, 'FilterPolicy: wildcard match pattern must be a string'],
    ['anything-but wildcard with consecutive wildcards', { key: [{ 'anything-but': { wildcard: '*ball**' } }] },
      'FilterPolicy: Consecutive wildcard characters at pos 6'],
    ['a cidr that is not a string', { ip: [{ cidr: 10 }] }, 'FilterPolicy: prefix match pattern must be a string'],
    ['a cidr without a mask', { ip: [{ cidr: '10.0.0.0' }] }, "FilterPolicy: Malformed CIDR, one '/' required"],
    ['a cidr mask that is not a number', { ip: [{ cidr: '10.0.0.0/x' }] }, 'FilterPolicy: Malformed CIDR, mask bits must be an integer'],
    ['a cidr with a bad address', { ip: [{ cidr: '10.0.0.300/24' }] }, 'FilterPolicy: Nonstandard IP address: 10.0.0.300'],
    ['a wildcard that is not a string', { key: [{ wildcard: 5 }] }, 'FilterPolicy: wildcard match pattern must be a string'],
    // EventBridge's wildcard rules (the SNS page is silent): consecutive wildcards and unknown escapes are refused,
    // positions counted in UTF-8 bytes from the pattern's opening quote.
    ['consecutive wildcards', { key: [{ wildcard: 'a**' }] }, 'FilterPolicy: Consecutive wildcard characters at pos 2'],
    ['an escape of another character', { key: [{ wildcard: 'é\\n*' }] }, 'FilterPolicy: Invalid escape character at pos 3'],
    ['a trailing backslash', { key: [{ wildcard: 'ab\\' }] }, 'FilterPolicy: Invalid escape character at pos 3'],
  ])('%s', (_name, policy, reason) => {
    expect(rejection(policy)).toBe(reason);
  });
});

describe('numeric match validation (the messages SNS returns)', () => {
  test.each<[unknown[], string]>([
    [[], 'FilterPolicy: Invalid member in numeric match: ]'],
    [['operator'], 'FilterPolicy: Unrecognized numeric range operator: operator'],
    [[1, '<='], 'FilterPolicy: Invalid member in numeric match: 1'],
    [['=', '000'], 'FilterPolicy: Value of equals must be numeric'],
    [['>='], 'FilterPolicy: Value of >= must be numeric'],
    [['<', 100, '>', 10], 'FilterPolicy: Too many elements in numeric expression'],
    [['>=', 1, '>', 2], 'FilterPolicy: Bad numeric range operator: >'],
    [['>', 3, '<', 1], 'FilterPolicy: Bottom must be less than top'],
    [['>', 20, '<='], 'FilterPolicy: Value of <= must be numeric'],
    [['>', 20, 30], 'FilterPolicy: Bad value in numeric range: 30'],
    [['>', 20, 'test'], 'FilterPolicy: Bad numeric range operator: test'],
    [['>', '20', '<', '30'], 'FilterPolicy: Value of > must be numeric'],
    [['>', 20, '<', '30'], 'FilterPolicy: Value of < must be numeric'],
    [['>', 20, '<', 30, '<', 50], 'FilterPolicy: Too many terms in numeric range expression'],
  ])('numeric %j is refused', (numeric, reason) => {
    expect(rejection({ key: [{ numeric }] })).toBe(reason);
  });

  test('well-formed numeric expressions are accepted', () => {
    for (const numeric of [['=', 5], ['<', 0], ['>=', 0, '<', 150], ['>', 0, '<=', 150]]) {
      expect(compileFilterPolicy({ key: [{ numeric }] })).toBeDefined();
    }
  });
});
