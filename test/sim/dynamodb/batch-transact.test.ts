import { N, S, simWithTables } from './helpers';

function twoTables() {
  const sim = simWithTables({ A: { hash: ['id', 'S'] }, B: { hash: ['id', 'S'], range: ['n', 'N'] } });
  return { sim, a: sim.table('A'), b: sim.table('B') };
}

describe('BatchWriteItem / BatchGetItem (25 writes, 100 keys)', () => {
  test('writes and deletes span tables by name; UnprocessedItems is empty', async () => {
    const { a, b } = twoTables();
    await a.putItem({ Item: { id: S('gone') } });
    const out = await a.batchWriteItem({
      RequestItems: {
        A: [{ PutRequest: { Item: { id: S('x'), v: N(1) } } }, { DeleteRequest: { Key: { id: S('gone') } } }],
        B: [{ PutRequest: { Item: { id: S('y'), n: N(2) } } }],
      },
    });
    expect(out.UnprocessedItems).toEqual({});
    expect(a.items()).toEqual([{ id: S('x'), v: N(1) }]);
    expect(b.items()).toEqual([{ id: S('y'), n: N(2) }]);
    const got = await a.batchGetItem({ RequestItems: { A: { Keys: [{ id: S('x') }, { id: S('none') }], ProjectionExpression: 'v' }, B: { Keys: [{ id: S('y'), n: N(2) }] } } });
    expect(got.Responses).toEqual({ A: [{ v: N(1) }], B: [{ id: S('y'), n: N(2) }] });
    expect(got.UnprocessedKeys).toEqual({});
  });

  test('more than 25 writes (per table: the API model constraint; in all: the service check) or 100 keys, and duplicate keys, fail the whole request before any write', async () => {
    const { a } = twoTables();
    const puts = (n: number) => Array.from({ length: n }, (_, i) => ({ PutRequest: { Item: { id: S(`k${i}`) } } }));
    await expect(a.batchWriteItem({ RequestItems: { A: puts(26) } }))
      .rejects.toThrow(/at 'requestItems' failed to satisfy constraint: .*Member must have length less than or equal to 25/);
    const bPuts = Array.from({ length: 5 }, (_, i) => ({ PutRequest: { Item: { id: S(`k${i}`), n: N(i) } } }));
    await expect(a.batchWriteItem({ RequestItems: { A: puts(25), B: bPuts } })).rejects.toThrow('Too many items requested for the BatchWriteItem call');
    await expect(a.batchWriteItem({ RequestItems: { A: [...puts(2), { PutRequest: { Item: { id: S('k0') } } }] } })).rejects.toThrow('Provided list of item keys contains duplicates');
    await expect(a.batchWriteItem({ RequestItems: { A: [...puts(2), { PutRequest: { Item: { id: N(1) } } }] } })).rejects.toThrow('The provided key element does not match the schema');
    expect(a.items()).toEqual([]);
    const keys = Array.from({ length: 101 }, (_, i) => ({ id: S(`k${i}`) }));
    await expect(a.batchGetItem({ RequestItems: { A: { Keys: keys } } })).rejects.toThrow(/Member must have length less than or equal to 100/);
    const bKeys = keys.slice(0, 41).map((k, i) => ({ ...k, n: N(i) }));
    await expect(a.batchGetItem({ RequestItems: { A: { Keys: keys.slice(0, 60) }, B: { Keys: bKeys } } }))
      .rejects.toThrow('Too many items requested for the BatchGetItem call');
  });

  test('BatchGetItem returns at most 16 MB: the keys past it come back in UnprocessedKeys', async () => {
    const { a } = twoTables();
    const big = 'x'.repeat(390 * 1024);
    const keys = Array.from({ length: 50 }, (_, i) => ({ id: S(`k${String(i).padStart(2, '0')}`) }));
    for (let i = 0; i < keys.length; i += 25) {
      await a.batchWriteItem({ RequestItems: { A: keys.slice(i, i + 25).map(k => ({ PutRequest: { Item: { ...k, d: S(big) } } })) } });
    }
    const out = await a.batchGetItem({ RequestItems: { A: { Keys: keys } } });
    const returned = out.Responses.A.length;
    expect(returned).toBe(Math.ceil((16 * 1024 * 1024) / (390 * 1024 + 5)));
    expect(out.UnprocessedKeys.A.Keys).toHaveLength(50 - returned);
  });

  test('an unknown table in RequestItems is ResourceNotFoundException', async () => {
    const { a } = twoTables();
    const err = await a.batchWriteItem({ RequestItems: { Nope: [{ PutRequest: { Item: { id: S('x') } } }] } }).catch(e => e);
    expect(err.name).toBe('ResourceNotFoundException');
  });
});

describe('TransactWriteItems / TransactGetItems (all or nothing)', () => {
  test('all actions apply together across tables', async () => {
    const { a, b } = twoTables();
    await a.putItem({ Item: { id: S('acct'), balance: N(10) } });
    await a.transactWriteItems({
      TransactItems: [
        { Update: { TableName: 'A', Key: { id: S('acct') }, UpdateExpression: 'SET balance = balance - :amt', ConditionExpression: 'balance >= :amt', ExpressionAttributeValues: { ':amt': N(4) } } },
        { Put: { TableName: 'B', Item: { id: S('ledger'), n: N(1), amt: N(4) } } },
      ],
    });
    const got = await a.transactGetItems({ TransactItems: [{ Get: { TableName: 'A', Key: { id: S('acct') } } }, { Get: { TableName: 'B', Key: { id: S('nope'), n: N(1) } } }] });
    expect(got.Responses).toEqual([{ Item: { id: S('acct'), balance: N(6) } }, {}]);
    expect(b.items()).toHaveLength(1);
  });

  test('one failed condition cancels everything: TransactionCanceledException with a reason per action, in order', async () => {
    const { a, b, sim } = twoTables();
    await a.putItem({ Item: { id: S('acct'), balance: N(1) } });
    const err = await a.transactWriteItems({
      TransactItems: [
        { Put: { TableName: 'B', Item: { id: S('ledger'), n: N(1) } } },
        { Update: { TableName: 'A', Key: { id: S('acct') }, UpdateExpression: 'SET balance = balance - :amt', ConditionExpression: 'balance >= :amt', ExpressionAttributeValues: { ':amt': N(4) }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
        { ConditionCheck: { TableName: 'A', Key: { id: S('other') }, ConditionExpression: 'attribute_not_exists(id)' } },
      ],
    }).catch(e => e);
    expect(err.name).toBe('TransactionCanceledException');
    expect(err.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None]');
    expect(err.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { id: S('acct'), balance: N(1) } },
      { Code: 'None' },
    ]);
    expect(b.items()).toEqual([]);
    expect(a.items()).toEqual([{ id: S('acct'), balance: N(1) }]);
    expect(sim.trace.filter({ type: 'transaction-canceled' })[0].detail.reasons).toEqual(['None', 'ConditionalCheckFailed', 'None']);
  });

  test('two actions on one item, or an action with two operations, are ValidationExceptions', async () => {
    const { a } = twoTables();
    await expect(a.transactWriteItems({
      TransactItems: [{ Put: { TableName: 'A', Item: { id: S('x') } } }, { Delete: { TableName: 'A', Key: { id: S('x') } } }],
    })).rejects.toThrow('Transaction request cannot include multiple operations on one item');
    await expect(a.transactWriteItems({
      TransactItems: [{ Put: { TableName: 'A', Item: { id: S('x') } }, Delete: { TableName: 'A', Key: { id: S('y') } } }],
    })).rejects.toThrow('TransactItems can only contain one of Check, Put, Update or Delete');
  });

  test('ClientRequestToken: the same request again is not applied twice; other parameters with the token are refused', async () => {
    const { a } = twoTables();
    await a.putItem({ Item: { id: S('c'), n: N(0) } });
    const request = { ClientRequestToken: 'tok-1', TransactItems: [{ Update: { TableName: 'A', Key: { id: S('c') }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': N(1) } } }] };
    await a.transactWriteItems(request);
    await a.transactWriteItems(request);
    expect(a.items()).toEqual([{ id: S('c'), n: N(1) }]);
    const err = await a.transactWriteItems({ ...request, TransactItems: [{ Delete: { TableName: 'A', Key: { id: S('c') } } }] }).catch(e => e);
    expect(err.name).toBe('IdempotentParameterMismatchException');
  });

  test('a ClientRequestToken is remembered for 10 minutes: after that the same request applies again', async () => {
    const { a, sim } = twoTables();
    await a.putItem({ Item: { id: S('c'), n: N(0) } });
    const request = { ClientRequestToken: 'tok-2', TransactItems: [{ Update: { TableName: 'A', Key: { id: S('c') }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': N(1) } } }] };
    await a.transactWriteItems(request);
    await sim.advance(10 * 60 * 1000);
    await a.transactWriteItems(request);
    expect(a.items()).toEqual([{ id: S('c'), n: N(2) }]);
  });
});

describe('Scan', () => {
  test('pages with Limit and ExclusiveStartKey visit every item once; parallel segments partition the table', async () => {
    const sim = simWithTables({ T: { hash: ['pk', 'S'], range: ['sk', 'N'] } });
    const t = sim.table('T');
    for (let p = 0; p < 7; p++) for (let s = 0; s < 3; s++) await t.putItem({ Item: { pk: S(`p${p}`), sk: N(s) } });
    const seen: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await t.scan({ Limit: 4, ...(start ? { ExclusiveStartKey: start } : {}) });
      seen.push(...page.Items!.map(i => `${i.pk.S}/${i.sk.N}`));
      start = page.LastEvaluatedKey;
    } while (start);
    expect(seen).toHaveLength(21);
    expect(new Set(seen).size).toBe(21);
    const segments = await Promise.all([0, 1, 2].map(Segment => t.scan({ Segment, TotalSegments: 3 })));
    const all = segments.flatMap(s => s.Items!.map(i => `${i.pk.S}/${i.sk.N}`));
    expect(all.sort()).toEqual([...seen].sort());
    expect(segments.every(s => s.Items!.length < 21)).toBe(true);
  });

  test('Segment without TotalSegments, or not below it, is refused; FilterExpression and COUNT', async () => {
    const sim = simWithTables({ T: { hash: ['pk', 'S'] } });
    const t = sim.table('T');
    for (let i = 0; i < 5; i++) await t.putItem({ Item: { pk: S(`k${i}`), v: N(i) } });
    await expect(t.scan({ Segment: 0 })).rejects.toThrow('The TotalSegments parameter is required but was not present in the request when Segment parameter is present');
    await expect(t.scan({ Segment: 3, TotalSegments: 3 })).rejects.toThrow('The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 3 is not less than TotalSegments: 3');
    const out = await t.scan({ FilterExpression: 'v >= :two', ExpressionAttributeValues: { ':two': N(2) }, Select: 'COUNT' });
    expect(out).toMatchObject({ Count: 3, ScannedCount: 5 });
  });
});
