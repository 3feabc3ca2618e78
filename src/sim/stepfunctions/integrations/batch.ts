/**
 * `arn:aws:states:::batch:submitJob` (request-response: SubmitJob's answer) and `.sync` (run a job: the task ends
 * when the job does, with the job's DescribeJobs entry; a FAILED job fails the task with States.TaskFailed and the
 * job description as the cause). Errors of the Batch API are `Batch.<Exception>`.
 */
import type { IntegrationContext } from './context';
import { optimizedError, toJson, withSdkMetadata } from './sdk';
import { StatesError, STATES_ERRORS } from '../errors';
import type { Json } from '../paths/jsonpath';

export async function batchSubmitJob(ic: IntegrationContext): Promise<Json> {
  const api = ic.api('batch', 'Batch');
  let submitted: Record<string, any>;
  try {
    submitted = await api.call('SubmitJob', ic.parameters, ic.caller);
  } catch (e) {
    throw optimizedError('Batch', e);
  }
  if (ic.resource.pattern !== 'sync') return withSdkMetadata(submitted);
  ic.call.event('TaskSubmitted', 'taskSubmittedEventDetails', { output: withSdkMetadata(submitted), outputDetails: { truncated: false } });
  const batch = ic.ctx.services.batch;
  if (!batch) {
    ic.ctx.reportProblem(ic.call.env.machine.logicalId, `state '${ic.call.stateName}' waits for a Batch job (batch:submitJob.sync), but Batch jobs are not simulated`);
    throw new StatesError('Batch.SdkClientException', 'Unable to execute HTTP request: the simulator does not simulate the batch service');
  }
  let job: Record<string, any>;
  try {
    job = await batch.whenJobEnds(String(submitted.jobId ?? submitted.JobId));
  } catch (e) {
    throw optimizedError('Batch', e);
  }
  const detail = toJson(job);
  if (job.status === 'FAILED') throw new StatesError(STATES_ERRORS.TaskFailed, JSON.stringify(detail));
  return detail;
}
