/**
 * Amazon SNS: topics, subscriptions and topic policies from the template; publishing with the filter-policy index;
 * delivery to SQS, Lambda, Firehose and recorded HTTP/S, email and SMS endpoints; subscription dead-letter queues.
 */
import { createHash } from 'node:crypto';
import { AwsError, dispatch } from '../kernel';
import {
  CallerIdentity,
  DeliveryOutcome,
  MessageAttributeValue,
  PolicyDocumentLike,
  SimContext,
  SimService,
  SnsDelivery,
  SnsPublishInput,
  TemplateResource,
} from '../runtime';
import { authorizationError, templateInvalid } from './errors';
import { FilterMessage } from './filter-policy';
import { countAttributes } from './message-attributes';
import { PublishEntry, validatePublish } from './publish-validation';
import { PublishedMessage } from './published-message';
import { EnvelopeQueueDelivery } from './queue-delivery';
import { createSubscription, RECORDED_PROTOCOLS, Subscription } from './subscription';
import { EndpointDelivery, Topic } from './topic';
import { TopicEnvelope } from './topic-envelope';
import { TopicHandle } from './topic-handle';
import { defaultPolicyAllowsPublish, policyDocument } from './topic-policy';

const TOPIC = 'AWS::SNS::Topic';
const SUBSCRIPTION = 'AWS::SNS::Subscription';
const TOPIC_POLICY = 'AWS::SNS::TopicPolicy';

/** SQS accepts at most 10 message attributes: raw deliveries with more fail as client errors (sns-message-attributes). */
const MAX_RAW_SQS_ATTRIBUTES = 10;

/** What a publish returned. */
export interface PublishResult {
  readonly MessageId: string;
  readonly SequenceNumber?: string;
}

/** The operations a TopicHandle needs from the service. */
export interface TopicPublisher {
  /** Checks the topic policy for `caller` (sns:Publish); records a `denied` event and returns false when refused. */
  authorize(topic: Topic, caller: CallerIdentity): boolean;
  /** Validates, deduplicates (FIFO) and fans out one message; throws AwsError for what Publish refuses. */
  publishEntry(topic: Topic, entry: PublishEntry, batchEntry?: number): PublishResult;
}

interface PendingSubscription {
  readonly logicalId: string;
  readonly arn: string;
  readonly topicArn: string;
  readonly properties: Record<string, any>;
}

/** What the service keeps per subscription to deliver quickly: for SQS, its delivery. */
interface SubscriptionState {
  /** The envelope delivery this subscription reuses for every publish (SQS without raw delivery). */
  readonly queueDelivery: EnvelopeQueueDelivery;
}

export class SnsService implements SimService, SnsDelivery, TopicPublisher {
  public readonly resourceTypes: readonly string[] = [TOPIC, SUBSCRIPTION, TOPIC_POLICY];

  /** The SNS API (ServiceApi): the topic is the one `TopicArn` names; the call runs as `caller`. */
  public readonly actions: readonly string[] = ['Publish', 'PublishBatch'];

  private readonly topicsByArn = new Map<string, Topic>();
  private readonly topicsById = new Map<string, Topic>();
  private readonly policies = new Map<string, PolicyDocumentLike[]>();
  private readonly pending: PendingSubscription[] = [];
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly handles = new Map<string, TopicHandle>();
  private readonly snsCallers = new Map<string, CallerIdentity>();
  /** The trace can be switched off (benchmarks): then no event detail is even built. */
  private readonly traceOn: boolean;
  private readonly subscriptionStates = new Map<Subscription, SubscriptionState>();
  private fanOutDepth = 0;
  private isoTime = NaN;
  private iso = '';

  constructor(private readonly ctx: SimContext) {
    this.traceOn = ctx.trace.isEnabled;
  }

  public create(resource: TemplateResource): void {
    switch (resource.type) {
      case TOPIC:
        return this.createTopic(resource);
      case SUBSCRIPTION:
        return this.createSubscriptionResource(resource);
      case TOPIC_POLICY:
        return this.createTopicPolicy(resource);
      default:
        throw new Error(`SnsService cannot create ${resource.type}`);
    }
  }

  /** Subscriptions whose topic was created after them (an ARN given as a literal) are attached here. */
  public link(): void {
    const pending = this.pending.splice(0);
    for (const p of pending) {
      const topic = this.topicsByArn.get(p.topicArn);
      if (topic === undefined) {
        this.unsupported(p.logicalId, SUBSCRIPTION, `not simulated: topic ${p.topicArn} is not in this template`);
        continue;
      }
      this.attach(topic, p.logicalId, p.arn, p.properties);
    }
    // Every subscription of the template is known: index the filter policies now rather than on the first publish.
    for (const topic of this.topicsByArn.values()) topic.subscriptions.prepare();
  }

  /** The handle of a topic, by logical id. */

  /** Answers one API call (ServiceApi). */
  public async call(action: string, input: Record<string, any>, caller: CallerIdentity): Promise<Record<string, any>> {
    const topic = this.topicsByArn.get(String(input.TopicArn ?? input.TargetArn));
    if (!topic) throw new AwsError('NotFoundException', 'Topic does not exist', { code: 'NotFound', httpStatusCode: 404 });
    const output = await dispatch('sns', this.actions, new TopicHandle(this, topic, caller), action, input);
    return { $metadata: { httpStatusCode: 200, requestId: this.ctx.ids.uuid() }, ...output };
  }

  public handle(logicalId: string): TopicHandle {
    let handle = this.handles.get(logicalId);
    if (handle === undefined) {
      const topic = this.topicsById.get(logicalId);
      if (topic === undefined) throw new Error(`SnsService: no topic with logical id '${logicalId}'`);
      handle = new TopicHandle(this, topic, this.ctx.ownerIdentity);
      this.handles.set(logicalId, handle);
    }
    return handle;
  }

  /** The subscription created for a logical id (for tests and tools). */
  public subscription(logicalId: string): Subscription | undefined {
    return this.subscriptions.get(logicalId);
  }

  /** A publish by another service (S3 event notifications, CloudWatch alarm actions), after the topic policy allows it. */
  public publishFrom(topicArn: string, input: SnsPublishInput, caller: CallerIdentity): DeliveryOutcome {
    const topic = this.topicsByArn.get(topicArn);
    if (topic === undefined) return { ok: false, errorName: 'NotFoundException', errorMessage: 'Topic does not exist' };
    if (!this.authorize(topic, caller)) {
      const e = this.denial(topic, caller);
      return { ok: false, errorName: e.name, errorMessage: e.message, deniedByPolicy: true };
    }
    try {
      const result = this.publishEntry(topic, input);
      return { ok: true, messageId: result.MessageId };
    } catch (e) {
      if (e instanceof AwsError) return { ok: false, errorName: e.name, errorMessage: e.message };
      throw e;
    }
  }

  public authorize(topic: Topic, caller: CallerIdentity): boolean {
    const docs = this.policies.get(topic.arn);
    const allowed = docs !== undefined && docs.length > 0
      ? this.ctx.iam.isAllowed(docs, { action: 'sns:Publish', resource: topic.arn, caller })
      : defaultPolicyAllowsPublish(caller, this.ctx.env.account);
    if (!allowed) this.ctx.trace.record('sns', topic.logicalId, 'denied', { action: 'sns:Publish', principal: caller.principal });
    return allowed;
  }

  /** The AuthorizationError SNS returns to a caller the topic policy refuses. */
  public denial(topic: Topic, caller: CallerIdentity): AwsError {
    return authorizationError(`User: ${caller.principal} is not authorized to perform: SNS:Publish on resource: ${topic.arn}`);
  }

  public publishEntry(topic: Topic, entry: PublishEntry, batchEntry?: number): PublishResult {
    const structure = validatePublish(entry, topic, batchEntry);
    const message = entry.Message as string;
    const now = this.ctx.clock.now();
    let dedupId: string | undefined;
    let dedupKey = '';
    if (topic.fifo) {
      // Content-based deduplication hashes the message body with SHA-256 (fifo-message-dedup).
      dedupId = entry.MessageDeduplicationId ?? createHash('sha256').update(message).digest('hex');
      dedupKey = topic.deduplicateWithinGroup ? `${entry.MessageGroupId}\u0000${dedupId}` : dedupId;
      const duplicate = topic.duplicateOf(dedupKey, now);
      if (duplicate !== undefined) {
        // Accepted but not delivered again within the five-minute deduplication interval.
        if (this.traceOn) this.ctx.trace.record('sns', topic.logicalId, 'deduplicated', { messageId: duplicate.messageId, deduplicationId: dedupId });
        return { MessageId: duplicate.messageId, SequenceNumber: duplicate.sequenceNumber };
      }
    }
    const messageId = this.ctx.ids.uuid();
    const sequenceNumber = topic.fifo ? topic.nextSequenceNumber() : undefined;
    if (topic.fifo) topic.remember(dedupKey, messageId, sequenceNumber, now);

    const published = new PublishedMessage(
      topic.envelope, messageId, message, entry.Subject, entry.MessageAttributes, structure,
      this.isoTimestamp(now), sequenceNumber, entry.MessageGroupId, dedupId,
    );
    if (this.traceOn) {
      if (topic.fifo) this.ctx.trace.record('sns', topic.logicalId, 'published', { messageId, messageGroupId: entry.MessageGroupId, sequenceNumber });
      else this.ctx.trace.record('sns', topic.logicalId, 'published', { messageId });
    }
    this.fanOut(topic, published);
    return sequenceNumber === undefined ? { MessageId: messageId } : { MessageId: messageId, SequenceNumber: sequenceNumber };
  }

  private fanOut(topic: Topic, message: PublishedMessage): void {
    this.fanOutDepth++;
    try {
      const subscriptions = topic.subscriptions;
      const matched = subscriptions.match(new FilterMessage(message.attributes, message.message, subscriptions.bodyPaths));
      const count = matched.length;
      if (!this.traceOn) {
        for (let i = 0; i < count; i++) this.deliver(topic, subscriptions.item(matched[i]), message);
        return;
      }
      // With the trace on, every subscription appears in it, in subscription order: delivered or filtered out.
      let next = 0;
      for (let ordinal = 0; ordinal < subscriptions.size; ordinal++) {
        const sub = subscriptions.item(ordinal);
        if (next < count && matched[next] === ordinal) {
          next++;
          this.deliver(topic, sub, message);
        } else {
          this.ctx.trace.record('sns', sub.logicalId, 'filtered-out', { messageId: message.messageId });
        }
      }
    } finally {
      this.fanOutDepth--;
    }
  }

  private deliver(topic: Topic, sub: Subscription, message: PublishedMessage): void {
    switch (sub.protocol) {
      case 'sqs':
        return this.deliverToQueue(topic, sub, message);
      case 'lambda': {
        const outcome = this.ctx.services.lambda.invokeAsync(sub.endpoint, message.lambdaEvent(sub), this.snsCaller(topic));
        return this.settle(topic, sub, message, outcome, undefined);
      }
      case 'firehose': {
        const firehose = this.ctx.services.firehose;
        const payload = sub.rawMessageDelivery ? message.contentFor('firehose') : message.envelope(sub);
        const outcome: DeliveryOutcome = firehose === undefined
          ? { ok: false, errorName: 'ResourceNotFoundException', errorMessage: 'Amazon Data Firehose is not simulated in this context' }
          : firehose.putRecord(sub.endpoint, payload, this.roleCaller(topic, sub));
        return this.settle(topic, sub, message, outcome, payload);
      }
      default:
        return this.record(sub, message);
    }
  }

  private deliverToQueue(topic: Topic, sub: Subscription, message: PublishedMessage): void {
    // Group and deduplication ids only go to FIFO queues; a FIFO topic may also feed standard queues.
    const groupId = sub.fifoEndpoint ? message.messageGroupId : undefined;
    const dedupId = sub.fifoEndpoint ? message.messageDeduplicationId : undefined;
    if (!sub.rawMessageDelivery) {
      const parts = message.envelopeParts(sub.protocol);
      const state = this.stateOf(sub);
      const delivery = state.queueDelivery.of(parts.head, parts.tail, groupId, dedupId);
      const outcome = this.ctx.services.sqs.deliver(sub.endpoint, delivery, this.snsCaller(topic));
      if (outcome.ok) {
        if (this.traceOn) this.recordDelivered(sub, message.messageId); // as settle records it
        return;
      }
      // On failure the dead-letter queue gets the same envelope (settle writes it).
      return this.settle(topic, sub, message, outcome, undefined);
    }
    const body = message.contentFor('sqs');
    // Raw delivery passes the message attributes on as SQS message attributes (sns-large-payload-raw-message-delivery).
    const attributes = message.deliveredAttributes;
    if (attributes !== undefined && countAttributes(attributes) > MAX_RAW_SQS_ATTRIBUTES) {
      const outcome: DeliveryOutcome = {
        ok: false,
        errorName: 'InvalidParameterValue',
        errorMessage: `Number of message attributes [${countAttributes(attributes)}] exceeds the allowed maximum [${MAX_RAW_SQS_ATTRIBUTES}].`,
      };
      return this.settle(topic, sub, message, outcome, body, attributes);
    }
    const outcome = this.ctx.services.sqs.deliver(sub.endpoint, {
      body,
      messageAttributes: attributes,
      messageGroupId: groupId,
      messageDeduplicationId: dedupId,
    }, this.snsCaller(topic));
    this.settle(topic, sub, message, outcome, body, attributes);
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
      if (this.traceOn) this.recordDelivered(sub, message.messageId);
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
      messageAttributes: attributes !== undefined && countAttributes(attributes) <= MAX_RAW_SQS_ATTRIBUTES ? attributes : undefined,
      messageGroupId: sub.fifoDeadLetterQueue ? message.messageGroupId : undefined,
      messageDeduplicationId: sub.fifoDeadLetterQueue ? message.messageDeduplicationId : undefined,
    }, this.snsCaller(topic));
    if (dlq.ok) {
      trace.record('sns', sub.logicalId, 'moved-to-dlq', { messageId: message.messageId, deadLetterTargetArn: sub.deadLetterTargetArn });
    } else {
      trace.record('sns', sub.logicalId, 'dropped', {
        messageId: message.messageId,
        reason: `the dead-letter queue refused the message: ${dlq.errorName}`,
      });
    }
  }

  private recordDelivered(sub: Subscription, messageId: string): void {
    this.ctx.trace.record('sns', sub.logicalId, 'delivered', { messageId, protocol: sub.protocol, endpoint: sub.endpoint });
  }

  private stateOf(sub: Subscription): SubscriptionState {
    let state = this.subscriptionStates.get(sub);
    if (state === undefined) {
      state = {
        queueDelivery: new EnvelopeQueueDelivery(sub.unsubscribeUrlJson),
      };
      this.subscriptionStates.set(sub, state);
    }
    return state;
  }

  /** HTTP/S, email, email-json and SMS endpoints: recorded as SNS would send them (sns-message-and-json-formats). */
  private record(sub: Subscription, message: PublishedMessage): void {
    const protocol = sub.protocol as EndpointDelivery['protocol'];
    const content = message.contentFor(protocol);
    let body: string;
    let headers: Record<string, string> | undefined;
    let subject: string | undefined;
    if (protocol === 'http' || protocol === 'https') {
      body = sub.rawMessageDelivery ? content : message.envelope(sub);
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
      body = content;
      subject = message.subject ?? 'AWS Notification Message';
    } else {
      body = content;
    }
    const topic = this.topicsByArn.get(sub.topicArn) as Topic;
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

  private createTopic(resource: TemplateResource): void {
    const p = resource.properties;
    const fifo = flag(p.FifoTopic);
    const name = resource.attributes.TopicName ?? String(p.TopicName ?? resource.logicalId);
    const arn = resource.attributes.TopicArn ?? resource.ref;
    const fail = (message: string): never => {
      throw templateInvalid(resource.logicalId, message);
    };
    if (fifo && !/^[A-Za-z0-9_-]{1,251}\.fifo$/.test(name)) {
      fail('Invalid parameter: Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.');
    }
    if (!fifo && !/^[A-Za-z0-9_-]{1,256}$/.test(name)) fail('Invalid parameter: Topic Name');
    const contentBasedDeduplication = flag(p.ContentBasedDeduplication);
    if (contentBasedDeduplication && !fifo) {
      fail('Invalid parameter: Attributes Reason: ContentBasedDeduplication can only be set for FIFO topics');
    }
    const scope = p.FifoThroughputScope;
    if (scope !== undefined && (!fifo || (scope !== 'Topic' && scope !== 'MessageGroup'))) {
      fail(fifo
        ? `Invalid parameter: Attributes Reason: FifoThroughputScope: Invalid value [${String(scope)}]. Please use either Topic or MessageGroup`
        : 'Invalid parameter: Attributes Reason: FifoThroughputScope can only be set for FIFO topics');
    }
    const signatureVersion = p.SignatureVersion === undefined ? '1' : String(p.SignatureVersion);
    if (signatureVersion !== '1' && signatureVersion !== '2') {
      fail(`Invalid parameter: Attributes Reason: SignatureVersion: Invalid value [${signatureVersion}]. Please use either 1 or 2`);
    }
    if (this.topicsByArn.has(arn)) fail(`Invalid parameter: Topic ${name} already exists in this template`);
    const envelope = new TopicEnvelope(this.ctx.env, arn, fifo, signatureVersion as '1' | '2');
    const topic = new Topic(resource.logicalId, arn, name, fifo, contentBasedDeduplication, scope === 'MessageGroup', envelope);
    this.topicsByArn.set(arn, topic);
    this.topicsById.set(resource.logicalId, topic);
    this.snsCallers.set(arn, {
      principalType: 'Service',
      principal: 'sns.amazonaws.com',
      sourceArn: arn,
      sourceAccount: this.ctx.env.account,
      secureTransport: true,
    });

    if (p.KmsMasterKeyId !== undefined) this.unsupported(resource.logicalId, TOPIC, 'KmsMasterKeyId: encryption at rest is not simulated (messages are delivered as if the key allowed it)');
    if (p.ArchivePolicy !== undefined) this.unsupported(resource.logicalId, TOPIC, 'ArchivePolicy: message archiving and replay are not simulated');
    if (p.DataProtectionPolicy !== undefined) this.unsupported(resource.logicalId, TOPIC, 'DataProtectionPolicy: message data protection is not simulated');
    if (p.DeliveryStatusLogging !== undefined) this.unsupported(resource.logicalId, TOPIC, 'DeliveryStatusLogging: delivery status logs are not simulated (see the trace)');

    const inline: unknown[] = Array.isArray(p.Subscription) ? p.Subscription : [];
    inline.forEach((s, i) => {
      const logicalId = `${resource.logicalId}.Subscription${i}`;
      this.attach(topic, logicalId, `${arn}:${this.ctx.ids.uuid()}`, (s ?? {}) as Record<string, any>);
    });
  }

  private createSubscriptionResource(resource: TemplateResource): void {
    const p = resource.properties;
    const topicArn = String(p.TopicArn ?? '');
    if (p.Region !== undefined && p.Region !== this.ctx.env.region) {
      this.unsupported(resource.logicalId, SUBSCRIPTION, `not simulated: cross-Region subscription (Region ${String(p.Region)})`);
      return;
    }
    const topic = this.topicsByArn.get(topicArn);
    if (topic === undefined) {
      this.pending.push({ logicalId: resource.logicalId, arn: resource.ref, topicArn, properties: p });
      return;
    }
    this.attach(topic, resource.logicalId, resource.ref, p);
  }

  private attach(topic: Topic, logicalId: string, arn: string, properties: Record<string, any>): void {
    if (properties.Protocol === 'application') {
      this.unsupported(logicalId, SUBSCRIPTION, 'not simulated: protocol application (mobile push) has no simulated endpoint');
      return;
    }
    const sub = createSubscription(logicalId, arn, properties, topic, this.ctx.env);
    if (properties.DeliveryPolicy !== undefined) this.unsupported(logicalId, SUBSCRIPTION, 'DeliveryPolicy: delivery retries and throttling are not simulated');
    if (properties.ReplayPolicy !== undefined) this.unsupported(logicalId, SUBSCRIPTION, 'ReplayPolicy: message replay is not simulated');
    this.subscriptions.set(logicalId, sub);
    topic.subscriptions.add(sub, sub.filterPolicy);
    if (RECORDED_PROTOCOLS.has(sub.protocol) && sub.protocol !== 'sms') this.recordConfirmation(topic, sub);
  }

  /**
   * HTTP/S and email endpoints receive a SubscriptionConfirmation first (sns-http-https-endpoint-as-subscriber). The
   * simulator records it and then treats the subscription as confirmed, so tests see what the endpoint would get.
   */
  private recordConfirmation(topic: Topic, sub: Subscription): void {
    const messageId = this.ctx.ids.uuid();
    const token = this.ctx.ids.hex(64);
    const base = `https://sns.${this.ctx.env.region}.${this.ctx.env.urlSuffix}`;
    const subscribeUrl = `${base}/?Action=ConfirmSubscription&TopicArn=${topic.arn}&Token=${token}`;
    const text = `You have chosen to subscribe to the topic ${topic.arn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`;
    const protocol = sub.protocol as EndpointDelivery['protocol'];
    const json = JSON.stringify({
      Type: 'SubscriptionConfirmation',
      MessageId: messageId,
      Token: token,
      TopicArn: topic.arn,
      Message: text,
      SubscribeURL: subscribeUrl,
      Timestamp: new Date(this.ctx.clock.now()).toISOString(),
    });
    topic.deliveries.push({
      time: this.ctx.clock.now(),
      type: 'SubscriptionConfirmation',
      protocol,
      endpoint: sub.endpoint,
      subscription: sub.logicalId,
      subscriptionArn: sub.arn,
      messageId,
      body: protocol === 'email' ? `${text}\n${subscribeUrl}` : json,
      ...(protocol === 'http' || protocol === 'https'
        ? { headers: { 'x-amz-sns-message-type': 'SubscriptionConfirmation', 'x-amz-sns-message-id': messageId, 'x-amz-sns-topic-arn': topic.arn } }
        : { subject: 'AWS Notification - Subscription Confirmation' }),
    });
  }

  private createTopicPolicy(resource: TemplateResource): void {
    const p = resource.properties;
    const topics: unknown[] = Array.isArray(p.Topics) ? p.Topics : [];
    if (topics.length === 0) throw templateInvalid(resource.logicalId, 'Properties validation failed: Topics must be a non-empty list of topic ARNs.');
    const doc = policyDocument(p.PolicyDocument);
    if (doc === undefined) throw templateInvalid(resource.logicalId, 'Invalid parameter: Policy Error: the policy document is not valid JSON');
    for (const t of topics) {
      const arn = String(t);
      // A topic has one policy: a later TopicPolicy naming the same topic replaces the earlier one.
      this.policies.set(arn, [doc]);
      if (!this.topicsByArn.has(arn)) this.unsupported(resource.logicalId, TOPIC_POLICY, `not simulated for ${arn}: the topic is not in this template`);
    }
  }

  /** ISO-8601 of a virtual time; publishes at the same virtual instant share the string. */
  private isoTimestamp(now: number): string {
    if (now !== this.isoTime) {
      this.isoTime = now;
      this.iso = new Date(now).toISOString();
    }
    return this.iso;
  }

  private snsCaller(topic: Topic): CallerIdentity {
    return this.snsCallers.get(topic.arn) as CallerIdentity;
  }

  /** Firehose subscriptions write with the subscription role (sns-firehose-as-subscriber). */
  private roleCaller(topic: Topic, sub: Subscription): CallerIdentity {
    return {
      principalType: 'AWS',
      principal: sub.subscriptionRoleArn as string,
      sourceArn: topic.arn,
      sourceAccount: this.ctx.env.account,
      secureTransport: true,
    };
  }

  private unsupported(logicalId: string, type: string, reason: string): void {
    this.ctx.reportUnsupported(logicalId, type, reason);
  }
}

/** CloudFormation booleans arrive as booleans or as the strings "true"/"false". */
function flag(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}
