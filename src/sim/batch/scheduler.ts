/**
 * Placing RUNNABLE jobs on compute environments (User Guide, "Job queues" and "Compute environments"): job queues are
 * served in priority order (a higher Priority first) and, within a queue, jobs first in, first out; a job goes to the
 * first compute environment in the queue's ComputeEnvironmentOrder that is ENABLED, runs its platform (Fargate or EC2,
 * with GPUs when the job asks for them) and has room for its vCPUs under MaxvCpus. A job no environment of its queue
 * could ever run stays RUNNABLE with the misconfiguration reason Batch reports (User Guide, "Jobs stuck in a RUNNABLE
 * status"), and the queue's JobStateTimeLimitActions cancel it after their MaxTimeSeconds.
 *
 * One placement pass runs per virtual instant in which something changed (a job became RUNNABLE, an attempt ended),
 * and a pass stops scanning a queue once none of its environments has a free vCPU, so its cost follows the jobs it
 * places, not the queue's length.
 */
import { Job } from './job';
import { offersGpus } from './resource-rules';
import { ComputeEnvironment, JobQueueModel } from './resources';
import { ScheduledTask, VirtualClock } from '../kernel';

export interface Placement {
  readonly environment: ComputeEnvironment;
  readonly vcpus: number;
}

export type PlacementResult = { readonly placed: Placement } | { readonly cancelled: string };

interface Waiting {
  readonly job: Job;
  readonly resolve: (result: PlacementResult) => void;
  settled: boolean;
  cancelReason?: string;
  /** Stuck for a misconfiguration: never placed, only cancelled. */
  blocked: boolean;
  blockedTask?: ScheduledTask;
}

/** A queue's waiting jobs, oldest first: an array read from `head`, compacted when the read part is the larger half. */
class WaitingList {
  public items: Waiting[] = [];
  public head = 0;

  public get isEmpty(): boolean {
    return this.head >= this.items.length;
  }

  public push(w: Waiting): void {
    this.items.push(w);
  }

  public compact(): void {
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}

export const BLOCKED_MAX_RESOURCE = 'MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE';
export const BLOCKED_RESOURCE_REQUIREMENT = 'MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT';

/** The statusReason Batch sets on a job stuck RUNNABLE for a misconfiguration. */
export const BLOCKED_STATUS_REASONS: Readonly<Record<string, string>> = {
  [BLOCKED_MAX_RESOURCE]: `${BLOCKED_MAX_RESOURCE} - CE(s) associated with the job queue cannot meet the CPU requirement of the job.`,
  [BLOCKED_RESOURCE_REQUIREMENT]: `${BLOCKED_RESOURCE_REQUIREMENT} - The job resource requirement (vCPU/memory/GPU) is higher than that can be met by the CE(s) attached to the job queue.`,
};

export interface SchedulerEvents {
  /** A job no environment of its queue can run: it stays RUNNABLE with `reason` (one of the BLOCKED_* reasons). */
  blocked(job: Job, reason: string, detail: string): void;
}

export class Scheduler {
  private readonly lists = new Map<JobQueueModel, WaitingList>();
  private readonly waiting = new Map<Job, Waiting>();
  private pass?: ScheduledTask;

  constructor(private readonly clock: VirtualClock, private readonly queues: readonly JobQueueModel[], private readonly events: SchedulerEvents) {}

  /** Waits for a place for `job` on its queue's compute environments (or for its cancellation). */
  public request(job: Job): Promise<PlacementResult> {
    return new Promise(resolve => {
      const w: Waiting = { job, resolve, settled: false, blocked: false };
      this.waiting.set(job, w);
      const blocked = this.blockedReason(job);
      if (blocked) {
        this.block(w, blocked.reason, blocked.detail);
        return;
      }
      this.listOf(job.spec.queue).push(w);
      this.schedulePass();
    });
  }

  /** The attempt that held `placement` ended: its vCPUs are free again. */
  public release(placement: Placement): void {
    placement.environment.usedVcpus -= placement.vcpus;
    this.schedulePass();
  }

  /**
   * CancelJob/TerminateJob of a RUNNABLE job: it fails once it reaches the head of its queue (API Reference,
   * CancelJob); a job stuck for a misconfiguration is at the head already and fails now.
   */
  public cancel(job: Job, reason: string): void {
    const w = this.waiting.get(job);
    if (!w || w.settled) return;
    if (w.blocked) {
      this.settle(w, { cancelled: reason });
      return;
    }
    w.cancelReason = reason;
    this.schedulePass();
  }

  /** vCPUs in use per compute environment (for tests and traces). */
  public usage(environment: ComputeEnvironment): number {
    return environment.usedVcpus;
  }

  private listOf(queue: JobQueueModel): WaitingList {
    let list = this.lists.get(queue);
    if (!list) {
      list = new WaitingList();
      this.lists.set(queue, list);
    }
    return list;
  }

  private schedulePass(): void {
    if (this.pass && !this.pass.cancelled) return;
    this.pass = this.clock.schedule(this.clock.now(), () => {
      this.pass = undefined;
      this.placeAll();
    }, { label: 'batch placement' });
  }

  private placeAll(): void {
    for (const queue of this.queues) {
      const list = this.lists.get(queue);
      if (list && !list.isEmpty) this.placeQueue(queue, list);
    }
  }

  private placeQueue(queue: JobQueueModel, list: WaitingList): void {
    const kept: Waiting[] = [];
    let read = list.head;
    for (; read < list.items.length; read++) {
      const w = list.items[read];
      if (w.settled) continue;
      if (w.cancelReason !== undefined) {
        this.settle(w, { cancelled: w.cancelReason });
        continue;
      }
      if (!queue.environments.some(ce => ce.enabled && ce.usedVcpus < ce.maxvCpus)) break;
      const vcpus = w.job.spec.resources.vcpus;
      const environment = queue.environments.find(ce => ce.enabled && runs(ce, w.job) && ce.usedVcpus + vcpus <= ce.maxvCpus);
      if (environment) {
        environment.usedVcpus += vcpus;
        this.settle(w, { placed: { environment, vcpus } });
      } else {
        kept.push(w);
      }
    }
    // The jobs kept in this pass go back, in order, just before the part not scanned.
    list.head = read - kept.length;
    for (let i = 0; i < kept.length; i++) list.items[list.head + i] = kept[i];
    list.compact();
  }

  private settle(w: Waiting, result: PlacementResult): void {
    w.settled = true;
    this.clock.cancel(w.blockedTask);
    this.waiting.delete(w.job);
    w.resolve(result);
  }

  private blockedReason(job: Job): { reason: string; detail: string } | undefined {
    const queue = job.spec.queue;
    const capable = queue.environments.filter(ce => runs(ce, job));
    if (capable.length === 0) {
      const needs = job.spec.definition.platform === 'FARGATE' ? 'Fargate' : job.spec.resources.gpus > 0 ? 'EC2 with GPUs' : 'EC2';
      return { reason: BLOCKED_RESOURCE_REQUIREMENT, detail: `the job needs ${needs} capacity and no compute environment of queue ${queue.name} offers it` };
    }
    const vcpus = job.spec.resources.vcpus;
    if (capable.every(ce => ce.maxvCpus < vcpus)) {
      return { reason: BLOCKED_MAX_RESOURCE, detail: `the job needs ${vcpus} vCPUs and the compute environments of queue ${queue.name} allow at most ${Math.max(...capable.map(ce => ce.maxvCpus))}` };
    }
    return undefined;
  }

  private block(w: Waiting, reason: string, detail: string): void {
    this.events.blocked(w.job, reason, detail);
    const action = w.job.spec.queue.timeLimitActions.find(a => a.reason === reason && a.action === 'CANCEL');
    w.blocked = true;
    if (action === undefined) return;
    // Foreground: runUntilIdle runs until the time limit cancels the job, as Batch eventually would.
    w.blockedTask = this.clock.schedule(this.clock.now() + action.maxTimeSeconds * 1000, () => {
      w.blockedTask = undefined;
      this.settle(w, { cancelled: `Canceled by JobStateTimeLimit action due to reason: ${reason}` });
    }, { label: 'batch job state time limit' });
  }
}

/** True when `environment` can run `job`: the same platform, and GPUs when the job asks for them. */
function runs(environment: ComputeEnvironment, job: Job): boolean {
  const spec = job.spec;
  if (environment.platform !== spec.definition.platform) return false;
  if (spec.resources.gpus > 0) return environment.platform === 'EC2' && (environment.type === 'UNMANAGED' || offersGpus(environment.instanceTypes));
  return true;
}
