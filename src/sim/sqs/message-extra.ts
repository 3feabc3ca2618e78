import { MessageAttributeValue } from '../runtime';

/** Fields most messages do not have, kept out of the message object to keep it small (1 million queued messages). */
export interface MessageExtra {
  readonly attributes?: Readonly<Record<string, MessageAttributeValue>>;
  readonly md5OfAttributes?: string;
  readonly groupId?: string;
  readonly dedupId?: string;
  readonly sequenceNumber?: string;
  readonly traceHeader?: string;
  /** The queue it was dead-lettered from (DeadLetterQueueSourceArn; redrive target). */
  readonly deadLetterSourceArn?: string;
  /** Original send time, when the message was moved here from another queue. */
  readonly sentAt?: number;
  /** Original enqueue time (retention), when a standard dead-letter queue keeps it. */
  readonly enqueuedAt?: number;
}
