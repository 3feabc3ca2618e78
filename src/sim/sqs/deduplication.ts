/**
 * FIFO message deduplication (SQS developer guide: "Exactly-once processing", "Using the message deduplication ID";
 * SNS developer guide: "Message deduplication for FIFO topics"). A message sent with a deduplication id already used
 * within the last five minutes is accepted but not delivered again: the sender gets the first message's id back.
 * With content-based deduplication the id is the SHA-256 of the body. SQS queues and SNS FIFO topics both deduplicate
 * here, per queue (or topic) or, in high-throughput mode, per message group.
 */
import { sha256Hex } from './md5';

/** The deduplication interval: five minutes. */
export const DEDUPLICATION_INTERVAL_MS = 5 * 60 * 1000;

/** The deduplication id content-based deduplication gives a body: its SHA-256, in hex (not the attributes). */
export function contentBasedDeduplicationId(body: string): string {
  return sha256Hex(body);
}

interface Remembered<T> {
  readonly value: T;
  readonly expiresAt: number;
}

/**
 * The deduplication ids accepted in the last five minutes, with what the first send of each returned (`T`: its
 * message id and sequence number). Ids expire in the order they were remembered (one clock), so the map's insertion
 * order is its expiry order and expired ids are dropped from its front, without a timer.
 */
export class DeduplicationWindow<T> {
  private readonly seen = new Map<string, Remembered<T>>();

  /** @param perMessageGroup the same id in two message groups is two messages (SQS DeduplicationScope messageGroup). */
  constructor(private readonly perMessageGroup: boolean) {}

  /** What the first send with this id returned, if it was accepted less than five minutes before `now`. */
  public duplicateOf(deduplicationId: string, groupId: string | undefined, now: number): T | undefined {
    this.forgetExpired(now);
    return this.seen.get(this.key(deduplicationId, groupId))?.value;
  }

  /** Remembers an accepted send for the next five minutes. */
  public remember(deduplicationId: string, groupId: string | undefined, value: T, now: number): void {
    const key = this.key(deduplicationId, groupId);
    this.seen.delete(key); // re-inserted at the end, to keep insertion order = expiry order
    this.seen.set(key, { value, expiresAt: now + DEDUPLICATION_INTERVAL_MS });
  }

  private key(deduplicationId: string, groupId: string | undefined): string {
    return this.perMessageGroup ? `${groupId}\u0000${deduplicationId}` : deduplicationId;
  }

  private forgetExpired(now: number): void {
    for (const [key, entry] of this.seen) {
      if (entry.expiresAt > now) return;
      this.seen.delete(key);
    }
  }
}
