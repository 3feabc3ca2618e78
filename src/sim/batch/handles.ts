/**
 * `sim.jobQueue(ref)` and `sim.jobDefinition(ref)`: submit and inspect jobs with the SDK v3 Batch shapes, and register
 * the job definition's container stand-in.
 */
import { JobHandler, JobHandlerOptions } from './attempt';
import { SubmitJobInput } from './submit';

/** What the service does for the handles (the same methods answer the ServiceApi). */
export interface BatchOperations {
  submitJob(input: SubmitJobInput): Promise<Record<string, any>>;
  describeJobs(input: { jobs: string[] }): Promise<Record<string, any>>;
  listJobs(input: Record<string, any>): Promise<Record<string, any>>;
  terminateJob(input: { jobId: string; reason: string }): Promise<Record<string, any>>;
  cancelJob(input: { jobId: string; reason: string }): Promise<Record<string, any>>;
}

/** SubmitJob on this queue: `jobQueue` may be left out. */
export type QueueSubmitJobInput = Omit<SubmitJobInput, 'jobQueue'> & { readonly jobQueue?: string };

export class JobQueueHandle {
  constructor(
    public readonly logicalId: string,
    public readonly jobQueueArn: string,
    public readonly jobQueueName: string,
    private readonly ops: BatchOperations,
  ) {}

  /** SubmitJob to this queue. Resolves at once with `{ jobArn, jobName, jobId }`; the job runs on the clock. */
  public async submitJob(input: QueueSubmitJobInput): Promise<Record<string, any>> {
    return this.ops.submitJob({ ...input, jobQueue: input.jobQueue ?? this.jobQueueArn });
  }

  /** DescribeJobs: up to 100 job ids (array children as `<jobId>:<index>`). */
  public async describeJobs(input: { jobs: string[] }): Promise<Record<string, any>> {
    return this.ops.describeJobs(input);
  }

  /** ListJobs of this queue (`jobStatus` defaults to RUNNING, as in AWS), or of an array job's children (`arrayJobId`). */
  public async listJobs(input: Record<string, any> = {}): Promise<Record<string, any>> {
    return this.ops.listJobs(input.arrayJobId !== undefined ? input : { ...input, jobQueue: input.jobQueue ?? this.jobQueueArn });
  }

  public async terminateJob(input: { jobId: string; reason: string }): Promise<Record<string, any>> {
    return this.ops.terminateJob(input);
  }

  public async cancelJob(input: { jobId: string; reason: string }): Promise<Record<string, any>> {
    return this.ops.cancelJob(input);
  }
}

export class JobDefinitionHandle {
  constructor(
    public readonly logicalId: string,
    public readonly jobDefinitionArn: string,
    public readonly jobDefinitionName: string,
    private readonly register: (handler: JobHandler, options: JobHandlerOptions) => void,
  ) {}

  /**
   * Registers the container's stand-in for jobs of this definition: `fn(job)` returns the exit code (nothing = 0) or
   * throws (exit code 1); each attempt lasts `durationMs` of virtual time. Replaces any earlier handler.
   */
  public handle(fn: JobHandler, options: JobHandlerOptions = {}): this {
    if (typeof fn !== 'function') throw new TypeError(`sim.jobDefinition('${this.logicalId}').handle(fn): fn must be a function`);
    this.register(fn, options);
    return this;
  }
}
