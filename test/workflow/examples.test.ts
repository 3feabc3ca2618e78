import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addWorkflowExamples } from '../../examples/workflow';
import { StableSnapshot } from '../../src';
import { nagErrors } from '../util/nag';

test('the online pickup order pipeline synthesizes nag-clean, Standard, with every task caught', () => {
  const app = new App();
  addWorkflowExamples(app);
  const stack = app.node.findChild('WorkflowPipelineExample') as any;
  expect(nagErrors(app)).toEqual([]);
  const sm = Object.values(Template.fromStack(stack).findResources('AWS::StepFunctions::StateMachine'))[0];
  expect(sm.Properties.StateMachineType).toBe('STANDARD');
  const asl = JSON.parse(sm.Properties.DefinitionString['Fn::Join'][1].map((p: unknown) => (typeof p === 'string' ? p : 'X')).join(''));
  expect(Object.keys(asl.States)).toEqual(expect.arrayContaining(['Validate', 'InStock?', 'ChargeAndReserve', 'TellStore', 'WaitForPickup', 'TellReady']));
  for (const name of ['Validate', 'ChargeAndReserve', 'TellStore', 'TellReady']) {
    expect(asl.States[name].Catch[0].Next).toBe('NotifyFailureTopic');
  }
  expect(StableSnapshot.of(stack)).toMatchSnapshot();
});
