/**
 * One attempt of a job: the registered handler stands in for the container. It runs when the attempt starts; the
 * attempt lasts `durationMs` of virtual time and holds its vCPUs meanwhile. Exit code 0 (or no return value)
 * succeeds; a non-zero exit code or a throw (exit code 1, as an uncaught error ends a process) fails the attempt
 * with the statusReason Batch gives an exited container, "Essential container in task exited". An attempt that
 * runs longer than `timeout.attemptDurationSeconds` is stopped with "Job attempt duration exceeded timeout" (API
 * Reference, JobTimeout: measured from the attempt's startedAt). A job definition with no handler is a container that
 * cannot start: the attempt fails with statusReason "Task failed to start" and container reason
 * "CannotStartContainerError: ..." (the ECS stopped reason for a container that cannot start), and the run reports it.
 */
import { Job } from './job';
import { ComputeEnvironment } from './resources';
import { VirtualClock } from '../kernel';

/** What a job handler receives: the container's view of its job. */
export interface BatchJob {
  readonly jobId: string;
  readonly jobName: string;
  /** The job queue's ARN. */
  readonly jobQueue: string;
  readonly parameters: Readonly<Record<string, string>>;
  /** The command with every `Ref::name` element replaced by its parameter. */
  readonly command: readonly string[];
  /** The container's environment, with the AWS_BATCH_* variables Batch sets. */
  readonly environment: Readonly<Record<string, string>>;
  /** Array children: their index (also AWS_BATCH_JOB_ARRAY_INDEX). */
  readonly arrayIndex?: number;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly vcpus: number;
  readonly memoryMiB: number;
}

/** The container's stand-in: returns the exit code (void = 0) or throws (exit code 1). */
export type JobHandler = (job: BatchJob) => number | void | Promise<number | void>;

export interface JobHandlerOptions {
  /** Virtual time each attempt runs, in milliseconds (or a function of the job). @default 0 */
  readonly durationMs?: number | ((job: BatchJob) => number);
}

export interface JobHandlerRegistration {
  readonly handler: JobHandler;
  readonly options: JobHandlerOptions;
}

export const ESSENTIAL_CONTAINER_EXITED = 'Essential container in task exited';
export const ATTEMPT_TIMED_OUT = 'Job attempt duration exceeded timeout';
export const TASK_FAILED_TO_START = 'Task failed to start';

export interface AttemptOutcome {
  readonly succeeded: boolean;
  readonly statusReason: string;
  readonly exitCode?: number;
  readonly reason?: string;
  /** TerminateJob ended it: no retry. */
  readonly terminated?: boolean;
  /** The handler's error, for the trace. */
  readonly error?: string;
}

export function batchJobOf(job: Job, attempt: number, environment: ComputeEnvironment): BatchJob {
  const spec = job.spec;
  return {
    jobId: job.id,
    jobName: spec.name,
    jobQueue: spec.queue.arn,
    parameters: { ...spec.parameters },
    command: [...spec.command],
    environment: {
      ...job.containerEnvironment(),
      AWS_BATCH_JOB_ID: job.id,
      AWS_BATCH_JQ_NAME: spec.queue.name,
      AWS_BATCH_CE_NAME: environment.name,
      AWS_BATCH_JOB_ATTEMPT: String(attempt),
    },
    ...(job.arrayIndex !== undefined ? { arrayIndex: job.arrayIndex } : {}),
    attempt,
    vcpus: spec.resources.vcpus,
    memoryMiB: spec.resources.memoryMiB,
  };
}

/** Runs one attempt; resolves at the virtual time it ends (or when TerminateJob interrupts it). */
export function runAttempt(
  clock: VirtualClock, job: Job, batchJob: BatchJob, registration: JobHandlerRegistration | undefined,
): Promise<AttemptOutcome> {
  return new Promise<AttemptOutcome>(resolve => {
    if (registration === undefined) {
      resolve({
        succeeded: false,
        statusReason: TASK_FAILED_TO_START,
        reason: `CannotStartContainerError: no handler for job definition ${job.spec.definition.name} (register one with sim.jobDefinition(ref).handle(fn))`,
      });
      return;
    }
    let done = false;
    let timeUp = false;
    let handled: AttemptOutcome | undefined;
    const start = clock.now();
    const { durationMs } = registration.options;
    const duration = Math.max(0, typeof durationMs === 'function' ? durationMs(batchJob) : durationMs ?? 0);
    const timeoutMs = job.spec.attemptDurationSeconds === undefined ? Infinity : job.spec.attemptDurationSeconds * 1000;
    const timesOut = duration > timeoutMs;
    const finish = (outcome: AttemptOutcome) => {
      if (done) return;
      done = true;
      clock.cancel(timer);
      job.interrupt = undefined;
      resolve(outcome);
    };
    job.interrupt = reason => finish({ succeeded: false, statusReason: reason, terminated: true });
    const timer = clock.schedule(start + Math.min(duration, timeoutMs), () => {
      timeUp = true;
      if (timesOut) finish({ succeeded: false, statusReason: ATTEMPT_TIMED_OUT });
      else if (handled) finish(handled);
    }, { label: `batch job ${job.id} attempt` });
    void Promise.resolve()
      .then(() => registration.handler(batchJob))
      .then(exitOutcome, (err: unknown) => ({
        succeeded: false, statusReason: ESSENTIAL_CONTAINER_EXITED, exitCode: 1, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      }))
      .then(outcome => {
        handled = outcome;
        if (timeUp && !timesOut) finish(outcome);
      });
  });
}

function exitOutcome(code: unknown): AttemptOutcome {
  const exitCode = typeof code === 'number' && Number.isInteger(code) ? code : 0;
  return { succeeded: exitCode === 0, statusReason: ESSENTIAL_CONTAINER_EXITED, exitCode };
}
