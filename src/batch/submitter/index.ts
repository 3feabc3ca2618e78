// The submitter Lambda that S3ToBatchPipeline ships: for every object-created record of an S3 event notification it
// submits one AWS Batch job, passing the bucket name and the object key as job parameters (`Ref::bucket`,
// `Ref::key` in the job's command) and as environment variables (INPUT_BUCKET, INPUT_KEY).
//
// Self-contained on purpose: jsii compiles it to lib/batch/submitter/index.js, which is the Lambda asset, so it may
// import only what the Lambda Node.js runtime provides (the AWS SDK v3) and nothing from the rest of the library.
// The Lambda Node.js runtime provides the AWS SDK v3; this package must not depend on it at run time.
// eslint-disable-next-line import/no-extraneous-dependencies
import { BatchClient, SubmitJobCommand } from '@aws-sdk/client-batch';

/** The part of an S3 event notification record the submitter reads. */
export interface S3NotificationRecord {
  readonly eventName?: string;
  readonly s3: {
    readonly bucket: { readonly name: string };
    readonly object: { readonly key: string; readonly size?: number; readonly versionId?: string };
  };
}

/** An S3 event notification (S3 may also send a test event with no Records). */
export interface S3NotificationEvent {
  readonly Records?: S3NotificationRecord[];
}

/** One job the submitter submitted. */
export interface SubmittedJob {
  readonly bucket: string;
  readonly key: string;
  readonly jobName: string;
  readonly jobId: string;
}

/** One record the submitter could not turn into a job. */
export interface FailedRecord {
  readonly bucket: string;
  readonly key: string;
  readonly error: string;
}

/** What one invocation did, record by record. */
export interface SubmissionReport {
  readonly submitted: SubmittedJob[];
  readonly failed: FailedRecord[];
  /** Records that were not object-created events. */
  readonly skipped: number;
}

/**
 * Thrown when at least one record failed, after every record was tried, so Lambda's asynchronous retries (and, after
 * them, the dead-letter queue) see the event. The report lists which records failed and which jobs were submitted
 * anyway: a retry submits those again, so jobs should be idempotent (S3 delivers at least once in any case).
 */
export class SubmitJobsError extends Error {
  constructor(public readonly report: SubmissionReport) {
    super(`${report.failed.length} of ${report.failed.length + report.submitted.length} record(s) failed to submit a Batch job: `
      + report.failed.map(f => `s3://${f.bucket}/${f.key} (${f.error})`).join('; '));
    this.name = 'SubmitJobsError';
  }
}

/** Environment variable names the construct sets on the function. */
export const ENV_JOB_QUEUE = 'JOB_QUEUE_ARN';
export const ENV_JOB_DEFINITION = 'JOB_DEFINITION_ARN';
export const ENV_JOB_NAME_PREFIX = 'JOB_NAME_PREFIX';

/** AWS Batch job names: 1-128 characters, letters, numbers, hyphens and underscores, starting with a letter or number. */
const MAX_JOB_NAME_LENGTH = 128;
const DEFAULT_JOB_NAME_PREFIX = 's3-';

// One client per container: reused across invocations (connection reuse, no per-event setup cost).
const batch = new BatchClient({});

export async function handler(event: S3NotificationEvent): Promise<SubmissionReport> {
  const config = readConfig(process.env);
  const records = event.Records ?? [];
  const created = records.filter(isObjectCreated);
  const outcomes = await Promise.allSettled(created.map(record => submitOne(record, config)));

  const submitted: SubmittedJob[] = [];
  const failed: FailedRecord[] = [];
  outcomes.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') {
      submitted.push(outcome.value);
    } else {
      const object = created[i].s3;
      failed.push({ bucket: object.bucket.name, key: decodeOrRaw(object.object.key), error: errorMessage(outcome.reason) });
    }
  });
  const report: SubmissionReport = { submitted, failed, skipped: records.length - created.length };
  console.log(JSON.stringify({ message: 'batch job submission', ...report }));
  if (failed.length > 0) throw new SubmitJobsError(report);
  return report;
}

interface SubmitterConfig {
  readonly jobQueue: string;
  readonly jobDefinition: string;
  readonly jobNamePrefix: string;
}

function readConfig(env: NodeJS.ProcessEnv): SubmitterConfig {
  const jobQueue = env[ENV_JOB_QUEUE];
  const jobDefinition = env[ENV_JOB_DEFINITION];
  if (!jobQueue || !jobDefinition) {
    throw new Error(`the submitter needs the environment variables ${ENV_JOB_QUEUE} and ${ENV_JOB_DEFINITION}`);
  }
  return { jobQueue, jobDefinition, jobNamePrefix: env[ENV_JOB_NAME_PREFIX] ?? DEFAULT_JOB_NAME_PREFIX };
}

function isObjectCreated(record: S3NotificationRecord): boolean {
  // Records without an eventName are treated as object-created (hand-made test events); S3 always sets it.
  return record.s3 !== undefined && (record.eventName === undefined || record.eventName.startsWith('ObjectCreated:'));
}

async function submitOne(record: S3NotificationRecord, config: SubmitterConfig): Promise<SubmittedJob> {
  const bucket = record.s3.bucket.name;
  const key = decodeS3Key(record.s3.object.key);
  const jobName = jobNameFor(config.jobNamePrefix, key);
  const response = await batch.send(new SubmitJobCommand({
    jobName,
    jobQueue: config.jobQueue,
    jobDefinition: config.jobDefinition,
    parameters: { bucket, key },
    containerOverrides: {
      environment: [
        { name: 'INPUT_BUCKET', value: bucket },
        { name: 'INPUT_KEY', value: key },
      ],
    },
  }));
  if (!response.jobId) throw new Error('SubmitJob returned no jobId');
  return { bucket, key, jobName, jobId: response.jobId };
}

/**
 * S3 event notifications URL-encode object keys, with '+' for spaces ("my file.csv" arrives as "my+file.csv",
 * "ü" as "%C3%BC"). A literal '+' in a key arrives as "%2B", so replacing '+' before decoding is safe.
 */
export function decodeS3Key(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

/**
 * A Batch job name for an object key: the prefix and the key with every character Batch does not accept replaced
 * by '-', cut to 128 characters keeping the end of the key (the file name tells runs apart better than the folder).
 */
export function jobNameFor(prefix: string, key: string): string {
  const safePrefix = sanitize(prefix).slice(0, MAX_JOB_NAME_LENGTH / 2);
  const room = MAX_JOB_NAME_LENGTH - safePrefix.length;
  const safeKey = sanitize(key);
  const name = safePrefix + (safeKey.length > room ? safeKey.slice(safeKey.length - room) : safeKey);
  if (name.length === 0) return 'job';
  return /^[A-Za-z0-9]/.test(name) ? name : `j${name}`.slice(0, MAX_JOB_NAME_LENGTH);
}

function decodeOrRaw(encoded: string): string {
  try {
    return decodeS3Key(encoded);
  } catch {
    return encoded;
  }
}

function sanitize(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '-');
}

function errorMessage(reason: unknown): string {
  if (reason instanceof Error) return `${reason.name}: ${reason.message}`;
  return String(reason);
}
