/**
 * A job's life as a fiber on the virtual clock (User Guide, "Job states"): SUBMITTED, then PENDING until its
 * dependencies succeed (FAILED with "Dependent Job failed" when one fails), RUNNABLE until the scheduler places it,
 * STARTING, RUNNING for the attempt, then SUCCEEDED, FAILED, or RUNNABLE again when the retry strategy retries it.
 * An array parent spawns its children once its own dependencies are met and ends when they all have: SUCCEEDED when
 * every child succeeded, FAILED otherwise. N_TO_N children wait for the child of the same index of each dependency;
 * SEQUENTIAL children wait for the child before them.
 */
import { AttemptOutcome, batchJobOf, JobHandlerRegistration, runAttempt } from './attempt';
import { Job, JobStatus } from './job';
import { shouldRetry } from './retry-strategy';
import { Scheduler } from './scheduler';
import { Fiber } from '../kernel';
import { SimContext } from '../runtime';

export const DEPENDENT_JOB_FAILED = 'Dependent Job failed';

export interface LifecycleHooks {
  /** The job (by id) a dependency names. */
  jobById(jobId: string): Job | undefined;
  /** The handler registered for a job definition (by logical id). */
  handlerOf(definitionLogicalId: string): JobHandlerRegistration | undefined;
  statusChanged(job: Job, from: JobStatus): void;
  attemptStarted(job: Job, attempt: number, environment: string): void;
  attemptEnded(job: Job, attempt: number, outcome: AttemptOutcome): void;
  noHandler(job: Job): void;
  /** Creates the children of an array parent (ids `<parentId>:<index>`). */
  createChildren(parent: Job): Job[];
}

export class JobLifecycle {
  constructor(private readonly ctx: SimContext, private readonly scheduler: Scheduler, private readonly hooks: LifecycleHooks) {}

  public start(job: Job): void {
    void this.ctx.clock.spawn(`batch job ${job.id}`, fiber => (job.isArrayParent ? this.runParent(fiber, job) : this.runJob(fiber, job)));
  }

  /** CancelJob/TerminateJob of a RUNNABLE job (see Scheduler.cancel). */
  public cancelRunnable(job: Job, reason: string): void {
    this.scheduler.cancel(job, reason);
  }

  /** Moves `job` to `status` and records it. */
  public setStatus(job: Job, status: JobStatus, reason?: string): void {
    if (job.status === status && reason === undefined) return;
    const from = job.setStatus(status, this.ctx.clock.now(), reason);
    this.hooks.statusChanged(job, from);
    if (status === 'RUNNABLE' && job.parent?.status === 'SUBMITTED') this.setStatus(job.parent, 'PENDING');
  }

  private async runParent(fiber: Fiber, job: Job): Promise<void> {
    const deps = job.spec.dependsOn.filter(d => d.type !== 'SEQUENTIAL' && d.type !== 'N_TO_N').map(d => this.endOf(d.jobId!));
    if (deps.length > 0 && !(await fiber.wait(allSucceeded(deps)))) return this.setStatus(job, 'FAILED', DEPENDENT_JOB_FAILED);
    if (job.cancelReason !== undefined) return this.setStatus(job, 'FAILED', job.cancelReason);
    const children = this.hooks.createChildren(job);
    job.setChildren(children);
    for (const child of children) this.start(child);
    await fiber.wait(Promise.all(children.map(c => c.ended)));
    this.setStatus(job, children.every(c => c.status === 'SUCCEEDED') ? 'SUCCEEDED' : 'FAILED');
  }

  private async runJob(fiber: Fiber, job: Job): Promise<void> {
    // The fiber's first step is already a clock task: until the clock runs it, the job shows SUBMITTED.
    if (job.status === 'SUBMITTED') this.setStatus(job, 'PENDING');
    const deps = this.dependenciesOf(job);
    if (deps.length > 0 && !(await fiber.wait(allSucceeded(deps)))) return this.setStatus(job, 'FAILED', DEPENDENT_JOB_FAILED);
    if (job.cancelReason !== undefined) return this.setStatus(job, 'FAILED', job.cancelReason);
    this.setStatus(job, 'RUNNABLE');
    const attempts = job.spec.retryStrategy?.attempts ?? 1;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const placement = await fiber.wait(this.scheduler.request(job));
      if ('cancelled' in placement) return this.setStatus(job, 'FAILED', placement.cancelled);
      const { environment } = placement.placed;
      const taskId = this.ctx.ids.hex(32);
      job.container = {
        logStreamName: `${job.spec.definition.name}/default/${taskId}`,
        taskArn: `arn:${this.ctx.env.partition}:ecs:${this.ctx.env.region}:${this.ctx.env.account}:task/AWSBatch-${environment.name}/${taskId}`,
      };
      // STARTING takes no virtual time (container start-up is not modelled): the job moves on to RUNNING at once.
      this.setStatus(job, 'STARTING');
      const startedAt = this.ctx.clock.now();
      job.startedAt ??= startedAt;
      this.setStatus(job, 'RUNNING');
      this.hooks.attemptStarted(job, attempt, environment.name);
      const registration = this.hooks.handlerOf(job.spec.definition.logicalId);
      if (registration === undefined) this.hooks.noHandler(job);
      const outcome = await fiber.wait(runAttempt(this.ctx.clock, job, batchJobOf(job, attempt, environment), registration));
      this.scheduler.release(placement.placed);
      const stoppedAt = this.ctx.clock.now();
      job.container = { ...job.container, exitCode: outcome.exitCode, reason: outcome.reason };
      job.attempts.push({
        container: {
          ...(outcome.exitCode !== undefined ? { exitCode: outcome.exitCode } : {}),
          ...(outcome.reason !== undefined ? { reason: outcome.reason } : {}),
          logStreamName: job.container.logStreamName!,
          taskArn: job.container.taskArn!,
        },
        startedAt,
        stoppedAt,
        statusReason: outcome.statusReason,
      });
      this.hooks.attemptEnded(job, attempt, outcome);
      if (outcome.succeeded) return this.setStatus(job, 'SUCCEEDED', outcome.statusReason);
      if (outcome.terminated || !shouldRetry(job.spec.retryStrategy, attempt, outcome)) return this.setStatus(job, 'FAILED', outcome.statusReason);
      this.setStatus(job, 'RUNNABLE');
    }
  }

  private dependenciesOf(job: Job): Promise<Job>[] {
    const out: Promise<Job>[] = [];
    const parent = job.parent;
    if (parent !== undefined && job.arrayIndex !== undefined) {
      const index = job.arrayIndex;
      for (const d of parent.spec.dependsOn) {
        if (d.type === 'SEQUENTIAL' && index > 0) out.push(parent.children[index - 1].ended);
        if (d.type === 'N_TO_N') {
          const dep = this.hooks.jobById(d.jobId!);
          if (dep) out.push(dep.spawned.then(children => children[index].ended));
        }
      }
      return out;
    }
    for (const d of job.spec.dependsOn) out.push(this.endOf(d.jobId!));
    return out;
  }

  private endOf(jobId: string): Promise<Job> {
    const dep = this.hooks.jobById(jobId);
    return dep ? dep.ended : Promise.resolve(undefined as unknown as Job);
  }
}

/** True once every dependency succeeded; false as soon as one fails. */
function allSucceeded(deps: Promise<Job>[]): Promise<boolean> {
  if (deps.length === 0) return Promise.resolve(true);
  return new Promise<boolean>(resolve => {
    let left = deps.length;
    for (const dep of deps) {
      void dep.then(job => {
        if (job === undefined || job.status !== 'SUCCEEDED') resolve(false);
        else if (--left === 0) resolve(true);
      });
    }
  });
}
