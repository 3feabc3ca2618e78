import { N, S, simWithTables } from './helpers';

function orders() {
  const sim = simWithTables({
    Orders: { hash: ['pk', 'S'], range: ['sk', 'N'], gsis: [{ name: 'byStatus', hash: ['state', 'S'] }] },
  });
  return { sim, t: sim.table('Orders') };
}

describe('PutItem / GetItem / DeleteItem', () => {
  test('an item round-trips with every data type; GetItem of a missing key returns no Item', async () => {
    const { t } = orders();
    const item = {
      pk: S('a'),
      sk: N(1),
      s: S('x'),
      n: N('1.50'),
      b: { B: new Uint8Array([7]) },
      ok: { BOOL: false },
      z: { NULL: true },
      ss: { SS: ['p', 'q'] },
      ns: { NS: ['1', '2'] },
      l: { L: [S('e')] },
      m: { M: { k: N(2) } },
    };
    await t.putItem({ Item: item });
    const got = await t.getItem({ Key: { pk: S('a'), sk: N(1) } });
    expect(got.Item).toEqual({ ...item, n: N('1.5') });
    expect(await t.getItem({ Key: { pk: S('a'), sk: N(2) } })).toEqual({ $metadata: { httpStatusCode: 200 } });
  });

  test('the stored item is a copy: changing what the caller holds does not change the table', async () => {
    const { t } = orders();
    const item = { pk: S('a'), sk: N(1), l: { L: [S('x')] } };
    await t.putItem({ Item: item });
    (item.l.L as unknown[]).push(S('y'));
    expect((await t.getItem({ Key: { pk: S('a'), sk: N(1) } })).Item!.l).toEqual({ L: [S('x')] });
  });

  test('ReturnValues ALL_OLD returns the replaced item; only NONE and ALL_OLD are valid for PutItem', async () => {
    const { t } = orders();
    await t.putItem({ Item: { pk: S('a'), sk: N(1), v: N(1) } });
    const out = await t.putItem({ Item: { pk: S('a'), sk: N(1), v: N(2) }, ReturnValues: 'ALL_OLD' });
    expect(out.Attributes).toEqual({ pk: S('a'), sk: N(1), v: N(1) });
    await expect(t.putItem({ Item: { pk: S('a'), sk: N(1) }, ReturnValues: 'ALL_NEW' })).rejects.toThrow('Return values set to invalid value');
  });

  test('ConditionExpression false -> ConditionalCheckFailedException "The conditional request failed", nothing written', async () => {
    const { t, sim } = orders();
    await t.putItem({ Item: { pk: S('a'), sk: N(1), v: N(1) } });
    const err = await t.putItem({ Item: { pk: S('a'), sk: N(1), v: N(2) }, ConditionExpression: 'attribute_not_exists(pk)' }).catch(e => e);
    expect(err.name).toBe('ConditionalCheckFailedException');
    expect(err.message).toBe('The conditional request failed');
    expect(err.Item).toBeUndefined();
    expect((await t.getItem({ Key: { pk: S('a'), sk: N(1) } })).Item!.v).toEqual(N(1));
    expect(sim.trace.some({ type: 'condition-check-failed' })).toBe(true);
  });

  test('ReturnValuesOnConditionCheckFailure ALL_OLD puts the stored item on the exception', async () => {
    const { t } = orders();
    await t.putItem({ Item: { pk: S('a'), sk: N(1), v: N(1) } });
    const err = await t.deleteItem({
      Key: { pk: S('a'), sk: N(1) },
      ConditionExpression: 'v = :two',
      ExpressionAttributeValues: { ':two': N(2) },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    }).catch(e => e);
    expect(err.name).toBe('ConditionalCheckFailedException');
    expect(err.Item).toEqual({ pk: S('a'), sk: N(1), v: N(1) });
  });

  test('DeleteItem removes the item and returns ALL_OLD; deleting a missing item succeeds', async () => {
    const { t } = orders();
    await t.putItem({ Item: { pk: S('a'), sk: N(1) } });
    expect((await t.deleteItem({ Key: { pk: S('a'), sk: N(1) }, ReturnValues: 'ALL_OLD' })).Attributes).toEqual({ pk: S('a'), sk: N(1) });
    expect((await t.deleteItem({ Key: { pk: S('a'), sk: N(1) }, ReturnValues: 'ALL_OLD' })).Attributes).toBeUndefined();
  });
});

describe('key validation (AttributeDefinitions types enforced on key attributes)', () => {
  test('PutItem: missing key, wrong key type, empty string key', async () => {
    const { t } = orders();
    await expect(t.putItem({ Item: { pk: S('a') } })).rejects.toThrow('One or more parameter values were invalid: Missing the key sk in the item');
    await expect(t.putItem({ Item: { pk: S('a'), sk: S('1') } })).rejects.toThrow('One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S');
    await expect(t.putItem({ Item: { pk: S(''), sk: N(1) } }))
      .rejects.toThrow('One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk');
  });

  test('a Key parameter with a wrong type or extra attributes does not match the schema', async () => {
    const { t } = orders();
    await expect(t.getItem({ Key: { pk: S('a'), sk: S('1') } })).rejects.toThrow('The provided key element does not match the schema');
    await expect(t.getItem({ Key: { pk: S('a'), sk: N(1), x: S('y') } })).rejects.toThrow('The provided key element does not match the schema');
    await expect(t.deleteItem({ Key: { pk: S('a') } })).rejects.toThrow('The provided key element does not match the schema');
  });

  test('a GSI key attribute of the wrong type is refused', async () => {
    const { t } = orders();
    await expect(t.putItem({ Item: { pk: S('a'), sk: N(1), state: N(3) } }))
      .rejects.toThrow('One or more parameter values were invalid: Type mismatch for Index Key state Expected: S Actual: N IndexName: byStatus');
  });

  test('an unknown table is ResourceNotFoundException; the table ARN works as TableName', async () => {
    const { t } = orders();
    const err = await t.getItem({ TableName: 'Nope', Key: { pk: S('a'), sk: N(1) } }).catch(e => e);
    expect(err.name).toBe('ResourceNotFoundException');
    await t.putItem({ TableName: t.tableArn, Item: { pk: S('a'), sk: N(1) } });
    expect((await t.getItem({ Key: { pk: S('a'), sk: N(1) } })).Item).toBeDefined();
  });
});

describe('item size limit (400 KB as DynamoDB counts it)', () => {
  test('an item of exactly 409,600 bytes is stored; one byte more is refused', async () => {
    const { t } = orders();
    // pk(2)+'a'(1) + sk(2)+N(1)=2 bytes + 'd'(1) = 8 bytes before the payload.
    const fixed = 2 + 1 + 2 + 2 + 1;
    await t.putItem({ Item: { pk: S('a'), sk: N(1), d: S('x'.repeat(409600 - fixed)) } });
    await expect(t.putItem({ Item: { pk: S('a'), sk: N(1), d: S('x'.repeat(409601 - fixed)) } })).rejects.toThrow('Item size has exceeded the maximum allowed size');
  });

  test('an update that grows the item past 400 KB is refused and leaves it unchanged', async () => {
    const { t } = orders();
    await t.putItem({ Item: { pk: S('a'), sk: N(1), d: S('x'.repeat(300000)) } });
    await expect(t.updateItem({ Key: { pk: S('a'), sk: N(1) }, UpdateExpression: 'SET e = :e', ExpressionAttributeValues: { ':e': S('y'.repeat(200000)) } }))
      .rejects.toThrow('Item size to update has exceeded the maximum allowed size');
    expect((await t.getItem({ Key: { pk: S('a'), sk: N(1) } })).Item!.e).toBeUndefined();
  });
});
