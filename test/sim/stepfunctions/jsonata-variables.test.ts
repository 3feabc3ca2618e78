import { functionArn, lambdaFunction, run, simulate } from './helpers';

describe('JSONata (QueryLanguage at machine and state level)', () => {
  test('Output and Arguments are JSONata templates over $states.input and $states.result', async () => {
    const sim = simulate({
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { FunctionName: 'fn', Payload: { total: '{% $sum($states.input.items.price) %}' } },
          Output: { total: '{% $states.result.Payload.doubled %}', who: '{% $states.context.State.Name %}' },
          End: true,
        },
      },
    }, { extra: { Fn: lambdaFunction('fn') } });
    sim.lambda('Fn').handle(async (e: { total: number }) => ({ doubled: e.total * 2 }));
    const d = await sim.stateMachine('Machine').run({ input: JSON.stringify({ items: [{ price: 2 }, { price: 3 }] }) });
    expect(JSON.parse(d.output!)).toEqual({ total: 10, who: 'T' });
  });

  test('a state may use JSONata in a JSONPath machine; Choice Conditions are JSONata', async () => {
    const { output } = await run({
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', QueryLanguage: 'JSONata', Choices: [{ Condition: '{% $states.input.n > 3 %}', Next: 'Big', Output: { size: 'big' } }], Default: 'Small' },
        Big: { Type: 'Pass', End: true },
        Small: { Type: 'Pass', Result: { size: 'small' }, End: true },
      },
    }, { n: 5 });
    expect(output).toEqual({ size: 'big' });
  });

  test("AWS's JSONata functions: $partition, $range, $hash, $random (seeded), $uuid, $parse", async () => {
    const { output } = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: {
        P: {
          Type: 'Pass',
          Output: {
            partition: '{% $partition([1,2,3,4,5], 2) %}',
            range: '{% $range(0, 10, 5) %}',
            hash: "{% $hash('input data', 'SHA-1') %}",
            seeded: '{% $random(7) = $random(7) %}',
            uuid: '{% $length($uuid()) %}',
            parsed: '{% $parse(\'{"a":1}\').a %}',
          },
          End: true,
        },
      },
    });
    expect(output).toEqual({
      partition: [[1, 2], [3, 4], [5]], range: [0, 5, 10], hash: 'aaff4a450a104cd177d28d18d74485e8cae074b7', seeded: true, uuid: 36, parsed: 1,
    });
  });

  test('an expression that fails raises States.QueryEvaluationError, which Catch handles ($states.errorOutput)', async () => {
    const { output } = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Arguments: '{% $states.input.a.b.c() %}',
          Branches: [{ StartAt: 'X', States: { X: { Type: 'Succeed' } } }],
          Catch: [{ ErrorEquals: ['States.QueryEvaluationError'], Output: '{% $states.errorOutput.Error %}', Next: 'Done' }],
          End: true,
        },
        Done: { Type: 'Succeed' },
      },
    }, { a: 1 });
    expect(output).toBe('States.QueryEvaluationError');
  });

  test('Wait Seconds and Task TimeoutSeconds may be JSONata expressions', async () => {
    const { result } = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: '{% $states.input.s * 2 %}', End: true } },
    }, { s: 30 });
    expect(result.stopDate!.getTime() - result.startDate.getTime()).toBe(60_000);
  });

  test('Map Items and ItemSelector in JSONata, with $states.context.Map.Item', async () => {
    const { output } = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          Items: '{% $states.input.xs %}',
          ItemSelector: { v: '{% $states.context.Map.Item.Value * 10 %}', i: '{% $states.context.Map.Item.Index %}' },
          ItemProcessor: { StartAt: 'E', States: { E: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    }, { xs: [1, 2] });
    expect(output).toEqual([{ v: 10, i: 0 }, { v: 20, i: 1 }]);
  });
});

describe('Variables and Assign', () => {
  test('all assignments of one state are computed before any is stored', async () => {
    const { output } = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { x: 1, y: 2 }, Next: 'B' },
        B: { Type: 'Pass', Assign: { x: '{% $y %}', y: '{% $x %}' }, Output: { before: ['{% $x %}', '{% $y %}'] }, Next: 'C' },
        C: { Type: 'Pass', Output: { after: ['{% $x %}', '{% $y %}'], before: '{% $states.input.before %}' }, End: true },
      },
    });
    expect(output).toEqual({ before: [1, 2], after: [2, 1] });
  });

  test('JSONPath states read variables as $name and assign with .$ from the result', async () => {
    const { output } = await run({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Result: { total: 5 }, Assign: { 'total.$': '$.total', 'fixed': 'k' }, Next: 'B' },
        B: { Type: 'Pass', Parameters: { 't.$': '$total', 'f.$': '$fixed', 'sum.$': 'States.MathAdd($total, 1)' }, End: true },
      },
    });
    expect(output).toEqual({ t: 5, f: 'k', sum: 6 });
  });

  test('Map iterations and Parallel branches read outer variables but cannot change them', async () => {
    const { output } = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { seen: 'outer' }, Next: 'M' },
        M: {
          Type: 'Map',
          Items: [1, 2],
          ItemProcessor: {
            StartAt: 'In',
            States: { In: { Type: 'Pass', Assign: { seen: 'inner' }, Next: 'Read' }, Read: { Type: 'Pass', Output: '{% $seen %}', End: true } },
          },
          Next: 'P',
        },
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', Output: '{% $seen %}', End: true } } }],
          Output: { map: '{% $states.input %}', parallel: '{% $states.result %}', outer: '{% $seen %}' },
          End: true,
        },
      },
    });
    expect(output).toEqual({ map: ['inner', 'inner'], parallel: ['outer'], outer: 'outer' });
  });

  test('a Catch may Assign from the error output', async () => {
    const sim = simulate({
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: functionArn('fn'), Catch: [{ ErrorEquals: ['States.ALL'], Assign: { 'failure.$': '$.Error' }, Next: 'R' }], End: true },
        R: { Type: 'Pass', Parameters: { 'f.$': '$failure' }, End: true },
      },
    }, { extra: { Fn: lambdaFunction('fn') } });
    sim.lambda('Fn').handle(async () => { throw Object.assign(new Error('x'), { name: 'PaymentDeclined' }); });
    const d = await sim.stateMachine('Machine').run();
    expect(JSON.parse(d.output!)).toEqual({ f: 'PaymentDeclined' });
  });

  test('assigned variables appear in the StateExited history event (JSON text)', async () => {
    const { sim, result } = await run({ StartAt: 'A', States: { A: { Type: 'Pass', Assign: { n: 1 }, End: true } } });
    const { events } = await sim.stateMachine('Machine').getExecutionHistory({ executionArn: result.executionArn });
    expect(events.find(e => e.type === 'PassStateExited')!.stateExitedEventDetails).toMatchObject({ assignedVariables: { n: '1' } });
  });
});
