/**
 * Delivering a published message to one subscription, by protocol (SNS developer guide: "Fanout to Amazon SQS
 * queues", "Fanout to Lambda functions", "Fanout to Firehose delivery streams", HTTP/S, email and SMS endpoints), and
 * what happens when a delivery fails ("Amazon SNS dead-letter queues").
 */
import { CallerIdentity, DeliveryOutcome, MessageAttributeValue, SimContext } from '../runtime';
import { PublishedMessage } from './published-message';
import { Subscription } from './subscription';
import { EndpointDelivery, Topic } from './topic';

/** SQS accepts at most 10 message attributes: raw deliveries with more fail as client errors (sns-message-attributes). */
const MAX_RAW_SQS_ATTRIBUTES = 10;

export class SubscriptionDelivery {
  constructor(private readonly ctx: SimContext) {}

  /** Delivers `message` to `sub`, a subscription of `topic` whose filter policy accepted it. */
  public deliver(topic: Topic, sub: Subscription, message: PublishedMessage): void {
    switch (sub.protocol) {
      case 'sqs':
        return this.toQueue(topic, sub, message);
      case 'lambda': {
        const outcome = this.ctx.services.lambda.invokeAsync(sub.endpoint, message.lambdaEvent(sub), topic.deliveryIdentity);
        return this.settle(topic, sub, message, outcome, undefined);
      }
      case 'firehose':
        return this.toFirehose(topic, sub, message);
      default:
        return this.record(topic, sub, message);
    }
  }

  /**
   * The queue receives the envelope, or with raw delivery the message itself with its attributes as SQS message
   * attributes (sns-large-payload-raw-message-delivery). Group and deduplication ids go only to FIFO queues; a FIFO
   * topic may also feed standard queues.
   */
  private toQueue(topic: Topic, sub: Subscription, message: PublishedMessage): void {
    const groupId = sub.fifoEndpoint ? message.messageGroupId : undefined;
    const deduplicationId = sub.fifoEndpoint ? message.messageDeduplicationId : undefined;
    if (!sub.rawMessageDelivery) {
      const { text: body, measure } = message.measuredEnvelope(sub);
      const envelope = { body, bodyMeasure: measure, messageGroupId: groupId, messageDeduplicationId: deduplicationId };
      const outcome = this.ctx.services.sqs.deliver(sub.endpoint, envelope, topic.deliveryIdentity);
      return this.settle(topic, sub, message, outcome, body);
    }
    const body = message.contentFor('sqs');
    const attributes = message.deliveredAttributes;
    const count = attributes === undefined ? 0 : Object.keys(attributes).length;
    const outcome: DeliveryOutcome = count > MAX_RAW_SQS_ATTRIBUTES
      ? {
        ok: false,
        errorName: 'InvalidParameterValue',
        errorMessage: `Number of message attributes [${count}] exceeds the allowed maximum [${MAX_RAW_SQS_ATTRIBUTES}].`,
      }
      : this.ctx.services.sqs.deliver(sub.endpoint, {
        body,
        messageAttributes: attributes,
        messageGroupId: groupId,
        messageDeduplicationId: deduplicationId,
      }, topic.deliveryIdentity);
    this.settle(topic, sub, message, outcome, body, attributes);
  }

  /** Firehose subscriptions write with the subscription role (sns-firehose-as-subscriber). */
  private toFirehose(topic: Topic, sub: Subscription, message: PublishedMessage): void {
    const firehose = this.ctx.services.firehose;
    const payload = sub.rawMessageDelivery ? message.contentFor('firehose') : message.envelope(sub);
    const role: CallerIdentity = {
      principalType: 'AWS', principal: sub.subscriptionRoleArn as string, sourceArn: topic.arn, sourceAccount: this.ctx.env.account, secureTransport: true,
    };
    const outcome: DeliveryOutcome = firehose === undefined
      ? { ok: false, errorName: 'ResourceNotFoundException', errorMessage: 'Amazon Data Firehose is not simulated in this context' }
      : firehose.putRecord(sub.endpoint, payload, role);
    this.settle(topic, sub, message, outcome, payload);
  }

  /**
   * Records the delivery, or handles its failure. Every failure the simulator produces is a client-side error (the
   * endpoint's policy refuses SNS, the endpoint or its key is gone, the message is not acceptable): SNS does not retry
   * those and moves the message to the subscription's dead-letter queue at once, or discards it when there is none
   * (sns-dead-letter-queues). The dead-letter queue receives the payload the endpoint would have received (`payload`;
   * undefined for Lambda, whose failed events are kept as the JSON envelope).
   */
  private settle(
    topic: Topic,
    sub: Subscription,
    message: PublishedMessage,
    outcome: DeliveryOutcome,
    payload: string | undefined,
    attributes?: Readonly<Record<string, MessageAttributeValue>>,
  ): void {
    const trace = this.ctx.trace;
    if (outcome.ok) {
      trace.record('sns', sub.logicalId, 'delivered', { messageId: message.messageId, protocol: sub.protocol, endpoint: sub.endpoint });
      return;
    }
    trace.record('sns', sub.logicalId, 'delivery-failed', {
      messageId: message.messageId,
      endpoint: sub.endpoint,
      error: outcome.errorName,
      message: outcome.errorMessage,
      ...(outcome.deniedByPolicy ? { deniedByPolicy: true } : {}),
    });
    if (sub.deadLetterTargetArn === undefined) {
      trace.record('sns', sub.logicalId, 'dropped', { messageId: message.messageId, reason: 'delivery failed and the subscription has no dead-letter queue' });
      return;
    }
    const dlq = this.ctx.services.sqs.deliver(sub.deadLetterTargetArn, {
      body: payload ?? message.envelope(sub),
      messageAttributes: attributes !== undefined && Object.keys(attributes).length <= MAX_RAW_SQS_ATTRIBUTES ? attributes : undefined,
      messageGroupId: sub.fifoDeadLetterQueue ? message.messageGroupId : undefined,
      messageDeduplicationId: sub.fifoDeadLetterQueue ? message.messageDeduplicationId : undefined,
    }, topic.deliveryIdentity);
    if (dlq.ok) {
      trace.record('sns', sub.logicalId, 'moved-to-dlq', { messageId: message.messageId, deadLetterTargetArn: sub.deadLetterTargetArn });
    } else {
      trace.record('sns', sub.logicalId, 'dropped', {
        messageId: message.messageId,
        reason: `the dead-letter queue refused the message: ${dlq.errorName}`,
      });
    }
  }

  /** HTTP/S, email, email-json and SMS endpoints: recorded as SNS would send them (sns-message-and-json-formats). */
  private record(topic: Topic, sub: Subscription, message: PublishedMessage): void {
    const protocol = sub.protocol as EndpointDelivery['protocol'];
    const content = message.contentFor(protocol);
    let body = content;
    let headers: Record<string, string> | undefined;
    let subject: string | undefined;
    if (protocol === 'http' || protocol === 'https') {
      if (!sub.rawMessageDelivery) body = message.envelope(sub);
      headers = {
        'x-amz-sns-message-type': 'Notification',
        'x-amz-sns-message-id': message.messageId,
        'x-amz-sns-topic-arn': message.topicArn,
        'x-amz-sns-subscription-arn': sub.arn,
        'Content-Type': 'text/plain; charset=UTF-8',
        ...(sub.rawMessageDelivery ? { 'x-amz-sns-rawdelivery': 'true' } : {}),
      };
    } else if (protocol === 'email-json') {
      body = message.envelope(sub);
      subject = message.subject ?? 'AWS Notification Message';
    } else if (protocol === 'email') {
      subject = message.subject ?? 'AWS Notification Message';
    }
    topic.deliveries.push({
      time: this.ctx.clock.now(),
      type: 'Notification',
      protocol,
      endpoint: sub.endpoint,
      subscription: sub.logicalId,
      subscriptionArn: sub.arn,
      messageId: message.messageId,
      body,
      ...(subject !== undefined ? { subject } : {}),
      ...(headers !== undefined ? { headers } : {}),
    });
    this.ctx.trace.record('sns', sub.logicalId, 'delivered', { messageId: message.messageId, protocol, endpoint: sub.endpoint });
  }
}
