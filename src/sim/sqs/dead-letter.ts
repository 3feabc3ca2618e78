/**
 * Moving messages between queues (SQS developer guide: "Using dead-letter queues", "Configuring a dead-letter queue
 * redrive"). A message received more than maxReceiveCount times moves to the dead-letter queue instead of being
 * returned; a message move task moves messages from a dead-letter queue back to their source (or another queue). A
 * moved message keeps its id, body, attributes and SentTimestamp. In a standard dead-letter queue it keeps its original
 * enqueue time for retention, in a FIFO one the enqueue time resets; ApproximateReceiveCount counts receives "across
 * all queues"; a redriven message starts over.
 */
import { MessagePlacement, StoredMessage } from './message';

export type Move = 'dead-letter' | 'redrive';

/** Whether a receive moves `message` to the dead-letter queue instead of returning it. */
export function exceedsMaxReceiveCount(message: StoredMessage, maxReceiveCount: number | undefined): boolean {
  return maxReceiveCount !== undefined && message.receiveCount >= maxReceiveCount;
}

/** What a queue needs to know to take in a moved message. */
export interface MoveDestination {
  readonly fifo: boolean;
  readonly retentionMs: number;
}

/**
 * The message `original` becomes in `destination`, arriving at `now` with the queue's next `serial`. `sourceArn`: the
 * queue a dead-lettered message came from (DeadLetterQueueSourceArn).
 */
export function movedMessage(
  original: StoredMessage, move: Move, sourceArn: string | undefined, destination: MoveDestination, serial: number, now: number,
): StoredMessage {
  // The enqueue time retention counts from: what the original counted from, or now.
  const enqueuedAt = move === 'dead-letter' && !destination.fifo ? original.enqueuedAt : now;
  const placement: MessagePlacement = {
    serial,
    messageId: original.messageId,
    sequenceNumber: original.sequenceNumber,
    senderId: original.senderId,
    sentAt: original.sentAt,
    arrivedAt: now,
    enqueuedAt,
    expiresAt: enqueuedAt + destination.retentionMs,
    visibleAt: now,
    deadLetterSourceArn: move === 'dead-letter' ? sourceArn : undefined,
    receiveCount: move === 'dead-letter' ? original.receiveCount : 0,
    firstReceivedAt: move === 'dead-letter' ? original.firstReceivedAt : undefined,
  };
  // The body, its digest, the attributes and the FIFO ids travel with the message.
  return new StoredMessage(original, placement);
}
