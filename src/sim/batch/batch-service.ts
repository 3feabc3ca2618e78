/**
 * The AWS Batch simulator: compute environments, job queues and job definitions from the template; SubmitJob,
 * DescribeJobs, ListJobs, TerminateJob and CancelJob (ServiceApi `batch` and the handles); jobs as fibers on the
 * virtual clock (lifecycle.ts), placed by the scheduler under each compute environment's MaxvCpus (scheduler.ts).
 * Step Functions' `batch:submitJob.sync` waits on `whenJobEnds`.
 *
 * Not simulated (reported at load): multi-node parallel and EKS jobs, fair-share scheduling policies, Spot
 * interruptions, EC2 instance packing (an EC2 environment's capacity is its MaxvCpus), volumes, secrets.
 */
import { JobHandler, JobHandlerOptions, JobHandlerRegistration } from './attempt';
import { clientException, jobDefinitionNotFound, jobQueueNotFound } from './errors';
import { JobDefinitionHandle, JobQueueHandle } from './handles';
import { Job, JOB_STATUSES, JobStatus } from './job';
import { JobLifecycle } from './lifecycle';
import { ComputeEnvironment, JobDefinitionModel, JobQueueModel, readComputeEnvironment, readJobDefinition, readJobQueue } from './resources';
import { BLOCKED_STATUS_REASONS, Scheduler } from './scheduler';
import { buildJobSpec, SubmitJobInput } from './submit';
import { authorizeApiCall, RequiredPermission } from '../iam/api-authorization';
import { AwsError, dispatch, TemplateLoadError } from '../kernel';
import { BatchDelivery, CallerIdentity, ServiceApi, SimContext, SimService, TemplateResource } from '../runtime';

const COMPUTE_ENVIRONMENT = 'AWS::Batch::ComputeEnvironment';
const JOB_QUEUE = 'AWS::Batch::JobQueue';
const JOB_DEFINITION = 'AWS::Batch::JobDefinition';
const SCHEDULING_POLICY = 'AWS::Batch::SchedulingPolicy';

/** DescribeJobs takes at most 100 job ids; ListJobs returns at most 1,000 per page. */
export const MAX_DESCRIBE_JOBS = 100;
export const MAX_LIST_RESULTS = 1000;

export class BatchService implements SimService, ServiceApi, BatchDelivery {
  public readonly resourceTypes: readonly string[] = [COMPUTE_ENVIRONMENT, JOB_QUEUE, JOB_DEFINITION, SCHEDULING_POLICY];
  public readonly actions: readonly string[] = ['SubmitJob', 'DescribeJobs', 'ListJobs', 'TerminateJob', 'CancelJob'];

  private readonly environments = new Map<string, ComputeEnvironment>();
  private readonly queues = new Map<string, JobQueueModel>();
  private readonly definitions = new Map<string, JobDefinitionModel>();
  private readonly handlers = new Map<string, JobHandlerRegistration>();
  private readonly jobs = new Map<string, Job>();
  private readonly jobsByQueue = new Map<JobQueueModel, Job[]>();
  private readonly handles = new Map<string, unknown>();
  private lifecycle!: JobLifecycle;

  constructor(private readonly ctx: SimContext) {}

  public create(r: TemplateResource): void {
    const report = (reason: string) => this.ctx.reportUnsupported(r.logicalId, r.type, reason);
    if (r.type === COMPUTE_ENVIRONMENT) {
      const ce = readComputeEnvironment(r, report);
      if (ce.platform === 'EC2') report('EC2 instance packing is not simulated: the environment runs jobs while their vCPUs fit under MaxvCpus');
      this.environments.set(ce.arn, ce);
    } else if (r.type === JOB_QUEUE) {
      this.queues.set(r.logicalId, readJobQueue(r, report));
    } else if (r.type === JOB_DEFINITION) {
      this.definitions.set(r.logicalId, readJobDefinition(r, report));
    } else {
      report('fair-share scheduling policies are not simulated; queues schedule first in, first out');
    }
  }

  public link(): void {
    for (const queue of this.queues.values()) {
      queue.environments = queue.environmentArns.map(arn => {
        const ce = this.environments.get(arn);
        if (!ce) throw new TemplateLoadError(queue.logicalId, 'ClientException', `computeEnvironment ${arn} does not exist`);
        return ce;
      });
      if (new Set(queue.environments.map(ce => ce.platform)).size > 1) {
        throw new TemplateLoadError(queue.logicalId, 'ClientException', 'a job queue cannot mix EC2 and Fargate compute environments');
      }
    }
    const byPriority = [...this.queues.values()].sort((a, b) => b.priority - a.priority);
    const scheduler = new Scheduler(this.ctx.clock, byPriority, {
      blocked: (job, reason, detail) => {
        this.lifecycle.setStatus(job, 'RUNNABLE', BLOCKED_STATUS_REASONS[reason]);
        this.ctx.trace.record('batch', job.spec.queue.logicalId, 'job-blocked', { jobId: job.id, reason, detail });
        this.ctx.reportProblem(job.spec.queue.logicalId, `Batch job ${job.id} (${job.spec.name}) stays RUNNABLE: ${reason} (${detail})`);
      },
    });
    this.lifecycle = new JobLifecycle(this.ctx, scheduler, {
      jobById: id => this.jobs.get(id),
      handlerOf: logicalId => this.handlers.get(logicalId),
      statusChanged: (job, from) => this.ctx.trace.record('batch', job.spec.queue.logicalId, 'job-status-changed', {
        jobId: job.id, from, to: job.status, ...(job.statusReason !== undefined ? { statusReason: job.statusReason } : {}),
      }),
      attemptStarted: (job, attempt, environment) => this.ctx.trace.record('batch', job.spec.queue.logicalId, 'job-attempt-started', {
        jobId: job.id, attempt, computeEnvironment: environment, vcpus: job.spec.resources.vcpus,
      }),
      attemptEnded: (job, attempt, outcome) => this.ctx.trace.record('batch', job.spec.queue.logicalId, 'job-attempt-ended', {
        jobId: job.id,
        attempt,
        vcpus: job.spec.resources.vcpus,
        statusReason: outcome.statusReason,
        ...(outcome.exitCode !== undefined ? { exitCode: outcome.exitCode } : {}),
        ...(outcome.error !== undefined ? { error: outcome.error } : {}),
      }),
      noHandler: job => this.ctx.reportProblem(job.spec.definition.logicalId,
        `Batch job ${job.id} (${job.spec.name}) ran with no handler for job definition ${job.spec.definition.name}: `
        + 'the attempt fails as a container that cannot start (register one with sim.jobDefinition(ref).handle(fn))'),
      createChildren: parent => this.createChildren(parent),
    });
  }

  public handle(accessor: string, logicalId: string): unknown {
    const key = `${accessor}:${logicalId}`;
    let handle = this.handles.get(key);
    if (handle) return handle;
    if (accessor === 'jobQueue') {
      const queue = this.queues.get(logicalId);
      if (!queue) throw new Error(`BatchService: no job queue with logical id '${logicalId}'`);
      handle = new JobQueueHandle(logicalId, queue.arn, queue.name, this);
    } else {
      const definition = this.definitions.get(logicalId);
      if (!definition) throw new Error(`BatchService: no job definition with logical id '${logicalId}'`);
      handle = new JobDefinitionHandle(logicalId, definition.arn, definition.name,
        (handler: JobHandler, options: JobHandlerOptions) => this.handlers.set(logicalId, { handler, options }));
    }
    this.handles.set(key, handle);
    return handle;
  }

  /**
   * Answers one API call (ServiceApi) after the caller's identity-based policies allow it: SubmitJob needs
   * batch:SubmitJob on the job queue and on the job definition (Service Authorization Reference, AWS Batch); the
   * other actions take no resource ARN (`*`).
   */
  public async call(action: string, input: Record<string, any>, caller: CallerIdentity): Promise<Record<string, any>> {
    if (this.actions.includes(action)) {
      const permissions: RequiredPermission[] = [];
      if (action === 'SubmitJob') {
        const queue = [...this.queues.values()].find(q => q.arn === input.jobQueue || q.name === input.jobQueue);
        if (queue) permissions.push({ action: 'batch:SubmitJob', resource: queue.arn, logicalId: queue.logicalId });
        try {
          const d = this.definitionOf(input.jobDefinition);
          permissions.push({ action: 'batch:SubmitJob', resource: d.arn, logicalId: d.logicalId });
        } catch {
          // An unknown definition is SubmitJob's own error.
        }
      } else {
        permissions.push({ action: `batch:${action}`, resource: '*', logicalId: 'batch' });
      }
      authorizeApiCall(this.ctx, 'batch', caller, permissions, message => new AwsError('AccessDeniedException', message, { httpStatusCode: 403 }));
    }
    return dispatch('batch', this.actions, this, action, input);
  }

  public whenJobEnds(jobId: string): Promise<Record<string, any>> {
    const job = this.jobs.get(jobId);
    if (!job) return Promise.reject(clientException(`Job ${jobId} not found.`));
    return job.ended.then(j => j.detail());
  }

  /** SubmitJob (API Reference): the job starts SUBMITTED and moves on as the clock runs. */
  public async submitJob(input: SubmitJobInput): Promise<Record<string, any>> {
    if (input === null || typeof input !== 'object') throw clientException('SubmitJob needs jobName, jobQueue and jobDefinition.');
    const queue = this.queueOf(input.jobQueue);
    if (!queue.enabled) throw clientException(`JobQueue ${queue.arn} is not in ENABLED state: new jobs cannot be submitted.`);
    const definition = this.definitionOf(input.jobDefinition);
    const spec = buildJobSpec(input, queue, definition);
    for (const d of spec.dependsOn) {
      if (d.jobId === undefined) continue;
      const dep = this.jobs.get(d.jobId);
      if (!dep) throw clientException(`Dependent job ${d.jobId} does not exist.`);
      if (d.type === 'N_TO_N' && dep.spec.arraySize !== spec.arraySize) {
        throw clientException(`An N_TO_N dependency needs an array job of the same size (${d.jobId} has ${dep.spec.arraySize ?? 'no'} children, this job ${spec.arraySize}).`);
      }
    }
    const jobId = this.ctx.ids.uuid();
    const job = new Job(jobId, this.jobArn(jobId), spec, this.ctx.clock.now());
    this.jobs.set(jobId, job);
    this.queueJobs(queue).push(job);
    this.ctx.trace.record('batch', queue.logicalId, 'job-submitted', {
      jobId, jobName: spec.name, jobDefinition: definition.arn, ...(spec.arraySize !== undefined ? { arraySize: spec.arraySize } : {}),
    });
    this.lifecycle.start(job);
    return { jobArn: job.arn, jobName: spec.name, jobId, $metadata: { httpStatusCode: 200 } };
  }

  public async describeJobs(input: { jobs: string[] }): Promise<Record<string, any>> {
    const ids = input?.jobs;
    if (!Array.isArray(ids)) throw clientException('jobs must be a list of job ids.');
    if (ids.length > MAX_DESCRIBE_JOBS) throw clientException(`DescribeJobs takes at most ${MAX_DESCRIBE_JOBS} job ids (got ${ids.length}).`);
    const jobs = ids.map(id => this.jobs.get(id)).filter((j): j is Job => j !== undefined).map(j => j.detail());
    return { jobs, $metadata: { httpStatusCode: 200 } };
  }

  /**
   * ListJobs (API Reference): a queue's jobs (array children excluded) or an array job's children; only RUNNING jobs
   * unless `jobStatus` is given; with `filters` every status is listed and `jobStatus` is ignored.
   */
  public async listJobs(input: Record<string, any> = {}): Promise<Record<string, any>> {
    let jobs: Job[];
    if (input.arrayJobId !== undefined) {
      const parent = this.jobs.get(String(input.arrayJobId));
      if (!parent || !parent.isArrayParent) throw clientException(`Job ${input.arrayJobId} is not an array job.`);
      jobs = parent.children;
    } else if (input.jobQueue !== undefined) {
      jobs = this.queueJobs(this.queueOf(input.jobQueue));
    } else {
      throw clientException('ListJobs needs a jobQueue, an arrayJobId or a multiNodeJobId.');
    }
    const filters: { name: string; values: string[] }[] = input.filters ?? [];
    if (filters.length > 0) {
      jobs = jobs.filter(j => filters.every(f => filterMatches(j, f)));
    } else {
      const status = String(input.jobStatus ?? 'RUNNING') as JobStatus;
      if (!JOB_STATUSES.includes(status)) throw clientException(`jobStatus ${input.jobStatus} is not valid (${JOB_STATUSES.join(', ')}).`);
      jobs = jobs.filter(j => j.status === status);
    }
    const max = input.maxResults === undefined ? MAX_LIST_RESULTS : Number(input.maxResults);
    if (!Number.isInteger(max) || max < 1 || max > MAX_LIST_RESULTS) throw clientException(`maxResults must be between 1 and ${MAX_LIST_RESULTS}.`);
    const start = input.nextToken === undefined ? 0 : Number(Buffer.from(String(input.nextToken), 'base64').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw clientException('The nextToken is not valid.');
    const page = jobs.slice(start, start + max);
    const next = start + max < jobs.length ? Buffer.from(String(start + max)).toString('base64') : undefined;
    return { jobSummaryList: page.map(j => j.summary()), ...(next ? { nextToken: next } : {}), $metadata: { httpStatusCode: 200 } };
  }

  /**
   * TerminateJob: a STARTING or RUNNING job is stopped and FAILED with `reason` (not retried); an earlier one is
   * cancelled as by CancelJob. An array parent terminates its children.
   */
  public async terminateJob(input: { jobId: string; reason: string }): Promise<Record<string, any>> {
    const job = this.jobToStop(input);
    this.stop(job, input.reason, true);
    return { $metadata: { httpStatusCode: 200 } };
  }

  /**
   * CancelJob: SUBMITTED and PENDING jobs fail with `reason` (a PENDING one once its dependencies complete); a RUNNABLE
   * job fails when it reaches the head of its queue; STARTING and RUNNING jobs are not cancelled, and the call still
   * succeeds. An array parent cancels its children.
   */
  public async cancelJob(input: { jobId: string; reason: string }): Promise<Record<string, any>> {
    const job = this.jobToStop(input);
    this.stop(job, input.reason, false);
    return { $metadata: { httpStatusCode: 200 } };
  }

  private stop(job: Job, reason: string, terminate: boolean): void {
    if (job.isDone) return;
    if (job.isArrayParent) {
      if (job.children.length === 0) job.cancelReason ??= reason;
      for (const child of job.children) this.stop(child, reason, terminate);
      return;
    }
    if (job.status === 'RUNNING' || job.status === 'STARTING') {
      if (!terminate) return;
      if (job.interrupt) job.interrupt(reason);
      else job.cancelReason ??= reason;
      return;
    }
    job.cancelReason ??= reason;
    if (job.status === 'RUNNABLE') this.lifecycle.cancelRunnable(job, reason);
  }

  private jobToStop(input: { jobId: string; reason: string }): Job {
    if (typeof input?.jobId !== 'string') throw clientException('jobId is required.');
    if (typeof input.reason !== 'string') throw clientException('reason is required.');
    const job = this.jobs.get(input.jobId);
    if (!job) throw clientException(`Job ${input.jobId} not found.`);
    return job;
  }

  private createChildren(parent: Job): Job[] {
    const now = this.ctx.clock.now();
    const children: Job[] = [];
    for (let i = 0; i < (parent.spec.arraySize ?? 0); i++) {
      const id = `${parent.id}:${i}`;
      const child = new Job(id, this.jobArn(id), parent.spec, now, parent, i);
      child.status = 'PENDING';
      this.jobs.set(id, child);
      children.push(child);
    }
    return children;
  }

  private queueOf(ref: unknown): JobQueueModel {
    if (typeof ref !== 'string') throw clientException('jobQueue is required.');
    for (const q of this.queues.values()) if (q.arn === ref || q.name === ref) return q;
    throw jobQueueNotFound(ref);
  }

  private definitionOf(ref: unknown): JobDefinitionModel {
    if (typeof ref !== 'string') throw clientException('jobDefinition is required.');
    for (const d of this.definitions.values()) {
      if (d.arn === ref || d.name === ref || `${d.name}:${d.revision}` === ref || d.arn.replace(/:\d+$/, '') === ref) return d;
    }
    throw jobDefinitionNotFound(ref);
  }

  private queueJobs(queue: JobQueueModel): Job[] {
    let list = this.jobsByQueue.get(queue);
    if (!list) {
      list = [];
      this.jobsByQueue.set(queue, list);
    }
    return list;
  }

  private jobArn(jobId: string): string {
    return `arn:${this.ctx.env.partition}:batch:${this.ctx.env.region}:${this.ctx.env.account}:job/${jobId}`;
  }
}

/** ListJobs filters: JOB_NAME and JOB_DEFINITION (a trailing `*` matches a prefix), BEFORE_/AFTER_CREATED_AT (epoch ms). */
function filterMatches(job: Job, filter: { name: string; values: string[] }): boolean {
  const value = String(filter.values?.[0] ?? '');
  const prefix = (text: string) => (value.endsWith('*') ? text.startsWith(value.slice(0, -1)) : text === value);
  switch (filter.name) {
    case 'JOB_NAME': return prefix(job.spec.name);
    case 'JOB_DEFINITION': return prefix(job.spec.definition.arn) || prefix(job.spec.definition.name) || prefix(`${job.spec.definition.name}:${job.spec.definition.revision}`);
    case 'BEFORE_CREATED_AT': return job.createdAt < Number(value);
    case 'AFTER_CREATED_AT': return job.createdAt > Number(value);
    default: throw clientException(`Filter ${filter.name} is not valid (JOB_NAME, JOB_DEFINITION, BEFORE_CREATED_AT, AFTER_CREATED_AT).`);
  }
}
