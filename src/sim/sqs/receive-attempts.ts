/**
 * FIFO ReceiveRequestAttemptId (SQS API reference, ReceiveMessage): a receive retried with the same attempt id within
 * five minutes returns the same messages and receipt handles, and resets their visibility timeout, as long as none of
 * them was deleted or had its visibility changed since (a lost response can be retried without losing messages).
 */
import { invalidParameter } from './errors';
import { StoredMessage } from './message';

/** How long a ReceiveRequestAttemptId can be retried. */
export const ATTEMPT_ID_INTERVAL_MS = 5 * 60 * 1000;

const ATTEMPT_ID = /^[\x21-\x7E]{1,128}$/;

/** Validates a ReceiveRequestAttemptId (the character rules of deduplication ids). */
export function validateAttemptId(id: unknown): string {
  if (typeof id !== 'string' || !ATTEMPT_ID.test(id)) {
    throw invalidParameter('ReceiveRequestAttemptId', id,
      'ReceiveRequestAttemptId can only include alphanumeric and punctuation characters. 1 to 128 in length.');
  }
  return id;
}

interface Attempt {
  readonly at: number;
  readonly messages: readonly StoredMessage[];
  /** The receipt handles the attempt issued, which must still be the messages' latest for a retry to replay it. */
  readonly receipts: readonly string[];
}

export class ReceiveAttempts {
  /** In the order they were made, which is the order they expire. */
  private readonly attempts = new Map<string, Attempt>();

  /** The messages a retry of `attemptId` returns again, or undefined when it is a new receive. */
  public replay(attemptId: string, now: number): readonly StoredMessage[] | undefined {
    for (const [id, attempt] of this.attempts) {
      if (now - attempt.at < ATTEMPT_ID_INTERVAL_MS) break;
      this.attempts.delete(id);
    }
    const previous = this.attempts.get(attemptId);
    if (previous === undefined || previous.messages.length === 0) return undefined;
    const unchanged = previous.messages.every((m, i) => m.state === 'inflight' && m.receiptHandle === previous.receipts[i]);
    return unchanged ? previous.messages : undefined;
  }

  public remember(attemptId: string, messages: readonly StoredMessage[], now: number): void {
    this.attempts.delete(attemptId);
    this.attempts.set(attemptId, { at: now, messages, receipts: messages.map(m => m.receiptHandle as string) });
  }

  public clear(): void {
    this.attempts.clear();
  }
}
