/**
 * The public handle of one simulated queue: the SQS API with AWS SDK v3 input and output shapes. Calls run as the
 * stack's own account (`ctx.ownerIdentity`); the queue policy is consulted when one is attached (an explicit Deny
 * refuses the call, as in AWS).
 */
import { AwsError, ScheduledTask, virtualDeferred } from '../kernel';
import { CallerIdentity, MessageAttributeValue, SimContext } from '../runtime';
import {
  accessDenied,
  batchEntryIdsNotDistinct,
  batchRequestTooLong,
  emptyBatchRequest,
  invalidAttributeName,
  invalidBatchEntryId,
  invalidParameter,
  invalidParameterValue,
  missingParameter,
  tooManyEntriesInBatchRequest,
} from './errors';
import { MAX_BATCH_BYTES, PreparedMessage, prepareMessage, utf8Length, validateAttemptId } from './message-validation';
import { SqsQueue, StoredMessage } from './queue';
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
  SqsMessage,
  SqsMessageAttributeValue,
  SqsOutput,
  StartMessageMoveTaskInput,
  StartMessageMoveTaskOutput,
} from './types';

/** What the handle needs from the service. */
export interface QueueHandleHost {
  readonly ctx: SimContext;
  senderIdOf(caller: SimContext['ownerIdentity']): string;
  startMessageMoveTask(sourceArn: string | undefined, destinationArn?: string, rate?: number): string;
  listMessageMoveTasks(sourceArn: string | undefined, maxResults?: number): ListMessageMoveTasksOutput['Results'];
  cancelMessageMoveTask(taskHandle: string | undefined): number;
  queueAttributes(queue: SqsQueue): Record<string, string>;
}

const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

const SYSTEM_ATTRIBUTE_NAMES = new Set([
  'All', 'SenderId', 'SentTimestamp', 'ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp', 'SequenceNumber',
  'MessageDeduplicationId', 'MessageGroupId', 'AWSTraceHeader', 'DeadLetterQueueSourceArn',
  // Accepted in the deprecated AttributeNames list (queue attribute names); they add nothing to a message.
  'SqsManagedSseEnabled',
]);

type SqsAction = 'SendMessage' | 'ReceiveMessage' | 'DeleteMessage' | 'ChangeMessageVisibility' | 'GetQueueAttributes' | 'PurgeQueue'
  | 'StartMessageMoveTask' | 'ListMessageMoveTasks' | 'CancelMessageMoveTask';

export class QueueHandle {
  private readonly ctx: SimContext;
  private readonly allowed = new Map<SqsAction, boolean>();
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

  public async sendMessage(input: SendMessageInput): Promise<SendMessageOutput> {
    this.begin(input, 'SendMessage');
    const prepared = prepareMessage(input, this.queue.config);
    const outcome = this.queue.enqueue(prepared, this.senderId);
    return {
      $metadata: this.metadata(),
      MessageId: outcome.messageId,
      MD5OfMessageBody: prepared.md5OfBody,
      MD5OfMessageAttributes: prepared.md5OfAttributes,
      MD5OfMessageSystemAttributes: prepared.md5OfSystemAttributes,
      SequenceNumber: outcome.sequenceNumber,
    };
  }

  public async sendMessageBatch(input: SendMessageBatchInput): Promise<SendMessageBatchOutput> {
    this.begin(input, 'SendMessage');
    const entries = checkBatch(input.Entries, 'SendMessageBatchRequestEntry');
    // A UTF-8 character takes at most 3 bytes per UTF-16 code unit: count exactly only when the bound is too big.
    let bound = 0;
    for (const e of entries) bound += typeof e.MessageBody === 'string' ? e.MessageBody.length * 3 : 0;
    if (bound > MAX_BATCH_BYTES || entries.some(e => e.MessageAttributes !== undefined)) {
      let total = 0;
      for (const e of entries) total += rawSize(e.MessageBody, e.MessageAttributes);
      if (total > MAX_BATCH_BYTES) throw batchRequestTooLong(MAX_BATCH_BYTES, total);
    }
    const successful: SendMessageBatchResultEntry[] = [];
    const failed: BatchResultErrorEntry[] = [];
    this.queue.batch(() => {
      for (const e of entries) {
        let prepared: PreparedMessage & { readonly md5OfBody: string };
        try {
          prepared = prepareMessage(e, this.queue.config);
        } catch (err) {
          failed.push(failure(e.Id as string, err));
          continue;
        }
        const outcome = this.queue.enqueue(prepared, this.senderId);
        successful.push({
          Id: e.Id as string,
          MessageId: outcome.messageId,
          MD5OfMessageBody: prepared.md5OfBody,
          MD5OfMessageAttributes: prepared.md5OfAttributes,
          MD5OfMessageSystemAttributes: prepared.md5OfSystemAttributes,
          SequenceNumber: outcome.sequenceNumber,
        });
      }
    });
    return { $metadata: this.metadata(), Successful: successful, Failed: failed };
  }

  /**
   * ReceiveMessage. With WaitTimeSeconds (or the queue's ReceiveMessageWaitTimeSeconds) on a queue with nothing to
   * receive, the call waits in virtual time and returns as soon as a message becomes receivable ("If a message is
   * available, the call returns sooner than WaitTimeSeconds"), or empty when the wait ends. The wait moves no time on
   * its own: `sim.advance(ms)` moves the clock by exactly `ms`, and a test that awaits the call while nothing else drives
   * the clock has it driven until the call returns (kernel/virtual-wait.ts). A call made while the clock is running
   * (inside a Lambda handler or another scheduled task) cannot wait: it returns what is available now and records a
   * `long-poll-not-waited` trace event.
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
        const out: SqsMessage[] = new Array(messages.length);
        for (let i = 0; i < messages.length; i++) out[i] = this.format(messages[i], systemNames, attributeFilter);
        return { $metadata: this.metadata(), Messages: out };
      };
      const replay = attemptId !== undefined && this.queue.canReplay(attemptId);
      if (wait > 0 && !replay && !this.queue.hasAvailableNow()) {
        if (!this.ctx.clock.isRunning) return this.longPoll(wait, receive);
        this.ctx.trace.record('sqs', this.queue.logicalId, 'long-poll-not-waited', { waitTimeSeconds: wait });
      }
      return Promise.resolve(receive());
    } catch (err) {
      return Promise.reject(err);
    }
  }

  public async deleteMessage(input: DeleteMessageInput): Promise<SqsOutput> {
    this.begin(input, 'DeleteMessage');
    if (input.ReceiptHandle === undefined || input.ReceiptHandle === null || input.ReceiptHandle === '') throw missingParameter('ReceiptHandle');
    this.queue.deleteMessage(input.ReceiptHandle);
    return { $metadata: this.metadata() };
  }

  public async deleteMessageBatch(input: DeleteMessageBatchInput): Promise<DeleteMessageBatchOutput> {
    this.begin(input, 'DeleteMessage');
    return this.perEntry(checkBatch(input.Entries, 'DeleteMessageBatchRequestEntry'), e => {
      if (e.ReceiptHandle === undefined || e.ReceiptHandle === null || e.ReceiptHandle === '') throw missingParameter('ReceiptHandle');
      this.queue.deleteMessage(e.ReceiptHandle);
    });
  }

  public async changeMessageVisibility(input: ChangeMessageVisibilityInput): Promise<SqsOutput> {
    this.begin(input, 'ChangeMessageVisibility');
    if (input.ReceiptHandle === undefined || input.ReceiptHandle === null || input.ReceiptHandle === '') throw missingParameter('ReceiptHandle');
    if (input.VisibilityTimeout === undefined || input.VisibilityTimeout === null) throw missingParameter('VisibilityTimeout');
    this.queue.changeMessageVisibility(input.ReceiptHandle, input.VisibilityTimeout);
    return { $metadata: this.metadata() };
  }

  public async changeMessageVisibilityBatch(input: ChangeMessageVisibilityBatchInput): Promise<ChangeMessageVisibilityBatchOutput> {
    this.begin(input, 'ChangeMessageVisibility');
    return this.perEntry(checkBatch(input.Entries, 'ChangeMessageVisibilityBatchRequestEntry'), e => {
      if (e.ReceiptHandle === undefined || e.ReceiptHandle === null || e.ReceiptHandle === '') throw missingParameter('ReceiptHandle');
      if (e.VisibilityTimeout === undefined || e.VisibilityTimeout === null) throw missingParameter('VisibilityTimeout');
      this.queue.changeMessageVisibility(e.ReceiptHandle, e.VisibilityTimeout);
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
   * Runs `op` for each entry inside one queue batch; an entry whose op throws an AwsError becomes a Failed entry with
   * that error, the others Successful (SQS's per-entry results for the Delete/ChangeMessageVisibility batches).
   */
  private perEntry<E extends { Id?: string }>(entries: E[], op: (entry: E) => void): {
    $metadata: ResponseMetadata; Successful: BatchResultIdEntry[]; Failed: BatchResultErrorEntry[];
  } {
    const successful: BatchResultIdEntry[] = [];
    const failed: BatchResultErrorEntry[] = [];
    this.queue.batch(() => {
      for (const e of entries) {
        try {
          op(e);
          successful.push({ Id: e.Id as string });
        } catch (err) {
          failed.push(failure(e.Id as string, err));
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

  /** Owner calls are allowed unless the queue policy explicitly denies them (identity policies are not modelled). */
  private authorize(action: SqsAction): void {
    if (this.queue.policies.length === 0) return;
    let ok = this.allowed.get(action);
    if (ok === undefined) {
      ok = this.ctx.iam.isAllowed(this.queue.policies.map(p => p.document), {
        action: `sqs:${action}`, resource: this.queue.arn, caller: this.caller,
      });
      this.allowed.set(action, ok);
    }
    if (!ok) {
      this.ctx.trace.record('sqs', this.queue.logicalId, 'denied', { action: `sqs:${action}`, principal: this.caller.principal });
      throw accessDenied(this.queue.url);
    }
  }

  /**
   * Waits until a message is receivable (then receives at that virtual time) or the wait ends. The queue's
   * message-available listener keeps a wake-up task at the next time a message can become receivable (a delay or a
   * visibility timeout ending), so the wait notices those as well as sends.
   */
  private longPoll(waitSeconds: number, receive: () => ReceiveMessageOutput): Promise<ReceiveMessageOutput> {
    const clock = this.ctx.clock;
    const label = `sqs ReceiveMessage (WaitTimeSeconds ${waitSeconds}) on ${this.queue.logicalId}`;
    const result = virtualDeferred<ReceiveMessageOutput>(clock, {
      label,
      whenAwaitedInTask: () => {
        this.ctx.trace.record('sqs', this.queue.logicalId, 'long-poll-not-waited', { waitTimeSeconds: waitSeconds });
        finish(true);
      },
    });
    let check: ScheduledTask | undefined;
    const finish = (deadlineReached: boolean): void => {
      const pendingCheck = check;
      check = undefined;
      if (result.settled) return;
      // Another consumer may have taken what arrived: keep waiting until the wait ends.
      if (!deadlineReached && !this.queue.hasAvailableNow()) return;
      clock.cancel(deadline);
      clock.cancel(pendingCheck);
      unsubscribe();
      try {
        result.resolve(receive());
      } catch (err) {
        result.reject(err);
      }
    };
    const unsubscribe = this.queue.onMessageAvailable(() => {
      if (check === undefined && !result.settled) check = clock.schedule(clock.now(), () => finish(false), { label });
    });
    const deadline = clock.schedule(clock.now() + waitSeconds * 1000, () => finish(true), { label });
    return result.promise;
  }

  private format(m: StoredMessage, systemNames: ReadonlySet<string> | undefined, filter: AttributeFilter | undefined): SqsMessage {
    const attributes = systemNames ? this.queue.systemAttributes(m, systemNames) : undefined;
    const returned = filter && m.attributes ? filter(m.attributes) : undefined;
    return {
      MessageId: m.messageId,
      ReceiptHandle: m.receipt as string,
      MD5OfBody: m.md5OfBody,
      Body: m.body,
      Attributes: attributes,
      MD5OfMessageAttributes: this.queue.md5Of(m, returned),
      MessageAttributes: returned as Record<string, SqsMessageAttributeValue> | undefined,
    };
  }

  private metadata(): ResponseMetadata {
    return { httpStatusCode: 200, requestId: this.ctx.ids.uuid(), attempts: 1, totalRetryDelay: 0 };
  }
}

/** Queue attributes that exist but have no value on every queue (GetQueueAttributes returns nothing for them then). */
const OPTIONAL_QUEUE_ATTRIBUTES = [
  'Policy', 'RedrivePolicy', 'RedriveAllowPolicy', 'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'FifoQueue',
  'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit', 'SqsManagedSseEnabled',
];

type AttributeFilter = (attributes: Readonly<Record<string, MessageAttributeValue>>) => Readonly<Record<string, MessageAttributeValue>> | undefined;


function failure(id: string, err: unknown): BatchResultErrorEntry {
  if (!(err instanceof AwsError)) throw err;
  return { Id: id, SenderFault: err.$fault === 'client', Code: err.name, Message: err.message };
}

/** Batch-level checks SQS makes before looking at any entry. */
function checkBatch<T extends { Id: string | undefined }>(entries: T[] | undefined, entryType: string): T[] {
  if (!entries || entries.length === 0) throw emptyBatchRequest(entryType);
  if (entries.length > 10) throw tooManyEntriesInBatchRequest(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const id = entries[i].Id;
    if (typeof id !== 'string' || !BATCH_ENTRY_ID.test(id)) throw invalidBatchEntryId();
    for (let j = 0; j < i; j++) if (entries[j].Id === id) throw batchEntryIdsNotDistinct(id);
  }
  return entries;
}

/** Size of a batch entry as sent (before validation), for the 1 MiB total-payload check. */
function rawSize(body: unknown, attributes: Record<string, SqsMessageAttributeValue> | undefined): number {
  let size = typeof body === 'string' ? utf8Length(body) : 0;
  if (attributes) {
    for (const name of Object.keys(attributes)) {
      const a = attributes[name];
      size += utf8Length(name) + (typeof a?.DataType === 'string' ? utf8Length(a.DataType) : 0);
      if (a?.BinaryValue instanceof Uint8Array) size += a.BinaryValue.length;
      else if (typeof a?.StringValue === 'string') size += utf8Length(a.StringValue);
    }
  }
  return size;
}

function rangeParam(name: string, value: number | undefined, min: number, max: number, dflt: number, reason: string): number {
  if (value === undefined || value === null) return dflt;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw invalidParameter(name, value, reason);
  return value;
}

function systemAttributeNames(legacy: string[] | undefined, modern: string[] | undefined): ReadonlySet<string> | undefined {
  if ((!legacy || legacy.length === 0) && (!modern || modern.length === 0)) return undefined;
  const names = new Set<string>();
  for (const list of [legacy, modern]) {
    if (!list) continue;
    for (const n of list) {
      if (!SYSTEM_ATTRIBUTE_NAMES.has(n)) throw invalidAttributeName(String(n));
      names.add(n);
    }
  }
  return names;
}

/** MessageAttributeNames: exact names, `All` or `.*` for every attribute, `prefix.*` for a prefix. */
function messageAttributeFilter(names: string[] | undefined): AttributeFilter | undefined {
  if (!names || names.length === 0) return undefined;
  if (names.includes('All') || names.includes('.*')) return attributes => attributes;
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const n of names) {
    if (typeof n !== 'string' || n === '') throw invalidParameterValue('The request must contain non-empty message attribute names.');
    if (n.endsWith('.*')) prefixes.push(n.slice(0, -1));
    else exact.add(n);
  }
  return attributes => {
    let out: Record<string, MessageAttributeValue> | undefined;
    for (const name of Object.keys(attributes)) {
      if (exact.has(name) || prefixes.some(p => name.startsWith(p))) (out ??= {})[name] = attributes[name];
    }
    return out;
  };
}
