/**
 * The Context object (`$$` in JSONPath, `$states.context` in JSONata): the execution, the state machine, the state
 * being run (name, entered time, retry count), the task token of a `.waitForTaskToken` task, and inside a Map
 * iteration the item it processes ("Accessing execution data from the Context object").
 */
import type { RunEnv } from './env';
import type { Json } from '../paths/jsonpath';

export interface StateEntry {
  readonly name: string;
  readonly enteredTime: string;
  retryCount: number;
}

export function contextObject(env: RunEnv, state: StateEntry, taskToken?: string): Json {
  const e = env.execution;
  const execution: Record<string, Json> = {
    Id: e.arn,
    Input: e.input,
    Name: e.name,
    RoleArn: e.roleArn,
    StartTime: e.startTime,
    RedriveCount: e.redriveCount,
  };
  if (e.redriveTime !== undefined) execution.RedriveTime = e.redriveTime;
  const out: Record<string, Json> = {
    Execution: execution,
    State: { EnteredTime: state.enteredTime, Name: state.name, RetryCount: state.retryCount },
    StateMachine: { Id: env.machine.arn, Name: env.machine.name },
  };
  if (taskToken !== undefined) out.Task = { Token: taskToken };
  if (env.mapItem) {
    const item: Record<string, Json> = { Index: env.mapItem.Index, Value: env.mapItem.Value };
    if (env.mapItem.Key !== undefined) item.Key = env.mapItem.Key;
    if (env.mapItem.Source !== undefined) item.Source = env.mapItem.Source;
    out.Map = { Item: item };
  }
  return out;
}
