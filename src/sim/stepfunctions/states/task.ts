/**
 * Task: runs its Resource (integrations/) with the state's input (Parameters / Arguments), within TimeoutSeconds
 * and, for callback and job tasks, HeartbeatSeconds (or their `...Path` and JSONata forms), on the virtual clock.
 * History: TaskScheduled, TaskStarted, (TaskSubmitted,) TaskSucceeded / TaskFailed / TaskTimedOut; a Lambda
 * function ARN as Resource records the LambdaFunction* events instead, as Step Functions does.
 */
import { StateOutcome } from './types';
import { STATES_ERRORS, StatesError, runtimeError } from '../errors';
import type { StateRun } from '../execution/state-run';
import { describeResource } from '../integrations/resource';
import type { Json } from '../paths/jsonpath';
import { applyInputPath } from '../processing/input-path';
import { applyArguments, applyParameters } from '../processing/parameters';
import { dynamicValue } from '../processing/payload-template';
import { finishWithResult } from '../processing/result-flow';

/** The guide's default TimeoutSeconds of a Task: 99999999 seconds (the execution's own limit applies first). */
export const DEFAULT_TASK_TIMEOUT_SECONDS = 99999999;

export async function runTask(run: StateRun): Promise<StateOutcome> {
  const s = run.state;
  const env = run.env;
  const resource = run.machine.paths.memoIn('resource', s.Resource, () => describeResource(s.Resource));
  // JSONPath fields are read synchronously; only JSONata expressions need awaiting.
  let timeoutField = seconds(run, 'TimeoutSeconds');
  if (timeoutField instanceof Promise) timeoutField = await timeoutField;
  let heartbeatField = seconds(run, 'HeartbeatSeconds');
  if (heartbeatField instanceof Promise) heartbeatField = await heartbeatField;
  const timeoutSeconds = timeoutField ?? DEFAULT_TASK_TIMEOUT_SECONDS;
  const heartbeatSeconds = heartbeatField;
  let token: { token: string; answer: Promise<Json>; close: () => void } | undefined;
  let heartbeatTimer: (() => void) | undefined;
  if (resource.pattern === 'waitForTaskToken') {
    token = run.machine.tokens.issue(env.execution.arn, () => heartbeatTimer?.());
    run.taskToken = token.token;
  }
  const input = run.language === 'JSONata' ? await applyArguments(run) : applyParameters(run, applyInputPath(run, run.rawInput));
  const lambdaArn = resource.kind === 'lambda-function';
  const names = { resourceType: resource.resourceType, resource: resource.resourceName };
  const fail = (type: 'Failed' | 'TimedOut', error: StatesError) => env.event(lambdaArn ? `LambdaFunction${type}` : `Task${type}`,
    lambdaArn ? `lambdaFunction${type}EventDetails` : `task${type}EventDetails`,
    lambdaArn ? { error: error.error, cause: error.cause } : { ...names, error: error.error, cause: error.cause });
  if (lambdaArn) {
    env.event('LambdaFunctionScheduled', 'lambdaFunctionScheduledEventDetails', {
      resource: s.Resource, input, inputDetails: { truncated: false }, timeoutInSeconds: timeoutSeconds,
    });
    env.event('LambdaFunctionStarted');
  } else {
    env.event('TaskScheduled', 'taskScheduledEventDetails', {
      ...names,
      region: run.machine.ctx.env.region,
      parameters: input,
      timeoutInSeconds: timeoutSeconds,
      ...(heartbeatSeconds !== undefined ? { heartbeatInSeconds: heartbeatSeconds } : {}),
    });
    env.event('TaskStarted', 'taskStartedEventDetails', names);
  }

  const clock = run.machine.ctx.clock;
  const timers: Array<() => void> = [];
  // Without TimeoutSeconds the task's 99999999-second limit outlasts any execution, whose own timeout stops it first.
  const timed = timeoutSeconds !== DEFAULT_TASK_TIMEOUT_SECONDS || heartbeatSeconds !== undefined;
  const expire = !timed ? undefined : new Promise<never>((_resolve, reject) => {
    const schedule = (ms: number, error: () => StatesError) => {
      const task = clock.schedule(clock.now() + ms, () => reject(error()), { label: `stepfunctions ${run.name} timeout` });
      return () => clock.cancel(task);
    };
    timers.push(schedule(timeoutSeconds * 1000, () => new StatesError(STATES_ERRORS.Timeout, `The task '${run.name}' timed out after ${timeoutSeconds} seconds`)));
    if (heartbeatSeconds !== undefined) {
      let cancelHeartbeat = schedule(heartbeatSeconds * 1000, () => heartbeatError(run.name, heartbeatSeconds));
      heartbeatTimer = () => {
        cancelHeartbeat();
        cancelHeartbeat = schedule(heartbeatSeconds * 1000, () => heartbeatError(run.name, heartbeatSeconds));
      };
      timers.push(() => cancelHeartbeat());
    }
  });
  expire?.catch(() => undefined);
  const work = run.machine.tasks.run({
    resource: s.Resource,
    input,
    env,
    stateName: run.name,
    taskToken: token?.token,
    credentials: s.Credentials,
    event: (type, key, details) => env.event(type, key, { ...names, ...details }),
    heartbeat: () => heartbeatTimer?.(),
  });
  const answer = token ? work.then(() => token.answer) : work;
  let result: Json;
  try {
    result = await env.wait(expire ? Promise.race([answer, expire]) : answer);
  } catch (e) {
    const error = e instanceof StatesError ? e : runtimeError(e instanceof Error ? e.message : String(e));
    if (!env.abort.aborted) {
      const timedOut = error.error === STATES_ERRORS.Timeout || error.error === STATES_ERRORS.HeartbeatTimeout;
      fail(timedOut ? 'TimedOut' : 'Failed', error);
    }
    throw error;
  } finally {
    for (const cancel of timers) cancel();
    token?.close();
  }
  if (lambdaArn) {
    env.event('LambdaFunctionSucceeded', 'lambdaFunctionSucceededEventDetails', { output: result, outputDetails: { truncated: false } });
  } else {
    env.event('TaskSucceeded', 'taskSucceededEventDetails', { ...names, output: result, outputDetails: { truncated: false } });
  }
  return { output: await finishWithResult(run, result), next: s.Next };
}

function heartbeatError(name: string, limit: number): StatesError {
  return new StatesError(STATES_ERRORS.HeartbeatTimeout, `The task '${name}' sent no heartbeat for ${limit} seconds`);
}

/** TimeoutSeconds / HeartbeatSeconds: a number, a `...Path` (JSONPath), or a JSONata expression; a positive integer. */
function seconds(run: StateRun, field: 'TimeoutSeconds' | 'HeartbeatSeconds'): number | undefined | Promise<number | undefined> {
  const s = run.state;
  if (run.language === 'JSONata') {
    if (s[field] === undefined) return undefined;
    return run.machine.jsonata.template(s[field], run.jsonataScope(), field).then(value => checkedSeconds(field, value));
  }
  const pathField = field === 'TimeoutSeconds' ? 'TimeoutSecondsPath' : 'HeartbeatSecondsPath';
  if (s[pathField] === undefined) return checkedSeconds(field, s[field]);
  return checkedSeconds(field, dynamicValue(pathField, s[pathField], run.pathData(run.rawInput), run.machine.intrinsics));
}

function checkedSeconds(field: string, value: Json | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw runtimeError(`The value of the field '${field}' must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}
