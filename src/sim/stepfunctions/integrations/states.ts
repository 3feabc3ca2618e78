/**
 * `arn:aws:states:::states:startExecution`: StartExecution of another (or the same) state machine as the role.
 * Request-response answers `{ ExecutionArn, StartDate }`; `.sync` waits for the execution and answers
 * DescribeExecution's fields (Output as JSON text), `.sync:2` the same with Output parsed; a child that does not
 * succeed fails the task with States.TaskFailed and that description as the cause. A non-string Input is sent as
 * its JSON text.
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
  const pattern = ic.resource.pattern;
  if (pattern !== 'sync' && pattern !== 'sync:2') return withSdkMetadata(started);
  ic.call.event('TaskSubmitted', 'taskSubmittedEventDetails', { output: JSON.stringify(withSdkMetadata(started)), outputDetails: { truncated: false } });
  const described = await ic.call.env.wait(ic.host.whenExecutionEnds(started.executionArn ?? started.ExecutionArn));
  const fields = responseFields(described);
  if (pattern === 'sync:2' && typeof fields.Output === 'string') fields.Output = JSON.parse(fields.Output);
  if (described.status !== 'SUCCEEDED') throw new StatesError(STATES_ERRORS.TaskFailed, JSON.stringify(fields));
  return fields;
}
