/**
 * The handle answers in the SDK v3 Step Functions client's shapes: each answer is assigned to the
 * `@aws-sdk/client-sfn` output type (a compile-time check, run by the type-check of the tests) and its fields read.
 */
import type {
  DescribeExecutionOutput, GetExecutionHistoryOutput, ListExecutionsOutput, StartExecutionOutput, StartSyncExecutionOutput, StopExecutionOutput,
} from '@aws-sdk/client-sfn';
import { simulate } from './helpers';

test('answers are assignable to the @aws-sdk/client-sfn output types', async () => {
  const sim = simulate({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 5, End: true } } });
  const sm = sim.stateMachine('Machine');
  const started: StartExecutionOutput = await sm.startExecution({ input: '{}' });
  const listed: ListExecutionsOutput = await sm.listExecutions();
  const stopped: StopExecutionOutput = await sm.stopExecution({ executionArn: started.executionArn! });
  const described: DescribeExecutionOutput = await sm.describeExecution({ executionArn: started.executionArn! });
  const history: Pick<GetExecutionHistoryOutput, 'events'> = await sm.getExecutionHistory({ executionArn: started.executionArn! });
  expect(listed.executions?.[0].executionArn).toBe(started.executionArn);
  expect(stopped.stopDate).toBeInstanceOf(Date);
  expect(described.status).toBe('ABORTED');
  expect(history.events?.[0].type).toBe('ExecutionStarted');
  const express = simulate({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, { type: 'EXPRESS' });
  const sync: StartSyncExecutionOutput = await express.stateMachine('Machine').startSyncExecution({ input: '{"a":1}' });
  expect(sync.output).toBe('{"a":1}');
});
