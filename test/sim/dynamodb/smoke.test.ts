import { N, S, simWithTables } from './helpers';

test('smoke', async () => {
  const sim = simWithTables({ Orders: { hash: ['pk', 'S'], range: ['sk', 'N'] } });
  const t = sim.table('Orders');
  await t.putItem({ Item: { pk: S('a'), sk: N(1), v: S('x') } });
  await t.putItem({ Item: { pk: S('a'), sk: N(2), v: S('y') } });
  const r = await t.query({ KeyConditionExpression: 'pk = :p AND sk > :s', ExpressionAttributeValues: { ':p': S('a'), ':s': N(1) } });
  expect(r.Items).toEqual([{ pk: S('a'), sk: N(2), v: S('y') }]);
  const u = await t.updateItem({ Key: { pk: S('a'), sk: N(1) }, UpdateExpression: 'SET c = if_not_exists(c, :z) + :one', ExpressionAttributeValues: { ':z': N(0), ':one': N(1) }, ReturnValues: 'ALL_NEW' });
  expect(u.Attributes).toEqual({ pk: S('a'), sk: N(1), v: S('x'), c: N(1) });
});
