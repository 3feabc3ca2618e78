import { run, simulate } from './helpers';

describe('Choice', () => {
  const machine = (rule: object) => ({
    StartAt: 'C',
    States: {
      C: { Type: 'Choice', Choices: [{ ...rule, Next: 'Yes' }], Default: 'No' },
      Yes: { Type: 'Pass', Result: 'yes', End: true },
      No: { Type: 'Pass', Result: 'no', End: true },
    },
  });
  test.each([
    [{ Variable: '$.n', NumericGreaterThan: 3 }, { n: 4 }, 'yes'],
    [{ Variable: '$.n', NumericGreaterThan: 3 }, { n: 'four' }, 'no'],
    [{ Variable: '$.n', NumericLessThanEqualsPath: '$.max' }, { n: 4, max: 4 }, 'yes'],
    [{ Variable: '$.s', StringMatches: 'log-*.txt' }, { s: 'log-2024.txt' }, 'yes'],
    [{ Variable: '$.s', StringMatches: 'a\\*b' }, { s: 'axb' }, 'no'],
    [{ Variable: '$.t', TimestampLessThan: '2024-06-01T00:00:00Z' }, { t: '2024-01-01T00:00:00Z' }, 'yes'],
    [{ Variable: '$.b', BooleanEquals: true }, { b: true }, 'yes'],
    [{ Variable: '$.x', IsPresent: false }, {}, 'yes'],
    [{ Variable: '$.x', IsNull: true }, { x: null }, 'yes'],
    [{ Variable: '$.x', IsTimestamp: true }, { x: '2024-01-01T00:00:00Z' }, 'yes'],
    [{ And: [{ Variable: '$.a', IsNumeric: true }, { Not: { Variable: '$.a', NumericEquals: 0 } }] }, { a: 2 }, 'yes'],
    [{ Or: [{ Variable: '$.a', StringEquals: 'x' }, { Variable: '$.a', StringEquals: 'y' }] }, { a: 'z' }, 'no'],
  ])('the first matching Choice Rule picks the next state, else Default: %j on %j', async (rule, input, expected) => {
    expect((await run(machine(rule), input)).output).toBe(expected);
  });

  test('a comparison on a missing Variable fails the state (only IsPresent tests absence)', async () => {
    const { result } = await run(machine({ Variable: '$.missing', NumericEquals: 1 }), {});
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.Runtime');
  });

  test('no matching rule and no Default fails with States.NoChoiceMatched', async () => {
    const { result } = await run({
      StartAt: 'C',
      States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', StringEquals: 'x', Next: 'E' }] }, E: { Type: 'Succeed' } },
    }, { a: 'y' });
    expect(result.error).toBe('States.NoChoiceMatched');
  });
});

describe('Wait', () => {
  test('a Wait of nearly a year (within the one-year Standard limit) completes on the virtual clock, in no real time', async () => {
    const wall = Date.now();
    const { result } = await run({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 364 * 24 * 3600, End: true } } });
    expect(result.stopDate!.getTime() - result.startDate.getTime()).toBe(364 * 24 * 3600 * 1000);
    expect(Date.now() - wall).toBeLessThan(2000);
  });

  test('TimestampPath waits until the timestamp; a timestamp in the past does not wait', async () => {
    const { result } = await run({
      StartAt: 'W',
      States: { W: { Type: 'Wait', TimestampPath: '$.at', Next: 'P' }, P: { Type: 'Wait', Timestamp: '2000-01-01T00:00:00Z', End: true } },
    }, { at: '2024-01-01T00:10:00Z' });
    expect(result.stopDate!.toISOString()).toBe('2024-01-01T00:10:00.000Z');
  });

  test('SecondsPath that is not a non-negative integer fails with States.Runtime', async () => {
    const { result } = await run({ StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$.s', End: true } } }, { s: 'soon' });
    expect(result.error).toBe('States.Runtime');
  });
});

describe('Succeed and Fail', () => {
  test('Fail ends the execution with its Error and Cause', async () => {
    const { result } = await run({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Oops', Cause: 'bad order' } } });
    expect(result).toMatchObject({ status: 'FAILED', error: 'Oops', cause: 'bad order' });
  });

  test('ErrorPath and CausePath read the input (an intrinsic is allowed)', async () => {
    const { result } = await run({
      StartAt: 'F', States: { F: { Type: 'Fail', ErrorPath: '$.e', CausePath: "States.Format('code {}', $.c)" } },
    }, { e: 'E1', c: 42 });
    expect(result).toMatchObject({ error: 'E1', cause: 'code 42' });
  });

  test('Succeed applies InputPath and OutputPath', async () => {
    const { output } = await run({ StartAt: 'S', States: { S: { Type: 'Succeed', InputPath: '$.a', OutputPath: '$.b' } } }, { a: { b: 5 } });
    expect(output).toBe(5);
  });

  test('Pass without Result passes its effective input', async () => {
    const sim = simulate({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    const d = await sim.stateMachine('Machine').run({ input: '[1,2]' });
    expect(d.output).toBe('[1,2]');
  });
});
