/**
 * Asynchronous invocation (InvocationType Event; how SNS and S3 invoke functions), as the Lambda developer guide
 * describes it: the event waits in the function's queue; when the function returns an error Lambda retries twice by
 * default, waiting one minute before the second attempt and two minutes before the third (EventInvokeConfig
 * MaximumRetryAttempts 0..2); an event older than MaximumEventAgeInSeconds (default 6 hours) is discarded. A
 * discarded event goes to the on-failure destination (an invocation record) and to the function's dead-letter queue
 * (the event itself), whichever are configured; a successful one to the on-success destination. Retries of one
 * event keep its request id. A throttled event (ReservedConcurrentExecutions reached) waits for a free slot until it
 * expires; with reserved concurrency 0, Lambda sends new events straight to the DLQ / on-failure destination.
 */
import { ExecutionResult, SimFunction } from './function';
import { CallerIdentity, SimContext } from '../runtime';

/** Delays before the second and third attempts. */
export const ASYNC_RETRY_DELAYS_MS: readonly number[] = [60_000, 120_000];

export type FailureCondition = 'RetriesExhausted' | 'EventAgeExceeded';

interface AsyncEvent {
  readonly requestId: string;
  readonly event: unknown;
  readonly enqueuedAt: number;
  readonly invokedBy: string;
  attempts: number;
  last?: ExecutionResult;
  done: boolean;
}

/** Sends invocation records and DLQ messages (implemented by the Lambda service, which knows the other services). */
export interface AsyncOutcomeSink {
  onSuccess(fn: SimFunction, requestId: string, event: unknown, result: ExecutionResult, attempts: number): void;
  onFailure(fn: SimFunction, requestId: string, event: unknown, condition: FailureCondition, attempts: number,
    last: ExecutionResult | undefined): void;
}

export class AsyncInvocationQueue {
  /** Events waiting for a concurrency slot, oldest first. */
  private readonly waiting: AsyncEvent[] = [];
  private drainScheduled = false;
  /** Events whose attempt is running (their age limit no longer applies until it completes). */
  private readonly running = new Set<AsyncEvent>();

  constructor(private readonly ctx: SimContext, private readonly fn: SimFunction, private readonly sink: AsyncOutcomeSink) {
    fn.onSlotFree(() => {
      if (this.waiting.length > 0 && !this.drainScheduled) {
        this.drainScheduled = true;
        ctx.clock.schedule(ctx.clock.now(), () => this.drain(), { label: `lambda ${fn.logicalId} async queue` });
      }
    });
  }

  /** Queues an event; the first attempt runs as a task at the current virtual time. Returns its request id. */
  public enqueue(event: unknown, caller: CallerIdentity): string {
    const item: AsyncEvent = {
      requestId: this.ctx.ids.uuid(),
      event,
      enqueuedAt: this.ctx.clock.now(),
      invokedBy: caller.principalType === 'Service' ? caller.principal : 'invoke',
      attempts: 0,
      done: false,
    };
    this.ctx.trace.record('lambda', this.fn.logicalId, 'invoke-queued', { requestId: item.requestId, invokedBy: item.invokedBy });
    this.scheduleAttempt(item, item.enqueuedAt);
    // The event is discarded when it gets too old, whether it is waiting for a retry or for a concurrency slot.
    this.ctx.clock.schedule(this.expiresAt(item), () => {
      if (!item.done && this.isWaitingOrBetweenAttempts(item)) this.discard(item, 'EventAgeExceeded');
    }, { label: `lambda ${this.fn.logicalId} event age`, background: true });
    return item.requestId;
  }

  private expiresAt(item: AsyncEvent): number {
    return item.enqueuedAt + this.fn.asyncConfig.maximumEventAgeSeconds * 1000;
  }

  private isWaitingOrBetweenAttempts(item: AsyncEvent): boolean {
    return !this.running.has(item);
  }

  private scheduleAttempt(item: AsyncEvent, at: number): void {
    this.ctx.clock.schedule(at, () => this.attempt(item), { label: `lambda ${this.fn.logicalId} async attempt` });
  }

  private async attempt(item: AsyncEvent): Promise<void> {
    if (item.done) return;
    const now = this.ctx.clock.now();
    if (now - item.enqueuedAt > this.fn.asyncConfig.maximumEventAgeSeconds * 1000) return this.discard(item, 'EventAgeExceeded');
    if (this.fn.config.reservedConcurrency === 0) {
      this.fn.throttled('async', { requestId: item.requestId });
      return this.discard(item, 'RetriesExhausted');
    }
    if (!this.fn.tryAcquire()) {
      this.fn.throttled('async', { requestId: item.requestId });
      this.waiting.push(item);
      return;
    }
    this.running.add(item);
    item.attempts++;
    let result: ExecutionResult;
    try {
      result = await this.fn.execute(item.event, { source: 'async', requestId: item.requestId, attempt: item.attempts, invokedBy: item.invokedBy });
    } catch (e) {
      this.running.delete(item);
      this.fn.release();
      throw e;
    }
    const finish = () => {
      this.running.delete(item);
      this.fn.release();
      this.completed(item, result);
    };
    if (result.durationMs > 0) {
      this.ctx.clock.schedule(now + result.durationMs, finish, { label: `lambda ${this.fn.logicalId} async completion` });
    } else {
      finish();
    }
  }

  private completed(item: AsyncEvent, result: ExecutionResult): void {
    item.last = result;
    if (result.ok) {
      item.done = true;
      this.sink.onSuccess(this.fn, item.requestId, item.event, result, item.attempts);
      return;
    }
    const retriesDone = item.attempts - 1;
    if (retriesDone >= this.fn.asyncConfig.maximumRetryAttempts) return this.discard(item, 'RetriesExhausted');
    const at = this.ctx.clock.now() + ASYNC_RETRY_DELAYS_MS[Math.min(retriesDone, ASYNC_RETRY_DELAYS_MS.length - 1)];
    if (at - item.enqueuedAt > this.fn.asyncConfig.maximumEventAgeSeconds * 1000) {
      // Too old by the time of the retry: discarded when it reaches the maximum age.
      this.ctx.trace.record('lambda', this.fn.logicalId, 'retry-skipped', { requestId: item.requestId, reason: 'MaximumEventAgeInSeconds reached before the retry' });
      this.ctx.clock.schedule(Math.max(this.ctx.clock.now(), this.expiresAt(item)), () => {
        if (!item.done) this.discard(item, 'EventAgeExceeded');
      }, { label: `lambda ${this.fn.logicalId} event age` });
      return;
    }
    this.ctx.trace.record('lambda', this.fn.logicalId, 'retry-scheduled', { requestId: item.requestId, attempt: item.attempts + 1, at });
    this.scheduleAttempt(item, at);
  }

  private discard(item: AsyncEvent, condition: FailureCondition): void {
    if (item.done) return;
    item.done = true;
    const i = this.waiting.indexOf(item);
    if (i >= 0) this.waiting.splice(i, 1);
    this.sink.onFailure(this.fn, item.requestId, item.event, condition, item.attempts, item.last);
  }

  private async drain(): Promise<void> {
    this.drainScheduled = false;
    while (this.waiting.length > 0 && !this.waiting[0].done) {
      const item = this.waiting.shift()!;
      await this.attempt(item);
      if (this.waiting.includes(item)) break; // throttled again: wait for the next free slot
    }
    while (this.waiting.length > 0 && this.waiting[0].done) this.waiting.shift();
  }
}
