import { functionArn, lambdaFunction, run, simulate } from './helpers';

const waitOneMinute = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } };

describe('StartExecution', () => {
  test('STANDARD names are idempotent for the same input while running; otherwise ExecutionAlreadyExists', async () => {
    const sim = simulate(waitOneMinute);
    const sm = sim.stateMachine('Machine');
    const first = await sm.startExecution({ name: 'order-1', input: '{"a":1}' });
    const again = await sm.startExecution({ name: 'order-1', input: '{"a":1}' });
    expect({ ...again, $metadata: undefined }).toEqual({ ...first, $metadata: undefined });
    expect(again.$metadata).toMatchObject({ httpStatusCode: 200, requestId: expect.any(String) });
    expect(again.$metadata.requestId).not.toBe(first.$metadata.requestId); // each answer has its own request id
    await expect(sm.startExecution({ name: 'order-1', input: '{"a":2}' })).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    await sim.runUntilIdle();
    await expect(sm.startExecution({ name: 'order-1', input: '{"a":1}' })).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    expect((await sm.listExecutions()).executions).toHaveLength(1);
  });

  test('input that is not JSON is InvalidExecutionInput, and no execution is created', async () => {
    const sim = simulate(waitOneMinute);
    const sm = sim.stateMachine('Machine');
    await expect(sm.startExecution({ input: '{not json' })).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
    expect((await sm.listExecutions()).executions).toHaveLength(0);
  });

  test('a name with forbidden characters is InvalidName', async () => {
    await expect(simulate(waitOneMinute).stateMachine('Machine').startExecution({ name: 'a b' })).rejects.toMatchObject({ name: 'InvalidName' });
  });
});

describe('StartSyncExecution', () => {
  test('EXPRESS: answers when the execution ends, with status, output and dates', async () => {
    const sim = simulate({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 30, Next: 'P' }, P: { Type: 'Pass', Result: { done: true }, End: true } } }, { type: 'EXPRESS' });
    const out = await sim.stateMachine('Machine').startSyncExecution({ input: '{}' });
    expect(out).toMatchObject({ status: 'SUCCEEDED', output: '{"done":true}' });
    expect(out.stopDate.getTime() - out.startDate.getTime()).toBe(30_000);
    expect(out.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:express:Machine:/);
  });

  test('STANDARD rejects with StateMachineTypeNotSupported', async () => {
    await expect(simulate(waitOneMinute).stateMachine('Machine').startSyncExecution({})).rejects.toMatchObject({ name: 'StateMachineTypeNotSupported' });
  });

  test('EXPRESS executions end after five minutes with States.Timeout', async () => {
    const sim = simulate({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 600, End: true } } }, { type: 'EXPRESS' });
    const out = await sim.stateMachine('Machine').startSyncExecution({});
    expect(out).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(out.stopDate.getTime() - out.startDate.getTime()).toBe(300_000);
  });

  test('ListExecutions is not supported for EXPRESS state machines', async () => {
    await expect(simulate(waitOneMinute, { type: 'EXPRESS' }).stateMachine('Machine').listExecutions()).rejects.toMatchObject({ name: 'StateMachineTypeNotSupported' });
  });
});

describe('DescribeExecution, GetExecutionHistory, ListExecutions, StopExecution', () => {
  test('an unknown execution ARN is ExecutionDoesNotExist; a malformed one InvalidArn', async () => {
    const sm = simulate(waitOneMinute).stateMachine('Machine');
    await expect(sm.describeExecution({ executionArn: 'arn:aws:states:us-east-1:123456789012:execution:Machine:nope' })).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
    await expect(sm.getExecutionHistory({ executionArn: 'nope' })).rejects.toMatchObject({ name: 'InvalidArn' });
  });

  test('history events chain ids through previousEventId; reverseOrder and includeExecutionData', async () => {
    const { sim, result } = await run({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, { x: 1 });
    const sm = sim.stateMachine('Machine');
    const { events } = await sm.getExecutionHistory({ executionArn: result.executionArn });
    expect(events.map(e => [e.id, e.previousEventId, e.type])).toEqual([
      [1, 0, 'ExecutionStarted'], [2, 1, 'PassStateEntered'], [3, 2, 'PassStateExited'], [4, 3, 'ExecutionSucceeded'],
    ]);
    expect(events[0].executionStartedEventDetails).toEqual({ input: '{"x":1}', inputDetails: { truncated: false }, roleArn: 'arn:aws:iam::123456789012:role/MachineRole' });
    const reversed = await sm.getExecutionHistory({ executionArn: result.executionArn, reverseOrder: true, includeExecutionData: false });
    expect(reversed.events[0].type).toBe('ExecutionSucceeded');
    expect(reversed.events[3].executionStartedEventDetails).toEqual({ roleArn: 'arn:aws:iam::123456789012:role/MachineRole' });
  });

  test('ListExecutions lists newest first and filters by status', async () => {
    const sim = simulate(waitOneMinute);
    const sm = sim.stateMachine('Machine');
    await sm.startExecution({ name: 'one' });
    await sim.runUntilIdle();
    await sm.startExecution({ name: 'two' });
    expect((await sm.listExecutions()).executions.map(e => e.name)).toEqual(['two', 'one']);
    expect((await sm.listExecutions({ statusFilter: 'RUNNING' })).executions.map(e => e.name)).toEqual(['two']);
  });
});

describe('RedriveExecution', () => {
  test('re-runs a failed STANDARD execution from the state that failed, with its input', async () => {
    const sim = simulate({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Result: 'a', ResultPath: '$.a', Next: 'Gate' },
        Gate: { Type: 'Choice', Choices: [{ Variable: '$$.Execution.RedriveCount', NumericGreaterThan: 0, Next: 'Ok' }], Default: 'Fail' },
        Fail: { Type: 'Fail', Error: 'NotYet' },
        Ok: { Type: 'Pass', End: true },
      },
    });
    const sm = sim.stateMachine('Machine');
    const first = await sm.run({ input: '{"n":1}' });
    expect(first.status).toBe('FAILED');
    // The failed state is Fail; the redrive restarts there, so a definition that fails the same way fails again.
    await sm.redriveExecution({ executionArn: first.executionArn });
    await sim.runUntilIdle();
    const again = await sm.describeExecution({ executionArn: first.executionArn });
    expect(again).toMatchObject({ status: 'FAILED', redriveCount: 1 });
    const { events } = await sm.getExecutionHistory({ executionArn: first.executionArn });
    const redriven = events.findIndex(e => e.type === 'ExecutionRedriven');
    expect(events[redriven].executionRedrivenEventDetails).toEqual({ redriveCount: 1 });
    expect(events.slice(redriven + 1).map(e => e.type)).toEqual(['FailStateEntered', 'ExecutionFailed']);
  });

  test('the redrive starts at the task that failed, with the input and variables it had; earlier states do not run again', async () => {
    const sim = simulate({
      StartAt: 'First',
      States: {
        First: { Type: 'Task', Resource: functionArn('first'), ResultPath: '$.first', Assign: { 'kept.$': '$' }, Next: 'Second' },
        Second: { Type: 'Task', Resource: functionArn('second'), Parameters: { 'first.$': '$.first', 'kept.$': '$kept' }, End: true },
      },
    }, { extra: { First: lambdaFunction('first'), Second: lambdaFunction('second') } });
    sim.lambda('First').handle(async () => 'one');
    let fail = true;
    sim.lambda('Second').handle(async (e: unknown) => {
      if (fail) throw new Error('down');
      return e;
    });
    const sm = sim.stateMachine('Machine');
    const d = await sm.run();
    expect(d).toMatchObject({ status: 'FAILED', redriveStatus: 'REDRIVABLE' });
    fail = false;
    const { redriveDate } = await sm.redriveExecution({ executionArn: d.executionArn });
    expect(redriveDate).toEqual(new Date(sim.now()));
    await sim.runUntilIdle();
    const after = await sm.describeExecution({ executionArn: d.executionArn });
    expect(after).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
    expect(JSON.parse(after.output!)).toEqual({ first: 'one', kept: 'one' });
    expect(sim.lambda('First').invocations).toHaveLength(1);
    await expect(sm.redriveExecution({ executionArn: d.executionArn })).rejects.toMatchObject({ name: 'ExecutionNotRedrivable' });
  });

  test('RUNNING executions are not redrivable (ExecutionNotRedrivable)', async () => {
    const sim = simulate(waitOneMinute);
    const sm = sim.stateMachine('Machine');
    const { executionArn } = await sm.startExecution();
    await expect(sm.redriveExecution({ executionArn })).rejects.toMatchObject({ name: 'ExecutionNotRedrivable' });
  });
});

describe('the per-state inspection (as TestState reports it)', () => {
  test('each state run is in the trace with the data after each processing step', async () => {
    const { sim } = await run({
      StartAt: 'P',
      States: { P: { Type: 'Pass', InputPath: '$.in', Parameters: { 'v.$': '$.v' }, Result: { r: 1 }, ResultPath: '$.res', OutputPath: '$.res', End: true } },
    }, { in: { v: 2 } });
    const [ran] = sim.trace.filter({ type: 'state-run' });
    expect(ran.detail).toMatchObject({ state: 'P', stateType: 'Pass' });
    expect(ran.detail.inspection).toEqual({
      input: { in: { v: 2 } },
      afterInputPath: { v: 2 },
      afterParameters: { v: 2 },
      result: { r: 1 },
      afterResultPath: { in: { v: 2 }, res: { r: 1 } },
      output: { r: 1 },
    });
  });
});

describe('DescribeStateMachine and what is not modelled', () => {
  test('DescribeStateMachine answers the definition, role and type', async () => {
    const sim = simulate(waitOneMinute, { type: 'EXPRESS' });
    const d = await sim.stateMachine('Machine').describeStateMachine();
    expect(d).toMatchObject({ name: 'Machine', type: 'EXPRESS', status: 'ACTIVE', roleArn: 'arn:aws:iam::123456789012:role/MachineRole' });
    expect(JSON.parse(d.definition as string)).toEqual(waitOneMinute);
  });

  test('a redrive that restarts at a Map state runs it whole, and says so in the trace', async () => {
    const sim = simulate({
      StartAt: 'M',
      States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E' } } }, End: true } },
    });
    const sm = sim.stateMachine('Machine');
    const d = await sm.run({ input: '[1]' });
    await sm.redriveExecution({ executionArn: d.executionArn });
    await sim.runUntilIdle();
    expect(sim.trace.filter({ type: 'unsupported' }).map(e => e.detail.reason)).toContainEqual(expect.stringMatching(/the Map state 'M' runs again whole/));
  });
});
