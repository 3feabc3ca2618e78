import * as fc from 'fast-check';
import { MessageAttributeValue } from '../../../../src/sim/runtime';
import { compileFilterPolicy, CompiledFilterPolicy, FilterMessage, FilterPolicyIndex, FilterPolicyScope, matchesPolicy } from '../../../../src/sim/sns/filter-policy';

const NAMES = ['a', 'b', 'c', 'd'];
const STRINGS = ['x', 'y', 'xy', 'Yz', '', 'x*y'];
// Wildcard patterns over those strings: every index key kind a pattern can have (exact, prefix, suffix, the empty
// prefix) and an escaped "*".
const WILDCARDS = ['x*', '*y', '*', 'x*y', '*x*', 'Y*z', 'xy', '*z*', 'x\\*y', '*\\**'];
const NUMBERS = [1, 2, 2.5, -3];

const condition: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...STRINGS) },
  { weight: 3, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom(...STRINGS).map(prefix => ({ prefix })) },
  { weight: 1, arbitrary: fc.constantFrom(...STRINGS).map(suffix => ({ suffix })) },
  { weight: 1, arbitrary: fc.constantFrom(...STRINGS).map(s => ({ 'equals-ignore-case': s })) },
  { weight: 2, arbitrary: fc.constantFrom(...WILDCARDS).map(wildcard => ({ wildcard })) },
  { weight: 1, arbitrary: fc.subarray([...STRINGS, ...NUMBERS], { minLength: 1 }).map(v => ({ 'anything-but': v })) },
  { weight: 1, arbitrary: fc.constantFrom(...STRINGS).map(prefix => ({ 'anything-but': { prefix } })) },
  { weight: 1, arbitrary: fc.constantFrom(...STRINGS).map(suffix => ({ 'anything-but': { suffix } })) },
  { weight: 1, arbitrary: fc.constantFrom(...WILDCARDS).map(wildcard => ({ 'anything-but': { wildcard } })) },
  { weight: 1, arbitrary: fc.constantFrom(['>', 0], ['<=', 2], ['>=', 1, '<', 2.5], ['=', 2]).map(numeric => ({ numeric })) },
  { weight: 1, arbitrary: fc.boolean().map(exists => ({ exists })) },
);

const properties = fc.dictionary(fc.constantFrom(...NAMES), fc.array(condition, { minLength: 1, maxLength: 3 }), { minKeys: 1, maxKeys: 3 });

const policy: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  { weight: 3, arbitrary: properties },
  { weight: 1, arbitrary: fc.tuple(properties, properties).map(([x, y]) => ({ $or: [x, y] })) },
);

const attributeValue: fc.Arbitrary<MessageAttributeValue> = fc.oneof(
  fc.constantFrom(...STRINGS).map(s => ({ DataType: 'String', StringValue: s })),
  fc.constantFrom(...NUMBERS).map(n => ({ DataType: 'Number', StringValue: String(n) })),
  fc.subarray([...STRINGS, ...NUMBERS]).map(v => ({ DataType: 'String.Array', StringValue: JSON.stringify(v) })),
);

const attributes = fc.dictionary(fc.constantFrom(...NAMES), attributeValue, { maxKeys: 4 });

const leaf = fc.oneof(fc.constantFrom(...STRINGS), fc.constantFrom(...NUMBERS), fc.constant(null));
const body: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  fc.constantFrom(...NAMES),
  fc.oneof(
    leaf,
    fc.array(leaf, { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...NAMES), leaf, { maxKeys: 2 }),
    // Arrays of objects: a nested policy's properties must then match within one element (whole groups evaluated).
    fc.array(fc.dictionary(fc.constantFrom(...NAMES), leaf, { maxKeys: 3 }), { minLength: 1, maxLength: 3 }),
  ),
  { maxKeys: 4 },
);

function tryCompile(p: unknown, scope: FilterPolicyScope): CompiledFilterPolicy | undefined | 'invalid' {
  try {
    return compileFilterPolicy(p, scope);
  } catch {
    return 'invalid';
  }
}

describe('the subscription index returns exactly the subscriptions naive evaluation accepts', () => {
  test('MessageAttributes scope: random policies and random messages', () => {
    fc.assert(fc.property(
      fc.array(fc.option(policy, { nil: undefined }), { minLength: 1, maxLength: 25 }),
      fc.array(attributes, { minLength: 1, maxLength: 10 }),
      (policies, messages) => {
        const compiled = policies.map(p => tryCompile(p, 'MessageAttributes')).filter((c): c is CompiledFilterPolicy | undefined => c !== 'invalid');
        const index = new FilterPolicyIndex<number>();
        compiled.forEach((c, i) => index.add(i, c));
        for (const attrs of messages) {
          const viaIndex = index.match(new FilterMessage(attrs, 'm')).map(ordinal => index.item(ordinal));
          const naive = compiled.map((c, i) => (c === undefined || matchesPolicy(c, new FilterMessage(attrs, 'm')) ? i : -1)).filter(i => i >= 0);
          expect(viaIndex).toEqual(naive);
        }
      },
    ), { numRuns: 300 });
  });

  test('MessageBody scope: random nested policies and random JSON bodies', () => {
    const nested = fc.oneof(policy, fc.tuple(fc.constantFrom(...NAMES), properties).map(([k, p]) => ({ [k]: p })));
    fc.assert(fc.property(
      fc.array(nested, { minLength: 1, maxLength: 20 }),
      fc.array(body, { minLength: 1, maxLength: 10 }),
      (policies, bodies) => {
        const compiled = policies.map(p => tryCompile(p, 'MessageBody')).filter((c): c is CompiledFilterPolicy | undefined => c !== 'invalid');
        const index = new FilterPolicyIndex<number>();
        compiled.forEach((c, i) => index.add(i, c));
        for (const b of bodies) {
          const text = JSON.stringify(b);
          const viaIndex = index.match(new FilterMessage(undefined, text, index.bodyPaths)).map(ordinal => index.item(ordinal));
          const naive = compiled
            .map((c, i) => (c === undefined || matchesPolicy(c, new FilterMessage(undefined, text)) ? i : -1))
            .filter(i => i >= 0);
          expect(viaIndex).toEqual(naive);
        }
      },
    ), { numRuns: 300 });
  });
});

describe('anchors: each group is looked up by the property whose values the fewest groups share', () => {
  const attrs = (customer: string, kind = 'order'): Record<string, MessageAttributeValue> => ({
    kind: { DataType: 'String', StringValue: kind },
    customer: { DataType: 'String', StringValue: customer },
  });

  test('a value every subscription shares is not the anchor: a message evaluates only the groups of its own customer', () => {
    const index = new FilterPolicyIndex<number>();
    // "kind" has one key (the fewest) but all 10 groups share it; each "customer" key belongs to one group.
    for (let i = 0; i < 10; i++) index.add(i, compileFilterPolicy({ kind: ['order'], customer: [`c${i}`] }) as CompiledFilterPolicy);
    expect(index.match(new FilterMessage(attrs('c3'), 'm'))).toEqual([3]);
    expect(index.evaluations).toBe(1);
    expect(index.match(new FilterMessage(attrs('c3', 'refund'), 'm'))).toEqual([]);
    expect(index.evaluations).toBe(2);
  });

  test('with values shared by half the groups (the benchmark\'s policies), a message evaluates those half, not all', () => {
    const index = new FilterPolicyIndex<number>();
    for (let i = 0; i < 10; i++) {
      index.add(i, compileFilterPolicy({ bucket: Array.from({ length: 5 }, (_, k) => `b${(i + k) % 10}`), kind: ['order'] }) as CompiledFilterPolicy);
    }
    const message = new FilterMessage({ bucket: { DataType: 'String', StringValue: 'b3' }, kind: { DataType: 'String', StringValue: 'order' } }, 'm');
    expect(index.match(message)).toEqual([0, 1, 2, 3, 9]);
    expect(index.evaluations).toBe(5);
  });

  test('wildcards are looked up by their literal head (or tail): a message evaluates only the patterns it can match', () => {
    const index = new FilterPolicyIndex<number>();
    for (let i = 0; i < 100; i++) index.add(i, compileFilterPolicy({ customer: [{ wildcard: `c${i}:*:done` }] }) as CompiledFilterPolicy);
    for (let i = 0; i < 100; i++) index.add(100 + i, compileFilterPolicy({ file: [{ wildcard: `*.${i}.log` }] }) as CompiledFilterPolicy);
    const message = (name: string, value: string) => new FilterMessage({ [name]: { DataType: 'String', StringValue: value } }, 'm');
    expect(index.match(message('customer', 'c7:order:done'))).toEqual([7]);
    expect(index.evaluations).toBe(1);
    expect(index.match(message('customer', 'c7:order:open'))).toEqual([]);
    expect(index.evaluations).toBe(2);
    expect(index.match(message('file', 'app.42.log'))).toEqual([142]);
    expect(index.evaluations).toBe(3);
  });

  test('subscriptions added between publishes are anchored again, and results still equal naive evaluation', () => {
    fc.assert(fc.property(
      fc.array(fc.option(policy, { nil: undefined }), { minLength: 2, maxLength: 20 }),
      fc.array(attributes, { minLength: 1, maxLength: 5 }),
      (policies, messages) => {
        const compiled = policies.map(p => tryCompile(p, 'MessageAttributes')).filter((c): c is CompiledFilterPolicy | undefined => c !== 'invalid');
        const index = new FilterPolicyIndex<number>();
        const half = Math.floor(compiled.length / 2);
        const check = (count: number) => {
          for (const a of messages) {
            const naive = compiled.slice(0, count).map((c, i) => (c === undefined || matchesPolicy(c, new FilterMessage(a, 'm')) ? i : -1)).filter(i => i >= 0);
            expect(index.match(new FilterMessage(a, 'm')).map(o => index.item(o))).toEqual(naive);
          }
        };
        compiled.slice(0, half).forEach((c, i) => index.add(i, c));
        index.prepare(); // as the simulator does at link time; the second half is anchored by the next match
        check(half);
        compiled.slice(half).forEach((c, i) => index.add(half + i, c));
        check(compiled.length);
      },
    ), { numRuns: 200 });
  });
});

describe('filter-policy algebra', () => {
  const accepts = (p: unknown, attrs: Record<string, MessageAttributeValue>): boolean | undefined => {
    const c = tryCompile(p, 'MessageAttributes');
    if (c === 'invalid') return undefined;
    return c === undefined || matchesPolicy(c, new FilterMessage(attrs, 'm'));
  };

  test('$or of two policies accepts exactly what either accepts', () => {
    fc.assert(fc.property(properties, properties, attributes, (x, y, attrs) => {
      const both = accepts({ $or: [x, y] }, attrs);
      fc.pre(both !== undefined);
      expect(both).toBe(accepts(x, attrs)! || accepts(y, attrs)!);
    }), { numRuns: 500 });
  });

  test('properties are ANDed: a policy accepts exactly when each of its single-property policies does', () => {
    fc.assert(fc.property(properties, attributes, (p, attrs) => {
      const whole = accepts(p, attrs);
      fc.pre(whole !== undefined);
      expect(whole).toBe(Object.entries(p).every(([k, v]) => accepts({ [k]: v }, attrs)));
    }), { numRuns: 500 });
  });

  test('values of one property are ORed', () => {
    fc.assert(fc.property(fc.constantFrom(...NAMES), fc.array(condition, { minLength: 1, maxLength: 4 }), attributes, (k, conds, attrs) => {
      const whole = accepts({ [k]: conds }, attrs);
      fc.pre(whole !== undefined);
      expect(whole).toBe(conds.some(c => accepts({ [k]: [c] }, attrs)));
    }), { numRuns: 500 });
  });

  test('for a present String attribute, anything-but a list is the complement of exact matching of that list', () => {
    fc.assert(fc.property(fc.subarray(STRINGS, { minLength: 1 }), fc.constantFrom(...STRINGS), (list, value) => {
      const attrs = { a: { DataType: 'String', StringValue: value } };
      expect(accepts({ a: [{ 'anything-but': list }] }, attrs)).toBe(!accepts({ a: list }, attrs));
    }), { numRuns: 200 });
  });
});

describe('match results', () => {
  test('more than 64 matches, found out of order (anchored groups first, then unanchored), come back ascending', () => {
    const index = new FilterPolicyIndex<number>();
    const attrs = { kind: { DataType: 'String', StringValue: 'order' } };
    for (let i = 0; i < 150; i++) {
      // Even ordinals: anchored on kind; odd: no policy (always match).
      index.add(i, i % 2 === 0 ? compileFilterPolicy({ kind: ['order'] }) as CompiledFilterPolicy : undefined);
    }
    expect(index.match(new FilterMessage(attrs, 'm'))).toEqual(Array.from({ length: 150 }, (_, i) => i));
  });

  test('each match returns its own array: a later match does not change an earlier result', () => {
    const index = new FilterPolicyIndex<number>();
    ['a', 'b', 'a', 'c'].forEach((v, i) => index.add(i, compileFilterPolicy({ k: [v] }) as CompiledFilterPolicy));
    const at = (v: string) => new FilterMessage({ k: { DataType: 'String', StringValue: v } }, 'm');
    const first = index.match(at('a'));
    const second = index.match(at('c'));
    expect(first).toEqual([0, 2]);
    expect(second).toEqual([3]);
    expect(index.match(at('z'))).toEqual([]);
  });
});
