/**
 * Property: a Query returns what a naive filter-and-sort of the same items returns, for random items, random sort key
 * conditions, both directions and any page size (pages joined through LastEvaluatedKey).
 */
import fc from 'fast-check';
import { simWithTables } from './helpers';

type Cond = { op: '=' | '<' | '<=' | '>' | '>='; v: number } | { op: 'BETWEEN'; a: number; b: number } | { op: 'none' };

const condArb: fc.Arbitrary<Cond> = fc.oneof(
  fc.record({ op: fc.constantFrom('=' as const, '<' as const, '<=' as const, '>' as const, '>=' as const), v: fc.integer({ min: -20, max: 20 }) }),
  fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: 0, max: 15 })).map(([a, d]) => ({ op: 'BETWEEN' as const, a, b: a + d })),
  fc.constant({ op: 'none' as const }),
);

const itemsArb = fc.uniqueArray(
  fc.record({ pk: fc.constantFrom('a', 'b', 'c'), sk: fc.integer({ min: -20, max: 20 }).map(n => n / 4), v: fc.integer({ min: 0, max: 3 }) }),
  { selector: i => `${i.pk}|${i.sk}`, maxLength: 40 },
);

function naive(items: { pk: string; sk: number; v: number }[], pk: string, cond: Cond, forward: boolean, minV: number | undefined) {
  const matches = items.filter(i => {
    if (i.pk !== pk) return false;
    switch (cond.op) {
      case '=': return i.sk === cond.v / 4;
      case '<': return i.sk < cond.v / 4;
      case '<=': return i.sk <= cond.v / 4;
      case '>': return i.sk > cond.v / 4;
      case '>=': return i.sk >= cond.v / 4;
      case 'BETWEEN': return i.sk >= cond.a / 4 && i.sk <= cond.b / 4;
      default: return true;
    }
  }).filter(i => minV === undefined || i.v >= minV);
  matches.sort((x, y) => (forward ? x.sk - y.sk : y.sk - x.sk));
  return matches.map(i => `${i.pk}|${i.sk}|${i.v}`);
}

test('query results equal a naive filter-and-sort of the same items (random items, key conditions, directions, pages)', async () => {
  await fc.assert(fc.asyncProperty(
    itemsArb, fc.constantFrom('a', 'b', 'c'), condArb, fc.boolean(), fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
    fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    async (items, pk, cond, forward, limit, minV) => {
      const t = simWithTables({ T: { hash: ['pk', 'S'], range: ['sk', 'N'] } }, {}, { trace: false }).table('T');
      for (const i of items) await t.putItem({ Item: { pk: { S: i.pk }, sk: { N: String(i.sk) }, v: { N: String(i.v) } } });
      const values: Record<string, unknown> = { ':p': { S: pk } };
      let keyCondition = 'pk = :p';
      if (cond.op === 'BETWEEN') {
        keyCondition += ' AND sk BETWEEN :a AND :b';
        values[':a'] = { N: String(cond.a / 4) };
        values[':b'] = { N: String(cond.b / 4) };
      } else if (cond.op !== 'none') {
        keyCondition += ` AND sk ${cond.op} :v`;
        values[':v'] = { N: String(cond.v / 4) };
      }
      if (minV !== undefined) values[':min'] = { N: String(minV) };
      const got: string[] = [];
      let start: Record<string, unknown> | undefined;
      let pages = 0;
      do {
        const page = await t.query({
          KeyConditionExpression: keyCondition,
          ExpressionAttributeValues: values,
          ScanIndexForward: forward,
          ...(minV !== undefined ? { FilterExpression: 'v >= :min' } : {}),
          ...(limit !== undefined ? { Limit: limit } : {}),
          ...(start ? { ExclusiveStartKey: start } : {}),
        });
        got.push(...page.Items!.map((i: any) => `${i.pk.S}|${Number(i.sk.N)}|${i.v.N}`));
        start = page.LastEvaluatedKey;
        expect(++pages).toBeLessThan(60);
      } while (start);
      expect(got).toEqual(naive(items, pk, cond, forward, minV));
    },
  ), { numRuns: 150 });
});

const utf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
const strArb = fc.array(fc.constantFrom('a', 'B', 'b', '#', 'é', '\uffee', '\u{1F600}'), { minLength: 1, maxLength: 3 }).map(a => a.join(''));

test('string sort keys: results equal a naive UTF-8 byte-order filter-and-sort (begins_with, <, >, BETWEEN)', async () => {
  await fc.assert(fc.asyncProperty(
    fc.uniqueArray(strArb, { maxLength: 25 }),
    fc.oneof(
      fc.record({ op: fc.constantFrom('begins_with', '<', '>'), v: strArb }),
      fc.tuple(strArb, strArb).map(([a, b]) => (utf8(a, b) <= 0 ? { op: 'BETWEEN', a, b } : { op: 'BETWEEN', a: b, b: a })),
    ),
    fc.boolean(), fc.integer({ min: 1, max: 6 }),
    async (keys, cond: any, forward, limit) => {
      const t = simWithTables({ T: { hash: ['pk', 'S'], range: ['sk', 'S'] } }, {}, { trace: false }).table('T');
      for (const k of keys) await t.putItem({ Item: { pk: { S: 'p' }, sk: { S: k } } });
      const values: Record<string, unknown> = { ':p': { S: 'p' } };
      let expr: string;
      if (cond.op === 'BETWEEN') {
        expr = 'pk = :p AND sk BETWEEN :a AND :b';
        values[':a'] = { S: cond.a };
        values[':b'] = { S: cond.b };
      } else {
        expr = cond.op === 'begins_with' ? 'pk = :p AND begins_with(sk, :v)' : `pk = :p AND sk ${cond.op} :v`;
        values[':v'] = { S: cond.v };
      }
      const got: string[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await t.query({
          KeyConditionExpression: expr,
          ExpressionAttributeValues: values,
          ScanIndexForward: forward,
          Limit: limit,
          ...(start ? { ExclusiveStartKey: start } : {}),
        });
        got.push(...page.Items!.map((i: any) => i.sk.S));
        start = page.LastEvaluatedKey;
      } while (start);
      const expected = keys.filter(k => {
        if (cond.op === 'BETWEEN') return utf8(k, cond.a) >= 0 && utf8(k, cond.b) <= 0;
        if (cond.op === 'begins_with') return k.startsWith(cond.v);
        return cond.op === '<' ? utf8(k, cond.v) < 0 : utf8(k, cond.v) > 0;
      }).sort((x, y) => (forward ? utf8(x, y) : utf8(y, x)));
      expect(got).toEqual(expected);
    },
  ), { numRuns: 150 });
});
