import { N, S, simWithTables } from './helpers';

const KEY = { pk: S('a') };

async function table(item: Record<string, unknown> = {}) {
  const sim = simWithTables({ Things: { hash: ['pk', 'S'] } });
  const t = sim.table('Things');
  await t.putItem({ Item: { pk: S('a'), ...item } });
  return t;
}

async function update(t: Awaited<ReturnType<typeof table>>, expr: string, values?: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return t.updateItem({ Key: KEY, UpdateExpression: expr, ...(values ? { ExpressionAttributeValues: values } : {}), ReturnValues: 'ALL_NEW', ...extra });
}

describe('UpdateExpression ("Update expressions")', () => {
  test('SET with arithmetic, if_not_exists and list_append; right-hand sides read the item before the update', async () => {
    const t = await table({ n: N(10), l: { L: [N(1)] } });
    const out = await update(t, 'SET n = n + :d, m = n - :d, c = if_not_exists(c, :z), l = list_append(:front, l), o = n', {
      ':d': N(3), ':z': N(0), ':front': { L: [N(0)] },
    });
    expect(out.Attributes).toEqual({ pk: S('a'), n: N(13), m: N(7), c: N(0), l: { L: [N(0), N(1)] }, o: N(10) });
  });

  test('SET of a list index past the end appends; nested map keys are set in place', async () => {
    const t = await table({ l: { L: [S('x')] }, m: { M: { a: N(1) } } });
    const out = await update(t, 'SET l[5] = :v, m.b = :v', { ':v': S('y') });
    expect(out.Attributes!.l).toEqual({ L: [S('x'), S('y')] });
    expect(out.Attributes!.m).toEqual({ M: { a: N(1), b: S('y') } });
  });

  test('a nested path under a missing parent is "The document path provided in the update expression is invalid for update"', async () => {
    const t = await table();
    await expect(update(t, 'SET m.b = :v', { ':v': S('y') })).rejects.toThrow('The document path provided in the update expression is invalid for update');
  });

  test('an operand naming a missing attribute, and arithmetic on a non-number, are refused', async () => {
    const t = await table({ s: S('x') });
    await expect(update(t, 'SET a = b')).rejects.toThrow('The provided expression refers to an attribute that does not exist in the item');
    await expect(update(t, 'SET a = s + :one', { ':one': N(1) })).rejects.toThrow('An operand in the update expression has an incorrect data type');
  });

  test('REMOVE deletes attributes and list elements by their original indexes', async () => {
    const t = await table({ l: { L: [S('0'), S('1'), S('2'), S('3')] }, x: N(1) });
    const out = await update(t, 'REMOVE l[1], l[3], x, notThere');
    expect(out.Attributes).toEqual({ pk: S('a'), l: { L: [S('0'), S('2')] } });
  });

  test('ADD increments numbers (a missing one starts at 0) and unions sets; DELETE removes set members and the set when empty', async () => {
    const t = await table({ n: N(1), tags: { SS: ['a', 'b'] } });
    let out = await update(t, 'ADD n :two, fresh :two, tags :more', { ':two': N(2), ':more': { SS: ['b', 'c'] } });
    expect(out.Attributes).toEqual({ pk: S('a'), n: N(3), fresh: N(2), tags: { SS: ['a', 'b', 'c'] } });
    out = await update(t, 'DELETE tags :all', { ':all': { SS: ['a', 'b', 'c'] } });
    expect(out.Attributes!.tags).toBeUndefined();
  });

  test('ADD to an attribute of another type is refused', async () => {
    const t = await table({ s: S('x') });
    await expect(update(t, 'ADD s :one', { ':one': N(1) })).rejects.toThrow('An operand in the update expression has an incorrect data type');
  });

  test('key attributes cannot be updated', async () => {
    const t = await table();
    await expect(update(t, 'SET pk = :v', { ':v': S('b') })).rejects.toThrow('One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key');
  });

  test('an update of a missing item creates it from the key', async () => {
    const sim = simWithTables({ Things: { hash: ['pk', 'S'] } });
    const t = sim.table('Things');
    const out = await t.updateItem({ Key: { pk: S('new') }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': N(1) }, ReturnValues: 'ALL_NEW' });
    expect(out.Attributes).toEqual({ pk: S('new'), v: N(1) });
  });
});

describe('ReturnValues on UpdateItem', () => {
  test('NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW', async () => {
    const t = await table({ a: N(1), b: N(1), m: { M: { x: N(1), y: N(1) } } });
    const run = (rv: string) => t.updateItem({ Key: KEY, UpdateExpression: 'SET a = a + :one, m.x = :one', ExpressionAttributeValues: { ':one': N(1) }, ReturnValues: rv });
    expect((await run('NONE')).Attributes).toBeUndefined();
    expect((await run('ALL_OLD')).Attributes).toEqual({ pk: S('a'), a: N(2), b: N(1), m: { M: { x: N(1), y: N(1) } } });
    expect((await run('UPDATED_OLD')).Attributes).toEqual({ a: N(3), m: { M: { x: N(1) } } });
    expect((await run('ALL_NEW')).Attributes).toEqual({ pk: S('a'), a: N(5), b: N(1), m: { M: { x: N(1), y: N(1) } } });
    expect((await run('UPDATED_NEW')).Attributes).toEqual({ a: N(6), m: { M: { x: N(1) } } });
  });
});
