/**
 * The public handle of one simulated queue (`sim.queue(ref)`): the SQS API with AWS SDK v3 input and output shapes,
 * plus `peek()` to look at the queue without receiving from it. Calls run as the stack's own account
 * (`ctx.ownerIdentity`), or as the caller another service's API call names; the queue policy is consulted when one is
 * attached (an explicit Deny refuses the call, as in AWS).
 *
 * Naming: the handle's own properties are camelCase (`queueUrl`, `queueArn`, `queueName`, `logicalId`); request and
 * response fields are PascalCase as in the SDK (`MessageId`, `ReceiptHandle`), and every response carries `$metadata`.
 */
import { authorize } from '../iam/authorize';
import { responseMetadata } from '../kernel';
import { CallerIdentity, MessageAttributeValue, SimContext } from '../runtime';
import { checkBatch, checkBatchSize, failedEntry } from './batch-actions';
import { accessDenied, invalidAttributeName, kmsError, invalidParameter, invalidParameterValue, missingParameter } from './errors';
import { longPoll } from './long-polling';
import { validateMessage } from './message-validation';
import { SqsQueue } from './queue';
import { validateAttemptId } from './receive-attempts';
import { messageAttributeFilter, receivedMessage, systemAttributeNames } from './received-message';
import {
  BatchResultErrorEntry,
  BatchResultIdEntry,
  CancelMessageMoveTaskInput,
  CancelMessageMoveTaskOutput,
  ChangeMessageVisibilityBatchInput,
  ChangeMessageVisibilityBatchOutput,
  ChangeMessageVisibilityInput,
  DeleteMessageBatchInput,
  DeleteMessageBatchOutput,
  DeleteMessageInput,
  GetQueueAttributesInput,
  GetQueueAttributesOutput,
  ListMessageMoveTasksInput,
  ListMessageMoveTasksOutput,
  PurgeQueueInput,
  ReceiveMessageInput,
  ReceiveMessageOutput,
  ResponseMetadata,
  SendMessageBatchInput,
  SendMessageBatchOutput,
  SendMessageBatchResultEntry,
  SendMessageInput,
  SendMessageOutput,
  SqsOutput,
  StartMessageMoveTaskInput,
  StartMessageMoveTaskOutput,
} from './types';

/** What the handle needs from the service. */
export interface QueueHandleHost {
  readonly ctx: SimContext;
  senderIdOf(caller: CallerIdentity): string;
  startMessageMoveTask(sourceArn: string | undefined, destinationArn?: string, rate?: number): string;
  listMessageMoveTasks(sourceArn: string | undefined, maxResults?: number): ListMessageMoveTasksOutput['Results'];
  cancelMessageMoveTask(taskHandle: string | undefined): number;
  queueAttributes(queue: SqsQueue): Record<string, string>;
}

/** The key permissions an SSE-KMS queue needs of its producers and of its consumers. */
export const PRODUCER_KEY_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'] as const;
const CONSUMER_KEY_ACTIONS = ['kms:Decrypt'] as const;

type SqsAction = 'SendMessage' | 'ReceiveMessage' | 'DeleteMessage' | 'ChangeMessageVisibility' | 'GetQueueAttributes' | 'PurgeQueue'
  | 'StartMessageMoveTask' | 'ListMessageMoveTasks' | 'CancelMessageMoveTask';

/** A message as `QueueHandle.peek()` shows it. */
export interface PeekedMessage {
  readonly MessageId: string;
  readonly Body: string;
  readonly MessageAttributes?: Readonly<Record<string, MessageAttributeValue>>;
  /** `delayed` (its delay has not ended), `visible` (a receive may get it) or `inflight` (received, not deleted). */
  readonly state: 'visible' | 'inflight' | 'delayed';
  /** How many times it was received (ApproximateReceiveCount). */
  readonly receiveCount: number;
  /** FIFO queues (and standard queues sent a group id): its message group. */
  readonly MessageGroupId?: string;
  /** When it was sent (virtual epoch milliseconds, the SentTimestamp attribute). */
  readonly sentAt: number;
}

export class QueueHandle {
  private readonly ctx: SimContext;
  private readonly senderId: string;

  /** `caller`: who the calls run as (the account owner for `sim.queue(ref)`; a role for another service's calls). */
  constructor(
    private readonly host: QueueHandleHost,
    private readonly queue: SqsQueue,
    private readonly caller: CallerIdentity = host.ctx.ownerIdentity,
  ) {
    this.ctx = host.ctx;
    this.senderId = host.senderIdOf(caller);
  }

  /** The queue URL (what `Ref` returns). */
  public get queueUrl(): string {
    return this.queue.url;
  }

  public get queueArn(): string {
    return this.queue.arn;
  }

  public get queueName(): string {
    return this.queue.name;
  }

  public get logicalId(): string {
    return this.queue.logicalId;
  }

  /**
   * The messages in the queue now, oldest first, without receiving them: nothing changes (no receive count, no
   * visibility timeout, no metric). Delays and visibility timeouts that ended by now are taken into account, and
   * deleted, expired and moved messages are gone.
   */
  public peek(): PeekedMessage[] {
    return this.queue.messagesNow().map(m => ({
      MessageId: m.messageId,
      Body: m.body,
      ...(m.attributes !== undefined ? { MessageAttributes: m.attributes } : {}),
      state: m.state as PeekedMessage['state'],
      receiveCount: m.receiveCount,
      ...(m.groupId !== undefined ? { MessageGroupId: m.groupId } : {}),
      sentAt: m.sentAt,
    }));
  }

  public async sendMessage(input: SendMessageInput): Promise<SendMessageOutput> {
    this.begin(input, 'SendMessage');
    const message = validateMessage(input, this.queue.config, true);
    const outcome = this.queue.send(message, this.senderId);
    return {
      $metadata: this.metadata(),
      MessageId: outcome.messageId,
      MD5OfMessageBody: message.md5OfBody,
      MD5OfMessageAttributes: message.md5OfAttributes,
      MD5OfMessageSystemAttributes: message.md5OfSystemAttributes,
      SequenceNumber: outcome.sequenceNumber,
    };
  }

  public async sendMessageBatch(input: SendMessageBatchInput): Promise<SendMessageBatchOutput> {
    this.begin(input, 'SendMessage');
    const entries = checkBatch(input.Entries, 'SendMessageBatchRequestEntry');
    checkBatchSize(entries);
    const successful: SendMessageBatchResultEntry[] = [];
    const failed: BatchResultErrorEntry[] = [];
    this.queue.batch(() => {
      for (const entry of entries) {
        let message;
        try {
          message = validateMessage(entry, this.queue.config, true);
        } catch (err) {
          failed.push(failedEntry(entry.Id as string, err));
          continue;
        }
        const outcome = this.queue.send(message, this.senderId);
        successful.push({
          Id: entry.Id as string,
          MessageId: outcome.messageId,
          MD5OfMessageBody: message.md5OfBody as string,
          MD5OfMessageAttributes: message.md5OfAttributes,
          MD5OfMessageSystemAttributes: message.md5OfSystemAttributes,
          SequenceNumber: outcome.sequenceNumber,
        });
      }
    });
    return { $metadata: this.metadata(), Successful: successful, Failed: failed };
  }

  /**
   * ReceiveMessage. With WaitTimeSeconds (or the queue's ReceiveMessageWaitTimeSeconds) on a queue with nothing to
   * receive, the call waits in virtual time and returns as soon as a message becomes receivable, or empty when the
   * wait ends (long-polling.ts). A call made while the clock is running (inside a Lambda handler or another scheduled
   * task) cannot wait: it returns what is available now and records a `long-poll-not-waited` trace event.
   */
  public receiveMessage(input: ReceiveMessageInput = {}): Promise<ReceiveMessageOutput> {
    try {
      this.begin(input, 'ReceiveMessage');
      const config = this.queue.config;
      const max = rangeParam('MaxNumberOfMessages', input.MaxNumberOfMessages, 1, 10, 1, 'Must be between 1 and 10, if provided.');
      const vt = rangeParam('VisibilityTimeout', input.VisibilityTimeout, 0, 43_200, config.visibilityTimeout,
        'Must be between 0 and 43200, if provided.');
      const wait = rangeParam('WaitTimeSeconds', input.WaitTimeSeconds, 0, 20, config.receiveMessageWaitTimeSeconds,
        'Must be >= 0 and <= 20, if provided.');
      const systemNames = systemAttributeNames(input.AttributeNames, input.MessageSystemAttributeNames);
      const attributeFilter = messageAttributeFilter(input.MessageAttributeNames);
      const attemptId = this.queue.fifo && input.ReceiveRequestAttemptId !== undefined
        ? validateAttemptId(input.ReceiveRequestAttemptId) : undefined;

      const receive = (): ReceiveMessageOutput => {
        const messages = attemptId !== undefined
          ? this.queue.receiveWithAttemptId(attemptId, max, vt)
          : this.queue.receiveMessages(max, vt);
        if (messages.length === 0) return { $metadata: this.metadata() };
        const now = this.ctx.clock.now();
        return { $metadata: this.metadata(), Messages: messages.map(m => receivedMessage(m, systemNames, attributeFilter, now)) };
      };
      const replay = attemptId !== undefined && this.queue.canReplay(attemptId);
      if (wait > 0 && !replay && !this.queue.hasAvailableNow()) {
        if (!this.ctx.clock.isRunning) return longPoll(this.ctx, this.queue, wait, receive);
        this.ctx.trace.record('sqs', this.queue.logicalId, 'long-poll-not-waited', { waitTimeSeconds: wait });
      }
      return Promise.resolve(receive());
    } catch (err) {
      return Promise.reject(err);
    }
  }

  public async deleteMessage(input: DeleteMessageInput): Promise<SqsOutput> {
    this.begin(input, 'DeleteMessage');
    this.queue.deleteMessage(requiredReceiptHandle(input.ReceiptHandle));
    return { $metadata: this.metadata() };
  }

  public async deleteMessageBatch(input: DeleteMessageBatchInput): Promise<DeleteMessageBatchOutput> {
    this.begin(input, 'DeleteMessage');
    return this.perEntry(checkBatch(input.Entries, 'DeleteMessageBatchRequestEntry'), e => {
      this.queue.deleteMessage(requiredReceiptHandle(e.ReceiptHandle));
    });
  }

  public async changeMessageVisibility(input: ChangeMessageVisibilityInput): Promise<SqsOutput> {
    this.begin(input, 'ChangeMessageVisibility');
    this.queue.changeMessageVisibility(requiredReceiptHandle(input.ReceiptHandle), requiredVisibilityTimeout(input.VisibilityTimeout));
    return { $metadata: this.metadata() };
  }

  public async changeMessageVisibilityBatch(input: ChangeMessageVisibilityBatchInput): Promise<ChangeMessageVisibilityBatchOutput> {
    this.begin(input, 'ChangeMessageVisibility');
    return this.perEntry(checkBatch(input.Entries, 'ChangeMessageVisibilityBatchRequestEntry'), e => {
      this.queue.changeMessageVisibility(requiredReceiptHandle(e.ReceiptHandle), requiredVisibilityTimeout(e.VisibilityTimeout));
    });
  }

  public async getQueueAttributes(input: GetQueueAttributesInput = {}): Promise<GetQueueAttributesOutput> {
    this.begin(input, 'GetQueueAttributes');
    const names = input.AttributeNames ?? [];
    if (names.length === 0) return { $metadata: this.metadata() };
    const all = this.host.queueAttributes(this.queue);
    const known = new Set([...Object.keys(all), ...OPTIONAL_QUEUE_ATTRIBUTES]);
    for (const n of names) if (n !== 'All' && !known.has(n)) throw invalidAttributeName(String(n));
    if (names.includes('All')) return { $metadata: this.metadata(), Attributes: all };
    const out: Record<string, string> = {};
    for (const n of names) if (all[n] !== undefined) out[n] = all[n];
    return { $metadata: this.metadata(), Attributes: Object.keys(out).length > 0 ? out : undefined };
  }

  /** PurgeQueue: deletes every message in the queue; once per 60 seconds (PurgeQueueInProgress). */
  public async purgeQueue(input: PurgeQueueInput = {}): Promise<SqsOutput> {
    this.begin(input, 'PurgeQueue');
    this.queue.purge();
    return { $metadata: this.metadata() };
  }

  /** StartMessageMoveTask: SourceArn defaults to this queue (a dead-letter queue). */
  public async startMessageMoveTask(input: StartMessageMoveTaskInput = {}): Promise<StartMessageMoveTaskOutput> {
    this.authorize('StartMessageMoveTask');
    const taskHandle = this.host.startMessageMoveTask(input.SourceArn ?? this.queue.arn, input.DestinationArn, input.MaxNumberOfMessagesPerSecond);
    return { $metadata: this.metadata(), TaskHandle: taskHandle };
  }

  public async listMessageMoveTasks(input: ListMessageMoveTasksInput = {}): Promise<ListMessageMoveTasksOutput> {
    this.authorize('ListMessageMoveTasks');
    return { $metadata: this.metadata(), Results: this.host.listMessageMoveTasks(input.SourceArn ?? this.queue.arn, input.MaxResults) };
  }

  public async cancelMessageMoveTask(input: CancelMessageMoveTaskInput): Promise<CancelMessageMoveTaskOutput> {
    this.authorize('CancelMessageMoveTask');
    const moved = this.host.cancelMessageMoveTask(input?.TaskHandle);
    return { $metadata: this.metadata(), ApproximateNumberOfMessagesMoved: moved };
  }

  // ----------------------------------------------------------------

  /**
   * Runs `action` for each entry as one call on the queue; an entry whose action throws an AwsError becomes a Failed
   * entry with that error, the others Successful (DeleteMessageBatch, ChangeMessageVisibilityBatch).
   */
  private perEntry<E extends { Id?: string }>(entries: E[], action: (entry: E) => void): {
    $metadata: ResponseMetadata; Successful: BatchResultIdEntry[]; Failed: BatchResultErrorEntry[];
  } {
    const successful: BatchResultIdEntry[] = [];
    const failed: BatchResultErrorEntry[] = [];
    this.queue.batch(() => {
      for (const entry of entries) {
        try {
          action(entry);
          successful.push({ Id: entry.Id as string });
        } catch (err) {
          failed.push(failedEntry(entry.Id as string, err));
        }
      }
    });
    return { $metadata: this.metadata(), Successful: successful, Failed: failed };
  }

  private begin(input: { QueueUrl?: string } | undefined, action: SqsAction): void {
    const url = input?.QueueUrl;
    if (url !== undefined && url !== this.queue.url) {
      throw invalidParameterValue(`QueueUrl ${url} does not match this handle's queue (${this.queue.url}); the handle fills in its own QueueUrl.`);
    }
    this.authorize(action);
  }

  /** Authorizes an action the service answers for this queue (GetQueueUrl). */
  public authorizeAction(action: 'GetQueueUrl'): void {
    this.authorize(action);
  }

  /**
   * The caller's identity-based policies or the queue policy must allow the action (IAM policy evaluation logic);
   * the account root (the test's own calls) is refused only by an explicit Deny.
   */
  private authorize(action: SqsAction | 'GetQueueUrl'): void {
    const decision = authorize(this.ctx, {
      action: `sqs:${action}`, resource: this.queue.arn, caller: this.caller, resourcePolicies: this.queue.policies, service: 'sqs', logicalId: this.queue.logicalId,
    });
    if (!decision.allowed) throw accessDenied(this.queue.url, decision);
    const key = this.queue.config.kmsMasterKeyId;
    if (key !== undefined && (action === 'SendMessage' || action === 'ReceiveMessage')) {
      // SSE-KMS (SQS Developer Guide, "Key management"): producers need kms:GenerateDataKey and kms:Decrypt on the
      // queue's key, consumers kms:Decrypt, through SQS. (Data key reuse spares KMS calls, not the permission.)
      const actions = action === 'SendMessage' ? PRODUCER_KEY_ACTIONS : CONSUMER_KEY_ACTIONS;
      const use = this.ctx.services.kms?.useKey(key, actions, this.caller, `sqs.${this.ctx.env.region}.amazonaws.com`,
        { service: 'sqs', logicalId: this.queue.logicalId });
      if (use && !use.ok) throw kmsError(use.reason, use.message);
    }
  }

  private metadata(): ResponseMetadata {
    return responseMetadata(this.ctx.ids);
  }
}

/** Queue attributes that exist but have no value on every queue (GetQueueAttributes returns nothing for them then). */
const OPTIONAL_QUEUE_ATTRIBUTES = [
  'Policy', 'RedrivePolicy', 'RedriveAllowPolicy', 'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'FifoQueue',
  'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit', 'SqsManagedSseEnabled',
];

function requiredReceiptHandle(handle: string | undefined): string {
  if (handle === undefined || handle === null || handle === '') throw missingParameter('ReceiptHandle');
  return handle;
}

function requiredVisibilityTimeout(seconds: number | undefined): number {
  if (seconds === undefined || seconds === null) throw missingParameter('VisibilityTimeout');
  return seconds;
}

function rangeParam(name: string, value: number | undefined, min: number, max: number, dflt: number, reason: string): number {
  if (value === undefined || value === null) return dflt;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw invalidParameter(name, value, reason);
  return value;
}
