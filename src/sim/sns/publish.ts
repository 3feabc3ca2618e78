/**
 * Publishing a message (SNS API reference, Publish; SNS developer guide, "Amazon SNS message filtering", "Message
 * deduplication for FIFO topics"): the message is validated, a FIFO topic drops a duplicate sent within five minutes
 * and numbers the rest, and the message fans out to every subscription whose filter policy accepts it. The
 * filter-policy index finds those subscriptions without evaluating every policy.
 */
import { SimContext } from '../runtime';
import { SubscriptionDelivery } from './delivery';
import { FilterMessage } from './filter-policy';
import { PublishEntry, validatePublish } from './publish-validation';
import { PublishedMessage } from './published-message';
import { PublishResult, Topic } from './topic';
import { contentBasedDeduplicationId } from '../sqs/deduplication';

export class Publisher {
  private readonly delivery: SubscriptionDelivery;
  /** The ISO-8601 text of the last publish time: publishes at the same virtual millisecond share it. */
  private timestamp = { at: Number.NaN, text: '' };

  constructor(private readonly ctx: SimContext) {
    this.delivery = new SubscriptionDelivery(ctx);
  }

  /** Validates, deduplicates (FIFO) and fans out one message; throws AwsError for what Publish refuses. */
  public publish(topic: Topic, entry: PublishEntry, batchEntry?: number): PublishResult {
    const structure = validatePublish(entry, topic, batchEntry);
    const message = entry.Message as string;
    const now = this.ctx.clock.now();
    let deduplicationId: string | undefined;
    if (topic.fifo) {
      deduplicationId = entry.MessageDeduplicationId ?? contentBasedDeduplicationId(message);
      const duplicate = topic.deduplication.duplicateOf(deduplicationId, entry.MessageGroupId, now);
      if (duplicate !== undefined) {
        // Accepted but not delivered again within the five-minute deduplication interval.
        this.ctx.trace.record('sns', topic.logicalId, 'deduplicated', { messageId: duplicate.MessageId, deduplicationId });
        return duplicate;
      }
    }
    const messageId = this.ctx.ids.uuid();
    const sequenceNumber = topic.fifo ? topic.nextSequenceNumber() : undefined;
    const result: PublishResult = sequenceNumber === undefined ? { MessageId: messageId } : { MessageId: messageId, SequenceNumber: sequenceNumber };
    if (deduplicationId !== undefined) topic.deduplication.remember(deduplicationId, entry.MessageGroupId, result, now);
    const published = new PublishedMessage(
      topic, messageId, message, entry.Subject, entry.MessageAttributes, structure,
      this.timestampOf(now), sequenceNumber, entry.MessageGroupId, deduplicationId,
    );
    this.ctx.trace.record('sns', topic.logicalId, 'published', topic.fifo
      ? { messageId, messageGroupId: entry.MessageGroupId, sequenceNumber }
      : { messageId });
    this.fanOut(topic, published);
    return result;
  }

  private timestampOf(now: number): string {
    if (this.timestamp.at !== now) this.timestamp = { at: now, text: new Date(now).toISOString() };
    return this.timestamp.text;
  }

  /**
   * Delivers to the subscriptions the index matches, in subscription order. With the trace on, every other
   * subscription gets a `filtered-out` event; with it off, only the matches are visited, so the cost of a publish grows
   * with the subscriptions it reaches rather than with all of them.
   */
  private fanOut(topic: Topic, message: PublishedMessage): void {
    const subscriptions = topic.subscriptions;
    const matched = subscriptions.match(new FilterMessage(message.attributes, message.message, subscriptions.bodyPaths));
    if (!this.ctx.trace.isEnabled) {
      for (const ordinal of matched) this.delivery.deliver(topic, subscriptions.item(ordinal), message);
      return;
    }
    let next = 0;
    for (let ordinal = 0; ordinal < subscriptions.size; ordinal++) {
      const sub = subscriptions.item(ordinal);
      if (matched[next] === ordinal) {
        next++;
        this.delivery.deliver(topic, sub, message);
      } else {
        this.ctx.trace.record('sns', sub.logicalId, 'filtered-out', { messageId: message.messageId });
      }
    }
  }
}
