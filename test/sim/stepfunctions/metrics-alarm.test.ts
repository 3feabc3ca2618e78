import { templateWith } from './helpers';
import { Simulator } from '../../../src/sim';

test('an alarm on AWS/States ExecutionsFailed (dimension StateMachineArn) goes to ALARM when an execution fails', async () => {
  const template = templateWith({
    StartAt: 'C',
    States: {
      C: { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'S' }], Default: 'F' },
      S: { Type: 'Succeed' },
      F: { Type: 'Fail', Error: 'Bad' },
    },
  }, {
    extra: {
      Alarm: {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          Namespace: 'AWS/States',
          MetricName: 'ExecutionsFailed',
          Statistic: 'Sum',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
          Dimensions: [{ Name: 'StateMachineArn', Value: 'arn:aws:states:us-east-1:123456789012:stateMachine:Machine' }],
        },
      },
    },
  });
  const sim = Simulator.fromTemplate(template);
  const sm = sim.stateMachine('Machine');
  await sm.run({ input: '{"ok":true}' });
  await sim.advance(120_000);
  expect(sim.alarm('Alarm').state).toBe('OK');
  await sm.run({ input: '{"ok":false}' });
  await sim.advance(120_000);
  expect(sim.alarm('Alarm').state).toBe('ALARM');
  expect(sim.unsupported.features.filter(f => f.logicalId === 'Alarm')).toEqual([]);
});
