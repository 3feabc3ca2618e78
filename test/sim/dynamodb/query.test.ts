import { N, S, simWithTables } from './helpers';

function events() {
  const sim = simWithTables({
    Events: {
      hash: ['pk', 'S'],
      range: ['sk', 'N'],
      gsis: [
        { name: 'byType', hash: ['type', 'S'], range: ['at', 'S'], projection: { ProjectionType: 'KEYS_ONLY' } },
        { name: 'byTypeInclude', hash: ['type', 'S'], projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['note'] } },
      ],
      lsis: [{ name: 'byLabel', range: ['label', 'S'] }],
    },
  });
  return { sim, t: sim.table('Events') };
}

async function seed(t: ReturnType<typeof events>['t']) {
  for (const sk of [10, -2, 3.5, 100, 0]) {
    await t.putItem({ Item: { pk: S('p'), sk: N(sk), type: S(sk > 0 ? 'pos' : 'other'), at: S(`t${sk}`), label: S(`L${sk}`), note: S('n'), extra: S('e') } });
  }
  await t.putItem({ Item: { pk: S('q'), sk: N(1) } });
}

const q = (extra: Record<string, unknown>) => ({
  KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': S('p') }, ...extra,
});

describe('Query ordering and key conditions ("Query", "Key condition expressions")', () => {
  test('results are ordered by sort key: numbers numerically, ascending by default, descending with ScanIndexForward false', async () => {
    const { t } = events();
    await seed(t);
    const up = await t.query(q({}));
    expect(up.Items!.map(i => i.sk.N)).toEqual(['-2', '0', '3.5', '10', '100']);
    const down = await t.query(q({ ScanIndexForward: false }));
    expect(down.Items!.map(i => i.sk.N)).toEqual(['100', '10', '3.5', '0', '-2']);
  });

  test('strings order by UTF-8 bytes (upper case before lower case, supplementary characters last)', async () => {
    const sim = simWithTables({ T: { hash: ['pk', 'S'], range: ['sk', 'S'] } });
    const t = sim.table('T');
    for (const sk of ['b', 'B', 'a', '\uffff', '\u{1F600}', 'aa']) await t.putItem({ Item: { pk: S('p'), sk: S(sk) } });
    const out = await t.query(q({}));
    expect(out.Items!.map(i => i.sk.S)).toEqual(['B', 'a', 'aa', 'b', '\uffff', '\u{1F600}']);
  });

  test('binary sort keys order by unsigned bytes', async () => {
    const sim = simWithTables({ T: { hash: ['pk', 'S'], range: ['sk', 'B'] } });
    const t = sim.table('T');
    for (const b of [[255], [1, 2], [1], [128]]) await t.putItem({ Item: { pk: S('p'), sk: { B: new Uint8Array(b) } } });
    const out = await t.query(q({}));
    expect(out.Items!.map(i => [...(i.sk.B as Uint8Array)])).toEqual([[1], [1, 2], [128], [255]]);
  });

  test('each sort key operator: =, <, <=, >, >=, BETWEEN, begins_with', async () => {
    const { t } = events();
    await seed(t);
    const run = async (cond: string, values: Record<string, unknown>) =>
      (await t.query({ KeyConditionExpression: `pk = :p AND ${cond}`, ExpressionAttributeValues: { ':p': S('p'), ...values } })).Items!.map(i => i.sk.N);
    expect(await run('sk = :v', { ':v': N('3.50') })).toEqual(['3.5']);
    expect(await run('sk < :v', { ':v': N(3.5) })).toEqual(['-2', '0']);
    expect(await run('sk <= :v', { ':v': N(3.5) })).toEqual(['-2', '0', '3.5']);
    expect(await run('sk > :v', { ':v': N(3.5) })).toEqual(['10', '100']);
    expect(await run('sk >= :v', { ':v': N(10) })).toEqual(['10', '100']);
    expect(await run('sk BETWEEN :a AND :b', { ':a': N(0), ':b': N(10) })).toEqual(['0', '3.5', '10']);
    const s = simWithTables({ T: { hash: ['pk', 'S'], range: ['sk', 'S'] } }).table('T');
    for (const sk of ['order#1', 'order#2', 'orders', 'other']) await s.putItem({ Item: { pk: S('p'), sk: S(sk) } });
    const bw = await s.query({ KeyConditionExpression: 'pk = :p AND begins_with(sk, :x)', ExpressionAttributeValues: { ':p': S('p'), ':x': S('order#') } });
    expect(bw.Items!.map(i => i.sk.S)).toEqual(['order#1', 'order#2']);
  });

  test('key condition errors: missing partition key, non-key attribute, OR, wrong value type', async () => {
    const { t } = events();
    await expect(t.query({ KeyConditionExpression: 'sk = :v', ExpressionAttributeValues: { ':v': N(1) } })).rejects.toThrow('Query condition missed key schema element: pk');
    await expect(t.query({ KeyConditionExpression: 'pk = :p AND color = :v', ExpressionAttributeValues: { ':p': S('p'), ':v': N(1) } }))
      .rejects.toThrow('Query condition missed key schema element: sk');
    await expect(t.query({ KeyConditionExpression: 'pk = :p OR sk = :v', ExpressionAttributeValues: { ':p': S('p'), ':v': N(1) } }))
      .rejects.toThrow('Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: OR');
    await expect(t.query({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': N(1) } }))
      .rejects.toThrow('One or more parameter values were invalid: Condition parameter type does not match schema type');
    await expect(t.query({ KeyConditionExpression: 'pk > :p', ExpressionAttributeValues: { ':p': S('p') } })).rejects.toThrow('Query key condition not supported');
  });
});

describe('Query pagination, Limit, Select and filters', () => {
  test('Limit counts items evaluated before the filter; LastEvaluatedKey / ExclusiveStartKey page through, both directions', async () => {
    const { t } = events();
    await seed(t);
    for (const forward of [true, false]) {
      const seen: string[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await t.query(q({ Limit: 2, ScanIndexForward: forward, ...(start ? { ExclusiveStartKey: start } : {}) }));
        expect(page.ScannedCount).toBeLessThanOrEqual(2);
        seen.push(...page.Items!.map(i => i.sk.N!));
        start = page.LastEvaluatedKey;
      } while (start);
      expect(seen).toEqual(forward ? ['-2', '0', '3.5', '10', '100'] : ['100', '10', '3.5', '0', '-2']);
    }
    const filtered = await t.query(q({ Limit: 3, FilterExpression: '#at > :z', ExpressionAttributeNames: { '#at': 'at' }, ExpressionAttributeValues: { ':p': S('p'), ':z': S('t1') } }));
    expect(filtered.Count).toBe(1);
    expect(filtered.ScannedCount).toBe(3);
    expect(filtered.LastEvaluatedKey).toEqual({ pk: S('p'), sk: N(3.5) });
  });

  test('Select COUNT returns counts only; a FilterExpression on a key attribute is refused', async () => {
    const { t } = events();
    await seed(t);
    const count = await t.query(q({ Select: 'COUNT' }));
    expect(count.Items).toBeUndefined();
    expect(count.Count).toBe(5);
    await expect(t.query(q({ FilterExpression: 'sk > :z', ExpressionAttributeValues: { ':p': S('p'), ':z': N(0) } })))
      .rejects.toThrow('Filter Expression can only contain non-primary key attributes: Primary key attribute: sk');
    await expect(t.query(q({ FilterExpression: 'pk = :p' })))
      .rejects.toThrow('Filter Expression can only contain non-primary key attributes: Primary key attribute: pk');
  });

  test('a 1 MB page: a query stops once it has read 1 MB and returns LastEvaluatedKey', async () => {
    const sim = simWithTables({ T: { hash: ['pk', 'S'], range: ['sk', 'N'] } });
    const t = sim.table('T');
    for (let i = 0; i < 12; i++) await t.putItem({ Item: { pk: S('p'), sk: N(i), d: S('x'.repeat(100 * 1024)) } });
    const first = await t.query(q({}));
    expect(first.Count).toBe(11); // 11 x ~100 KB crosses 1,048,576 bytes
    const second = await t.query(q({ ExclusiveStartKey: first.LastEvaluatedKey }));
    expect(second.Count).toBe(1);
    expect(second.LastEvaluatedKey).toBeUndefined();
  });
});

describe('secondary indexes ("Improving data access with secondary indexes")', () => {
  test('a GSI returns its projection (KEYS_ONLY: table and index keys), ordered by its sort key; items without the key are not indexed', async () => {
    const { t } = events();
    await seed(t);
    const out = await t.query({ IndexName: 'byType', KeyConditionExpression: '#t = :t', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':t': S('pos') } });
    expect(out.Items).toEqual([
      { pk: S('p'), sk: N(10), type: S('pos'), at: S('t10') },
      { pk: S('p'), sk: N(100), type: S('pos'), at: S('t100') },
      { pk: S('p'), sk: N(3.5), type: S('pos'), at: S('t3.5') },
    ]);
    const sparse = await t.scan({ IndexName: 'byType' });
    expect(sparse.Count).toBe(5); // the item of partition q has no 'type'
  });

  test('INCLUDE projects the named non-key attributes; ALL_ATTRIBUTES on a GSI that does not project ALL is refused', async () => {
    const { t } = events();
    await seed(t);
    const out = await t.query({ IndexName: 'byTypeInclude', KeyConditionExpression: '#t = :t', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':t': S('other') } });
    expect(out.Items!.every(i => i.note !== undefined && i.extra === undefined && i.label === undefined)).toBe(true);
    await expect(t.query({ IndexName: 'byType', Select: 'ALL_ATTRIBUTES', KeyConditionExpression: '#t = :t', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':t': S('x') } }))
      .rejects.toThrow('One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index byType because its projection type is not ALL');
  });

  test('ALL_ATTRIBUTES on an LSI that projects less fetches the whole item from the table; ALL_PROJECTED_ATTRIBUTES needs an index', async () => {
    const sim = simWithTables({ T: { hash: ['pk', 'S'], range: ['sk', 'N'], lsis: [{ name: 'byLabel', range: ['label', 'S'], projection: { ProjectionType: 'KEYS_ONLY' } }] } });
    const t = sim.table('T');
    await t.putItem({ Item: { pk: S('p'), sk: N(1), label: S('x'), extra: S('e') } });
    const keysOnly = await t.query({ IndexName: 'byLabel', ...q({}) });
    expect(keysOnly.Items).toEqual([{ pk: S('p'), sk: N(1), label: S('x') }]);
    const all = await t.query({ IndexName: 'byLabel', Select: 'ALL_ATTRIBUTES', ...q({}) });
    expect(all.Items).toEqual([{ pk: S('p'), sk: N(1), label: S('x'), extra: S('e') }]);
    await expect(t.query(q({ Select: 'ALL_PROJECTED_ATTRIBUTES' }))).rejects.toThrow('ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName');
  });

  test('an LSI orders a partition by its alternate sort key; index pages resume from index keys plus table keys', async () => {
    const { t } = events();
    await seed(t);
    const page1 = await t.query({ IndexName: 'byLabel', Limit: 2, ...q({}) });
    expect(page1.Items!.map(i => i.label.S)).toEqual(['L-2', 'L0']);
    expect(page1.LastEvaluatedKey).toEqual({ pk: S('p'), sk: N(0), label: S('L0') });
    const page2 = await t.query({ IndexName: 'byLabel', ExclusiveStartKey: page1.LastEvaluatedKey, ...q({}) });
    expect(page2.Items!.map(i => i.label.S)).toEqual(['L10', 'L100', 'L3.5']);
  });

  test('index maintenance: an update that changes an index key moves the item; a delete removes it', async () => {
    const { t } = events();
    await seed(t);
    await t.updateItem({ Key: { pk: S('p'), sk: N(10) }, UpdateExpression: 'SET #t = :o', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':o': S('other') } });
    await t.deleteItem({ Key: { pk: S('p'), sk: N(100) } });
    const pos = await t.query({ IndexName: 'byType', KeyConditionExpression: '#t = :t', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':t': S('pos') } });
    expect(pos.Items!.map(i => i.sk.N)).toEqual(['3.5']);
  });

  test('ConsistentRead is refused on a GSI and accepted on the table; an unknown index is refused', async () => {
    const { t } = events();
    await expect(t.query({ IndexName: 'byType', ConsistentRead: true, KeyConditionExpression: '#t = :t', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':t': S('x') } }))
      .rejects.toThrow('Consistent reads are not supported on global secondary indexes');
    await expect(t.query(q({ ConsistentRead: true }))).resolves.toMatchObject({ Count: 0 });
    await expect(t.query({ IndexName: 'nope', ...q({}) })).rejects.toThrow('The table does not have the specified index: nope');
  });
});
