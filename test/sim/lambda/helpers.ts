/**
 * Test doubles for the lambda / s3 / cloudwatch unit tests: a small SQS queue engine behind `QueueAccess` (standard
 * and FIFO, visibility timeout, maxReceiveCount -> DLQ, metrics) and a resource-policy evaluator that understands
 * service principals with aws:SourceArn / aws:SourceAccount conditions. The real SQS service and IAM evaluator
 * are exercised by the end-to-end tests.
 */
import { createHash } from 'crypto';
import { AwsError } from '../../../src/sim/kernel';
import { LambdaService } from '../../../src/sim/lambda';
import {
  CallerIdentity,
  MessageAttributeValue,
  PolicyDecision,
  PolicyDocumentLike,
  PolicyEvaluator,
  QueueAccess,
  ReceivedQueueMessage,
  TemplateResource,
} from '../../../src/sim/runtime';
import { FakeContext, fakeContext, resource } from '../fixtures';

interface SendOptions {
  readonly attributes?: Record<string, MessageAttributeValue>;
  readonly groupId?: string;
  readonly dedupId?: string;
  readonly delaySeconds?: number;
}

interface FakeMessage {
  readonly id: string;
  readonly body: string;
  readonly attributes?: Record<string, MessageAttributeValue>;
  readonly groupId?: string;
  readonly dedupId?: string;
  readonly sentAt: number;
  readonly seq: number;
  visibleAt: number;
  receiveCount: number;
  firstReceiveAt?: number;
  receipt?: string;
}

export interface FakeQueueOptions {
  readonly name: string;
  readonly fifo?: boolean;
  readonly visibilityTimeoutSeconds?: number;
  readonly maxReceiveCount?: number;
  readonly deadLetterQueue?: FakeQueue;
  readonly logicalId?: string;
}

export class FakeQueue implements QueueAccess {
  public readonly logicalId: string;
  public readonly arn: string;
  public readonly url: string;
  public readonly name: string;
  public readonly fifo: boolean;
  public readonly visibilityTimeoutSeconds: number;
  public readonly messages: FakeMessage[] = [];
  public readonly deleted: string[] = [];
  public receiveCalls = 0;
  public counters = { NumberOfMessagesSent: 0, NumberOfMessagesReceived: 0, NumberOfMessagesDeleted: 0, NumberOfEmptyReceives: 0 };
  private readonly listeners: Array<() => void> = [];
  private readonly changeListeners: Array<() => void> = [];
  private seq = 0;

  constructor(private readonly ctx: FakeContext, private readonly options: FakeQueueOptions) {
    this.name = options.name;
    this.logicalId = options.logicalId ?? options.name.replace(/\W/g, '');
    this.fifo = options.fifo ?? options.name.endsWith('.fifo');
    this.visibilityTimeoutSeconds = options.visibilityTimeoutSeconds ?? 30;
    this.arn = `arn:aws:sqs:${ctx.env.region}:${ctx.env.account}:${options.name}`;
    this.url = `https://sqs.${ctx.env.region}.amazonaws.com/${ctx.env.account}/${options.name}`;
    ctx.stubQueues.set(this.arn, this);
  }

  public send(body: string, options: SendOptions = {}): string {
    const now = this.ctx.clock.now();
    const id = this.ctx.ids.uuid();
    this.messages.push({
      id,
      body,
      attributes: options.attributes,
      groupId: options.groupId,
      dedupId: options.dedupId,
      sentAt: now,
      seq: ++this.seq,
      visibleAt: now + (options.delaySeconds ?? 0) * 1000,
      receiveCount: 0,
    });
    this.counters.NumberOfMessagesSent++;
    this.changed();
    for (const l of [...this.listeners]) l();
    return id;
  }

  public receive(max: number, visibilityTimeoutSeconds?: number): ReceivedQueueMessage[] {
    this.receiveCalls++;
    const now = this.ctx.clock.now();
    const out: ReceivedQueueMessage[] = [];
    const blockedGroups = new Set<string>();
    if (this.fifo) {
      for (const m of this.messages) if (m.receipt && m.visibleAt > now && m.groupId) blockedGroups.add(m.groupId);
    }
    for (const m of [...this.messages]) {
      if (out.length >= max) break;
      if (this.fifo && m.groupId && blockedGroups.has(m.groupId)) continue;
      if (m.visibleAt > now) {
        if (this.fifo && m.groupId) blockedGroups.add(m.groupId);
        continue;
      }
      if (this.options.maxReceiveCount !== undefined && m.receiveCount >= this.options.maxReceiveCount) {
        this.messages.splice(this.messages.indexOf(m), 1);
        this.options.deadLetterQueue?.send(m.body, { attributes: m.attributes, groupId: m.groupId });
        continue;
      }
      m.receiveCount++;
      m.firstReceiveAt ??= now;
      m.receipt = `${m.id}#${m.receiveCount}`;
      m.visibleAt = now + (visibilityTimeoutSeconds ?? this.visibilityTimeoutSeconds) * 1000;
      const attributes: Record<string, string> = {
        SenderId: 'AIDAIENQZJOLO23YVJ4VO',
        ApproximateFirstReceiveTimestamp: String(m.firstReceiveAt),
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(m.sentAt),
      };
      if (this.fifo) {
        attributes.MessageGroupId = m.groupId ?? '';
        attributes.MessageDeduplicationId = m.dedupId ?? m.id;
        attributes.SequenceNumber = String(18849496460467696128n + BigInt(m.seq));
      }
      out.push({
        MessageId: m.id,
        ReceiptHandle: m.receipt,
        Body: m.body,
        MD5OfBody: createHash('md5').update(m.body).digest('hex'),
        ...(m.attributes ? { MD5OfMessageAttributes: 'd25a6aea97eb8f585bfa92d314504a92', MessageAttributes: m.attributes } : {}),
        Attributes: attributes,
      });
    }
    if (out.length === 0) this.counters.NumberOfEmptyReceives++;
    this.counters.NumberOfMessagesReceived += out.length;
    this.changed();
    return out;
  }

  public delete(receiptHandle: string): void {
    const i = this.messages.findIndex(m => m.receipt === receiptHandle);
    if (i < 0) throw new AwsError('ReceiptHandleIsInvalid', `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`);
    this.deleted.push(this.messages[i].id);
    this.messages.splice(i, 1);
    this.counters.NumberOfMessagesDeleted++;
    this.changed();
  }

  public changeVisibility(receiptHandle: string, visibilityTimeoutSeconds: number): void {
    const m = this.messages.find(x => x.receipt === receiptHandle);
    if (!m) throw new AwsError('ReceiptHandleIsInvalid', 'invalid receipt handle');
    m.visibleAt = this.ctx.clock.now() + visibilityTimeoutSeconds * 1000;
    this.changed();
  }

  public nextAvailableAt(): number | undefined {
    let min: number | undefined;
    for (const m of this.messages) if (min === undefined || m.visibleAt < min) min = m.visibleAt;
    return min;
  }

  public onMessageAvailable(listener: () => void): () => void {
    this.listeners.push(listener);
    return () => this.listeners.splice(this.listeners.indexOf(listener), 1);
  }

  public onMetricChange(listener: () => void): () => void {
    this.changeListeners.push(listener);
    return () => this.changeListeners.splice(this.changeListeners.indexOf(listener), 1);
  }

  private changed(): void {
    for (const l of [...this.changeListeners]) l();
  }

  public metric(name: string): number | undefined {
    const now = this.ctx.clock.now();
    switch (name) {
      case 'ApproximateNumberOfMessagesVisible':
        return this.messages.filter(m => m.visibleAt <= now).length;
      case 'ApproximateNumberOfMessagesNotVisible':
        return this.messages.filter(m => m.visibleAt > now && m.receipt).length;
      case 'ApproximateNumberOfMessagesDelayed':
        return this.messages.filter(m => m.visibleAt > now && !m.receipt).length;
      case 'ApproximateAgeOfOldestMessage':
        return this.messages.length === 0 ? 0 : Math.floor((now - Math.min(...this.messages.map(m => m.sentAt))) / 1000);
      default:
        return (this.counters as Record<string, number>)[name];
    }
  }

  /** Bodies of the messages still in the queue, in order. */
  public bodies(): string[] {
    return this.messages.map(m => m.body);
  }
}

/**
 * Resource-policy evaluation for unit tests: the owner account is allowed unless a statement denies it; a service
 * principal needs an Allow statement naming it, with matching action and aws:SourceArn / aws:SourceAccount
 * conditions (ArnLike / ArnEquals / StringEquals / StringLike).
 */
export function simplePolicyEvaluator(account: string): PolicyEvaluator {
  type Request = { action: string; resource: string; caller: CallerIdentity };
  const evaluate = (policies: readonly PolicyDocumentLike[], request: Request): PolicyDecision => {
    let allowed = false;
    for (const policy of policies) {
      const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
      for (const s of statements) {
        const applies = principalMatches(s.Principal, request.caller) && actionMatches(s.Action, request.action)
          && conditionsMatch(s.Condition, request.caller);
        if (!applies) continue;
        if (s.Effect === 'Deny') return 'ExplicitDeny';
        allowed = true;
      }
    }
    return allowed ? 'Allow' : 'ImplicitDeny';
  };
  return {
    evaluate,
    isAllowed: (policies, request) => {
      const decision = evaluate(policies, request);
      if (decision === 'ExplicitDeny') return false;
      if (decision === 'Allow') return true;
      return request.caller.principalType === 'AWS' && request.caller.principal.includes(`:${account}:`);
    },
  };
}

function principalMatches(principal: any, caller: CallerIdentity): boolean {
  if (principal === '*') return true;
  if (!principal) return false;
  const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
  if (caller.principalType === 'Service') return list(principal.Service).includes(caller.principal);
  return list(principal.AWS).some((p: string) => p === '*' || p === caller.principal);
}

function actionMatches(action: unknown, wanted: string): boolean {
  const list = Array.isArray(action) ? action : [action];
  return list.some((a: string) => a === '*' || a === wanted || (a.endsWith('*') && wanted.startsWith(a.slice(0, -1))));
}

function conditionsMatch(condition: Record<string, Record<string, unknown>> | undefined, caller: CallerIdentity): boolean {
  if (!condition) return true;
  for (const [operator, entries] of Object.entries(condition)) {
    for (const [key, expected] of Object.entries(entries)) {
      const k = key.toLowerCase();
      const actual = k === 'aws:sourcearn' ? caller.sourceArn : k === 'aws:sourceaccount' ? caller.sourceAccount : undefined;
      if (actual === undefined) return false;
      const values = Array.isArray(expected) ? expected : [expected];
      const like = operator === 'ArnLike' || operator === 'StringLike';
      if (!values.some(v => (like ? globMatch(String(v), actual) : String(v) === actual))) return false;
    }
  }
  return true;
}

function globMatch(pattern: string, value: string): boolean {
  return new RegExp(`^${pattern.split('*').map(s => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(value);
}

export interface LambdaSetup {
  readonly ctx: FakeContext;
  readonly lambda: LambdaService;
}

/** A fake context with the real LambdaService created from `resources` (queues must be FakeQueues created by `queues`). */
export function setupLambda(
  resources: TemplateResource[],
  options: { iam?: 'allow' | 'deny' | 'policies'; queues?: (ctx: FakeContext) => void } = {},
): LambdaSetup {
  const ctx = fakeContext({ resources, iam: options.iam === 'policies' ? simplePolicyEvaluator('123456789012') : options.iam });
  options.queues?.(ctx);
  const lambda = new LambdaService(ctx);
  ctx.services.lambda = lambda;
  for (const r of resources) if ((lambda.resourceTypes as readonly string[]).includes(r.type)) lambda.create(r);
  lambda.link();
  return { ctx, lambda };
}

export const fn = (logicalId: string, properties: Record<string, any> = {}) => resource('AWS::Lambda::Function', logicalId, properties);

export const FUNCTION_ARN = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
export const QUEUE_ARN = (name: string) => `arn:aws:sqs:us-east-1:123456789012:${name}`;
export const TOPIC_ARN = (name: string) => `arn:aws:sns:us-east-1:123456789012:${name}`;

export function esm(logicalId: string, queueName: string, functionName: string, properties: Record<string, any> = {}): TemplateResource {
  return resource('AWS::Lambda::EventSourceMapping', logicalId, { EventSourceArn: QUEUE_ARN(queueName), FunctionName: functionName, ...properties }, `uuid-${logicalId}`);
}
