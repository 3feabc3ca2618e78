/**
 * One simulated SQS queue (standard or FIFO) on the virtual clock.
 *
 * Per-message work is O(1) amortized (O(log n) for out-of-order deadlines). Every message has a slot, numbered in
 * arrival order (MessageSlots): a standard-queue message visible at once is kept there by column until it is first
 * received, and becomes a StoredMessage object then (delayed, FIFO and moved-in messages are objects from the start).
 * Structures: a ready deque of slots (standard) or per-group deques with a queue of unblocked groups (FIFO); a
 * min-heap for delayed messages; visibility deadlines in a ring (in-order deadlines, the common case) or a heap; an
 * arrival-order deque of slots for retention and the age metric. Receipt handles carry the slot. Entries are removed
 * lazily (a deleted message stays in a structure until it reaches the front or the structure is compacted), so no
 * per-message clock task is ever scheduled: the clock only gets one "wake" task per queue at the next delay or
 * visibility end while someone listens (foreground for a long poll or an event source mapping, background for
 * alarms) and one background task for the next retention expiry.
 */
import { ScheduledTask, uuidOfWords } from '../kernel';
import { BodyPiece, MessageAttributeValue, pieceText, piecesText, QueueAccess, ReceivedQueueMessage, SimContext, TemplateResource } from '../runtime';
import { DeadlineRing } from './deadline-ring';
import { Deque } from './deque';
import {
  invalidParameter,
  messageNotInflight,
  purgeQueueInProgress,
  receiptHandleIsInvalid,
} from './errors';
import { hexWord, parseReceiptHandle, receiptHandle as newReceiptHandle, wordsHex } from './fast-ids';
import { md5Hex, Md5Words, md5OfMessageAttributes } from './md5';
import { MessageExtra } from './message-extra';
import { IdWords, MessageIdLog } from './message-id-log';
import { DROPPED, emptyWaitingMessage, HELD, MessageSlots, WAITING } from './message-slots';
import { PreparedMessage } from './message-validation';
import { MinHeap } from './min-heap';
import { QueueConfig } from './queue-config';
import { SlotDeque } from './slot-deque';

const DELAYED = 0;
const READY = 1;
const INFLIGHT = 2;
const GONE = 3;
type MessageState = typeof DELAYED | typeof READY | typeof INFLIGHT | typeof GONE;

/** SQS limits a message's total visibility timeout to 12 hours from the receive that issued its receipt handle. */
export const MAX_VISIBILITY_MS = 43_200 * 1000;
/** The FIFO deduplication interval. */
export const DEDUPLICATION_INTERVAL_MS = 5 * 60 * 1000;
/** PurgeQueue may run once per 60 seconds per queue. */
export const PURGE_INTERVAL_MS = 60 * 1000;
/** How long a ReceiveRequestAttemptId can be retried. */
const ATTEMPT_ID_INTERVAL_MS = 5 * 60 * 1000;
const COMPACT_MIN = 1024;

/** What a queue needs from its service. */
export interface QueueEnvironment {
  readonly ctx: SimContext;
  /**
   * Message times are kept in milliseconds since this virtual time (the simulator's start), which keeps them small
   * integers: V8 stores those inline, where epoch milliseconds would each need a heap-allocated number.
   */
  readonly epoch: number;
  nextSerial(): number;
}

/**
 * A message id's four int32 words (V8 keeps them inline), reused rather than allocated: `draw` takes a new id (the
 * same four draws `uuid` makes), `of` copies one; the text is written only when `messageId` is read. As what `enqueue`
 * returns for a message kept in a waiting slot, it is valid until the next send.
 */
class IdBuffer implements SendOutcome, IdWords {
  public id0 = 0;
  public id1 = 0;
  public id2 = 0;
  public id3 = 0;
  public readonly sequenceNumber = undefined;

  public draw(ids: SimContext['ids']): this {
    this.id0 = ids.int32();
    this.id1 = ids.int32();
    this.id2 = ids.int32();
    this.id3 = ids.int32();
    return this;
  }

  public of(id: IdWords): this {
    this.id0 = id.id0;
    this.id1 = id.id1;
    this.id2 = id.id2;
    this.id3 = id.id3;
    return this;
  }

  public get messageId(): string {
    return uuidOfWords(this.id0, this.id1, this.id2, this.id3);
  }
}

/** One scratch id: enqueue copies its words into the new message or slot at once. */
const freshId = new IdBuffer();

/** A body digest parsed into words (for a waiting slot or a StoredMessage). */
class Md5Scratch implements Md5Words {
  public a = 0;
  public b = 0;
  public c = 0;
  public d = 0;
  public parse(hex: string): this {
    this.a = hexWord(hex, 0);
    this.b = hexWord(hex, 8);
    this.c = hexWord(hex, 16);
    this.d = hexWord(hex, 24);
    return this;
  }
}

const md5Scratch = new Md5Scratch();

/** Read buffer for a waiting slot being turned into a StoredMessage. */
const waitingScratch = emptyWaitingMessage();

/** A stored message. Mutable fields change as it is received, returned and deleted. */
export class StoredMessage {
  public state: MessageState = DELAYED;
  public receiveCount = 0;
  /** -1 until first received. */
  public firstReceiveAt = -1;
  /** When the current receipt handle was issued (the 12-hour visibility cap counts from here). */
  public receivedAt = 0;
  /** When a delayed message becomes visible, or when an in-flight message's visibility timeout ends. */
  public visibleAt: number;
  public receipt: string | undefined = undefined;
  /** Its slot in the queue (MessageSlots): receipt handles carry it. */
  public slot = -1;
  /**
   * MD5 of the body, kept as four 32-bit words (held inline) rather than a 32-character string per message. A message
   * delivered by another service returns no SendMessage response, so its digest is computed on first use (the same
   * value, later): `md5Pending` says the words are not filled in yet.
   */
  private md5a = 0;
  private md5b = 0;
  private md5c = 0;
  private md5d = 0;
  private md5Pending: boolean;

  /** The message id as four 32-bit words (see `uuidOfWords`): no string per queued message. */
  public readonly id0: number;
  public readonly id1: number;
  public readonly id2: number;
  public readonly id3: number;

  /**
   * The body, or (a sender's three reused pieces, see PreparedMessage.bodyParts) its first piece: SNS envelopes share
   * their head and tail across a publish's deliveries, so a queued delivery holds three references instead of
   * concatenated strings of its own (fewer objects for the garbage collector to copy).
   */
  public readonly bodyHead: BodyPiece;
  public readonly bodyMiddle: BodyPiece | undefined;
  public readonly bodyTail: BodyPiece | undefined;

  constructor(
    public readonly serial: number,
    id: IdWords,
    bodyHead: BodyPiece,
    bodyMiddle: BodyPiece | undefined,
    bodyTail: BodyPiece | undefined,
    md5OfBody: string | undefined,
    public readonly senderId: string,
    /** When it entered this queue (ApproximateAgeOfOldestMessage; SentTimestamp unless moved). */
    public readonly arrivedAt: number,
    /** Retention deadline: the original enqueue time plus this queue's MessageRetentionPeriod. */
    public readonly expiresAt: number,
    public readonly extra: MessageExtra | undefined,
    availableAt: number,
  ) {
    this.id0 = id.id0;
    this.id1 = id.id1;
    this.id2 = id.id2;
    this.id3 = id.id3;
    this.bodyHead = bodyHead;
    this.bodyMiddle = bodyMiddle;
    this.bodyTail = bodyTail;
    this.visibleAt = availableAt;
    this.md5Pending = md5OfBody === undefined;
    if (md5OfBody !== undefined) this.setMd5(md5OfBody);
  }

  /** The body text (deferred pieces are written on first read; see DeferredText). */
  public get body(): string {
    const head = pieceText(this.bodyHead);
    return this.bodyMiddle === undefined ? head : head + pieceText(this.bodyMiddle) + pieceText(this.bodyTail as BodyPiece);
  }

  public get messageId(): string {
    return uuidOfWords(this.id0, this.id1, this.id2, this.id3);
  }

  public get md5OfBody(): string {
    if (this.md5Pending) {
      this.setMd5(md5Hex(this.body));
      this.md5Pending = false;
    }
    return wordsHex(this.md5a, this.md5b, this.md5c, this.md5d);
  }

  /** The body digest as words (a message built from a waiting slot that had it). */
  public setMd5Words(a: number, b: number, c: number, d: number): void {
    this.md5a = a;
    this.md5b = b;
    this.md5c = c;
    this.md5d = d;
    this.md5Pending = false;
  }

  private setMd5(md5OfBody: string): void {
    const w = md5Scratch.parse(md5OfBody);
    this.setMd5Words(w.a, w.b, w.c, w.d);
  }


  public get attributes() { return this.extra?.attributes; }
  public get md5OfAttributes() { return this.extra?.md5OfAttributes; }
  public get groupId() { return this.extra?.groupId; }
  public get dedupId() { return this.extra?.dedupId; }
  public get sequenceNumber() { return this.extra?.sequenceNumber; }
  public get traceHeader() { return this.extra?.traceHeader; }
  public get deadLetterSourceArn() { return this.extra?.deadLetterSourceArn; }
  public get sentAt(): number { return this.extra?.sentAt ?? this.arrivedAt; }
  public get enqueuedAt(): number { return this.extra?.enqueuedAt ?? this.arrivedAt; }
}

/** An out-of-order visibility deadline. Valid while the message is in flight with exactly this deadline. */
interface VisibilityEntry {
  readonly at: number;
  readonly order: number;
  readonly msg: StoredMessage;
}

function isCurrentDeadline(m: StoredMessage, at: number): boolean {
  return m.state === INFLIGHT && m.visibleAt === at;
}

class FifoGroup {
  public readonly items = new Deque<StoredMessage>(4);
  public ready = 0;
  public inflight = 0;
  public queued = false;
  constructor(public readonly id: string) {}
}

interface DedupEntry {
  readonly messageId: string;
  readonly sequenceNumber: string;
  readonly expiresAt: number;
}

interface AttemptEntry {
  readonly at: number;
  readonly messages: StoredMessage[];
  readonly receipts: string[];
}

/** What a send produced: the message queued, or (FIFO) the earlier message a duplicate send resolved to. */
export interface SendOutcome {
  readonly messageId: string;
  readonly sequenceNumber?: string;
}

export type { MessageExtra } from './message-extra';

export class SqsQueue implements QueueAccess {
  public readonly logicalId: string;
  public readonly arn: string;
  public readonly url: string;
  public readonly name: string;
  public readonly fifo: boolean;
  /** Virtual epoch seconds of creation (CreatedTimestamp / LastModifiedTimestamp). */
  public readonly createdAt: number;
  private readonly epoch: number;
  /** Resolved in `link()`. */
  public deadLetterQueue: SqsQueue | undefined;
  /** Resource policies attached by AWS::SQS::QueuePolicy (and their logical ids). */
  public readonly policies: { readonly logicalId: string; readonly document: any }[] = [];
  /**
   * sqs:SendMessage decisions by caller identity object (services reuse one identity per source), reset when a
   * policy is attached: the queue policy does not change after the template is loaded.
   */
  public sendDecisions = new WeakMap<object, boolean>();

  private readonly ctx: SimContext;
  /** Every message's slot; messages nobody has received yet are kept by column there (see MessageSlots). */
  private readonly slots = new MessageSlots<StoredMessage>();
  /** Standard queues: slots of visible messages, in the order they became visible (entries may be stale). */
  private readonly ready = new SlotDeque();
  private readonly groups = new Map<string, FifoGroup>();
  private readonly readyGroups = new Deque<FifoGroup>();
  private readonly delayed = new MinHeap<StoredMessage>((a, b) => a.visibleAt < b.visibleAt
    || (a.visibleAt === b.visibleAt && a.serial < b.serial));
  private readonly visibilityRing = new DeadlineRing<StoredMessage>();
  private readonly visibility = new MinHeap<VisibilityEntry>((a, b) => a.at < b.at || (a.at === b.at && a.order < b.order));
  /** Slots in arrival order, for retention and the age metric (entries may be stale). */
  private readonly arrivals = new SlotDeque();
  /** Standard dead-lettered messages keep their original enqueue time, so their expiry precedes their arrival order. */
  private readonly inherited = new MinHeap<StoredMessage>((a, b) => a.expiresAt < b.expiresAt
    || (a.expiresAt === b.expiresAt && a.serial < b.serial));
  private readonly dedup = new Map<string, DedupEntry>();
  private readonly attempts = new Map<string, AttemptEntry>();
  private readonly listeners = new Set<() => void>();
  private readonly metricListeners = new Set<() => void>();
  private readonly queueTag: number;
  /** False when the trace is switched off (benchmarks): then message ids are not even collected for it. */
  private readonly traceOn: boolean;
  /** What `enqueue` returns for a message kept in a waiting slot (valid until the next send). */
  private readonly sent = new IdBuffer();
  /** Message ids of traced events, as words (see MessageIdLog). */
  private readonly idLog = new MessageIdLog();
  /**
   * The id-log entries of the current API call's `sent` and `deleted` events (-1: none yet), recorded once when the
   * call settles: one event per call, not per message.
   */
  private tracedSent = -1;
  private tracedDeleted = -1;
  private visOrder = 0;
  private sequence = 0;
  private nReady = 0;
  private nInflight = 0;
  private nDelayed = 0;
  private live = 0;
  private pendingNotify = false;
  private batchDepth = 0;
  private wakeTask: ScheduledTask | undefined;
  private expiryTask: ScheduledTask | undefined;
  /** The oldest arrival slot and inherited-expiry message the expiry task was last checked against. */
  private expiryOldest: number | undefined;
  private expiryInherited: StoredMessage | undefined;
  /** The virtual time of the last full catch-up (see `catchUp`). */
  private caughtUpAt = -Infinity;
  /** When `expiryTask` runs, in milliseconds since `epoch`. */
  private expiryTaskAt = 0;
  private lastPurgeAt: number | undefined;
  private readonly counters = { sent: 0, sentBytes: 0, received: 0, deleted: 0, emptyReceives: 0 };

  constructor(
    private readonly env: QueueEnvironment,
    public readonly resource: TemplateResource,
    public readonly config: QueueConfig,
    queueIndex: number,
  ) {
    this.ctx = env.ctx;
    this.logicalId = resource.logicalId;
    this.name = config.name;
    this.fifo = config.fifo;
    this.arn = resource.attributes?.Arn ?? `arn:${this.ctx.env.partition}:sqs:${this.ctx.env.region}:${this.ctx.env.account}:${config.name}`;
    this.url = resource.ref;
    this.createdAt = Math.floor(this.ctx.clock.now() / 1000);
    this.epoch = env.epoch;
    this.queueTag = queueIndex;
    this.traceOn = this.ctx.trace.isEnabled;
  }

  // ---------------------------------------------------------------- QueueAccess

  public get visibilityTimeoutSeconds(): number {
    return this.config.visibilityTimeout;
  }

  /** Receives up to `max` messages now with every system and message attribute, as an event source mapping does. */
  public receive(max: number, visibilityTimeoutSeconds?: number): ReceivedQueueMessage[] {
    const vt = visibilityTimeoutSeconds ?? this.config.visibilityTimeout;
    const messages = this.receiveMessages(max, vt);
    const out: ReceivedQueueMessage[] = new Array(messages.length);
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i];
      out[i] = {
        MessageId: m.messageId,
        ReceiptHandle: m.receipt as string,
        Body: m.body,
        MD5OfBody: m.md5OfBody,
        MD5OfMessageAttributes: m.md5OfAttributes,
        Attributes: this.systemAttributes(m, undefined),
        MessageAttributes: m.attributes,
      };
    }
    return out;
  }

  public delete(receiptHandle: string): void {
    this.deleteMessage(receiptHandle);
  }

  public changeVisibility(receiptHandle: string, visibilityTimeoutSeconds: number): void {
    this.changeMessageVisibility(receiptHandle, visibilityTimeoutSeconds);
  }

  public nextAvailableAt(): number | undefined {
    const at = this.nextAvailableRelative();
    return at === undefined ? undefined : this.epoch + at;
  }

  private nextAvailableRelative(): number | undefined {
    const now = this.now();
    this.catchUp(now);
    if (this.hasReceivable()) return now;
    let at: number | undefined;
    const d = this.liveDelayedTop();
    if (d) at = d.visibleAt;
    const v = this.nextVisibilityDeadline();
    if (v !== undefined && (at === undefined || v < at)) at = v;
    return at;
  }

  public onMessageAvailable(listener: () => void): () => void {
    this.listeners.add(listener);
    this.scheduleWake();
    return () => {
      this.listeners.delete(listener);
      this.scheduleWake();
    };
  }

  /** Called after every operation that may change a metric (each settles the queue once). */
  public onMetricChange(listener: () => void): () => void {
    this.metricListeners.add(listener);
    this.scheduleWake();
    return () => {
      this.metricListeners.delete(listener);
      this.scheduleWake();
    };
  }

  public metric(metricName: string): number | undefined {
    this.catchUp(this.now());
    switch (metricName) {
      case 'ApproximateNumberOfMessagesVisible': return this.nReady;
      case 'ApproximateNumberOfMessagesNotVisible': return this.nInflight;
      case 'ApproximateNumberOfMessagesDelayed': return this.nDelayed;
      case 'ApproximateAgeOfOldestMessage': return this.ageOfOldestMessage();
      // Counters are cumulative since the queue was created; the alarm engine takes differences per period.
      case 'NumberOfMessagesSent': return this.counters.sent;
      case 'NumberOfMessagesReceived': return this.counters.received;
      case 'NumberOfMessagesDeleted': return this.counters.deleted;
      case 'NumberOfEmptyReceives': return this.counters.emptyReceives;
      case 'SentMessageSize': return this.counters.sentBytes;
      default: return undefined;
    }
  }

  // ---------------------------------------------------------------- engine operations

  /** Whether a receive now would return a message. */
  public hasReceivable(): boolean {
    if (!this.fifo) return this.nReady > 0;
    for (;;) {
      const g = this.readyGroups.peek();
      if (!g) return false;
      if (g.inflight === 0 && g.ready > 0) return true;
      this.readyGroups.shift();
      g.queued = false;
      this.dropGroupIfEmpty(g);
    }
  }

  /** Catches up with the clock, then reports whether a message can be received. */
  public hasAvailableNow(): boolean {
    this.catchUp(this.now());
    return this.hasReceivable();
  }

  /** Enqueues a validated message (SendMessage / batch entry / delivery from another service). */
  public enqueue(req: PreparedMessage, senderId: string): SendOutcome {
    const now = this.now();
    this.catchUp(now);
    let dedupKey: string | undefined;
    if (this.fifo) {
      dedupKey = this.config.deduplicationScope === 'messageGroup' ? `${req.groupId}\u0000${req.dedupId}` : (req.dedupId as string);
      this.pruneDedup(now);
      const seen = this.dedup.get(dedupKey);
      if (seen && seen.expiresAt > now) {
        this.ctx.trace.record('sqs', this.logicalId, 'deduplicated', { messageId: seen.messageId });
        return seen;
      }
    }
    const delay = this.fifo ? this.config.delaySeconds : (req.delaySeconds ?? this.config.delaySeconds);
    const sequenceNumber = this.fifo ? this.nextSequenceNumber() : undefined;
    const extra: MessageExtra | undefined = req.attributes || req.groupId !== undefined || req.traceHeader !== undefined
      ? {
        attributes: req.attributes,
        md5OfAttributes: req.md5OfAttributes,
        groupId: req.groupId,
        dedupId: req.dedupId,
        sequenceNumber,
        traceHeader: req.traceHeader,
      }
      : undefined;
    const serial = this.env.nextSerial();
    const id = freshId.draw(this.ctx.ids);
    const expiresAt = now + this.config.messageRetentionPeriod * 1000;
    // A body given as three pieces is kept as them (see StoredMessage.bodyHead); other piece counts are joined.
    const parts = req.bodyParts;
    const three = parts !== undefined && parts.length === 3;
    const head: BodyPiece = three ? parts[0] : parts !== undefined ? piecesText(parts) : req.body as string;
    const middle = three ? parts[1] : undefined;
    const tail = three ? parts[2] : undefined;
    this.counters.sent++;
    this.counters.sentBytes += req.size;
    if (this.traceOn) this.tracedSent = this.idLog.add(this.tracedSent, id);
    if (!this.fifo && delay === 0 && this.slots.canWait(middle, extra)) {
      // Visible at once on a standard queue: kept by column until someone receives it.
      const md5 = req.md5OfBody === undefined ? undefined : md5Scratch.parse(req.md5OfBody);
      const slot = this.slots.addWaiting(serial, id, head, middle, tail, md5, senderId, now, expiresAt, extra);
      this.live++;
      this.arrivals.push(slot);
      this.deadlineAdded(expiresAt);
      this.nReady++;
      this.ready.push(slot);
      this.pendingNotify = true;
      this.flush();
      return this.sent.of(id);
    }
    const m = new StoredMessage(serial, id, head, middle, tail, req.md5OfBody, senderId, now, expiresAt, extra, now + delay * 1000);
    if (dedupKey !== undefined) {
      this.dedup.delete(dedupKey); // re-insert at the end: the map stays in expiry order for pruning
      this.dedup.set(dedupKey, { messageId: m.messageId, sequenceNumber: sequenceNumber as string, expiresAt: now + DEDUPLICATION_INTERVAL_MS });
    }
    this.admit(m, now);
    return m;
  }

  /**
   * Receives up to `max` messages now: moves a message whose receive would exceed the redrive policy's
   * maxReceiveCount to the dead-letter queue instead of returning it.
   */
  public receiveMessages(max: number, visibilityTimeoutSeconds: number): StoredMessage[] {
    const now = this.now();
    this.catchUp(now);
    const out: StoredMessage[] = [];
    const vtMs = visibilityTimeoutSeconds * 1000;
    const maxReceives = this.deadLetterQueue ? (this.config.redrivePolicy as { maxReceiveCount: number }).maxReceiveCount : Infinity;
    if (!this.fifo) {
      while (out.length < max && this.nReady > 0) {
        const m = this.readyMessage(this.ready.shift());
        if (m === undefined) continue;
        this.nReady--;
        if (m.receiveCount >= maxReceives) {
          this.moveToDeadLetterQueue(m);
          continue;
        }
        this.takeInflight(m, vtMs, now);
        out.push(m);
      }
    } else {
      while (out.length < max) {
        const g = this.nextReadyGroup();
        if (!g) break;
        // SQS FIFO: return as many messages of the same group as possible, in order, then fill from other groups.
        while (out.length < max) {
          const m = g.items.peek();
          if (!m) break;
          g.items.shift();
          if (m.state !== READY) continue;
          g.ready--;
          this.nReady--;
          if (m.receiveCount >= maxReceives) {
            this.moveToDeadLetterQueue(m);
            continue;
          }
          this.takeInflight(m, vtMs, now);
          g.inflight++;
          out.push(m);
        }
        if (g.items.length === 0) g.ready = 0; // every counted message was taken: never spin on a stale count
        this.maybeQueueGroup(g);
        this.dropGroupIfEmpty(g);
      }
    }
    this.counters.received += out.length;
    if (out.length === 0) {
      this.counters.emptyReceives++;
    } else if (this.traceOn) {
      let entry = -1;
      for (let i = 0; i < out.length; i++) entry = this.idLog.add(entry, out[i]);
      this.ctx.trace.record('sqs', this.logicalId, 'received', { messageIds: this.idLog.ids(entry) });
    }
    this.flush();
    return out;
  }

  /** Whether a receive with this ReceiveRequestAttemptId would replay an earlier one (FIFO). */
  public canReplay(attemptId: string): boolean {
    const previous = this.attempts.get(attemptId);
    return previous !== undefined && this.now() - previous.at < ATTEMPT_ID_INTERVAL_MS && previous.messages.length > 0
      && previous.messages.every((m, i) => m.state === INFLIGHT && m.receipt === previous.receipts[i]);
  }

  /**
   * FIFO ReceiveRequestAttemptId: a retry within 5 minutes returns the same messages and receipt handles (and resets
   * their visibility timeout) as long as none was deleted or had its visibility changed.
   */
  public receiveWithAttemptId(attemptId: string, max: number, visibilityTimeoutSeconds: number): StoredMessage[] {
    const now = this.now();
    this.catchUp(now);
    for (const [id, entry] of this.attempts) {
      if (now - entry.at < ATTEMPT_ID_INTERVAL_MS) break;
      this.attempts.delete(id);
    }
    const previous = this.attempts.get(attemptId);
    if (previous && previous.messages.length > 0
      && previous.messages.every((m, i) => m.state === INFLIGHT && m.receipt === previous.receipts[i])) {
      for (const m of previous.messages) this.setVisibility(m, now + visibilityTimeoutSeconds * 1000);
      this.ctx.trace.record('sqs', this.logicalId, 'receive-retried', { receiveRequestAttemptId: attemptId });
      this.flush();
      return previous.messages;
    }
    const messages = this.receiveMessages(max, visibilityTimeoutSeconds);
    this.attempts.delete(attemptId);
    this.attempts.set(attemptId, { at: now, messages, receipts: messages.map(m => m.receipt as string) });
    return messages;
  }

  /** DeleteMessage semantics: see the comments on each branch for the documented rule. */
  public deleteMessage(receiptHandle: string): void {
    const now = this.now();
    this.catchUp(now);
    const slot = parseReceiptHandle(receiptHandle, this.queueTag, false);
    const m = slot < 0 ? undefined : this.findLive(slot);
    if (m && m.receipt === receiptHandle) {
      if (this.fifo && m.state !== INFLIGHT) throw this.receiptHandleExpired(receiptHandle);
      // Standard: the latest receipt handle deletes the message even after its visibility timeout has expired.
      this.counters.deleted++;
      if (this.traceOn) this.tracedDeleted = this.idLog.add(this.tracedDeleted, m);
      this.remove(m);
      this.flush();
      return;
    }
    if (parseReceiptHandle(receiptHandle, this.queueTag) < 0) throw receiptHandleIsInvalid(String(receiptHandle));
    // FIFO: a handle from an earlier receive of a message still in the queue has expired.
    if (m && this.fifo) throw this.receiptHandleExpired(receiptHandle);
    // A valid handle of a message already deleted (or an older receipt of a standard message received again since):
    // the request succeeds and counts as a deletion, but nothing is removed (SQS: "the request succeeds, but the
    // message might not be deleted"; NumberOfMessagesDeleted counts duplicate deletions).
    this.counters.deleted++;
  }

  public changeMessageVisibility(receiptHandle: string, visibilityTimeoutSeconds: number): void {
    const vt = visibilityTimeoutSeconds;
    if (typeof vt !== 'number' || !Number.isInteger(vt) || vt < 0 || vt > 43_200) {
      throw invalidParameter('VisibilityTimeout', vt, 'Must be between 0 and 43200, if provided.');
    }
    const now = this.now();
    this.catchUp(now);
    const slot = parseReceiptHandle(receiptHandle, this.queueTag);
    if (slot < 0) throw receiptHandleIsInvalid(String(receiptHandle));
    const m = this.findLive(slot);
    if (!m || m.receipt !== receiptHandle) {
      throw invalidParameter('ReceiptHandle', receiptHandle, 'Message does not exist or is not available for visibility timeout change.');
    }
    if (m.state !== INFLIGHT) throw messageNotInflight();
    if (now + vt * 1000 - m.receivedAt > MAX_VISIBILITY_MS) {
      throw invalidParameter('VisibilityTimeout', vt, 'Total VisibilityTimeout for the message is beyond the limit [43200 seconds]');
    }
    this.ctx.trace.record('sqs', this.logicalId, 'visibility-changed', { messageId: m.messageId, visibilityTimeout: vt });
    if (vt === 0) {
      this.leaveInflight(m);
      this.makeReady(m, true);
    } else {
      this.setVisibility(m, now + vt * 1000);
    }
    this.flush();
  }

  /** PurgeQueue: deletes every message (visible, delayed and in flight); allowed once per 60 seconds. */
  public purge(): number {
    const now = this.now();
    this.catchUp(now);
    if (this.lastPurgeAt !== undefined && now - this.lastPurgeAt < PURGE_INTERVAL_MS) throw purgeQueueInProgress(this.name);
    this.lastPurgeAt = now;
    const count = this.live;
    for (const slot of this.arrivals) {
      const m = this.slots.heldOrUndefined(slot);
      if (m !== undefined) m.state = GONE;
      this.slots.drop(slot);
    }
    this.ready.clear();
    this.groups.clear();
    this.readyGroups.clear();
    this.delayed.clear();
    this.visibility.clear();
    this.visibilityRing.clear();
    this.arrivals.clear();
    this.inherited.clear();
    this.attempts.clear();
    this.nReady = this.nInflight = this.nDelayed = this.live = 0;
    this.ctx.trace.record('sqs', this.logicalId, 'purged', { count });
    this.flush();
    return count;
  }

  /**
   * Accepts a message moved here by another queue (dead-lettering) or by a message move task (redrive). The message
   * keeps its id, body, attributes and send time. Standard dead-letter queues keep the original enqueue time for
   * retention; FIFO queues reset it (SQS developer guide, dead-letter queue retention). Redriven messages start over.
   */
  public acceptMoved(orig: StoredMessage, how: 'dead-letter' | 'redrive', sourceArn: string | undefined): void {
    const now = this.now();
    this.catchUp(now);
    const keepEnqueue = how === 'dead-letter' && !this.fifo;
    const enqueuedAt = keepEnqueue ? orig.enqueuedAt : now;
    const extra: MessageExtra = {
      ...orig.extra,
      sentAt: orig.sentAt,
      enqueuedAt,
      deadLetterSourceArn: how === 'dead-letter' ? sourceArn : undefined,
    };
    const m = new StoredMessage(this.env.nextSerial(), orig, orig.bodyHead, orig.bodyMiddle, orig.bodyTail, orig.md5OfBody, orig.senderId,
      now, enqueuedAt + this.config.messageRetentionPeriod * 1000, extra, now);
    if (how === 'dead-letter') {
      // ApproximateReceiveCount counts receives "across all queues"; a redriven message starts a new life.
      m.receiveCount = orig.receiveCount;
      m.firstReceiveAt = orig.firstReceiveAt;
    }
    if (m.expiresAt <= now) {
      this.ctx.trace.record('sqs', this.logicalId, 'expired', { messageId: m.messageId });
      return;
    }
    this.admit(m, now, keepEnqueue);
  }

  /** Visible messages in order, for message move tasks (removes them from this queue). */
  public takeVisibleForMove(max: number): StoredMessage[] {
    const now = this.now();
    this.catchUp(now);
    const out: StoredMessage[] = [];
    if (!this.fifo) {
      while (out.length < max && this.nReady > 0) {
        const m = this.readyMessage(this.ready.shift());
        if (m === undefined) continue;
        this.nReady--;
        this.markGone(m);
        out.push(m);
      }
    } else {
      // FIFO: move group by group in order; a group with a message in flight is skipped, as for a receive.
      for (const g of [...this.groups.values()]) {
        if (out.length >= max) break;
        if (g.inflight > 0) continue;
        while (out.length < max) {
          const m = g.items.shift();
          if (!m) break;
          if (m.state !== READY) continue;
          g.ready--;
          this.nReady--;
          this.markGone(m);
          out.push(m);
        }
        this.dropGroupIfEmpty(g);
      }
    }
    this.flush();
    return out;
  }

  /** Number of visible (ready) messages after catching up with the clock. */
  public visibleCount(): number {
    this.catchUp(this.now());
    return this.nReady;
  }

  /** The receive-time attributes of a message (`names` undefined = all), as SQS returns them. */
  public systemAttributes(m: StoredMessage, names: ReadonlySet<string> | undefined): Record<string, string> {
    const all = names === undefined || names.has('All');
    const want = (n: string) => all || (names as ReadonlySet<string>).has(n);
    const out: Record<string, string> = {};
    if (want('SenderId')) out.SenderId = m.senderId;
    if (want('SentTimestamp')) out.SentTimestamp = String(this.epoch + m.sentAt);
    if (want('ApproximateReceiveCount')) out.ApproximateReceiveCount = String(m.receiveCount);
    if (want('ApproximateFirstReceiveTimestamp')) {
      out.ApproximateFirstReceiveTimestamp = String(this.epoch + (m.firstReceiveAt < 0 ? this.now() : m.firstReceiveAt));
    }
    if (m.sequenceNumber !== undefined && want('SequenceNumber')) out.SequenceNumber = m.sequenceNumber;
    if (m.dedupId !== undefined && want('MessageDeduplicationId')) out.MessageDeduplicationId = m.dedupId;
    if (m.groupId !== undefined && want('MessageGroupId')) out.MessageGroupId = m.groupId;
    if (m.traceHeader !== undefined && want('AWSTraceHeader')) out.AWSTraceHeader = m.traceHeader;
    if (m.deadLetterSourceArn !== undefined && want('DeadLetterQueueSourceArn')) out.DeadLetterQueueSourceArn = m.deadLetterSourceArn;
    return out;
  }

  /** MD5OfMessageAttributes of the attributes actually returned (all of them: the digest computed at send). */
  public md5Of(m: StoredMessage, returned: Readonly<Record<string, MessageAttributeValue>> | undefined): string | undefined {
    if (!returned) return undefined;
    return returned === m.attributes ? m.md5OfAttributes : md5OfMessageAttributes(returned);
  }

  /** Storage chunks the queue holds (see MessageSlots; for tests of its bounded memory). */
  public get storageChunks(): number {
    return this.slots.chunkCount;
  }

  /** Live message count (visible + in flight + delayed). */
  public get size(): number {
    return this.live;
  }

  /** Messages currently stored, in arrival order (for tests and the property checks; O(n)). */
  public snapshot(): { messageId: string; state: 'delayed' | 'visible' | 'inflight'; groupId?: string; receiveCount: number }[] {
    this.catchUp(this.now());
    const names = ['delayed', 'visible', 'inflight'] as const;
    const out = [];
    for (const slot of this.arrivals) {
      const state = this.slots.state(slot);
      if (state === WAITING) {
        out.push({ messageId: this.slots.idOf(slot, new IdBuffer()).messageId, state: 'visible' as const, groupId: undefined, receiveCount: 0 });
      } else if (state === HELD) {
        const m = this.slots.held(slot);
        out.push({ messageId: m.messageId, state: names[m.state as 0 | 1 | 2], groupId: m.groupId, receiveCount: m.receiveCount });
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- internals

  /** Adds a new live message to this queue's structures. */
  private admit(m: StoredMessage, now: number, inheritedExpiry = false): void {
    this.live++;
    m.slot = this.slots.addHeld(m);
    this.arrivals.push(m.slot);
    this.deadlineAdded(m.expiresAt);
    if (inheritedExpiry) this.inherited.push(m);
    if (m.visibleAt > now) {
      m.state = DELAYED;
      this.nDelayed++;
      this.delayed.push(m);
      this.deadlineAdded(m.visibleAt);
    } else {
      this.makeReady(m, false);
    }
    this.flush();
  }

  /**
   * Brings the queue to `now`: ends delays and visibility timeouts that are due, and expires messages past retention.
   * Once caught up at a time, nothing more falls due at that time unless a deadline at or before it is added
   * (`deadlineAdded`), so the many calls of one virtual instant (a fan-out, a batch) skip the checks.
   */
  private catchUp(now: number): void {
    if (now === this.caughtUpAt) return;
    let d = this.delayed.peek();
    while (d && (d.state !== DELAYED || d.visibleAt <= now)) {
      this.delayed.pop();
      if (d.state === DELAYED) {
        this.nDelayed--;
        this.makeReady(d, false);
      }
      d = this.delayed.peek();
    }
    // Visibility deadlines due, earliest first, from the in-order ring and the out-of-order heap.
    for (;;) {
      const ringAt = this.visibilityRing.peekTime();
      const top = this.visibility.peek();
      const heapAt = top ? top.at : Infinity;
      if (ringAt > now && heapAt > now) break;
      let m: StoredMessage;
      let at: number;
      if (ringAt <= heapAt) {
        m = this.visibilityRing.peekItem() as StoredMessage;
        at = ringAt;
        this.visibilityRing.shift();
      } else {
        m = (top as VisibilityEntry).msg;
        at = heapAt;
        this.visibility.pop();
      }
      if (!isCurrentDeadline(m, at)) continue;
      this.ctx.trace.record('sqs', this.logicalId, 'visibility-expired', { messageId: m.messageId });
      this.leaveInflight(m);
      this.makeReady(m, true);
    }
    this.expireDue(now);
    this.caughtUpAt = now;
  }

  /** A delay, visibility or retention deadline was added: one already due undoes the last catch-up. */
  private deadlineAdded(at: number): void {
    if (at <= this.caughtUpAt) this.caughtUpAt = -Infinity;
  }

  private expireDue(now: number): void {
    for (let slot = this.oldestArrival(); slot !== undefined; slot = this.oldestArrival()) {
      if (this.expiresAtOf(slot) > now) break;
      this.arrivals.shift();
      this.expire(this.slots.state(slot) === WAITING ? this.takeWaiting(slot) : this.slots.held(slot));
    }
    let h = this.inherited.peek();
    while (h && (h.state === GONE || h.expiresAt <= now)) {
      this.inherited.pop();
      if (h.state !== GONE) this.expire(h);
      h = this.inherited.peek();
    }
  }

  private expire(m: StoredMessage): void {
    this.ctx.trace.record('sqs', this.logicalId, 'expired', { messageId: m.messageId });
    this.remove(m);
  }

  /** Removes a live message from whatever state it is in. */
  private remove(m: StoredMessage): void {
    switch (m.state) {
      case DELAYED:
        this.nDelayed--;
        break;
      case READY:
        this.nReady--;
        if (this.fifo) this.group(m.groupId as string).ready--;
        break;
      case INFLIGHT:
        this.leaveInflight(m);
        break;
      default:
        return;
    }
    this.markGone(m);
    if (this.fifo) {
      const g = this.groups.get(m.groupId as string);
      if (g) {
        this.maybeQueueGroup(g);
        this.dropGroupIfEmpty(g);
      }
    }
  }

  /** Marks a message gone (its structure entries become stale) and forgets its receipt handle. */
  private markGone(m: StoredMessage): void {
    m.state = GONE;
    this.live--;
    this.slots.drop(m.slot);
  }

  /**
   * The message of a ready-deque entry if it is still ready (a waiting slot becomes a StoredMessage here, as it is
   * about to be received or moved), else undefined (a stale entry).
   */
  private readyMessage(slot: number | undefined): StoredMessage | undefined {
    if (slot === undefined) return undefined;
    const state = this.slots.state(slot);
    if (state === WAITING) return this.takeWaiting(slot);
    if (state === DROPPED) return undefined;
    const m = this.slots.held(slot);
    return m.state === READY ? m : undefined;
  }

  /** Builds the StoredMessage of a waiting slot (state READY) and keeps it in the slot. */
  private takeWaiting(slot: number): StoredMessage {
    const w = this.slots.read(slot, waitingScratch);
    const m = new StoredMessage(w.serial, w, w.bodyHead, w.bodyMiddle, w.bodyTail, undefined, w.senderId, w.arrivedAt, w.expiresAt,
      w.extra, w.arrivedAt);
    if (w.md5Known) m.setMd5Words(w.md5a, w.md5b, w.md5c, w.md5d);
    m.state = READY;
    m.slot = slot;
    this.slots.hold(slot, m);
    return m;
  }

  private makeReady(m: StoredMessage, returning: boolean): void {
    m.state = READY;
    this.nReady++;
    if (!this.fifo) {
      this.ready.push(m.slot);
      this.pendingNotify = true;
      return;
    }
    const g = this.group(m.groupId as string);
    if (returning) {
      // Back in its place: before every later message of its group.
      let i = 0;
      while (i < g.items.length && (g.items.get(i) as StoredMessage).serial < m.serial) i++;
      g.items.insertAt(i, m);
    } else {
      g.items.push(m);
    }
    g.ready++;
    this.maybeQueueGroup(g);
  }

  private takeInflight(m: StoredMessage, vtMs: number, now: number): void {
    m.state = INFLIGHT;
    m.receiveCount++;
    if (m.firstReceiveAt < 0) m.firstReceiveAt = now;
    m.receivedAt = now;
    m.receipt = newReceiptHandle(this.ctx.ids, this.queueTag, m.slot, m.receiveCount);
    this.nInflight++;
    this.setVisibility(m, now + vtMs);
  }

  private setVisibility(m: StoredMessage, at: number): void {
    m.visibleAt = at;
    this.deadlineAdded(at);
    if (at >= this.visibilityRing.lastTime()) this.visibilityRing.push(m, at);
    else this.visibility.push({ at, order: this.visOrder++, msg: m });
  }

  private leaveInflight(m: StoredMessage): void {
    this.nInflight--;
    if (this.fifo) this.group(m.groupId as string).inflight--;
  }

  private moveToDeadLetterQueue(m: StoredMessage): void {
    const dlq = this.deadLetterQueue as SqsQueue;
    this.markGone(m);
    this.ctx.trace.record('sqs', this.logicalId, 'moved-to-dlq', {
      messageId: m.messageId, deadLetterQueue: dlq.logicalId, receiveCount: m.receiveCount,
    });
    dlq.acceptMoved(m, 'dead-letter', this.arn);
  }

  private group(id: string): FifoGroup {
    let g = this.groups.get(id);
    if (!g) {
      g = new FifoGroup(id);
      this.groups.set(id, g);
    }
    return g;
  }

  /** A FIFO group is receivable while none of its messages is in flight (SQS FIFO delivery logic). */
  private maybeQueueGroup(g: FifoGroup): void {
    if (!g.queued && g.inflight === 0 && g.ready > 0) {
      g.queued = true;
      this.readyGroups.push(g);
      this.pendingNotify = true;
    }
  }

  private nextReadyGroup(): FifoGroup | undefined {
    for (;;) {
      const g = this.readyGroups.shift();
      if (!g) return undefined;
      g.queued = false;
      if (g.inflight === 0 && g.ready > 0) return g;
      this.dropGroupIfEmpty(g);
    }
  }

  private dropGroupIfEmpty(g: FifoGroup): void {
    if (g.ready === 0 && g.inflight === 0 && !g.queued && this.groups.get(g.id) === g) {
      // Delayed messages of the group recreate it when they become visible.
      this.groups.delete(g.id);
    } else if (g.items.length > 16 && g.items.length > 2 * g.ready) {
      g.items.retain(m => m.state === READY);
    }
  }

  private liveDelayedTop(): StoredMessage | undefined {
    let d = this.delayed.peek();
    while (d && d.state !== DELAYED) {
      this.delayed.pop();
      d = this.delayed.peek();
    }
    return d;
  }

  /** The earliest current visibility deadline (dropping stale entries in front). */
  private nextVisibilityDeadline(): number | undefined {
    while (this.visibilityRing.length > 0 && !isCurrentDeadline(this.visibilityRing.peekItem() as StoredMessage, this.visibilityRing.peekTime())) {
      this.visibilityRing.shift();
    }
    let top = this.visibility.peek();
    while (top && !isCurrentDeadline(top.msg, top.at)) {
      this.visibility.pop();
      top = this.visibility.peek();
    }
    const ringAt = this.visibilityRing.peekTime();
    const heapAt = top ? top.at : Infinity;
    const at = Math.min(ringAt, heapAt);
    return at === Infinity ? undefined : at;
  }

  /** The live message in this slot (receipt handles carry the slot), or undefined. */
  private findLive(slot: number): StoredMessage | undefined {
    const m = this.slots.heldOrUndefined(slot);
    return m === undefined || m.state === GONE ? undefined : m;
  }

  /** Virtual time in milliseconds since the simulator's start (see QueueEnvironment.epoch). */
  private now(): number {
    return this.ctx.clock.now() - this.epoch;
  }

  private ageOfOldestMessage(): number {
    const slot = this.oldestArrival();
    if (slot === undefined) return 0;
    const arrivedAt = this.slots.state(slot) === WAITING ? this.slots.arrivedAt(slot) : this.slots.held(slot).arrivedAt;
    return Math.max(0, Math.floor((this.now() - arrivedAt) / 1000));
  }

  /** The slot of the oldest live message (dropping gone entries from the front of the arrival deque), if any. */
  private oldestArrival(): number | undefined {
    for (;;) {
      const slot = this.arrivals.peek();
      if (slot === undefined || this.slots.state(slot) !== DROPPED) return slot;
      this.arrivals.shift();
    }
  }

  /** Retention deadline of a live message's slot. */
  private expiresAtOf(slot: number): number {
    return this.slots.state(slot) === WAITING ? this.slots.expiresAt(slot) : this.slots.held(slot).expiresAt;
  }


  private nextSequenceNumber(): string {
    // FIFO sequence numbers: large, increasing, at least 20 digits.
    this.sequence++;
    return `1${String(this.sequence).padStart(19, '0')}`;
  }

  private pruneDedup(now: number): void {
    for (const [key, entry] of this.dedup) {
      if (entry.expiresAt > now) break;
      this.dedup.delete(key);
    }
  }

  private receiptHandleExpired(handle: string) {
    return invalidParameter('ReceiptHandle', handle, 'The receipt handle has expired.');
  }

  /** Runs `fn` (several operations of one API call) and settles the queue once at the end. */
  public batch<T>(fn: () => T): T {
    this.batchDepth++;
    try {
      return fn();
    } finally {
      if (--this.batchDepth === 0) this.flush();
    }
  }

  /** Notifies listeners, keeps the wake and expiry tasks right, and compacts lazily-cleaned structures. */
  private flush(): void {
    if (this.batchDepth > 0) return;
    if (this.tracedSent >= 0) {
      this.ctx.trace.record('sqs', this.logicalId, 'sent', { messageIds: this.idLog.ids(this.tracedSent) });
      this.tracedSent = -1;
    }
    if (this.tracedDeleted >= 0) {
      this.ctx.trace.record('sqs', this.logicalId, 'deleted', { messageIds: this.idLog.ids(this.tracedDeleted) });
      this.tracedDeleted = -1;
    }
    if (this.pendingNotify) {
      this.pendingNotify = false;
      if (this.listeners.size > 0) {
        for (const listener of [...this.listeners]) listener();
      }
    }
    this.scheduleWake();
    this.scheduleExpiry();
    this.compact();
    if (this.metricListeners.size > 0) {
      for (const listener of [...this.metricListeners]) listener();
    }
  }

  /**
   * Keeps one task at the next time a delay or a visibility timeout ends, while someone listens: foreground for
   * consumers (onMessageAvailable: an event source mapping has work then), background when only metric listeners
   * (alarms) watch, so an idle alarm does not keep runUntilIdle going.
   */
  private scheduleWake(): void {
    const consumers = this.listeners.size > 0;
    if (!consumers && this.metricListeners.size === 0) {
      this.cancelWake();
      return;
    }
    this.catchUp(this.now());
    let next: number | undefined;
    const d = this.liveDelayedTop();
    if (d) next = d.visibleAt;
    const v = this.nextVisibilityDeadline();
    if (v !== undefined && (next === undefined || v < next)) next = v;
    if (next === undefined) {
      this.cancelWake();
      return;
    }
    const at = this.epoch + next;
    const task = this.wakeTask;
    if (task && !task.cancelled && task.at === at && task.background === !consumers) return;
    this.cancelWake();
    this.wakeTask = this.ctx.clock.schedule(at, this.onWake, { label: `sqs:${this.logicalId}:message-available`, background: !consumers });
  }

  // Task bodies and compaction filters, made once per queue. An arrow function that reads `this` inside a method makes
  // V8 allocate a context on every call of that method (whether or not the arrow is ever made), and these methods
  // run on every send.
  private readonly onWake = (): void => {
    this.wakeTask = undefined;
    this.catchUp(this.now());
    this.flush();
  };

  private readonly onRetention = (): void => {
    this.expiryTask = undefined;
    this.catchUp(this.now());
    this.flush();
  };

  private readonly isArrived = (slot: number): boolean => this.slots.state(slot) !== DROPPED;

  private readonly isReady = (slot: number): boolean => {
    const state = this.slots.state(slot);
    return state === WAITING || (state === HELD && this.slots.held(slot).state === READY);
  };

  private cancelWake(): void {
    if (this.wakeTask) this.ctx.clock.cancel(this.wakeTask);
    this.wakeTask = undefined;
  }

  private scheduleExpiry(): void {
    const oldest = this.oldestArrival();
    const h = this.inherited.peek();
    const task = this.expiryTask;
    // Same oldest message and inherited deadline as when the live task was scheduled: the earliest expiry is unchanged.
    if (task && !task.cancelled && oldest === this.expiryOldest && h === this.expiryInherited) return;
    this.expiryOldest = oldest;
    this.expiryInherited = h;
    let next = oldest === undefined ? undefined : this.expiresAtOf(oldest);
    if (h && h.state !== GONE && (next === undefined || h.expiresAt < next)) next = h.expiresAt;
    if (next === undefined) {
      if (task) this.ctx.clock.cancel(task);
      this.expiryTask = undefined;
      return;
    }
    // One background task for the earliest expiry; an earlier-scheduled task that finds nothing due reschedules.
    // Compared in queue-relative milliseconds (small integers): this runs on every send.
    if (task && !task.cancelled && this.expiryTaskAt <= next) return;
    if (task) this.ctx.clock.cancel(task);
    this.expiryTaskAt = next;
    this.expiryTask = this.ctx.clock.schedule(this.epoch + next, this.onRetention, { background: true, label: `sqs:${this.logicalId}:retention` });
  }

  private compact(): void {
    if (this.arrivals.length > COMPACT_MIN && this.arrivals.length > 2 * this.live) this.arrivals.retain(this.isArrived);
    if (!this.fifo && this.ready.length > COMPACT_MIN && this.ready.length > 2 * this.nReady) this.ready.retain(this.isReady);
    if (this.visibility.length > COMPACT_MIN && this.visibility.length > 2 * this.nInflight) {
      this.visibility.retain(e => isCurrentDeadline(e.msg, e.at));
    }
    if (this.visibilityRing.length > COMPACT_MIN && this.visibilityRing.length > 2 * this.nInflight) {
      this.visibilityRing.retain(isCurrentDeadline);
    }
    if (this.delayed.length > COMPACT_MIN && this.delayed.length > 2 * this.nDelayed) this.delayed.retain(m => m.state === DELAYED);
    if (this.inherited.length > COMPACT_MIN && this.inherited.length > 2 * this.live) this.inherited.retain(m => m.state !== GONE);
  }
}
