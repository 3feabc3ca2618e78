import { App, Duration, Stack } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { WorkflowPipeline, WorkflowType } from '../../../src';
import { Simulator } from '../../../src/sim';

describe('WorkflowPipeline in the simulator', () => {
  test('sim.stateMachine(pipeline) finds the state machine the L3 exposes; its timeout applies', async () => {
    const stack = new Stack(new App(), 'Pipeline');
    const pipeline = new WorkflowPipeline(stack, 'Orders', {
      definition: new sfn.Wait(stack, 'Hold', { time: sfn.WaitTime.duration(Duration.hours(2)) }),
      timeout: Duration.hours(1),
    });
    const sim = Simulator.fromStack(stack);
    const d = await sim.stateMachine(pipeline).run({ input: '{}' });
    expect(d).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(d.stopDate!.getTime() - d.startDate.getTime()).toBe(3_600_000);
    expect(sim.unsupported.features.map(f => f.reason)).toContainEqual(expect.stringMatching(/LoggingConfiguration/));
  });

  test('an EXPRESS pipeline answers StartSyncExecution', async () => {
    const stack = new Stack(new App(), 'Express');
    const pipeline = new WorkflowPipeline(stack, 'Quick', {
      definition: new sfn.Pass(stack, 'Echo', { parameters: { 'echo.$': '$.x' } }),
      workflowType: WorkflowType.EXPRESS,
    });
    const out = await Simulator.fromStack(stack).stateMachine(pipeline).startSyncExecution({ input: '{"x":7}' });
    expect(out).toMatchObject({ status: 'SUCCEEDED', output: '{"echo":7}' });
  });
});
