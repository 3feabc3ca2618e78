import { run } from './helpers';
import { INTRINSICS } from '../../../src/sim/stepfunctions/intrinsics';

/** Evaluates `expr` as a Parameters `.$` value on `input` and returns the value or the error. */
async function intrinsic(expr: string, input: unknown = {}) {
  const { result, output } = await run({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'v.$': expr }, End: true } } }, input);
  return result.status === 'SUCCEEDED' ? { value: output.v } : { error: result.error, cause: result.cause };
}

describe('Intrinsic functions (the 18 of the developer guide)', () => {
  test('there are 18', () => {
    expect([...INTRINSICS.keys()].sort()).toEqual([
      'States.Array', 'States.ArrayContains', 'States.ArrayGetItem', 'States.ArrayLength', 'States.ArrayPartition', 'States.ArrayRange',
      'States.ArrayUnique', 'States.Base64Decode', 'States.Base64Encode', 'States.Format', 'States.Hash', 'States.JsonMerge', 'States.JsonToString',
      'States.MathAdd', 'States.MathRandom', 'States.StringSplit', 'States.StringToJson', 'States.UUID',
    ]);
  });

  test.each([
    ['States.Array($.a, 2, \'x\')', { a: 1 }, [1, 2, 'x']],
    ['States.ArrayPartition($.l, 2)', { l: [1, 2, 3, 4, 5] }, [[1, 2], [3, 4], [5]]],
    ['States.ArrayContains($.l, 3)', { l: [1, 2, 3] }, true],
    ['States.ArrayRange(1, 9, 2)', {}, [1, 3, 5, 7, 9]],
    ['States.ArrayGetItem($.l, 1)', { l: ['a', 'b'] }, 'b'],
    ['States.ArrayLength($.l)', { l: [1, 2, 3] }, 3],
    ['States.ArrayUnique($.l)', { l: [1, 2, 1, { a: 1 }, { a: 1 }] }, [1, 2, { a: 1 }]],
    ['States.Base64Encode($.s)', { s: 'Data to encode' }, 'RGF0YSB0byBlbmNvZGU='],
    ['States.Base64Decode($.s)', { s: 'RGF0YSB0byBlbmNvZGU=' }, 'Data to encode'],
    ["States.Hash($.s, 'SHA-1')", { s: 'input data' }, 'aaff4a450a104cd177d28d18d74485e8cae074b7'],
    ['States.JsonMerge($.a, $.b, false)', { a: { x: 1, y: { z: 1 } }, b: { y: { w: 2 } } }, { x: 1, y: { w: 2 } }],
    ['States.StringToJson($.s)', { s: '{"a":[1]}' }, { a: [1] }],
    ['States.JsonToString($.o)', { o: { a: 1 } }, '{"a":1}'],
    ['States.MathAdd($.a, -1)', { a: 111 }, 110],
    ["States.StringSplit($.s, '.+,=')", { s: 'This.is+a,test=string' }, ['This', 'is', 'a', 'test', 'string']],
    ["States.Format('Hello, my name is {}.', $.n)", { n: 'Arnav' }, 'Hello, my name is Arnav.'],
    ["States.Format('{} \\\\{literal\\\\} {}', 1, $.o)", { o: { a: 1 } }, '1 {literal} {"a":1}'],
    ["States.ArrayGetItem(States.StringSplit($.arn, ':'), 3)", { arn: 'arn:aws:states:us-east-1:1:x' }, 'us-east-1'],
  ])('%s', async (expr, input, expected) => {
    expect(await intrinsic(expr, input)).toEqual({ value: expected });
  });

  test('States.UUID gives a version 4 UUID; States.MathRandom is in [start, end) and repeats for a seed', async () => {
    const uuid = await intrinsic('States.UUID()');
    expect(uuid.value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const a = await intrinsic('States.MathRandom(1, 999, 42)');
    const b = await intrinsic('States.MathRandom(1, 999, 42)');
    expect(a).toEqual(b);
    expect(a.value).toBeGreaterThanOrEqual(1);
    expect(a.value).toBeLessThan(999);
  });

  test.each([
    ['States.ArrayGetItem($.l, 5)', { l: [1] }],
    ['States.ArrayRange(1, 5000, 1)', {}],
    ['States.JsonMerge($.a, $.a, true)', { a: {} }],
    ["States.Format('{} {}', 1)", {}],
    ['States.StringToJson($.s)', { s: 'not json' }],
    ["States.Hash($.s, 'SHA-3')", { s: 'x' }],
    ['States.MathAdd(1.5, 1)', {}],
  ])('invalid arguments fail with States.IntrinsicFailure: %s', async (expr, input) => {
    expect(await intrinsic(expr, input)).toMatchObject({ error: 'States.IntrinsicFailure' });
  });
});
