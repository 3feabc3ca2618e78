/**
 * One flow on the clock. On-demand flows run on StartFlow; scheduled flows run on their schedule while Active (a Draft
 * or Suspended flow does not run; StartFlow activates it, as the API Reference says of schedule- and event-triggered
 * flows); event flows run when the source emits records (`setSourceRecords`) while Active. A scheduled Incremental
 * flow pulls the records whose IncrementalPullConfig datetime field changed since the previous run (the first run
 * from FirstExecutionFrom, else everything); Complete pulls everything. Each run applies the tasks, writes the files
 * through the S3 API as appflow.amazonaws.com (so the bucket policy decides), and keeps an execution record.
 * Runs take no virtual time.
 */
import { FlowConfig, FlowStatus } from './flow-config';
import { encode, filesOf, objectKeys } from './output';
import { NextRun, scheduleOf } from './schedule';
import { applyTasks } from './tasks';
import { Fiber, ScheduledTask } from '../kernel';
import { CallerIdentity, SimContext } from '../runtime';

export type RunTrigger = 'OnDemand' | 'Scheduled' | 'Event';

/** One run as DescribeFlowExecutionRecords returns it (SDK v3 `ExecutionRecord`). */
export interface ExecutionRecord {
  executionId: string;
  executionStatus: 'InProgress' | 'Successful' | 'Error' | 'CancelStarted' | 'Canceled';
  executionResult: {
    errorInfo?: { putFailuresCount: number; executionMessage: string };
    bytesProcessed: number;
    bytesWritten: number;
    recordsProcessed: number;
    numParallelProcesses: number;
    maxPageSize: number;
  };
  startedAt: Date;
  lastUpdatedAt: Date;
  dataPullStartTime?: Date;
  dataPullEndTime?: Date;
  scheduledStartTime?: Date;
}

export class SimFlow {
  public status: FlowStatus;
  public sourceRecords: Record<string, unknown>[] = [];
  public readonly executions: ExecutionRecord[] = [];
  private lastPullEnd?: number;
  private next?: ScheduledTask;
  private readonly nextRun?: NextRun;
  private readonly caller: CallerIdentity;

  constructor(private readonly ctx: SimContext, public readonly config: FlowConfig) {
    this.status = config.status;
    this.caller = { principalType: 'Service', principal: 'appflow.amazonaws.com', sourceArn: config.arn, sourceAccount: ctx.env.account, secureTransport: true };
    if (config.triggerType === 'Scheduled' && config.scheduleExpression) {
      this.nextRun = scheduleOf(config.scheduleExpression, config.scheduleStartMs ?? ctx.clock.now());
    }
    this.scheduleNext();
  }

  /** StartFlow: runs an on-demand flow now; activates a scheduled or event flow. */
  public start(): { executionId?: string } {
    if (this.config.triggerType === 'OnDemand') return { executionId: this.launch('OnDemand') };
    this.setStatus('Active');
    this.scheduleNext();
    return {};
  }

  /** StopFlow: deactivates a scheduled or event flow. */
  public stop(): void {
    this.setStatus('Suspended');
    this.ctx.clock.cancel(this.next);
    this.next = undefined;
  }

  /** What the SaaS source holds from now on; an Active event flow runs with these records. */
  public setSourceRecords(records: object[]): void {
    this.sourceRecords = records.map(r => ({ ...(r as Record<string, unknown>) }));
    if (this.config.triggerType === 'Event' && this.status === 'Active') this.launch('Event');
  }

  private setStatus(status: FlowStatus): void {
    if (status === this.status) return;
    this.ctx.trace.record('appflow', this.config.logicalId, 'flow-status-changed', { from: this.status, to: status });
    this.status = status;
  }

  private scheduleNext(): void {
    if (!this.nextRun || this.status !== 'Active' || this.next) return;
    const at = this.nextRun(this.ctx.clock.now());
    if (at === undefined || (this.config.scheduleEndMs !== undefined && at > this.config.scheduleEndMs)) return;
    // Background: a schedule runs forever; only sim.advance (or other work) moves time through it.
    this.next = this.ctx.clock.schedule(at, () => {
      this.next = undefined;
      if (this.status !== 'Active') return;
      this.launch('Scheduled', at);
      this.scheduleNext();
    }, { background: true, label: `appflow ${this.config.name} schedule` });
  }

  private launch(trigger: RunTrigger, scheduledAt?: number): string {
    const executionId = this.ctx.ids.uuid();
    const now = new Date(this.ctx.clock.now());
    const record: ExecutionRecord = {
      executionId,
      executionStatus: 'InProgress',
      executionResult: { bytesProcessed: 0, bytesWritten: 0, recordsProcessed: 0, numParallelProcesses: 1, maxPageSize: 0 },
      startedAt: now,
      lastUpdatedAt: now,
      ...(scheduledAt !== undefined ? { scheduledStartTime: new Date(scheduledAt) } : {}),
    };
    this.executions.push(record);
    this.ctx.trace.record('appflow', this.config.logicalId, 'flow-run-started', { executionId, trigger });
    void this.ctx.clock.spawn(`appflow ${this.config.name} run`, fiber => this.run(fiber, record, trigger), { background: trigger === 'Scheduled' });
    return executionId;
  }

  private async run(fiber: Fiber, record: ExecutionRecord, trigger: RunTrigger): Promise<void> {
    const pulled = this.pull(record, trigger);
    const bytesProcessed = pulled.reduce((n, r) => n + Buffer.byteLength(JSON.stringify(r)), 0);
    const outcome = applyTasks(pulled, this.config.tasks);
    record.executionResult.bytesProcessed = bytesProcessed;
    record.executionResult.maxPageSize = pulled.length;
    if (outcome.error !== undefined) return this.finish(record, 0, 0, outcome.error);
    const dest = this.config.destination;
    let bytesWritten = 0;
    if (dest && outcome.records.length > 0) {
      const s3 = this.ctx.api('s3');
      if (!s3) {
        this.ctx.reportProblem(this.config.logicalId, `cannot write to s3://${dest.bucketName}: S3 is not simulated in this context`);
        return this.finish(record, 0, 0, 'S3 is not simulated');
      }
      const files = filesOf(dest, outcome.records);
      const keys = objectKeys(dest, this.config.name, record.executionId, this.ctx.clock.now(), files.map(() => this.ctx.ids.uuid()));
      for (let i = 0; i < files.length; i++) {
        const body = await fiber.wait(encode(dest.fileType, files[i]));
        try {
          await fiber.wait(s3.call('PutObject', { Bucket: dest.bucketName, Key: keys[i], Body: body }, this.caller));
          bytesWritten += body.length;
        } catch (err) {
          const e = err as Error;
          record.executionResult.errorInfo = { putFailuresCount: files.length - i, executionMessage: `${e.name}: ${e.message}` };
          return this.finish(record, outcome.records.length, bytesWritten, `${e.name}: ${e.message}`, files.length - i);
        }
      }
    }
    this.finish(record, outcome.records.length, bytesWritten);
  }

  /** The records this run reads from the source: all, or those changed in the incremental window. */
  private pull(record: ExecutionRecord, trigger: RunTrigger): Record<string, unknown>[] {
    const field = this.config.incrementalField;
    if (trigger !== 'Scheduled' || this.config.dataPullMode !== 'Incremental' || field === undefined) return this.sourceRecords.map(r => ({ ...r }));
    const end = this.ctx.clock.now();
    const start = this.lastPullEnd ?? this.config.firstExecutionFromMs;
    this.lastPullEnd = end;
    record.dataPullStartTime = start === undefined ? undefined : new Date(start);
    record.dataPullEndTime = new Date(end);
    return this.sourceRecords.filter(r => {
      const changed = Date.parse(String(r[field]));
      return Number.isFinite(changed) && changed <= end && (start === undefined || changed > start);
    }).map(r => ({ ...r }));
  }

  private finish(record: ExecutionRecord, recordsProcessed: number, bytesWritten: number, error?: string, putFailures = 0): void {
    record.executionStatus = error === undefined ? 'Successful' : 'Error';
    record.executionResult.recordsProcessed = recordsProcessed;
    record.executionResult.bytesWritten = bytesWritten;
    if (error !== undefined) record.executionResult.errorInfo = { putFailuresCount: putFailures, executionMessage: error };
    record.lastUpdatedAt = new Date(this.ctx.clock.now());
    this.ctx.trace.record('appflow', this.config.logicalId, 'flow-run-finished', {
      executionId: record.executionId, status: record.executionStatus, recordsProcessed, bytesWritten, ...(error !== undefined ? { error } : {}),
    });
  }
}
