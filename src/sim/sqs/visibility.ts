/**
 * When a message can be received (SQS developer guide: "Amazon SQS visibility timeout", "Amazon SQS delay queues",
 * "Amazon SQS message timers"). A delayed message becomes visible when its delay ends; a received message stays in
 * flight, hidden from other receives, until its visibility timeout ends, then is visible again unless it was deleted.
 * ChangeMessageVisibility sets a new timeout from the time of the call ("the new timeout period takes effect from the
 * time you call" it; 0 makes the message visible at once), within 12 hours of the receive that issued the receipt
 * handle.
 */
import { Deadlines } from './deadlines';
import { invalidParameter } from './errors';
import { StoredMessage } from './message';

/** VisibilityTimeout: 0 to 43,200 seconds (12 hours). */
export const MAX_VISIBILITY_TIMEOUT_SECONDS = 43_200;
/** "The maximum visibility timeout is 12 hours from the time that SQS receives the ReceiveMessage request." */
export const MAX_VISIBILITY_MS = MAX_VISIBILITY_TIMEOUT_SECONDS * 1000;

/** Checks a VisibilityTimeout parameter as ChangeMessageVisibility does. */
export function checkVisibilityTimeout(seconds: unknown): number {
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0 || seconds > MAX_VISIBILITY_TIMEOUT_SECONDS) {
    throw invalidParameter('VisibilityTimeout', seconds, `Must be between 0 and ${MAX_VISIBILITY_TIMEOUT_SECONDS}, if provided.`);
  }
  return seconds;
}

/** Refuses a new timeout that would end more than 12 hours after the message's latest receive. */
export function checkVisibilityLimit(message: StoredMessage, seconds: number, now: number): void {
  if (now + seconds * 1000 - message.receivedAt > MAX_VISIBILITY_MS) {
    throw invalidParameter('VisibilityTimeout', seconds, `Total VisibilityTimeout for the message is beyond the limit [${MAX_VISIBILITY_TIMEOUT_SECONDS} seconds]`);
  }
}

/** The messages a queue hides (delayed or in flight), by the time each becomes visible. */
export class HiddenMessages {
  private readonly deadlines = new Deadlines<StoredMessage>(
    (m, at) => (m.state === 'delayed' || m.state === 'inflight') && m.visibleAt === at,
  );

  /** Hides `message` until `until` (its state says why: delayed or in flight). */
  public hide(message: StoredMessage, until: number): void {
    message.visibleAt = until;
    this.deadlines.add(message, until);
  }

  /** The earliest time a hidden message becomes visible. */
  public next(): number | undefined {
    return this.deadlines.next();
  }

  /** The hidden message whose delay or visibility timeout ended first, if it ended by `now`. */
  public takeDue(now: number): StoredMessage | undefined {
    return this.deadlines.takeDue(now);
  }

  /** @param hidden how many messages are delayed or in flight */
  public compact(hidden: number): void {
    this.deadlines.compact(hidden);
  }

  public clear(): void {
    this.deadlines.clear();
  }
}
