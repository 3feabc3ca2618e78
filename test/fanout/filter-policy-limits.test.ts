import * as sns from 'aws-cdk-lib/aws-sns';
import { FilterPolicyLimits, SNS_FILTER_POLICY_LIMITS } from '../../src/fanout/filter-policy-limits';

const values = (n: number) => sns.SubscriptionFilter.stringFilter({ allowlist: Array.from({ length: n }, (_, i) => `v${i}`) });
const attr = (policy: Record<string, sns.SubscriptionFilter>) => () => FilterPolicyLimits.validateAttributePolicy('FanoutTopic', 'p', policy);
const body = (policy: Record<string, sns.FilterOrPolicy>) => () => FilterPolicyLimits.validateBodyPolicy('FanoutTopic', 'p', policy);

describe('SNS filter policy limits (subscription-filter-policy-constraints)', () => {
  test('the documented limits', () => {
    expect(SNS_FILTER_POLICY_LIMITS).toEqual({ maxKeys: 5, maxCombinations: 150, maxSizeBytes: 262_144, maxNumericMagnitude: 1_000_000_000 });
  });

  test('5 keys and 150 combinations are accepted', () => {
    expect(attr({ a: values(5), b: values(5), c: values(6), d: values(1), e: values(1) })).not.toThrow();
  });

  test('6 attribute keys are rejected naming the limit, the value and the maximum', () => {
    expect(attr({ a: values(1), b: values(1), c: values(1), d: values(1), e: values(1), f: values(1) }))
      .toThrow(/invalid p \("6 keys: a, b, c, d, e, f"\); allowed: at most 5 keys per filter policy \(SNS filter policy constraints\)/);
  });

  test('151 combinations are rejected with the product', () => {
    expect(attr({ a: values(151) })).toThrow(/\("151 combinations of values = 151"\); allowed: at most 150 combinations/);
    expect(attr({ a: values(4), b: values(8), c: values(5) })).toThrow(/\("160 combinations of values = 4 x 8 x 5"\)/);
  });

  test('a policy over 256 KB is rejected with its size', () => {
    const big = sns.SubscriptionFilter.stringFilter({ matchPrefixes: ['x'.repeat(262_144)] });
    expect(attr({ a: big })).toThrow(/bytes of JSON"\); allowed: at most 262144 bytes \(256 KB\) per filter policy/);
  });

  test('numeric values beyond 10^9 are rejected', () => {
    expect(attr({ price: sns.SubscriptionFilter.numericFilter({ greaterThan: 2_000_000_000 }) }))
      .toThrow(/\("numeric condition value 2000000000"\); allowed: numbers from -1000000000 to 1000000000/);
    expect(attr({ price: sns.SubscriptionFilter.numericFilter({ between: { start: -1_000_000_000, stop: 1_000_000_000 } }) })).not.toThrow();
  });

  test('a nested (payload-based) policy counts its leaf keys toward the five-key limit ("only leaf keys are counted")', () => {
    const nested = sns.FilterOrPolicy.policy({
      a: sns.FilterOrPolicy.filter(values(1)),
      b: sns.FilterOrPolicy.filter(values(1)),
      c: sns.FilterOrPolicy.filter(values(1)),
      d: sns.FilterOrPolicy.filter(values(1)),
      e: sns.FilterOrPolicy.filter(values(1)),
      f: sns.FilterOrPolicy.filter(values(1)),
    });
    expect(body({ order: nested })).toThrow(/\("6 keys: order.a, order.b, order.c, order.d, order.e, order.f"\); allowed: at most 5 keys/);
    expect(body({
      order: sns.FilterOrPolicy.policy({ a: sns.FilterOrPolicy.filter(values(1)), b: sns.FilterOrPolicy.filter(values(1)) }),
      c: sns.FilterOrPolicy.filter(values(1)),
      d: sns.FilterOrPolicy.filter(values(1)),
      e: sns.FilterOrPolicy.filter(values(1)),
    })).not.toThrow();
    const six: Record<string, sns.FilterOrPolicy> = {};
    for (const k of ['a', 'b', 'c', 'd', 'e', 'f']) six[k] = sns.FilterOrPolicy.filter(values(1));
    expect(body(six)).toThrow(/\("6 keys: a, b, c, d, e, f"\); allowed: at most 5 keys/);
  });

  test('payload-based combinations multiply the nested arrays', () => {
    expect(body({
      key_a: sns.FilterOrPolicy.policy({ key_b: sns.FilterOrPolicy.filter(values(10)) }),
      key_e: sns.FilterOrPolicy.policy({ key_f: sns.FilterOrPolicy.filter(values(16)) }),
    })).toThrow(/\("160 combinations of values = 10 x 16"\)/);
  });
});
