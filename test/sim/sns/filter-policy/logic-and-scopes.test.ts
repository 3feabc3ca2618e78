import { attrsMatch, bodyMatches, num, str, strArray } from './helpers';

const transaction = {
  customer_interests: strArray(['soccer', 'rugby', 'hockey']),
  store: str('example_corp'),
  event: str('order_placed'),
  price_usd: num('210.75'),
};
const transactionBody = { customer_interests: ['soccer', 'rugby', 'hockey'], store: 'example_corp', event: 'order_placed', price_usd: 210.75 };
const docPolicy = {
  store: ['example_corp'],
  event: [{ 'anything-but': 'order_cancelled' }],
  customer_interests: ['rugby', 'football', 'baseball'],
  price_usd: [{ numeric: ['>=', 100] }],
};

describe('example filter policies (example-filter-policies)', () => {
  test('the documented policy accepts the documented transaction in the MessageAttributes scope', () => {
    expect(attrsMatch(docPolicy, transaction)).toBe(true);
  });

  test('the same policy accepts the same properties in the MessageBody scope', () => {
    expect(bodyMatches(docPolicy, transactionBody)).toBe(true);
  });

  test('changing one property so its condition fails rejects the message (AND logic)', () => {
    expect(attrsMatch(docPolicy, { ...transaction, event: str('order_cancelled') })).toBe(false);
    expect(attrsMatch(docPolicy, { ...transaction, price_usd: num('99.99') })).toBe(false);
    expect(bodyMatches(docPolicy, { ...transactionBody, store: 'other_corp' })).toBe(false);
  });
});

describe('AND/OR logic (and-or-logic)', () => {
  test('AND logic: every property in the policy must match', () => {
    const policy = { customer_interests: ['rugby'], price_usd: [{ numeric: ['>', 100] }] };
    expect(attrsMatch(policy, { customer_interests: str('rugby'), price_usd: num('105') })).toBe(true);
    expect(attrsMatch(policy, { customer_interests: str('rugby'), price_usd: num('100') })).toBe(false);
    expect(attrsMatch(policy, { customer_interests: str('rugby') })).toBe(false);
  });

  test('OR logic: several values (of different kinds) for one property', () => {
    const policy = { customer_interests: ['rugby', 'football', { prefix: 'bas' }] };
    expect(attrsMatch(policy, { customer_interests: str('football') })).toBe(true);
    expect(attrsMatch(policy, { customer_interests: str('basketball') })).toBe(true);
    expect(attrsMatch(policy, { customer_interests: str('tennis') })).toBe(false);
  });

  test('OR operator: "$or" accepts a message matching any of its branches, ANDed with the other properties', () => {
    const policy = {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
    };
    expect(attrsMatch(policy, { source: str('aws.cloudwatch'), metricName: str('ReadLatency') })).toBe(true);
    expect(attrsMatch(policy, { source: str('aws.cloudwatch'), namespace: str('AWS/EC2') })).toBe(true);
    expect(attrsMatch(policy, { source: str('aws.cloudwatch'), namespace: str('AWS/S3') })).toBe(false);
    expect(attrsMatch(policy, { source: str('aws.events'), metricName: str('ReadLatency') })).toBe(false);
  });

  test('"$or" can be nested and used inside nested body properties', () => {
    const policy = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization'] },
        { $or: [{ namespace: ['AWS/EC2'] }, { region: ['us-east-1'] }] },
      ],
    };
    expect(attrsMatch(policy, { source: str('aws.cloudwatch'), region: str('us-east-1') })).toBe(true);
    expect(attrsMatch(policy, { source: str('aws.cloudwatch'), region: str('eu-west-1') })).toBe(false);
    const bodyPolicy = { detail: { $or: [{ state: ['ALARM'] }, { previous: ['ALARM'] }] } };
    expect(bodyMatches(bodyPolicy, { detail: { previous: 'ALARM', state: 'OK' } })).toBe(true);
    expect(bodyMatches(bodyPolicy, { detail: { previous: 'OK', state: 'OK' } })).toBe(false);
  });
});

describe('filter policy scope MessageBody (payload-based filtering)', () => {
  test('nested policy keys match nested body properties', () => {
    const policy = { object: { key: [{ prefix: 'auto-' }] } };
    expect(bodyMatches(policy, { object: { key: 'auto-insurance-2314.xml', size: 17 } })).toBe(true);
    expect(bodyMatches(policy, { object: { key: 'home-insurance-2314.xml' } })).toBe(false);
  });

  test('dotted body keys and nested objects are the same property (SNS flattens with dots)', () => {
    const policy = { object: { nested: { test: ['string.value'] } } };
    expect(bodyMatches(policy, { object: { nested: { test: 'string.value' } } })).toBe(true);
    expect(bodyMatches(policy, { 'object.nested.test': 'string.value' })).toBe(true);
    expect(bodyMatches(policy, { 'object.nested': { test: 'string.value' } })).toBe(true);
    expect(bodyMatches(policy, { object: { 'nested.test': 'string.value' } })).toBe(true);
  });

  test('arrays of objects: any element can match, but all properties must come from the same element', () => {
    const policy = { Records: { s3: { object: { key: [{ prefix: 'auto-' }] } }, eventName: [{ prefix: 'ObjectCreated:' }] } };
    const body = {
      Records: [
        { eventName: 'ObjectRemoved:Delete', s3: { object: { key: 'auto-insurance-2314.xml' } } },
        { eventName: 'ObjectCreated:Put', s3: { object: { key: 'home-insurance-2314.xml' } } },
      ],
    };
    expect(bodyMatches(policy, body)).toBe(false);
    body.Records.push({ eventName: 'ObjectCreated:Put', s3: { object: { key: 'auto-2.xml' } } });
    expect(bodyMatches(policy, body)).toBe(true);
  });

  test('arrays nested in arrays are searched too', () => {
    const policy = { Records: { s3: { object: { key: [{ prefix: 'auto-' }] } } } };
    expect(bodyMatches(policy, { Records: [{ s3: { object: [[{ key: 'auto-insurance-2314.xml' }]] } }] })).toBe(true);
  });

  test('a body that is not a JSON object never matches a MessageBody policy', () => {
    expect(bodyMatches({ a: [{ exists: false }] }, 'plain text')).toBe(false);
    expect(bodyMatches({ a: [{ exists: false }] }, '[1, 2]')).toBe(false);
    expect(bodyMatches({ a: [{ exists: false }] }, '"just a string"')).toBe(false);
    expect(bodyMatches({ a: [{ exists: false }] }, '{"b": 1}')).toBe(true);
  });

  test('the MessageAttributes scope ignores the body and the MessageBody scope ignores attributes', () => {
    expect(attrsMatch({ store: ['example_corp'] }, { other: str('x') })).toBe(false);
    expect(bodyMatches({ store: ['example_corp'] }, { store: 'example_corp' })).toBe(true);
  });

  test('a policy may arrive as a JSON string (CloudFormation accepts both forms)', () => {
    expect(attrsMatch('{"store": ["example_corp"]}', { store: str('example_corp') })).toBe(true);
    expect(bodyMatches(JSON.stringify({ object: { key: ['a'] } }), { object: { key: 'a' } })).toBe(true);
  });

  test('an empty policy ({} or "") filters nothing', () => {
    expect(attrsMatch({}, {})).toBe(true);
    expect(attrsMatch('', { a: str('b') })).toBe(true);
  });
});
