/**
 * One simulated SQS queue, standard or FIFO, on the virtual clock. Its rules live in one module per section of the SQS
 * developer guide: the stored message (message.ts), when a message can be received (visibility.ts), which one a receive
 * gets (ordering.ts), FIFO deduplication (deduplication.ts), retention (retention.ts), dead-letter moves
 * (dead-letter.ts). The queue applies them in its operations and keeps one wake-up task on the clock, at the next time
 * a message becomes visible or expires, never a task per message.
 */
import { QueueAccess, ReceivedQueueMessage, SimContext, TemplateResource } from '../runtime';
import { exceedsMaxReceiveCount, Move, movedMessage } from './dead-letter';
import { DeduplicationWindow } from './deduplication';
import { invalidParameter, messageNotInflight, purgeQueueInProgress, receiptHandleExpired, receiptHandleIsInvalid } from './errors';
import { fifoSequenceNumber, MessageState, newReceiptHandle, serialOfReceiptHandle, StoredMessage } from './message';
import { ValidatedMessage } from './message-validation';
import { QueueCounters } from './metrics';
import { FifoOrder, ReceiveOrder, StandardOrder } from './ordering';
import { QueueConfig } from './queue-config';
import { ReceiveAttempts } from './receive-attempts';
import { receivedWithAllAttributes } from './received-message';
import { Retention } from './retention';
import { checkVisibilityLimit, checkVisibilityTimeout, HiddenMessages } from './visibility';
import { WakeUp } from './wake-up';

export { DEDUPLICATION_INTERVAL_MS } from './deduplication';

/** PurgeQueue may run once per 60 seconds per queue. */
export const PURGE_INTERVAL_MS = 60 * 1000;

/** What a send produced: the message queued, or (FIFO) the earlier message a duplicate send resolved to. */
export interface SendOutcome {
  readonly messageId: string;
  readonly sequenceNumber?: string;
}

/** A message as `snapshot()` shows it. */
export interface MessageSnapshot {
  readonly messageId: string;
  readonly state: Exclude<MessageState, 'gone'>;
  readonly groupId?: string;
  readonly receiveCount: number;
}

export class SqsQueue implements QueueAccess {
  public readonly logicalId: string;
  public readonly arn: string;
  public readonly url: string;
  public readonly name: string;
  public readonly fifo: boolean;
  /** Virtual epoch seconds of creation (CreatedTimestamp / LastModifiedTimestamp). */
  public readonly createdAt: number;
  /** Resolved in `link()`. */
  public deadLetterQueue: SqsQueue | undefined;
  /** Resource policies attached by AWS::SQS::QueuePolicy (and their logical ids). */
  public readonly policies: { readonly logicalId: string; readonly document: any }[] = [];

  /** The SSE-KMS key, when the queue has one. */
  public get kmsMasterKeyId(): string | undefined {
    return this.config.kmsMasterKeyId;
  }

  /** Messages in the queue (delayed, visible, in flight) by serial (receipt handles name it). */
  private readonly messages = new Map<number, StoredMessage>();
  private readonly order: ReceiveOrder;
  private readonly hidden = new HiddenMessages();
  private readonly retention = new Retention();
  private readonly deduplication: DeduplicationWindow<SendOutcome>;
  private readonly attempts = new ReceiveAttempts();
  private delayedCount = 0;
  private inFlightCount = 0;
  private lastSerial = 0;
  private lastSequence = 0;
  private lastPurgeAt: number | undefined;
  private readonly counters = new QueueCounters();
  private readonly consumers = new Set<() => void>();
  private readonly metricListeners = new Set<() => void>();
  private readonly wakeUp: WakeUp;
  /** The API call in progress (see `batch`): how deep, the ids it sent and deleted (one trace event each), whether a
   * message became visible (consumers may receive) and whether a message or metric changed (alarms may look). */
  private callDepth = 0;
  private sentIds: string[] = [];
  private deletedIds: string[] = [];
  private becameVisible = false;
  private changed = false;

  /** @param tag this queue's mark in its receipt handles (unique in the simulator) */
  constructor(
    private readonly ctx: SimContext,
    public readonly resource: TemplateResource,
    public readonly config: QueueConfig,
    private readonly tag: string,
  ) {
    this.logicalId = resource.logicalId;
    this.name = config.name;
    this.fifo = config.fifo;
    this.arn = resource.attributes?.Arn ?? `arn:${ctx.env.partition}:sqs:${ctx.env.region}:${ctx.env.account}:${config.name}`;
    this.url = resource.ref;
    this.createdAt = Math.floor(ctx.clock.now() / 1000);
    this.order = config.fifo ? new FifoOrder() : new StandardOrder();
    this.deduplication = new DeduplicationWindow(config.deduplicationScope === 'messageGroup');
    this.wakeUp = new WakeUp(ctx.clock, `sqs:${this.logicalId}:wake`, () => this.batch(() => undefined));
  }

  // ---------------------------------------------------------------- QueueAccess (event source mappings, alarms)

  public get visibilityTimeoutSeconds(): number {
    return this.config.visibilityTimeout;
  }

  /** Receives up to `max` messages now with every system and message attribute, as an event source mapping does. */
  public receive(max: number, visibilityTimeoutSeconds?: number): ReceivedQueueMessage[] {
    const messages = this.receiveMessages(max, visibilityTimeoutSeconds ?? this.config.visibilityTimeout);
    return messages.map(m => receivedWithAllAttributes(m, this.now()));
  }

  public delete(receiptHandle: string): void {
    this.deleteMessage(receiptHandle);
  }

  public changeVisibility(receiptHandle: string, visibilityTimeoutSeconds: number): void {
    this.changeMessageVisibility(receiptHandle, visibilityTimeoutSeconds);
  }

  public nextAvailableAt(): number | undefined {
    return this.batch(() => (this.order.hasReceivable() ? this.now() : this.hidden.next()));
  }

  public onMessageAvailable(listener: () => void): () => void {
    this.consumers.add(listener);
    this.scheduleWake();
    return () => {
      this.consumers.delete(listener);
      this.scheduleWake();
    };
  }

  /** Called after every operation that may change a metric (each API call settles the queue once). */
  public onMetricChange(listener: () => void): () => void {
    this.metricListeners.add(listener);
    return () => this.metricListeners.delete(listener);
  }

  /** A CloudWatch metric of the queue now (metrics.ts). */
  public metric(metricName: string): number | undefined {
    return this.batch(() => this.counters.metric(metricName, () => ({
      visible: this.order.size,
      inFlight: this.inFlightCount,
      delayed: this.delayedCount,
      ageOfOldestMessage: this.retention.ageOfOldestMessage(this.now()),
    })));
  }

  // ---------------------------------------------------------------- the queue's operations

  /**
   * Runs one API call's work (a batch of entries, or one operation): the queue first catches up with the clock, and
   * settles once at the end, so the call records one `sent` and one `deleted` event and listeners hear of it once.
   * `work` returns what the call returns; it sets `changed` when it changes a message or a metric.
   */
  public batch<T>(work: () => T): T {
    if (this.callDepth++ === 0) this.catchUp();
    try {
      return work();
    } finally {
      if (--this.callDepth === 0) this.settle();
    }
  }

  /** Whether a receive now would return a message. */
  public hasAvailableNow(): boolean {
    return this.batch(() => this.order.hasReceivable());
  }

  /** Stores a validated message (SendMessage, a batch entry, a delivery from another service). */
  public send(content: ValidatedMessage, senderId: string): SendOutcome {
    return this.batch(() => {
      const now = this.now();
      if (this.fifo) {
        // FIFO: a deduplication id seen in the last five minutes is accepted but not stored again.
        const duplicate = this.deduplication.duplicateOf(content.deduplicationId as string, content.groupId, now);
        if (duplicate !== undefined) {
          this.changed = true;
          this.ctx.trace.record('sqs', this.logicalId, 'deduplicated', { messageId: duplicate.messageId });
          return duplicate;
        }
      }
      // A FIFO queue's delay is per queue; a standard queue's message timer overrides the queue's delay.
      const delaySeconds = this.fifo ? this.config.delaySeconds : content.delaySeconds ?? this.config.delaySeconds;
      const message = new StoredMessage(content, {
        serial: ++this.lastSerial,
        messageId: this.ctx.ids.uuid(),
        senderId,
        sequenceNumber: this.fifo ? fifoSequenceNumber(++this.lastSequence) : undefined,
        sentAt: now,
        arrivedAt: now,
        enqueuedAt: now,
        expiresAt: now + this.config.messageRetentionPeriod * 1000,
        visibleAt: now + delaySeconds * 1000,
      });
      const outcome: SendOutcome = { messageId: message.messageId, sequenceNumber: message.sequenceNumber };
      if (this.fifo) this.deduplication.remember(content.deduplicationId as string, content.groupId, outcome, now);
      this.changed = true;
      this.counters.sent++;
      this.counters.sentBytes += content.size;
      this.sentIds.push(message.messageId);
      this.admit(message);
      return outcome;
    });
  }

  /**
   * Receives up to `max` messages now. A message whose receive would exceed the redrive policy's maxReceiveCount moves
   * to the dead-letter queue instead of being returned.
   */
  public receiveMessages(max: number, visibilityTimeoutSeconds: number): StoredMessage[] {
    return this.batch(() => {
      const now = this.now();
      const maxReceiveCount = this.deadLetterQueue ? this.config.redrivePolicy?.maxReceiveCount : undefined;
      const received: StoredMessage[] = [];
      let previous: StoredMessage | undefined;
      while (received.length < max) {
        const message = this.order.next(previous);
        if (message === undefined) break;
        previous = message;
        if (exceedsMaxReceiveCount(message, maxReceiveCount)) {
          this.moveToDeadLetterQueue(message);
          continue;
        }
        this.takeInFlight(message, visibilityTimeoutSeconds, now);
        received.push(message);
      }
      this.changed = true;
      this.counters.received += received.length;
      if (received.length === 0) this.counters.emptyReceives++;
      else this.ctx.trace.record('sqs', this.logicalId, 'received', { messageIds: received.map(m => m.messageId) });
      return received;
    });
  }

  /** Whether a receive with this ReceiveRequestAttemptId would return an earlier receive's messages again (FIFO). */
  public canReplay(attemptId: string): boolean {
    return this.attempts.replay(attemptId, this.now()) !== undefined;
  }

  /** A FIFO receive with a ReceiveRequestAttemptId (receive-attempts.ts). */
  public receiveWithAttemptId(attemptId: string, max: number, visibilityTimeoutSeconds: number): StoredMessage[] {
    return this.batch(() => {
      const now = this.now();
      const replay = this.attempts.replay(attemptId, now);
      if (replay !== undefined) {
        for (const m of replay) this.hidden.hide(m, now + visibilityTimeoutSeconds * 1000);
        this.changed = true;
        this.ctx.trace.record('sqs', this.logicalId, 'receive-retried', { receiveRequestAttemptId: attemptId });
        return [...replay];
      }
      const messages = this.receiveMessages(max, visibilityTimeoutSeconds);
      this.attempts.remember(attemptId, messages, now);
      return messages;
    });
  }

  /** DeleteMessage: see each branch for the documented rule. */
  public deleteMessage(receiptHandle: string): void {
    this.batch(() => {
      const message = this.messageOf(receiptHandle);
      this.changed = true;
      if (message !== undefined && message.receiptHandle === receiptHandle) {
        // Standard: the latest receipt handle deletes the message even after its visibility timeout has ended.
        if (this.fifo && message.state !== 'inflight') throw receiptHandleExpired(receiptHandle);
        this.counters.deleted++;
        this.deletedIds.push(message.messageId);
        this.remove(message);
        return;
      }
      // FIFO: a handle from an earlier receive of a message still in the queue has expired.
      if (message !== undefined && this.fifo) throw receiptHandleExpired(receiptHandle);
      // A handle of a message already deleted (or an older handle of a standard message received again since): the
      // request succeeds and counts as a deletion, but nothing is removed (SQS: "the request succeeds, but the message
      // might not be deleted"; NumberOfMessagesDeleted counts duplicate deletions).
      this.counters.deleted++;
    });
  }

  /** ChangeMessageVisibility (visibility.ts). */
  public changeMessageVisibility(receiptHandle: string, visibilityTimeoutSeconds: number): void {
    const seconds = checkVisibilityTimeout(visibilityTimeoutSeconds);
    this.batch(() => {
      const now = this.now();
      const message = this.messageOf(receiptHandle);
      if (message === undefined || message.receiptHandle !== receiptHandle) {
        throw invalidParameter('ReceiptHandle', receiptHandle, 'Message does not exist or is not available for visibility timeout change.');
      }
      if (message.state !== 'inflight') throw messageNotInflight();
      checkVisibilityLimit(message, seconds, now);
      this.ctx.trace.record('sqs', this.logicalId, 'visibility-changed', { messageId: message.messageId, visibilityTimeout: seconds });
      this.changed = true;
      if (seconds === 0) {
        this.land(message);
        this.makeVisible(message);
      } else {
        this.hidden.hide(message, now + seconds * 1000);
      }
    });
  }

  /** PurgeQueue: deletes every message (visible, delayed and in flight); allowed once per 60 seconds. */
  public purge(): number {
    return this.batch(() => {
      const now = this.now();
      if (this.lastPurgeAt !== undefined && now - this.lastPurgeAt < PURGE_INTERVAL_MS) throw purgeQueueInProgress(this.name);
      this.lastPurgeAt = now;
      this.changed = true;
      const count = this.messages.size;
      for (const message of this.messages.values()) message.state = 'gone';
      this.messages.clear();
      this.order.clear();
      this.hidden.clear();
      this.retention.clear();
      this.attempts.clear();
      this.delayedCount = 0;
      this.inFlightCount = 0;
      this.ctx.trace.record('sqs', this.logicalId, 'purged', { count });
      return count;
    });
  }

  /** Takes in a message another queue moved here (dead-lettering, or a message move task; see dead-letter.ts). */
  public acceptMoved(original: StoredMessage, move: Move, sourceArn: string | undefined): void {
    this.batch(() => {
      const now = this.now();
      const retentionMs = this.config.messageRetentionPeriod * 1000;
      const message = movedMessage(original, move, sourceArn, { fifo: this.fifo, retentionMs }, ++this.lastSerial, now);
      this.changed = true;
      if (message.expiresAt <= now) {
        this.ctx.trace.record('sqs', this.logicalId, 'expired', { messageId: message.messageId });
        return;
      }
      this.admit(message);
    });
  }

  /** Takes up to `max` visible messages out of the queue in receive order, for a message move task. */
  public takeVisibleForMove(max: number): StoredMessage[] {
    return this.batch(() => {
      const taken: StoredMessage[] = [];
      let previous: StoredMessage | undefined;
      while (taken.length < max) {
        const message = this.order.next(previous);
        if (message === undefined) break;
        previous = message;
        this.forget(message);
        taken.push(message);
        this.changed = true;
      }
      return taken;
    });
  }

  /** How many messages are visible. */
  public visibleCount(): number {
    return this.batch(() => this.order.size);
  }

  /** How many messages the queue holds (visible, in flight and delayed). */
  public get size(): number {
    return this.messages.size;
  }

  /** The messages in the queue, in the order they arrived, without receiving them. */
  public messagesNow(): StoredMessage[] {
    return this.batch(() => this.retention.inArrivalOrder());
  }

  /** The messages in the queue with their state, in the order they arrived (for tests and property checks). */
  public snapshot(): MessageSnapshot[] {
    return this.messagesNow().map(m => ({
      messageId: m.messageId,
      state: m.state as MessageSnapshot['state'],
      groupId: m.groupId,
      receiveCount: m.receiveCount,
    }));
  }

  // ---------------------------------------------------------------- internals

  private now(): number {
    return this.ctx.clock.now();
  }

  /** The message a receipt handle names (undefined once gone); ReceiptHandleIsInvalid for a handle this queue never issued. */
  private messageOf(receiptHandle: string): StoredMessage | undefined {
    const serial = serialOfReceiptHandle(receiptHandle, this.tag);
    if (serial === undefined) throw receiptHandleIsInvalid(String(receiptHandle));
    return this.messages.get(serial);
  }

  /** Ends the delays and visibility timeouts that are due, and expires the messages past their retention period. */
  private catchUp(): void {
    const now = this.now();
    for (let message = this.hidden.takeDue(now); message !== undefined; message = this.hidden.takeDue(now)) {
      this.changed = true;
      if (message.state === 'inflight') {
        this.ctx.trace.record('sqs', this.logicalId, 'visibility-expired', { messageId: message.messageId });
        this.land(message);
      } else {
        this.delayedCount--;
      }
      this.makeVisible(message);
    }
    for (let message = this.retention.expired(now); message !== undefined; message = this.retention.expired(now)) {
      this.changed = true;
      this.ctx.trace.record('sqs', this.logicalId, 'expired', { messageId: message.messageId });
      this.remove(message);
    }
  }

  /** Puts a message that arrived into the queue: delayed until its `visibleAt`, or visible. */
  private admit(message: StoredMessage): void {
    this.messages.set(message.serial, message);
    this.retention.add(message);
    if (message.visibleAt > this.now()) {
      message.state = 'delayed';
      this.delayedCount++;
      this.hidden.hide(message, message.visibleAt);
    } else {
      this.makeVisible(message);
    }
  }

  private makeVisible(message: StoredMessage): void {
    message.state = 'visible';
    this.order.add(message);
    this.becameVisible = true;
  }

  private takeInFlight(message: StoredMessage, visibilityTimeoutSeconds: number, now: number): void {
    message.state = 'inflight';
    message.receiveCount++;
    message.firstReceivedAt ??= now;
    message.receivedAt = now;
    message.receiptHandle = newReceiptHandle(this.tag, message, this.ctx.ids);
    this.inFlightCount++;
    this.order.inFlight(message);
    this.hidden.hide(message, now + visibilityTimeoutSeconds * 1000);
  }

  /** An in-flight message leaves flight (its group in a FIFO queue may be received again). */
  private land(message: StoredMessage): void {
    this.inFlightCount--;
    this.order.landed(message);
  }

  /** Removes a message from the queue, whatever its state (deleted, expired). */
  private remove(message: StoredMessage): void {
    if (message.state === 'delayed') this.delayedCount--;
    else if (message.state === 'visible') this.order.remove(message);
    else if (message.state === 'inflight') this.land(message);
    this.forget(message);
  }

  /** The message is no longer in this queue (removed, or taken out to move elsewhere). */
  private forget(message: StoredMessage): void {
    message.state = 'gone';
    this.messages.delete(message.serial);
  }

  private moveToDeadLetterQueue(message: StoredMessage): void {
    const dlq = this.deadLetterQueue as SqsQueue;
    this.forget(message);
    this.ctx.trace.record('sqs', this.logicalId, 'moved-to-dlq', {
      messageId: message.messageId, deadLetterQueue: dlq.logicalId, receiveCount: message.receiveCount,
    });
    dlq.acceptMoved(message, 'dead-letter', this.arn);
  }

  /** The end of an API call: its trace events, the listeners, and the wake-up task at the queue's next deadline. */
  private settle(): void {
    if (this.sentIds.length > 0) {
      this.ctx.trace.record('sqs', this.logicalId, 'sent', { messageIds: this.sentIds });
      this.sentIds = [];
    }
    if (this.deletedIds.length > 0) {
      this.ctx.trace.record('sqs', this.logicalId, 'deleted', { messageIds: this.deletedIds });
      this.deletedIds = [];
    }
    const changed = this.changed;
    this.changed = false;
    if (this.becameVisible) {
      this.becameVisible = false;
      if (this.consumers.size > 0) for (const listener of [...this.consumers]) listener();
    }
    this.scheduleWake();
    this.hidden.compact(this.delayedCount + this.inFlightCount);
    this.retention.compact(this.messages.size);
    if (changed && this.metricListeners.size > 0) for (const listener of [...this.metricListeners]) listener();
  }

  /** Keeps the queue's wake-up task at its next deadline (wake-up.ts). */
  private scheduleWake(): void {
    const visibleAt = this.hidden.next();
    const expiresAt = this.retention.next();
    const at = visibleAt === undefined ? expiresAt : expiresAt === undefined ? visibleAt : Math.min(visibleAt, expiresAt);
    this.wakeUp.set(at, this.consumers.size === 0 || visibleAt === undefined);
  }
}
