/**
 * Amazon SNS: topics, subscriptions and topic policies from the template, checked as SNS checks them; publishing
 * (publish.ts) and delivery to each kind of subscriber (delivery.ts). Other services publish through `publishFrom`,
 * after the topic policy allows them.
 */
import { authorize, refuse } from '../iam/authorize';
import { NO_POLICIES } from '../iam/evaluator';
import { AwsError, dispatch, SeededIds } from '../kernel';
import {
  AccessDecision,
  CallerIdentity,
  DeliveryOutcome,
  PolicyDocumentLike,
  SimContext,
  SimService,
  SnsDelivery,
  SnsPublishInput,
  TemplateResource,
} from '../runtime';
import { subscriptionConfirmation } from './confirmation';
import { authorizationError, notFound, templateInvalid } from './errors';
import { Publisher } from './publish';
import { PublishEntry } from './publish-validation';
import { createSubscription, RECORDED_PROTOCOLS, Subscription } from './subscription';
import { PublishResult, Topic, topicAttributes } from './topic';
import { TopicHandle } from './topic-handle';
import { defaultPolicyAllowsPublish, policyDocument } from './topic-policy';

const TOPIC = 'AWS::SNS::Topic';
const SUBSCRIPTION = 'AWS::SNS::Subscription';
const TOPIC_POLICY = 'AWS::SNS::TopicPolicy';

/** The operations a TopicHandle needs from the service. */
export interface TopicPublisher {
  /** The simulator's seeded ids (request ids). */
  readonly ids: SeededIds;
  /** Checks the topic policy and the caller's identity-based policies (sns:Publish); a refusal is recorded as `denied`. */
  authorize(topic: Topic, caller: CallerIdentity): AccessDecision;
  /** For an SSE-KMS topic: the error SNS returns when `caller` may not use the topic's key, else undefined. */
  keyError(topic: Topic, caller: CallerIdentity): AwsError | undefined;
  /** Validates, deduplicates (FIFO) and fans out one message; throws AwsError for what Publish refuses. */
  publishEntry(topic: Topic, entry: PublishEntry, batchEntry?: number): PublishResult;
}

interface PendingSubscription {
  readonly logicalId: string;
  readonly arn: string;
  readonly topicArn: string;
  readonly properties: Record<string, any>;
}

export class SnsService implements SimService, SnsDelivery, TopicPublisher {
  public readonly resourceTypes: readonly string[] = [TOPIC, SUBSCRIPTION, TOPIC_POLICY];

  /** The SNS API (ServiceApi): the topic is the one `TopicArn` names; the call runs as `caller`. */
  public readonly actions: readonly string[] = ['Publish', 'PublishBatch'];

  private readonly topicsByArn = new Map<string, Topic>();
  private readonly topicsById = new Map<string, Topic>();
  private readonly policies = new Map<string, PolicyDocumentLike[]>();
  /** The KmsMasterKeyId of SSE-KMS topics, by topic ARN. */
  private readonly topicKeys = new Map<string, string>();
  private readonly pending: PendingSubscription[] = [];
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly handles = new Map<string, TopicHandle>();
  private readonly publisher: Publisher;

  constructor(private readonly ctx: SimContext) {
    this.publisher = new Publisher(ctx);
  }

  public get ids(): SeededIds {
    return this.ctx.ids;
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

  /** Answers one API call (ServiceApi). */
  public async call(action: string, input: Record<string, any>, caller: CallerIdentity): Promise<Record<string, any>> {
    const topic = this.topicsByArn.get(String(input.TopicArn ?? input.TargetArn));
    if (!topic) throw notFound('Topic does not exist');
    return dispatch('sns', this.actions, new TopicHandle(this, topic, caller), action, input);
  }

  /** The handle of a topic, by logical id. */
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
    if (!this.authorize(topic, caller).allowed) {
      const e = this.denial(topic, caller);
      return { ok: false, errorName: e.name, errorMessage: e.message, deniedByPolicy: true };
    }
    const keyError = this.keyError(topic, caller);
    if (keyError) return { ok: false, errorName: keyError.name, errorMessage: keyError.message, deniedByPolicy: keyError.name === 'KMSAccessDeniedException' };
    try {
      const result = this.publishEntry(topic, input);
      return { ok: true, messageId: result.MessageId };
    } catch (e) {
      if (e instanceof AwsError) return { ok: false, errorName: e.name, errorMessage: e.message };
      throw e;
    }
  }

  public authorize(topic: Topic, caller: CallerIdentity): AccessDecision {
    const docs = this.policies.get(topic.arn);
    const request = { action: 'sns:Publish', resource: topic.arn, caller, resourcePolicies: docs ?? NO_POLICIES, service: 'sns' as const, logicalId: topic.logicalId };
    if ((docs === undefined || docs.length === 0) && caller.principalType === 'Service') {
      // The default topic policy admits the account's CloudWatch alarms; other services need a topic policy.
      return defaultPolicyAllowsPublish(caller, this.ctx.env.account)
        ? { allowed: true, decision: 'Allow' }
        : refuse(this.ctx, request, 'because no resource-based policy allows the sns:Publish action');
    }
    // Without a topic policy the default one names only the owner account (AWS:SourceOwner), which delegates to the
    // caller's identity-based policies: a role needs sns:Publish granted (topic.grantPublish).
    return authorize(this.ctx, request);
  }

  /**
   * SSE-KMS topics (SNS Developer Guide, "Encryption at rest"): a publisher needs kms:GenerateDataKey* and
   * kms:Decrypt on the topic's key, through SNS; a service publishing (S3, CloudWatch, EventBridge) needs the key
   * policy to admit its service principal, which the AWS managed key alias/aws/sns never does.
   */
  public keyError(topic: Topic, caller: CallerIdentity): AwsError | undefined {
    const key = this.topicKeys.get(topic.arn);
    if (key === undefined) return undefined;
    const use = this.ctx.services.kms?.useKey(key, ['kms:GenerateDataKey', 'kms:Decrypt'], caller, `sns.${this.ctx.env.region}.amazonaws.com`,
      { service: 'sns', logicalId: topic.logicalId });
    if (!use || use.ok) return undefined;
    const [name, code] = use.reason === 'denied' ? ['KMSAccessDeniedException', 'KMSAccessDenied']
      : use.reason === 'disabled' ? ['KMSDisabledException', 'KMSDisabled'] : ['KMSNotFoundException', 'KMSNotFound'];
    return new AwsError(name, use.message, { code, httpStatusCode: 400 });
  }

  /** The AuthorizationError SNS returns to a caller the topic policy refuses. */
  public denial(topic: Topic, caller: CallerIdentity): AwsError {
    return authorizationError(`User: ${caller.principal} is not authorized to perform: SNS:Publish on resource: ${topic.arn}`);
  }

  public publishEntry(topic: Topic, entry: PublishEntry, batchEntry?: number): PublishResult {
    return this.publisher.publish(topic, entry, batchEntry);
  }

  private createTopic(resource: TemplateResource): void {
    const p = resource.properties;
    const attributes = topicAttributes(resource);
    const arn = resource.attributes.TopicArn ?? resource.ref;
    if (this.topicsByArn.has(arn)) throw templateInvalid(resource.logicalId, `Invalid parameter: Topic ${attributes.name} already exists in this template`);
    const topic = new Topic(resource.logicalId, arn, attributes, this.ctx.env);
    this.topicsByArn.set(arn, topic);
    this.topicsById.set(resource.logicalId, topic);

    if (p.KmsMasterKeyId !== undefined) this.topicKeys.set(arn, String(p.KmsMasterKeyId));
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
    // HTTP/S and email endpoints are sent a SubscriptionConfirmation first.
    if (RECORDED_PROTOCOLS.has(sub.protocol) && sub.protocol !== 'sms') topic.deliveries.push(subscriptionConfirmation(this.ctx, topic, sub));
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

  private unsupported(logicalId: string, type: string, reason: string): void {
    this.ctx.reportUnsupported(logicalId, type, reason);
  }
}
