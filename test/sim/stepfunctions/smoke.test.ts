import { run } from './helpers';

test('smoke', async () => {
  const { result, output, sim } = await run({
    StartAt: 'A',
    States: {
      A: { Type: 'Pass', Result: { x: 1 }, ResultPath: '$.a', Next: 'W' },
      W: { Type: 'Wait', Seconds: 3600, Next: 'C' },
      C: { Type: 'Choice', Choices: [{ Variable: '$.a.x', NumericEquals: 1, Next: 'Done' }], Default: 'F' },
      F: { Type: 'Fail', Error: 'Bad' },
      Done: { Type: 'Succeed' },
    },
  }, { in: true });
  expect(result.status).toBe('SUCCEEDED');
  expect(output).toEqual({ in: true, a: { x: 1 } });
  const h = await sim.stateMachine('Machine').getExecutionHistory({ executionArn: result.executionArn });
  console.log(h.events.map(e => `${e.id}<${e.previousEventId} ${e.type}`).join('\n'));
  console.log(result.stopDate!.getTime() - result.startDate.getTime());
});
