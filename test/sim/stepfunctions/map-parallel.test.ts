import { functionArn, lambdaFunction, run, simulate } from './helpers';

const extra = { Fn: lambdaFunction('fn') };

describe('Map (inline)', () => {
  test('ItemsPath and ItemSelector with $$.Map.Item.Index / Value; results in item order', async () => {
    const { output } = await run({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemsPath: '$.orders',
          ItemSelector: { 'order.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index', 'customer.$': '$.customer' },
          ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          ResultPath: '$.results',
          End: true,
        },
      },
    }, { customer: 'c1', orders: ['a', 'b'] });
    expect(output.results).toEqual([{ order: 'a', index: 0, customer: 'c1' }, { order: 'b', index: 1, customer: 'c1' }]);
  });

  test('MaxConcurrency limits iterations running at once on the virtual clock', async () => {
    const sim = simulate({
      StartAt: 'M',
      States: {
        M: { Type: 'Map', MaxConcurrency: 2, ItemProcessor: { StartAt: 'T', States: { T: { Type: 'Task', Resource: functionArn('fn'), End: true } } }, End: true },
      },
    }, { extra });
    sim.lambda('Fn').handle(async (n: number) => n * 2, { durationMs: 1000 });
    const d = await sim.stateMachine('Machine').run({ input: '[1,2,3,4,5]' });
    expect(JSON.parse(d.output!)).toEqual([2, 4, 6, 8, 10]);
    const start = d.startDate.getTime();
    expect(sim.lambda('Fn').invocations.map(i => i.time - start)).toEqual([0, 0, 1000, 1000, 2000]);
  });

  test('a failed iteration fails the Map with its error and stops the others (MapIterationAborted)', async () => {
    const sim = simulate({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemProcessor: {
            StartAt: 'C',
            States: {
              C: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 2, Next: 'Bad' }], Default: 'W' },
              Bad: { Type: 'Fail', Error: 'ItemFailed' },
              W: { Type: 'Wait', Seconds: 60, End: true },
            },
          },
          End: true,
        },
      },
    });
    const d = await sim.stateMachine('Machine').run({ input: '[1,2,3]' });
    expect(d).toMatchObject({ status: 'FAILED', error: 'ItemFailed' });
    expect(d.stopDate!.getTime()).toBe(d.startDate.getTime());
    const { events } = await sim.stateMachine('Machine').getExecutionHistory({ executionArn: d.executionArn });
    const types = events.map(e => e.type);
    expect(types).toContain('MapIterationFailed');
    expect(types.filter(t => t === 'MapIterationAborted')).toHaveLength(2);
    expect(types).toContain('MapStateFailed');
  });

  test('the history records MapStateStarted with the length and one MapIterationStarted per item', async () => {
    const { sim, result } = await run({
      StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } },
    }, [1, 2, 3]);
    const { events } = await sim.stateMachine('Machine').getExecutionHistory({ executionArn: result.executionArn });
    expect(events.find(e => e.type === 'MapStateStarted')!.mapStateStartedEventDetails).toEqual({ length: 3 });
    expect(events.filter(e => e.type === 'MapIterationStarted').map(e => (e.mapIterationStartedEventDetails as any).index)).toEqual([0, 1, 2]);
  });

  test('ItemsPath that is not an array fails with States.Runtime', async () => {
    const { result } = await run({
      StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.x', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } },
    }, { x: 'nope' });
    expect(result.error).toBe('States.Runtime');
  });
});

describe('Parallel', () => {
  test('branches run concurrently on the same input; the result is their outputs in branch order', async () => {
    const { output, result } = await run({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 10, Next: 'A' }, A: { Type: 'Pass', Result: 'slow', End: true } } },
            { StartAt: 'Fast', States: { Fast: { Type: 'Wait', Seconds: 5, Next: 'B' }, B: { Type: 'Pass', InputPath: '$.v', End: true } } },
          ],
          End: true,
        },
      },
    }, { v: 'fast' });
    expect(output).toEqual(['slow', 'fast']);
    expect(result.stopDate!.getTime() - result.startDate.getTime()).toBe(10_000);
  });

  test('a failing branch fails the Parallel state with its error; the Parallel Catch handles it', async () => {
    const { output } = await run({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 100, End: true } } },
            { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'BranchBroke', Cause: 'x' } } },
          ],
          Catch: [{ ErrorEquals: ['BranchBroke'], ResultPath: '$.error', Next: 'Done' }],
          End: true,
        },
        Done: { Type: 'Succeed' },
      },
    });
    expect(output).toEqual({ error: { Error: 'BranchBroke', Cause: 'x' } });
  });
});

describe('Stopping an execution', () => {
  test('StopExecution aborts at once: a long Wait leaves nothing on the clock', async () => {
    const sim = simulate({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 100000, End: true } } });
    const sm = sim.stateMachine('Machine');
    const { executionArn } = await sm.startExecution();
    await sim.advance(1000);
    await sm.stopExecution({ executionArn, error: 'Manual', cause: 'test' });
    const finished = await sim.runUntilIdle();
    expect(finished.idle).toBe(true);
    const d = await sm.describeExecution({ executionArn });
    expect(d).toMatchObject({ status: 'ABORTED', error: 'Manual', cause: 'test' });
    const { events } = await sm.getExecutionHistory({ executionArn });
    expect(events[events.length - 1].type).toBe('ExecutionAborted');
  });
});
