/**
 * An SQS event source mapping: Lambda's pollers receive from the queue through its receive path, batch, invoke the
 * function synchronously, and delete what succeeded ("Using Lambda with Amazon SQS").
 * - Batching: up to BatchSize records. With MaximumBatchingWindowInSeconds 0 each poll invokes with what one
 *   receive returns (at most 10); with a window, records accumulate (received, so in flight) until BatchSize is
 *   reached or the window, started by the first record, ends.
 * - On success the batch is deleted. When the function fails (throws, times out, has no handler) nothing is
 *   deleted: the messages return when the queue's visibility timeout ends, and the queue's redrive policy
 *   (maxReceiveCount) eventually moves them to its DLQ.
 * - With ReportBatchItemFailures, `batchItemFailures` lists the failed message ids and only the others are deleted
 *   (see batch-response.ts for what counts as complete success or failure). For FIFO queues the function should
 *   stop at the first failure and report the rest of the batch, as the guide asks; the queue keeps a group blocked
 *   while one of its messages is in flight, so order holds.
 * - ScalingConfig.MaximumConcurrency caps the batches in flight at once (default: no cap beyond the function's
 *   reserved concurrency). In zero virtual time it only shows when the handler has a duration (`handle(fn, {
 *   durationMs })`).
 * - FilterCriteria: records that match no filter are deleted without invoking the function.
 *
 * Scheduling: the poller never busy-loops the clock. It polls when the queue signals a message may be available,
 * at the queue's `nextAvailableAt()` (a delay or visibility timeout ending), when a window closes and when a batch
 * completes; an empty queue leaves no task behind, so an idle poller does not keep `runUntilIdle` running.
 */
import { readBatchResponse } from './batch-response';
import { EventPattern, filterableSqsRecord, matchesPattern } from './filter-criteria';
import { ExecutionResult, SimFunction } from './function';
import { sqsEventRecord, SqsEventRecord } from './sqs-event';
import { ScheduledTask } from '../kernel';
import { QueueAccess, ReceivedQueueMessage, SimContext } from '../runtime';

export interface SqsMappingConfig {
  readonly logicalId: string;
  readonly uuid: string;
  readonly batchSize: number;
  readonly batchingWindowMs: number;
  readonly reportBatchItemFailures: boolean;
  readonly maximumConcurrency?: number;
  readonly enabled: boolean;
  readonly filters: readonly EventPattern[];
}

/** SQS ReceiveMessage returns at most 10 messages per call. */
const RECEIVE_MAX = 10;

export class SqsEventSourceMapping {
  private inFlightBatches = 0;
  private readonly buffer: ReceivedQueueMessage[] = [];
  private readonly bufferedIds = new Set<string>();
  /** When each buffered message was received (its visibility timeout runs from then). */
  private readonly receivedAt = new Map<string, number>();
  private windowEndsAt?: number;
  private windowTask?: ScheduledTask;
  private pollTask?: ScheduledTask;
  private wakeTask?: ScheduledTask;
  private polling = false;
  /** Set when a poll stopped for lack of a concurrency slot (MaximumConcurrency or reserved concurrency). */
  private waitingForSlot = false;
  private unsubscribe?: () => void;

  constructor(
    private readonly ctx: SimContext,
    public readonly config: SqsMappingConfig,
    public readonly queue: QueueAccess,
    public readonly fn: SimFunction,
  ) {}

  public start(): void {
    if (!this.config.enabled) {
      this.ctx.trace.record('lambda', this.config.logicalId, 'mapping-disabled', { queue: this.queue.logicalId });
      return;
    }
    this.unsubscribe = this.queue.onMessageAvailable(() => this.schedulePoll());
    this.fn.onSlotFree(() => {
      if (this.waitingForSlot) this.schedulePoll();
    });
    if (this.queue.nextAvailableAt() !== undefined) this.schedulePoll();
  }

  public stop(): void {
    this.unsubscribe?.();
    this.ctx.clock.cancel(this.pollTask);
    this.ctx.clock.cancel(this.wakeTask);
    this.ctx.clock.cancel(this.windowTask);
  }

  /** A poll at the current virtual time (coalesced: at most one is pending). */
  private schedulePoll(): void {
    if (this.pollTask && !this.pollTask.cancelled) return;
    this.pollTask = this.ctx.clock.schedule(this.ctx.clock.now(), () => this.poll(), { label: `esm ${this.config.logicalId} poll` });
  }

  /** A poll at `at` (a message becomes available then); keeps only the earliest. */
  private scheduleWake(at: number): void {
    if (this.wakeTask && !this.wakeTask.cancelled) {
      if (this.wakeTask.at <= at) return;
      this.ctx.clock.cancel(this.wakeTask);
    }
    this.wakeTask = this.ctx.clock.schedule(at, () => {
      this.wakeTask = undefined;
      return this.poll();
    }, { label: `esm ${this.config.logicalId} wake` });
  }

  /**
   * An SSE-KMS queue: the poller receives as the function's role, which needs kms:Decrypt on the queue's key. Without
   * it the receive fails (KMS.AccessDeniedException), the denial is recorded, and the messages stay in the queue.
   */
  private mayDecrypt(): boolean {
    const key = this.queue.kmsMasterKeyId;
    if (key === undefined || !this.ctx.services.kms) return true;
    const use = this.ctx.services.kms.useKey(key, ['kms:Decrypt'], this.fn.roleIdentity(), `sqs.${this.ctx.env.region}.amazonaws.com`,
      { service: 'lambda', logicalId: this.config.logicalId });
    if (!use.ok) this.ctx.trace.record('lambda', this.config.logicalId, 'poll-failed', { error: 'KmsAccessDenied', message: use.message });
    return use.ok;
  }

  private canStartBatch(): boolean {
    const cap = this.config.maximumConcurrency;
    return cap === undefined || this.inFlightBatches < cap;
  }

  private async poll(): Promise<void> {
    if (this.polling) return; // re-entered from a handler that sent to this queue: the running loop picks it up
    this.polling = true;
    try {
      await this.pollLoop();
    } finally {
      this.polling = false;
    }
  }

  private async pollLoop(): Promise<void> {
    const { config, queue } = this;
    this.waitingForSlot = false;
    for (;;) {
      if (!this.canStartBatch()) {
        this.waitingForSlot = true; // a completing batch polls again
        return;
      }
      if (!this.mayDecrypt()) return;
      const want = config.batchSize - this.buffer.length;
      let received = 0;
      while (received < want) {
        const chunk = queue.receive(Math.min(RECEIVE_MAX, want - received));
        if (chunk.length === 0) break;
        for (const m of chunk) this.addToBuffer(m);
        received += chunk.length;
        if (config.batchingWindowMs === 0) break; // no window: invoke with what one receive returned
      }
      if (this.buffer.length === 0) break;
      const windowOpen = config.batchingWindowMs > 0 && this.buffer.length < config.batchSize;
      if (windowOpen) {
        if (this.windowEndsAt === undefined) this.windowEndsAt = this.ctx.clock.now() + config.batchingWindowMs;
        if (this.ctx.clock.now() < this.windowEndsAt) {
          this.armWindow(this.windowEndsAt);
          break;
        }
      }
      const batch = this.buffer.splice(0, config.batchSize);
      let oldest = Number.POSITIVE_INFINITY;
      for (const m of batch) {
        this.bufferedIds.delete(m.MessageId);
        oldest = Math.min(oldest, this.receivedAt.get(m.MessageId) ?? this.ctx.clock.now());
        this.receivedAt.delete(m.MessageId);
      }
      this.windowEndsAt = this.buffer.length > 0 ? this.ctx.clock.now() + config.batchingWindowMs : undefined;
      this.ctx.clock.cancel(this.windowTask);
      if (!this.fn.tryAcquire()) {
        // Throttled by the function's reserved concurrency: the batch stays in flight and returns when its
        // visibility timeout ends (Lambda keeps retrying a throttled batch until then).
        this.fn.throttled('sqs', { eventSourceMapping: config.logicalId, messages: batch.length });
        this.waitingForSlot = true;
        break;
      }
      await this.dispatch(batch, oldest);
    }
    this.armWakeForFutureMessages();
  }

  /**
   * A message received again while it waits in the batching window (the window outlasted the visibility timeout)
   * replaces its older copy: only the newest receipt handle can delete it.
   */
  private addToBuffer(message: ReceivedQueueMessage): void {
    if (this.bufferedIds.has(message.MessageId)) {
      this.buffer[this.buffer.findIndex(b => b.MessageId === message.MessageId)] = message;
      return;
    }
    this.bufferedIds.add(message.MessageId);
    this.receivedAt.set(message.MessageId, this.ctx.clock.now());
    this.buffer.push(message);
  }

  private armWindow(at: number): void {
    if (this.windowTask && !this.windowTask.cancelled && this.windowTask.at === at) return;
    this.ctx.clock.cancel(this.windowTask);
    this.windowTask = this.ctx.clock.schedule(at, () => this.poll(), { label: `esm ${this.config.logicalId} batching window` });
  }

  /** When the queue holds messages that are not receivable yet (delayed, in flight), poll when the first one is. */
  private armWakeForFutureMessages(): void {
    const next = this.queue.nextAvailableAt();
    if (next !== undefined && next > this.ctx.clock.now()) this.scheduleWake(next);
  }

  private async dispatch(batch: ReceivedQueueMessage[], receivedAt: number): Promise<void> {
    const { config, queue, ctx } = this;
    let records = batch.map(m => sqsEventRecord(m, queue.arn, ctx.env.region));
    if (config.filters.length > 0) {
      const kept: SqsEventRecord[] = [];
      for (const r of records) {
        const view = filterableSqsRecord(r);
        if (config.filters.some(f => matchesPattern(f, view))) kept.push(r);
        else this.deleteQuietly(r.receiptHandle, r.messageId, 'filtered-out');
      }
      records = kept;
      if (records.length === 0) {
        this.fn.release();
        return;
      }
    }
    this.inFlightBatches++;
    let result: ExecutionResult;
    try {
      result = await this.fn.execute({ Records: records }, { source: 'sqs', invokedBy: config.logicalId });
    } catch (e) {
      this.inFlightBatches--;
      this.fn.release();
      throw e;
    }
    const finish = () => {
      this.inFlightBatches--;
      this.settle(records, result, receivedAt);
      this.fn.release();
      this.schedulePoll();
    };
    if (result.durationMs > 0) {
      ctx.clock.schedule(ctx.clock.now() + result.durationMs, finish, { label: `esm ${config.logicalId} batch completion` });
    } else {
      this.inFlightBatches--;
      this.settle(records, result, receivedAt);
      this.fn.release();
    }
  }

  /**
   * Deletes what succeeded; failed messages stay in flight until their visibility timeout ends, and the poller wakes
   * then (it cannot rely on the queue's nextAvailableAt alone: FIFO messages behind a failed one are "available"
   * but blocked until it returns).
   */
  private settle(records: SqsEventRecord[], result: ExecutionResult, receivedAt: number): void {
    const returnsAt = receivedAt + this.queue.visibilityTimeoutSeconds * 1000;
    const failedCount = this.settleBatch(records, result);
    if (failedCount !== 0 && returnsAt > this.ctx.clock.now()) this.scheduleWake(returnsAt);
  }

  /** Returns how many messages of the batch failed (and stay in flight). */
  private settleBatch(records: SqsEventRecord[], result: ExecutionResult): number {
    const { config, ctx } = this;
    const batchId = result.requestId;
    if (!result.ok) {
      ctx.trace.record('lambda', config.logicalId, 'batch-failed', { requestId: batchId, messages: records.length, errorType: result.error?.errorType });
      return records.length;
    }
    if (!config.reportBatchItemFailures) {
      for (const r of records) this.deleteQuietly(r.receiptHandle, r.messageId);
      ctx.trace.record('lambda', config.logicalId, 'batch-succeeded', { requestId: batchId, messages: records.length });
      return 0;
    }
    const verdict = readBatchResponse(result.result, new Set(records.map(r => r.messageId)));
    if (verdict.kind === 'invalid') {
      ctx.trace.record('lambda', config.logicalId, 'batch-failed', { requestId: batchId, messages: records.length, reason: `invalid partial batch response: ${verdict.reason}` });
      return records.length;
    }
    const failed = verdict.kind === 'partial' ? verdict.failedIds : undefined;
    for (const r of records) if (!failed || !failed.has(r.messageId)) this.deleteQuietly(r.receiptHandle, r.messageId);
    if (failed) {
      ctx.trace.record('lambda', config.logicalId, 'batch-partially-failed', { requestId: batchId, messages: records.length, failed: [...failed] });
      return failed.size;
    }
    ctx.trace.record('lambda', config.logicalId, 'batch-succeeded', { requestId: batchId, messages: records.length });
    return 0;
  }

  private deleteQuietly(receiptHandle: string, messageId: string, reason?: 'filtered-out'): void {
    try {
      this.queue.delete(receiptHandle);
      if (reason) this.ctx.trace.record('lambda', this.config.logicalId, reason, { messageId });
    } catch (e) {
      // The receipt handle expired (the visibility timeout ended and the message was received again): AWS's
      // DeleteMessage fails the same way and the message is processed again.
      this.ctx.trace.record('lambda', this.config.logicalId, 'delete-failed', { messageId, error: (e as Error).name });
    }
  }
}
