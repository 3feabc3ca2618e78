// The S3ToBatchPipeline submitter as a simulator handler, until the simulator runs functions' own code (a later
// issue). It reuses the library's submitter module (src/batch/submitter): its environment variable names, its S3 key
// decoding and its job naming. Its `handler` sends through a module-level BatchClient, which cannot reach the
// in-process simulator yet, so this stand-in makes the same SubmitJob call through the simulator's Batch API instead.
import {
  decodeS3Key, ENV_JOB_DEFINITION, ENV_JOB_NAME_PREFIX, ENV_JOB_QUEUE, jobNameFor, S3NotificationEvent, SubmissionReport,
} from '../src/batch/submitter';
import { ResourceRef, Simulator } from '../src/sim';
import type { LambdaHandlerFn } from '../src/sim/lambda';

/** Registers the submitter logic on `submitter` (the pipeline's function); jobs go to the queue its environment names. */
export function registerSubmitterStandIn(sim: Simulator, submitter: ResourceRef, anyJobQueue: ResourceRef): void {
  const fn = sim.lambda(submitter);
  const env = fn.environment;
  const handler: LambdaHandlerFn = async (event: S3NotificationEvent): Promise<SubmissionReport> => {
    const records = event.Records ?? [];
    const created = records.filter(r => r.s3 !== undefined && (r.eventName === undefined || r.eventName.startsWith('ObjectCreated:')));
    const submitted = [];
    for (const record of created) {
      const bucket = record.s3.bucket.name;
      const key = decodeS3Key(record.s3.object.key);
      const jobName = jobNameFor(env[ENV_JOB_NAME_PREFIX] ?? 's3-', key);
      const out = await sim.jobQueue(anyJobQueue).submitJob({
        jobName,
        jobQueue: env[ENV_JOB_QUEUE],
        jobDefinition: env[ENV_JOB_DEFINITION],
        parameters: { bucket, key },
        containerOverrides: { environment: [{ name: 'INPUT_BUCKET', value: bucket }, { name: 'INPUT_KEY', value: key }] },
      });
      submitted.push({ bucket, key, jobName, jobId: out.jobId });
    }
    return { submitted, failed: [], skipped: records.length - created.length };
  };
  fn.handle(handler);
}
