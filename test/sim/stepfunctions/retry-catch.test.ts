import { functionArn, lambdaFunction, run, simulate } from './helpers';

const extra = { Fn: lambdaFunction('fn') };

function failingTask(retry: object[], catchers: object[] = []) {
  return {
    StartAt: 'T',
    States: {
      T: { Type: 'Task', Resource: functionArn('fn'), Retry: retry, ...(catchers.length > 0 ? { Catch: catchers } : {}), End: true },
      ...(catchers.length > 0 ? { Caught: { Type: 'Pass', End: true } } : {}),
    },
  };
}

async function attemptTimes(retry: object[], failures = Infinity, seed?: number) {
  const sim = simulate(failingTask(retry), { extra, seed });
  let calls = 0;
  sim.lambda('Fn').handle(async () => {
    calls++;
    if (calls <= failures) throw Object.assign(new Error('flaky'), { name: 'Flaky' });
    return 'ok';
  });
  const result = await sim.stateMachine('Machine').run();
  const start = result.startDate.getTime();
  return { result, times: sim.lambda('Fn').invocations.map(i => (i.time - start) / 1000) };
}

describe('Retry (the first retrier whose ErrorEquals matches decides)', () => {
  test('IntervalSeconds x BackoffRate ^ attempt, MaxAttempts times, on the virtual clock', async () => {
    const { result, times } = await attemptTimes([{ ErrorEquals: ['Flaky'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3 }]);
    expect(times).toEqual([0, 2, 8, 26]);
    expect(result).toMatchObject({ status: 'FAILED', error: 'Flaky' });
  });

  test('defaults: IntervalSeconds 1, BackoffRate 2, MaxAttempts 3', async () => {
    const { times } = await attemptTimes([{ ErrorEquals: ['States.ALL'] }]);
    expect(times).toEqual([0, 1, 3, 7]);
  });

  test('MaxAttempts 0 never retries', async () => {
    const { times } = await attemptTimes([{ ErrorEquals: ['Flaky'], MaxAttempts: 0 }, { ErrorEquals: ['States.ALL'] }]);
    expect(times).toEqual([0]);
  });

  test('MaxDelaySeconds caps each wait', async () => {
    const { times } = await attemptTimes([{ ErrorEquals: ['Flaky'], IntervalSeconds: 10, BackoffRate: 10, MaxAttempts: 3, MaxDelaySeconds: 50 }]);
    expect(times).toEqual([0, 10, 60, 110]);
  });

  test('JitterStrategy FULL waits a seeded random share of the interval, the same for the same seed', async () => {
    const retry = [{ ErrorEquals: ['Flaky'], IntervalSeconds: 100, MaxAttempts: 2, JitterStrategy: 'FULL' }];
    const a = await attemptTimes(retry, Infinity, 7);
    const b = await attemptTimes(retry, Infinity, 7);
    expect(a.times).toEqual(b.times);
    expect(a.times[1]).toBeLessThan(100);
    expect(a.times[2] - a.times[1]).toBeLessThan(200);
  });

  test('a retry that succeeds continues the execution; $$.State.RetryCount counts the retries', async () => {
    const sim = simulate({
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: functionArn('fn'), Parameters: { 'retry.$': '$$.State.RetryCount' }, Retry: [{ ErrorEquals: ['Flaky'] }], End: true } },
    }, { extra });
    let calls = 0;
    sim.lambda('Fn').handle(async (event: { retry: number }) => {
      if (++calls < 3) throw Object.assign(new Error('flaky'), { name: 'Flaky' });
      return event;
    });
    const d = await sim.stateMachine('Machine').run();
    expect(JSON.parse(d.output!)).toEqual({ retry: 2 });
  });

  test('the order of retriers decides, not the specificity of ErrorEquals', async () => {
    const { times } = await attemptTimes([{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 1 }, { ErrorEquals: ['Flaky'], MaxAttempts: 5 }]);
    expect(times).toHaveLength(2);
  });
});

describe('Catch', () => {
  test('the first matching catcher gets { Error, Cause } at its ResultPath and goes to its Next', async () => {
    const sim = simulate(failingTask([], [{ ErrorEquals: ['Other'], Next: 'Caught' }, { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Caught' }]), { extra });
    sim.lambda('Fn').handle(async () => { throw Object.assign(new Error('boom'), { name: 'Boom' }); });
    const d = await sim.stateMachine('Machine').run({ input: '{"order":1}' });
    const out = JSON.parse(d.output!);
    expect(d.status).toBe('SUCCEEDED');
    expect(out.order).toBe(1);
    expect(out.error.Error).toBe('Boom');
    expect(JSON.parse(out.error.Cause)).toMatchObject({ errorType: 'Boom', errorMessage: 'boom' });
  });

  test('States.ALL does not catch States.Runtime (the execution fails)', async () => {
    const { result } = await run({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'X', States: { X: { Type: 'Pass', InputPath: '$.missing', End: true } } }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'C' }],
          End: true,
        },
        C: { Type: 'Succeed' },
      },
    });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});

describe('TimeoutSeconds and HeartbeatSeconds', () => {
  test('a task longer than TimeoutSeconds fails with States.Timeout (TaskTimedOut in the history)', async () => {
    const sim = simulate({
      StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'fn' }, TimeoutSeconds: 5, End: true } },
    }, { extra });
    sim.lambda('Fn').handle(async () => 'late', { durationMs: 9000 });
    const d = await sim.stateMachine('Machine').run();
    expect(d).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(d.stopDate!.getTime() - d.startDate.getTime()).toBe(5000);
    const history = await sim.stateMachine('Machine').getExecutionHistory({ executionArn: d.executionArn });
    expect(history.events.map(e => e.type)).toContain('TaskTimedOut');
  });

  test('TimeoutSecondsPath reads the timeout from the input', async () => {
    const sim = simulate({
      StartAt: 'T', States: { T: { Type: 'Task', Resource: functionArn('fn'), TimeoutSecondsPath: '$.t', End: true } },
    }, { extra });
    sim.lambda('Fn').handle(async () => 'late', { durationMs: 4000 });
    const d = await sim.stateMachine('Machine').run({ input: '{"t":2}' });
    expect(d.error).toBe('States.Timeout');
  });

  test('a callback task without a heartbeat for HeartbeatSeconds fails with States.HeartbeatTimeout; heartbeats keep it alive', async () => {
    const definition = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          HeartbeatSeconds: 10,
          TimeoutSeconds: 100,
          Parameters: { FunctionName: 'fn', Payload: { 'token.$': '$$.Task.Token' } },
          End: true,
        },
      },
    };
    const sim = simulate(definition, { extra });
    let token = '';
    sim.lambda('Fn').handle(async (e: { token: string }) => { token = e.token; return null; });
    const sm = sim.stateMachine('Machine');
    const { executionArn } = await sm.startExecution();
    await sim.advance(8000);
    await sim.stepFunctions.sendTaskHeartbeat({ taskToken: token });
    await sim.advance(8000);
    expect((await sm.describeExecution({ executionArn })).status).toBe('RUNNING');
    await sim.advance(3000);
    const d = await sm.describeExecution({ executionArn });
    expect(d).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
  });

  test('the execution TimeoutSeconds ends it as TIMED_OUT with States.Timeout', async () => {
    const { result } = await run({ TimeoutSeconds: 60, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } });
    expect(result).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(result.stopDate!.getTime() - result.startDate.getTime()).toBe(60_000);
  });
});
