/**
 * `arn:aws:states:::states:startExecution`: StartExecution of another (or the same) state machine as the role.
 * Request-response answers `{ ExecutionArn, StartDate }`; `.sync` waits for the execution and answers
 * DescribeExecution's fields (Output as JSON text), `.sync:2` the same with Output parsed; a child that does not
 * succeed fails the task with States.TaskFailed and that description as the cause. Fields are PascalCase with dates as
 * epoch milliseconds, as Step Functions returns them; a non-string Input is sent as its JSON text.
 */
import type { IntegrationContext } from './context';
import { asText, optimizedError, responseFields, withSdkMetadata } from './sdk';
import { StatesError, STATES_ERRORS } from '../errors';
import type { Json } from '../paths/jsonpath';

export async function statesStartExecution(ic: IntegrationContext): Promise<Json> {
  const p = ic.parameters;
  const api = ic.api('states', 'StepFunctions');
  let started: Record<string, any>;
  try {
    started = await api.call('StartExecution', { ...p, Input: asText(p.Input) }, ic.caller);
  } catch (e) {
    throw optimizedError('StepFunctions', e);
  }
  const submitted = withSdkMetadata(pascal(started) as Record<string, any>);
  const pattern = ic.resource.pattern;
  if (pattern !== 'sync' && pattern !== 'sync:2') return submitted;
  ic.call.event('TaskSubmitted', 'taskSubmittedEventDetails', { output: submitted, outputDetails: { truncated: false } });
  const described = await ic.host.whenExecutionEnds(started.executionArn);
  const fields = responseFields(pascal(described) as Record<string, any>);
  if (pattern === 'sync:2' && typeof fields.Output === 'string') fields.Output = JSON.parse(fields.Output);
  if (described.status !== 'SUCCEEDED') throw new StatesError(STATES_ERRORS.TaskFailed, JSON.stringify(fields));
  return fields;
}

/** Step Functions answers its own integration in the Java SDK's PascalCase, dates as epoch milliseconds. */
function pascal(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) return value.map(pascal);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k === '$metadata' ? k : k.charAt(0).toUpperCase() + k.slice(1), pascal(v)]));
}
