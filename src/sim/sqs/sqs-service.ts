/**
 * The SQS service: creates AWS::SQS::Queue and AWS::SQS::QueuePolicy resources from the resolved template, checks
 * what SQS would refuse at deploy time (attribute ranges, FIFO naming and attributes, redrive and redrive-allow
 * policies), hands out queue handles, and receives messages other services deliver (after the queue policy allows
 * them).
 */
import { authorize } from '../iam/authorize';
import { principalAccount } from '../iam/request-context';
import { AwsError, dispatch, parseArn, responseMetadata, TemplateLoadError } from '../kernel';
import {
  CallerIdentity,
  DeliveryOutcome,
  InboundQueueMessage,
  QueueAccess,
  SimContext,
  SimService,
  SqsDelivery,
  TemplateResource,
} from '../runtime';
import { findQueueByName, listQueueUrls } from './account-actions';
import { accessDenied, kmsError, missingParameter, queueDoesNotExist, resourceNotFound } from './errors';
import { validateMessage } from './message-validation';
import { MessageMoveTasks } from './move-tasks';
import { SqsQueue } from './queue';
import { parseQueueConfig, QUEUE_ATTRIBUTE_RANGES } from './queue-config';
import { PRODUCER_KEY_ACTIONS, QueueHandle, QueueHandleHost } from './queue-handle';
import { ListMessageMoveTasksResultEntry } from './types';

export const SQS_QUEUE = 'AWS::SQS::Queue';

/** The queue actions a caller other than a test reaches through `call`. */
const SQS_ACTIONS = [
  'SendMessage', 'SendMessageBatch', 'ReceiveMessage', 'DeleteMessage', 'DeleteMessageBatch', 'ChangeMessageVisibility',
  'ChangeMessageVisibilityBatch', 'GetQueueAttributes', 'PurgeQueue', 'StartMessageMoveTask', 'ListMessageMoveTasks', 'CancelMessageMoveTask',
];
/** Actions that name no queue URL (answered by the service, not a queue's handle). */
const ACCOUNT_ACTIONS = ['GetQueueUrl', 'ListQueues'];
export const SQS_QUEUE_POLICY = 'AWS::SQS::QueuePolicy';

/** A delivery's success (senders do not need the SQS message id; the trace records it). */
const DELIVERED: DeliveryOutcome = Object.freeze({ ok: true });

export class SqsService implements SimService, SqsDelivery, QueueHandleHost {
  public readonly resourceTypes: readonly string[] = [SQS_QUEUE, SQS_QUEUE_POLICY];

  /** The SQS API (ServiceApi): the queue is the one `QueueUrl` names; the call runs as `caller`. */
  public readonly actions: readonly string[] = [...SQS_ACTIONS, ...ACCOUNT_ACTIONS];

  private readonly queues = new Map<string, SqsQueue>();
  private readonly byArn = new Map<string, SqsQueue>();
  private readonly byName = new Map<string, SqsQueue>();
  private readonly byUrl = new Map<string, SqsQueue>();
  private readonly handles = new Map<string, QueueHandle>();
  private readonly pendingPolicies: TemplateResource[] = [];
  private readonly moveTasks: MessageMoveTasks;

  constructor(public readonly ctx: SimContext) {
    this.moveTasks = new MessageMoveTasks(ctx, arn => this.byArn.get(arn), q => this.isDeadLetterQueue(q));
  }

  public create(resource: TemplateResource): void {
    if (resource.type === SQS_QUEUE) {
      this.createQueue(resource);
    } else if (resource.type === SQS_QUEUE_POLICY) {
      if (!this.attachPolicy(resource, false)) this.pendingPolicies.push(resource);
    } else {
      throw new Error(`SqsService cannot create ${resource.type} (${resource.logicalId})`);
    }
  }

  /** Resolves dead-letter queues and any queue policy whose queues were created after it. */
  public link(): void {
    for (const policy of this.pendingPolicies.splice(0)) this.attachPolicy(policy, true);
    for (const queue of this.queues.values()) this.linkRedrive(queue);
  }


  /** Answers one API call (ServiceApi). */
  public async call(action: string, input: Record<string, any>, caller: CallerIdentity): Promise<Record<string, any>> {
    const callerAccount = principalAccount(caller) ?? this.ctx.env.account;
    if (action === 'GetQueueUrl') {
      const found = findQueueByName(this.queues.values(), input, callerAccount);
      new QueueHandle(this, found, caller).authorizeAction('GetQueueUrl');
      return { QueueUrl: found.url, $metadata: responseMetadata(this.ctx.ids) };
    }
    if (action === 'ListQueues') {
      // ListQueues has no resource-level permission: the caller's identity policies must allow sqs:ListQueues on *.
      const resource = `arn:${this.ctx.env.partition}:sqs:${this.ctx.env.region}:${callerAccount}:*`;
      const decision = authorize(this.ctx, { action: 'sqs:ListQueues', resource, caller, service: 'sqs', logicalId: 'sqs' });
      if (!decision.allowed) throw accessDenied(resource, decision);
      return { ...listQueueUrls(this.queues.values(), input, callerAccount), $metadata: responseMetadata(this.ctx.ids) };
    }
    if (!SQS_ACTIONS.includes(action)) throw new AwsError('InvalidAction', `The action ${action} is not valid for this endpoint (sqs), or the simulator does not simulate it.`);
    const queue = this.queueNamedIn(action, input);
    if (!queue) throw queueDoesNotExist();
    return dispatch('sqs', SQS_ACTIONS, new QueueHandle(this, queue, caller), action, input);
  }

  /** The queue a call is about: its QueueUrl, or for the move-task actions the source queue (by ARN or task handle). */
  private queueNamedIn(action: string, input: Record<string, any>): SqsQueue | undefined {
    if (input.QueueUrl !== undefined) return this.byUrl.get(String(input.QueueUrl)) ?? this.byArn.get(String(input.QueueUrl));
    if (action === 'StartMessageMoveTask' || action === 'ListMessageMoveTasks') return this.byArn.get(String(input.SourceArn));
    if (action === 'CancelMessageMoveTask') {
      if (typeof input.TaskHandle !== 'string') throw missingParameter('TaskHandle');
      const source = this.moveTasks.sourceOf(input.TaskHandle);
      if (!source) throw resourceNotFound('TaskHandle');
      return source;
    }
    return undefined;
  }

  /** The public handle of a queue by logical id. */
  public handle(logicalId: string): QueueHandle {
    let handle = this.handles.get(logicalId);
    if (!handle) {
      handle = new QueueHandle(this, this.queue(logicalId));
      this.handles.set(logicalId, handle);
    }
    return handle;
  }

  /** The queue engine by logical id (other services and tests). */
  public queue(logicalId: string): SqsQueue {
    const queue = this.queues.get(logicalId);
    if (!queue) {
      throw new Error(`No SQS queue with logical id '${logicalId}'. Queues: ${[...this.queues.keys()].join(', ') || '(none)'}`);
    }
    return queue;
  }

  /** Logical ids of every queue. */
  public get queueIds(): string[] {
    return [...this.queues.keys()];
  }

  public queueByArn(arn: string): QueueAccess | undefined {
    return this.byArn.get(arn);
  }

  public queueByName(name: string): QueueAccess | undefined {
    return this.byName.get(name);
  }

  /** SNS fanout, S3 notifications, alarm actions: the queue policy must allow `caller` to sqs:SendMessage. */
  public deliver(queueArn: string, message: InboundQueueMessage, caller: CallerIdentity): DeliveryOutcome {
    const queue = this.byArn.get(queueArn);
    if (!queue) {
      const err = queueDoesNotExist();
      return { ok: false, errorName: err.name, errorMessage: err.message };
    }
    const decision = authorize(this.ctx, {
      action: 'sqs:SendMessage', resource: queue.arn, caller, resourcePolicies: queue.policies, service: 'sqs', logicalId: queue.logicalId,
    });
    if (!decision.allowed) {
      const err = accessDenied(queue.url, decision);
      return { ok: false, errorName: err.name, errorMessage: err.message, deniedByPolicy: true };
    }
    const key = queue.config.kmsMasterKeyId;
    if (key !== undefined) {
      // An SSE-KMS queue takes deliveries from SNS, S3, EventBridge... only when its key policy lets that service
      // principal use the key (kms:GenerateDataKey*, kms:Decrypt); AWS managed keys (alias/aws/sqs) never do.
      const use = this.ctx.services.kms?.useKey(key, PRODUCER_KEY_ACTIONS, caller, `sqs.${this.ctx.env.region}.amazonaws.com`,
        { service: 'sqs', logicalId: queue.logicalId });
      if (use && !use.ok) {
        const err = kmsError(use.reason, use.message);
        return { ok: false, errorName: err.name, errorMessage: err.message, deniedByPolicy: use.reason === 'denied' };
      }
    }
    try {
      // The delivery goes through SendMessage's validation: SQS refuses from another service what it refuses from a client.
      const validated = validateMessage({
        MessageBody: message.body,
        MessageAttributes: message.messageAttributes,
        MessageGroupId: message.messageGroupId,
        MessageDeduplicationId: message.messageDeduplicationId,
      }, queue.config, false, message.bodyMeasure);
      queue.send(validated, this.senderIdOf(caller));
      return DELIVERED;
    } catch (err) {
      if (!(err instanceof AwsError)) throw err;
      this.ctx.trace.record('sqs', queue.logicalId, 'delivery-rejected', { errorName: err.name, sourceArn: caller.sourceArn });
      return { ok: false, errorName: err.name, errorMessage: err.message };
    }
  }

  // ---------------------------------------------------------------- QueueHandleHost

  /** SenderId as SQS reports it: the account id for the account root, the principal otherwise. */
  public senderIdOf(caller: CallerIdentity): string {
    if (caller.principalType === 'Service') return caller.principal;
    const arn = parseArn(caller.principal);
    return arn?.service === 'iam' && arn.resource === 'root' ? arn.account : caller.principal;
  }

  public startMessageMoveTask(sourceArn: string | undefined, destinationArn?: string, rate?: number): string {
    return this.moveTasks.start(sourceArn, destinationArn, rate);
  }

  public listMessageMoveTasks(sourceArn: string | undefined, maxResults?: number): ListMessageMoveTasksResultEntry[] {
    return this.moveTasks.list(sourceArn, maxResults);
  }

  public cancelMessageMoveTask(taskHandle: string | undefined): number {
    return this.moveTasks.cancel(taskHandle);
  }

  /** Every attribute GetQueueAttributes(All) returns for `queue`. */
  public queueAttributes(queue: SqsQueue): Record<string, string> {
    const c = queue.config;
    const attrs: Record<string, string> = {
      QueueArn: queue.arn,
      ApproximateNumberOfMessages: String(queue.metric('ApproximateNumberOfMessagesVisible')),
      ApproximateNumberOfMessagesNotVisible: String(queue.metric('ApproximateNumberOfMessagesNotVisible')),
      ApproximateNumberOfMessagesDelayed: String(queue.metric('ApproximateNumberOfMessagesDelayed')),
      CreatedTimestamp: String(queue.createdAt),
      LastModifiedTimestamp: String(queue.createdAt),
      VisibilityTimeout: String(c.visibilityTimeout),
      MaximumMessageSize: String(c.maximumMessageSize),
      MessageRetentionPeriod: String(c.messageRetentionPeriod),
      DelaySeconds: String(c.delaySeconds),
      ReceiveMessageWaitTimeSeconds: String(c.receiveMessageWaitTimeSeconds),
      // New queues use SSE-SQS unless a KMS key is configured.
      SqsManagedSseEnabled: String(c.sqsManagedSseEnabled ?? c.kmsMasterKeyId === undefined),
    };
    const policy = queue.policies[queue.policies.length - 1];
    if (policy) attrs.Policy = JSON.stringify(policy.document);
    if (c.redrivePolicy) {
      const { deadLetterTargetArn, maxReceiveCount } = c.redrivePolicy;
      attrs.RedrivePolicy = JSON.stringify({ deadLetterTargetArn, maxReceiveCount });
    }
    if (c.redriveAllowPolicy) attrs.RedriveAllowPolicy = JSON.stringify(c.redriveAllowPolicy);
    if (c.kmsMasterKeyId !== undefined) {
      attrs.KmsMasterKeyId = c.kmsMasterKeyId;
      attrs.KmsDataKeyReusePeriodSeconds = String(c.kmsDataKeyReusePeriodSeconds ?? QUEUE_ATTRIBUTE_RANGES.KmsDataKeyReusePeriodSeconds.default);
    }
    if (c.fifo) {
      attrs.FifoQueue = 'true';
      attrs.ContentBasedDeduplication = String(c.contentBasedDeduplication);
      attrs.DeduplicationScope = c.deduplicationScope;
      attrs.FifoThroughputLimit = c.fifoThroughputLimit;
    }
    return attrs;
  }

  // ---------------------------------------------------------------- internals

  private createQueue(resource: TemplateResource): void {
    const config = parseQueueConfig(resource);
    const queue = new SqsQueue(this.ctx, resource, config, this.queues.size.toString(36));
    if (this.byArn.has(queue.arn) || this.byName.has(queue.name)) {
      throw new TemplateLoadError(resource.logicalId, 'QueueAlreadyExists', `A queue named ${queue.name} already exists in this template.`);
    }
    // Behaviour the simulator does not model is listed in sim.unsupported rather than silently ignored.
    if (resource.properties?.FifoThroughputLimit !== undefined) {
      this.ctx.reportUnsupported(resource.logicalId, resource.type, 'FifoThroughputLimit: FIFO throughput quotas are not enforced (no throttling)');
    }
    this.queues.set(resource.logicalId, queue);
    this.byArn.set(queue.arn, queue);
    this.byName.set(queue.name, queue);
    this.byUrl.set(queue.url, queue);
  }

  /**
   * AWS::SQS::QueuePolicy sets the Policy attribute of each queue in `Queues` (by URL). A queue has one policy: a
   * second QueuePolicy for the same queue replaces the first, as it does in AWS.
   */
  private attachPolicy(resource: TemplateResource, final: boolean): boolean {
    const p = resource.properties ?? {};
    const urls = p.Queues;
    if (!Array.isArray(urls) || urls.length === 0) {
      throw new TemplateLoadError(resource.logicalId, 'ValidationError', 'Properties validation failed: Queues must be a non-empty list of queue URLs.');
    }
    const targets: SqsQueue[] = [];
    for (const url of urls) {
      const queue = this.byUrl.get(String(url));
      if (!queue) {
        if (!final) return false;
        throw new TemplateLoadError(resource.logicalId, 'QueueDoesNotExist', `The specified queue does not exist: ${String(url)}`);
      }
      targets.push(queue);
    }
    const document = parsePolicyDocument(resource);
    for (const queue of targets) {
      const previous = queue.policies.pop();
      if (previous) {
        this.ctx.trace.record('sqs', queue.logicalId, 'queue-policy-replaced', { queuePolicy: resource.logicalId, replaced: previous.logicalId });
      }
      queue.policies.push({ logicalId: resource.logicalId, document });
    }
    return true;
  }

  private linkRedrive(queue: SqsQueue): void {
    const policy = queue.config.redrivePolicy;
    if (!policy) return;
    const fail = (reason: string): never => {
      throw new TemplateLoadError(queue.logicalId, 'InvalidParameterValue', `Value ${policy.text} for parameter RedrivePolicy is invalid. Reason: ${reason}`);
    };
    const dlq = this.byArn.get(policy.deadLetterTargetArn);
    if (!dlq) fail('Dead letter target does not exist.');
    const target = dlq as SqsQueue;
    // "The dead-letter queue of a FIFO queue must also be a FIFO queue. Similarly, the dead-letter queue of a
    // standard queue must also be a standard queue."
    if (target.fifo !== queue.fifo) fail('Dead-letter queue must be same type of queue as the source.');
    const allow = target.config.redriveAllowPolicy;
    if (allow?.redrivePermission === 'denyAll') {
      fail(`The RedriveAllowPolicy of ${target.name} (denyAll) does not allow any source queue to use it as a dead-letter queue.`);
    }
    if (allow?.redrivePermission === 'byQueue' && !(allow.sourceQueueArns ?? []).includes(queue.arn)) {
      fail(`The RedriveAllowPolicy of ${target.name} (byQueue) does not list ${queue.arn} as a source queue.`);
    }
    queue.deadLetterQueue = target;
  }

  private isDeadLetterQueue(candidate: SqsQueue): boolean {
    for (const q of this.queues.values()) if (q.deadLetterQueue === candidate) return true;
    return false;
  }
}

function parsePolicyDocument(resource: TemplateResource): any {
  const raw = resource.properties?.PolicyDocument;
  let doc = raw;
  if (typeof raw === 'string') {
    try {
      doc = JSON.parse(raw);
    } catch {
      throw new TemplateLoadError(resource.logicalId, 'InvalidAttributeValue', 'Invalid value for the parameter Policy. Reason: the policy is not valid JSON.');
    }
  }
  if (!doc || typeof doc !== 'object' || doc.Statement === undefined) {
    throw new TemplateLoadError(resource.logicalId, 'InvalidAttributeValue', 'Invalid value for the parameter Policy. Reason: the policy has no Statement.');
  }
  return doc;
}
