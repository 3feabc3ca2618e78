import { run } from './helpers';
import { evaluatePath, NOT_FOUND, parsePath, setAtPath } from '../../../src/sim/stepfunctions/paths/jsonpath';

describe('JSONPath (Jayway syntax, as Step Functions evaluates it)', () => {
  const doc = { 'a': { b: [1, 2, 3] }, 'items': [{ price: 5, n: 'x' }, { price: 15, n: 'y' }], 'odd key': true };

  test.each([
    ['$.a.b', [1, 2, 3]],
    ["$['odd key']", true],
    ['$.a.b[0]', 1],
    ['$.a.b[-1]', 3],
  ])('a definite path gives its node: %s', (path, expected) => {
    expect(evaluatePath(parsePath(path), doc)).toEqual(expected);
  });

  test.each([
    ['$.a.b[1:]', [2, 3]],
    ['$.items[*].n', ['x', 'y']],
    ['$..price', [5, 15]],
    ['$.items[?(@.price > 10)].n', ['y']],
    ['$.items[?(@.price > 100)]', []],
    ['$.a.b[0,2]', [1, 3]],
  ])('an indefinite path gives the list of its matches: %s', (path, expected) => {
    expect(evaluatePath(parsePath(path), doc)).toEqual(expected);
  });

  test('a definite path with no node is NOT_FOUND', () => {
    expect(evaluatePath(parsePath('$.a.c'), doc)).toBe(NOT_FOUND);
  });

  test('script expressions and functions are rejected', () => {
    expect(() => parsePath('$.a.b[(@.length-1)]')).toThrow(/script expressions/);
    expect(() => parsePath('$.a.b.length()')).toThrow(/functions/);
  });

  test('a Reference Path writes into a copy, creating objects on the way', () => {
    const input = { x: 1 };
    expect(setAtPath(input, parsePath('$.a.b'), 2)).toEqual({ x: 1, a: { b: 2 } });
    expect(input).toEqual({ x: 1 });
    expect(setAtPath({ a: 'text' }, parsePath('$.a.b'), 2)).toBe(NOT_FOUND);
  });
});

describe('Input and output processing (InputPath, Parameters, ResultSelector, ResultPath, OutputPath)', () => {
  test('InputPath selects the effective input; Parameters builds the task input with .$ paths, $$ and intrinsics', async () => {
    const { output } = await run({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Pass',
          InputPath: '$.order',
          Parameters: { 'id.$': '$.id', 'state.$': '$$.State.Name', 'label.$': "States.Format('order {}', $.id)", 'fixed': { 'deep.$': '$.id' } },
          End: true,
        },
      },
    }, { order: { id: 7 } });
    expect(output).toEqual({ id: 7, state: 'P', label: 'order 7', fixed: { deep: 7 } });
  });

  test('ResultPath places the result in the raw input; null discards it; OutputPath selects the output', async () => {
    const { output } = await run({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Result: 'r', ResultPath: '$.x.y', Next: 'B' },
        B: { Type: 'Pass', Result: 'ignored', ResultPath: null, Next: 'C' },
        C: { Type: 'Pass', OutputPath: '$.x', End: true },
      },
    }, { keep: 1 });
    expect(output).toEqual({ y: 'r' });
  });

  test('InputPath null gives an empty object as effective input', async () => {
    const { output } = await run({ StartAt: 'A', States: { A: { Type: 'Pass', InputPath: null, End: true } } }, { a: 1 });
    expect(output).toEqual({});
  });

  test('a ResultPath that cannot be applied raises States.ResultPathMatchFailure, which a Catch handles', async () => {
    const { output, result } = await run({
      StartAt: 'T',
      States: {
        T: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'X', States: { X: { Type: 'Pass', End: true } } }],
          ResultPath: '$.text.inner',
          Catch: [{ ErrorEquals: ['States.ResultPathMatchFailure'], ResultPath: '$.err', Next: 'Done' }],
          End: true,
        },
        Done: { Type: 'Succeed' },
      },
    }, { text: 'abc' });
    expect(result.status).toBe('SUCCEEDED');
    expect(output.err.Error).toBe('States.ResultPathMatchFailure');
    expect(output.err.Cause).toMatch(/Unable to apply ReferencePath \$\.text\.inner/);
  });

  test('a Parameters path that finds nothing fails the execution with States.Runtime naming the field', async () => {
    const { result } = await run({ StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'x.$': '$.missing' }, End: true } } }, {});
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toMatch(/An error occurred while executing the state 'A' \(entered at the event id #2\)\. The JsonPath argument for the field 'x\.\$' could not be found/);
  });

  test('ResultSelector shapes a Parallel result before ResultPath', async () => {
    const { output } = await run({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          ResultSelector: { 'first.$': '$[0]' },
          ResultPath: '$.r',
          End: true,
          Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', Result: 1, End: true } } }, { StartAt: 'B', States: { B: { Type: 'Pass', Result: 2, End: true } } }],
        },
      },
    }, { in: 0 });
    expect(output).toEqual({ in: 0, r: { first: 1 } });
  });

  test('the Context object carries the execution, the state machine and the state', async () => {
    const { output, result } = await run({
      StartAt: 'A',
      States: { A: { Type: 'Pass', Parameters: { 'ctx.$': '$$' }, End: true } },
    }, { k: 1 });
    expect(output.ctx.Execution).toEqual({
      Id: result.executionArn,
      Input: { k: 1 },
      Name: result.name,
      RoleArn: 'arn:aws:iam::123456789012:role/MachineRole',
      StartTime: result.startDate.toISOString(),
      RedriveCount: 0,
    });
    expect(output.ctx.StateMachine).toEqual({ Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:Machine', Name: 'Machine' });
    expect(output.ctx.State).toEqual({ Name: 'A', EnteredTime: result.startDate.toISOString(), RetryCount: 0 });
  });
});
