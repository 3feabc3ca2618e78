/**
 * One Batch job: its resolved specification, its status with the DescribeJobs timestamps, and its attempts. An array
 * job is a parent whose children (`<parentId>:<index>`) are jobs of their own; the parent's status and
 * `arrayProperties.statusSummary` follow from its children (User Guide, "Array jobs").
 */
import { ContainerResources } from './resource-rules';
import { JobDefinitionModel, JobQueueModel, RetryStrategy } from './resources';

export type JobStatus = 'SUBMITTED' | 'PENDING' | 'RUNNABLE' | 'STARTING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

export const JOB_STATUSES: readonly JobStatus[] = ['SUBMITTED', 'PENDING', 'RUNNABLE', 'STARTING', 'RUNNING', 'SUCCEEDED', 'FAILED'];

/** A SubmitJob dependency (`{ jobId, type }`). */
export interface JobDependency {
  readonly jobId?: string;
  readonly type?: 'N_TO_N' | 'SEQUENTIAL' | string;
}

/** One attempt, as DescribeJobs lists it in `attempts`. */
export interface AttemptRecord {
  readonly container: { readonly exitCode?: number; readonly reason?: string; readonly logStreamName: string; readonly taskArn: string };
  readonly startedAt: number;
  readonly stoppedAt: number;
  readonly statusReason: string;
}

/** What a job runs: the definition merged with the SubmitJob overrides. */
export interface JobSpec {
  readonly name: string;
  readonly queue: JobQueueModel;
  readonly definition: JobDefinitionModel;
  readonly parameters: Readonly<Record<string, string>>;
  /** The command with every `Ref::name` element replaced by its parameter. */
  readonly command: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  readonly resources: Required<ContainerResources>;
  readonly resourceRequirements: readonly { type: string; value: string }[];
  readonly retryStrategy?: RetryStrategy;
  readonly attemptDurationSeconds?: number;
  readonly dependsOn: readonly JobDependency[];
  readonly arraySize?: number;
  readonly tags?: Readonly<Record<string, string>>;
}

export class Job {
  public status: JobStatus = 'SUBMITTED';
  public statusReason?: string;
  public startedAt?: number;
  public stoppedAt?: number;
  public readonly attempts: AttemptRecord[] = [];
  /** The current or last container's outcome (DescribeJobs `container.exitCode` / `reason`). */
  public container: { exitCode?: number; reason?: string; logStreamName?: string; taskArn?: string } = {};
  /** Set while an attempt runs: ends it now (TerminateJob). */
  public interrupt?: (reason: string) => void;
  /** CancelJob / TerminateJob before the job started: the reason it fails with when its turn comes. */
  public cancelReason?: string;
  /** Array parents: the children, created when the parent's dependencies are met. */
  public children: Job[] = [];
  /** Array parents: children per status. */
  public readonly childCounts: Record<string, number> = {};
  /** Resolves with the job once it is SUCCEEDED or FAILED. */
  public readonly ended: Promise<Job>;
  /** Array parents: resolves with the children once they exist. */
  public readonly spawned: Promise<Job[]>;
  private endResolve!: (job: Job) => void;
  private spawnedResolve!: (children: Job[]) => void;

  constructor(
    public readonly id: string,
    public readonly arn: string,
    public readonly spec: JobSpec,
    public readonly createdAt: number,
    /** Array children: their parent and index. */
    public readonly parent?: Job,
    public readonly arrayIndex?: number,
  ) {
    this.ended = new Promise(resolve => { this.endResolve = resolve; });
    this.spawned = new Promise(resolve => { this.spawnedResolve = resolve; });
  }

  public get isArrayParent(): boolean {
    return this.spec.arraySize !== undefined && this.parent === undefined;
  }

  public get isDone(): boolean {
    return this.status === 'SUCCEEDED' || this.status === 'FAILED';
  }

  /** Moves to `status`; returns the previous status. Settles `ended` on SUCCEEDED/FAILED. */
  public setStatus(status: JobStatus, now: number, reason?: string): JobStatus {
    const from = this.status;
    this.status = status;
    if (reason !== undefined) this.statusReason = reason;
    if (status === 'SUCCEEDED' || status === 'FAILED') {
      this.stoppedAt ??= now;
      this.interrupt = undefined;
      this.endResolve(this);
    }
    if (this.parent) {
      this.parent.childCounts[from] = (this.parent.childCounts[from] ?? 1) - 1;
      this.parent.childCounts[status] = (this.parent.childCounts[status] ?? 0) + 1;
    }
    return from;
  }

  public setChildren(children: Job[]): void {
    this.children = children;
    for (const s of JOB_STATUSES) this.childCounts[s] = 0;
    this.childCounts.SUBMITTED = 0;
    this.childCounts.PENDING = children.length;
    this.spawnedResolve(children);
  }

  /** The job as DescribeJobs returns it (SDK v3 `JobDetail`). */
  public detail(): Record<string, any> {
    const s = this.spec;
    const d = s.definition;
    const container: Record<string, any> = {
      image: d.image,
      command: [...s.command],
      environment: Object.entries(this.containerEnvironment()).map(([name, value]) => ({ name, value })),
      resourceRequirements: s.resourceRequirements.map(r => ({ ...r })),
      ...(d.jobRoleArn ? { jobRoleArn: d.jobRoleArn } : {}),
      ...(d.executionRoleArn ? { executionRoleArn: d.executionRoleArn } : {}),
      ...definedOnly(this.container),
    };
    return definedOnly({
      jobArn: this.arn,
      jobName: s.name,
      jobId: this.id,
      jobQueue: s.queue.arn,
      status: this.status,
      statusReason: this.statusReason,
      attempts: this.isArrayParent ? [] : this.attempts.map(a => ({ ...a, container: { ...a.container } })),
      createdAt: this.createdAt,
      startedAt: this.startedAt,
      stoppedAt: this.stoppedAt,
      retryStrategy: s.retryStrategy
        ? { attempts: s.retryStrategy.attempts, evaluateOnExit: s.retryStrategy.evaluateOnExit.map(e => definedOnly({ ...e })) }
        : undefined,
      dependsOn: s.dependsOn.map(x => ({ ...x })),
      jobDefinition: d.arn,
      parameters: { ...s.parameters },
      container: this.isArrayParent ? undefined : container,
      timeout: s.attemptDurationSeconds === undefined ? undefined : { attemptDurationSeconds: s.attemptDurationSeconds },
      arrayProperties: this.arrayProperties(),
      tags: s.tags ? { ...s.tags } : undefined,
      propagateTags: d.propagateTags,
      platformCapabilities: [d.platform],
    });
  }

  /** The job as ListJobs returns it (SDK v3 `JobSummary`). */
  public summary(): Record<string, any> {
    return definedOnly({
      jobArn: this.arn,
      jobId: this.id,
      jobName: this.spec.name,
      createdAt: this.createdAt,
      status: this.status,
      statusReason: this.statusReason,
      startedAt: this.startedAt,
      stoppedAt: this.stoppedAt,
      container: this.isArrayParent ? undefined : definedOnly({ exitCode: this.container.exitCode, reason: this.container.reason }),
      arrayProperties: this.isArrayParent ? { size: this.spec.arraySize } : this.arrayIndex !== undefined ? { index: this.arrayIndex } : undefined,
      jobDefinition: this.spec.definition.arn,
    });
  }

  /** The environment the container gets before the per-attempt AWS_BATCH_* variables. */
  public containerEnvironment(): Record<string, string> {
    const env: Record<string, string> = { ...this.spec.environment };
    if (this.arrayIndex !== undefined) env.AWS_BATCH_JOB_ARRAY_INDEX = String(this.arrayIndex);
    return env;
  }

  private arrayProperties(): Record<string, any> | undefined {
    if (this.isArrayParent) {
      const statusSummary: Record<string, number> = {};
      for (const status of JOB_STATUSES) statusSummary[status] = this.childCounts[status] ?? 0;
      return { statusSummary, size: this.spec.arraySize };
    }
    return this.arrayIndex === undefined ? undefined : { index: this.arrayIndex };
  }
}

function definedOnly<T extends Record<string, any>>(o: T): T {
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}
