/**
 * Message retention (SQS API reference, MessageRetentionPeriod: 60 seconds to 14 days, 4 days by default): a message
 * still in the queue when its retention period ends is deleted, whether it is visible, delayed or in flight. The
 * period counts from the message's enqueue time, so messages expire in the order they arrived, with one exception: a
 * standard dead-letter queue keeps the enqueue time the message had in its source queue ("the expiration of a message
 * is always based on its original enqueue timestamp"), so such a message may expire before messages that arrived
 * earlier. Those few are also kept by their expiry time.
 *
 * The messages in arrival order also give ApproximateAgeOfOldestMessage and what `peek` shows.
 */
import { Deadlines } from './deadlines';
import { StoredMessage } from './message';
import { Line } from './ordering';

export class Retention {
  private readonly arrivals = new Line<StoredMessage>(m => m.live);
  /** Dead-lettered messages that kept their original enqueue time. */
  private readonly keptEnqueueTime = new Deadlines<StoredMessage>(m => m.live);

  /** A message arrived in the queue. */
  public add(message: StoredMessage): void {
    this.arrivals.push(message);
    if (message.enqueuedAt < message.arrivedAt) this.keptEnqueueTime.add(message, message.expiresAt);
  }

  /** ApproximateAgeOfOldestMessage: seconds since the message that has been in the queue longest arrived. */
  public ageOfOldestMessage(now: number): number {
    const oldest = this.arrivals.first();
    return oldest === undefined ? 0 : Math.max(0, Math.floor((now - oldest.arrivedAt) / 1000));
  }

  /** The messages in the queue, in the order they arrived. */
  public inArrivalOrder(): StoredMessage[] {
    return this.arrivals.waiting();
  }

  /** The earliest time a message in the queue expires. */
  public next(): number | undefined {
    const first = this.arrivals.first()?.expiresAt;
    const kept = this.keptEnqueueTime.next();
    return first === undefined ? kept : kept === undefined ? first : Math.min(first, kept);
  }

  /**
   * A message whose retention period has ended by `now`, if any. The queue takes it out before asking again: the next
   * call looks at the next one.
   */
  public expired(now: number): StoredMessage | undefined {
    const oldest = this.arrivals.first();
    if (oldest !== undefined && oldest.expiresAt <= now) return oldest;
    return this.keptEnqueueTime.takeDue(now);
  }

  /** @param live how many messages the queue holds */
  public compact(live: number): void {
    this.arrivals.compact(live);
    this.keptEnqueueTime.compact(live);
  }

  public clear(): void {
    this.arrivals.clear();
    this.keptEnqueueTime.clear();
  }
}
