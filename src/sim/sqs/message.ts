/**
 * A message stored in a queue (SQS developer guide: "Amazon SQS message identifiers", "Amazon SQS message
 * metadata"): what was sent, the identifiers SQS gave it, and where it is in its life. A message is delayed (a delay
 * queue or message timer hides it), visible (any receive may get it), in flight (received, hidden for its visibility
 * timeout) or gone (deleted, expired, moved to another queue).
 */
import { SeededIds } from '../kernel';
import { MessageAttributeValue } from '../runtime';
import { md5Hex } from './md5';

export type MessageState = 'delayed' | 'visible' | 'inflight' | 'gone';

/** A message as it was sent and validated (message-validation.ts). */
export interface MessageContent {
  readonly body: string;
  /** MD5OfMessageBody, when the sender already computed it (SendMessage returns it). */
  readonly md5OfBody?: string;
  readonly attributes?: Readonly<Record<string, MessageAttributeValue>>;
  readonly md5OfAttributes?: string;
  /** The AWSTraceHeader system attribute. */
  readonly traceHeader?: string;
  readonly groupId?: string;
  /** Explicit or content-based; FIFO queues only. */
  readonly deduplicationId?: string;
}

/** Where a message is in its queue: the identifiers and times the queue gives it. */
export interface MessagePlacement {
  /** The queue's own number for the message, in arrival order (receipt handles name it). */
  readonly serial: number;
  readonly messageId: string;
  readonly senderId: string;
  /** FIFO queues: the sequence number the queue gave it. */
  readonly sequenceNumber?: string;
  /** SentTimestamp: when it was first sent (kept when the message moves to another queue). */
  readonly sentAt: number;
  /** When it entered this queue (ApproximateAgeOfOldestMessage). */
  readonly arrivedAt: number;
  /** The enqueue time its retention period counts from (retention.ts). */
  readonly enqueuedAt: number;
  /** When its retention period ends. */
  readonly expiresAt: number;
  /** When it first becomes visible (the end of its delay, or its arrival). */
  readonly visibleAt: number;
  /** DeadLetterQueueSourceArn: the queue it was dead-lettered from. */
  readonly deadLetterSourceArn?: string;
  /** Receives so far, in every queue it was in (a dead-lettered message keeps its count). */
  readonly receiveCount?: number;
  readonly firstReceivedAt?: number;
}

export class StoredMessage implements MessageContent {
  public readonly serial: number;
  public readonly messageId: string;
  public readonly body: string;
  public readonly attributes?: Readonly<Record<string, MessageAttributeValue>>;
  public readonly md5OfAttributes?: string;
  public readonly traceHeader?: string;
  public readonly groupId?: string;
  public readonly deduplicationId?: string;
  public readonly sequenceNumber?: string;
  public readonly senderId: string;
  public readonly sentAt: number;
  public readonly arrivedAt: number;
  public readonly enqueuedAt: number;
  public readonly expiresAt: number;
  public readonly deadLetterSourceArn?: string;

  public state: MessageState = 'delayed';
  /** ApproximateReceiveCount. */
  public receiveCount: number;
  /** ApproximateFirstReceiveTimestamp; undefined until the first receive. */
  public firstReceivedAt: number | undefined;
  /** When the current receipt handle was issued (the 12-hour visibility limit counts from here). */
  public receivedAt = 0;
  /** When a delayed message becomes visible, or when an in-flight message's visibility timeout ends. */
  public visibleAt: number;
  /** The receipt handle of the latest receive. */
  public receiptHandle: string | undefined;
  private md5: string | undefined;

  constructor(content: MessageContent, init: MessagePlacement) {
    this.body = content.body;
    this.md5 = content.md5OfBody;
    this.attributes = content.attributes;
    this.md5OfAttributes = content.md5OfAttributes;
    this.traceHeader = content.traceHeader;
    this.groupId = content.groupId;
    this.deduplicationId = content.deduplicationId;
    this.serial = init.serial;
    this.messageId = init.messageId;
    this.sequenceNumber = init.sequenceNumber;
    this.senderId = init.senderId;
    this.sentAt = init.sentAt;
    this.arrivedAt = init.arrivedAt;
    this.enqueuedAt = init.enqueuedAt;
    this.expiresAt = init.expiresAt;
    this.visibleAt = init.visibleAt;
    this.deadLetterSourceArn = init.deadLetterSourceArn;
    this.receiveCount = init.receiveCount ?? 0;
    this.firstReceivedAt = init.firstReceivedAt;
  }

  /**
   * MD5OfBody. A message another service delivered returned no SendMessage response, so nobody has asked for its
   * digest yet: it is computed when first read (the value SQS computes at send).
   */
  public get md5OfBody(): string {
    if (this.md5 === undefined) this.md5 = md5Hex(this.body);
    return this.md5;
  }

  /** Whether it is still in its queue (delayed, visible or in flight). */
  public get live(): boolean {
    return this.state !== 'gone';
  }
}

/** The n-th SequenceNumber of a FIFO queue or topic: a 20-digit number that grows with every message. */
export function fifoSequenceNumber(n: number): string {
  return `1${String(n).padStart(19, '0')}`;
}

/**
 * A receipt handle: which queue issued it, for which message and which receive, then random characters, as SQS's
 * handles are opaque to the consumer. Each receive issues a new one; only the latest deletes the message or changes its
 * visibility (SQS developer guide, "Amazon SQS message identifiers").
 */
export function newReceiptHandle(queueTag: string, message: StoredMessage, ids: SeededIds): string {
  return `${queueTag}.${message.serial.toString(36)}.${message.receiveCount.toString(36)}.${ids.token(RANDOM_PART)}`;
}

/** The message serial of a receipt handle this queue issued (now or earlier), or undefined when it is not one. */
export function serialOfReceiptHandle(handle: unknown, queueTag: string): number | undefined {
  if (typeof handle !== 'string') return undefined;
  const match = RECEIPT_HANDLE.exec(handle);
  return match === null || match[1] !== queueTag ? undefined : parseInt(match[2], 36);
}

const RANDOM_PART = 20;
const RECEIPT_HANDLE = /^([0-9a-z]+)\.([0-9a-z]+)\.[0-9a-z]+\.[A-Za-z0-9+/]{20}$/;
