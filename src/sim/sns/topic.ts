import { FilterPolicyIndex } from './filter-policy';
import { Subscription } from './subscription';
import { TopicEnvelope } from './topic-envelope';

/** What SNS sent to an endpoint outside AWS (HTTP/S, email, email-json, SMS), recorded for assertions. */
export interface EndpointDelivery {
  /** Virtual epoch ms. */
  readonly time: number;
  readonly type: 'SubscriptionConfirmation' | 'Notification';
  readonly protocol: 'http' | 'https' | 'email' | 'email-json' | 'sms';
  readonly endpoint: string;
  /** Logical id of the subscription. */
  readonly subscription: string;
  readonly subscriptionArn: string;
  readonly messageId: string;
  /** HTTP/S: the POST body (the JSON envelope, or the message itself with raw delivery). Email: the text. */
  readonly body: string;
  /** Email: the subject line. */
  readonly subject?: string;
  /** HTTP/S: the `x-amz-sns-*` headers SNS sends. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** FIFO deduplication window: five minutes (fifo-message-dedup). */
export const DEDUPLICATION_WINDOW_MS = 5 * 60 * 1000;

interface Seen {
  readonly key: string;
  readonly messageId: string;
  readonly sequenceNumber: string | undefined;
  readonly expiresAt: number;
}

/** An SNS topic: its identity, subscriptions (indexed by filter policy) and FIFO state. */
export class Topic {
  public readonly subscriptions = new FilterPolicyIndex<Subscription>();
  public readonly deliveries: EndpointDelivery[] = [];
  private readonly seen = new Map<string, Seen>();
  private readonly seenOrder: Seen[] = [];
  private seenHead = 0;
  private sequence = 0;

  constructor(
    public readonly logicalId: string,
    public readonly arn: string,
    public readonly name: string,
    public readonly fifo: boolean,
    public readonly contentBasedDeduplication: boolean,
    /** FifoThroughputScope MessageGroup: deduplication happens within each message group. */
    public readonly deduplicateWithinGroup: boolean,
    /** What the topic's envelopes share (its SignatureVersion among them). */
    public readonly envelope: TopicEnvelope,
  ) {}

  /** The next SequenceNumber of this FIFO topic: a 20-digit, strictly increasing number. */
  public nextSequenceNumber(): string {
    this.sequence++;
    return `1${String(this.sequence).padStart(19, '0')}`;
  }

  /** A message published with the same deduplication key within the last five minutes, if any. */
  public duplicateOf(key: string, now: number): { messageId: string; sequenceNumber: string | undefined } | undefined {
    this.expire(now);
    return this.seen.get(key);
  }

  public remember(key: string, messageId: string, sequenceNumber: string | undefined, now: number): void {
    const entry: Seen = { key, messageId, sequenceNumber, expiresAt: now + DEDUPLICATION_WINDOW_MS };
    this.seen.set(key, entry);
    this.seenOrder.push(entry);
  }

  // Entries expire in publish order, so a moving head over the insertion list drops them without a timer task.
  private expire(now: number): void {
    const order = this.seenOrder;
    while (this.seenHead < order.length && order[this.seenHead].expiresAt <= now) {
      const entry = order[this.seenHead++];
      if (this.seen.get(entry.key) === entry) this.seen.delete(entry.key);
    }
    if (this.seenHead > 1024 && this.seenHead * 2 > order.length) {
      order.splice(0, this.seenHead);
      this.seenHead = 0;
    }
  }
}
