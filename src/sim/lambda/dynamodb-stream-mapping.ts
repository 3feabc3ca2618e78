/**
 * A DynamoDB stream event source mapping ("Using AWS Lambda with Amazon DynamoDB", "Lambda parameters for Amazon
 * DynamoDB event source mappings"): Lambda reads the table's stream shard in order from StartingPosition
 * (TRIM_HORIZON: the oldest retained record; LATEST: records written after the mapping starts), invokes the
 * function synchronously with up to BatchSize records (default 100), waiting up to MaximumBatchingWindowInSeconds
 * for a fuller batch, one batch at a time per shard so records of an item stay in order.
 *
 * When the function fails, the shard is blocked and the batch is retried until it succeeds, its retries reach
 * MaximumRetryAttempts or its oldest record is older than MaximumRecordAgeInSeconds (both -1 by default: until the
 * record leaves the stream after 24 hours). Discarded records are skipped and, with DestinationConfig.OnFailure, an
 * invocation record with DDBStreamBatchInfo goes to the SQS queue or SNS topic. BisectBatchOnFunctionError splits a
 * failing batch in two (a split does not count as a retry). With ReportBatchItemFailures the function returns
 * `batchItemFailures` and Lambda checkpoints before the lowest failed sequence number. FilterCriteria drops records
 * that match no pattern.
 *
 * Timing: AWS documents that Lambda polls a shard four times a second but gives no retry interval; the simulator
 * retries at the next poll (250 ms) and doubles the wait up to 60 s, so a function that fails forever costs a bounded
 * number of invocations. Like the SQS mapping, it schedules work only when records arrive or a retry is due.
 */
import { readBatchResponse } from './batch-response';
import { EventPattern, FilterPatternError, matchesPattern, parseFilterCriteria } from './filter-criteria';
import { ExecutionResult, SimFunction } from './function';
import { ScheduledTask, TemplateLoadError } from '../kernel';
import { parseArn } from '../kernel/arn';
import { DeliveryOutcome, DynamoDbStreamAccess, DynamoDbStreamRecord, SimContext, TemplateResource } from '../runtime';
import { optionalBoolean, optionalInteger, optionalList, optionalString, schemaError } from '../template/properties';

export interface StreamMappingConfig {
  readonly logicalId: string;
  readonly uuid: string;
  readonly batchSize: number;
  readonly batchingWindowMs: number;
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST';
  /** -1: until the record expires. */
  readonly maximumRetryAttempts: number;
  /** -1: until the record expires. */
  readonly maximumRecordAgeSeconds: number;
  readonly bisectBatchOnFunctionError: boolean;
  readonly reportBatchItemFailures: boolean;
  readonly onFailureDestination?: string;
  readonly enabled: boolean;
  readonly filters: readonly EventPattern[];
}

const POLL_INTERVAL_MS = 250;
const MAX_RETRY_WAIT_MS = 60_000;
const STREAM_RETENTION_MS = 24 * 60 * 60 * 1000;

interface Read {
  readonly position: number;
  readonly at: number;
  readonly record: DynamoDbStreamRecord;
}

export class DynamoDbStreamMapping {
  private position = 0;
  private busy = false;
  private pollTask?: ScheduledTask;
  /** Failed invocations of the batch at the checkpoint (reset when the checkpoint moves). */
  private failures = 0;
  /** While bisecting: the size of the batch to try next. */
  private bisectLimit?: number;
  /** Set when a poll found no free concurrency slot: a freed slot polls again (a retry waits for its own time). */
  private waitingForSlot = false;
  private unsubscribe?: () => void;

  constructor(
    private readonly ctx: SimContext,
    public readonly config: StreamMappingConfig,
    public readonly stream: DynamoDbStreamAccess,
    public readonly fn: SimFunction,
  ) {}

  public start(): void {
    if (!this.config.enabled) {
      this.ctx.trace.record('lambda', this.config.logicalId, 'mapping-disabled', { queue: this.stream.arn });
      return;
    }
    this.position = this.config.startingPosition === 'LATEST' ? this.stream.latest() : this.stream.trimHorizon();
    this.unsubscribe = this.stream.onRecord(() => this.schedulePoll(this.ctx.clock.now()));
    this.fn.onSlotFree(() => {
      if (!this.waitingForSlot) return;
      this.waitingForSlot = false;
      this.schedulePoll(this.ctx.clock.now());
    });
    if (this.stream.latest() > this.position) this.schedulePoll(this.ctx.clock.now());
  }

  public stop(): void {
    this.unsubscribe?.();
    this.ctx.clock.cancel(this.pollTask);
  }

  private schedulePoll(at: number): void {
    if (this.pollTask && !this.pollTask.cancelled) {
      if (this.pollTask.at <= at) return;
      this.ctx.clock.cancel(this.pollTask);
    }
    this.pollTask = this.ctx.clock.schedule(at, () => {
      this.pollTask = undefined;
      return this.poll();
    }, { label: `esm ${this.config.logicalId} stream poll` });
  }

  private maxAgeMs(): number {
    return this.config.maximumRecordAgeSeconds < 0 ? STREAM_RETENTION_MS : this.config.maximumRecordAgeSeconds * 1000;
  }

  private async poll(): Promise<void> {
    if (this.busy) return;
    const { config, ctx } = this;
    this.position = Math.max(this.position, this.stream.trimHorizon());
    const limit = this.bisectLimit ?? config.batchSize;
    let batch: Read[] = [...this.stream.read(this.position, limit)];
    if (batch.length === 0) return;
    const now = ctx.clock.now();
    // Records past MaximumRecordAgeInSeconds are discarded before they are sent.
    const tooOld = batch.filter(r => now - r.at > this.maxAgeMs());
    if (tooOld.length > 0) {
      this.discard(tooOld, 'RecordAgeExceeded');
      this.schedulePoll(now);
      return;
    }
    const windowOpen = config.batchingWindowMs > 0 && now < batch[0].at + config.batchingWindowMs;
    if (this.bisectLimit === undefined && batch.length < config.batchSize && windowOpen) {
      this.schedulePoll(batch[0].at + config.batchingWindowMs);
      return;
    }
    if (config.filters.length > 0) {
      const kept = batch.filter(r => config.filters.some(f => matchesPattern(f, r.record)));
      for (const r of batch) if (!kept.includes(r)) ctx.trace.record('lambda', config.logicalId, 'filtered-out', { messageId: r.record.eventID });
      if (kept.length === 0) {
        this.advance(batch[batch.length - 1].position + 1);
        this.schedulePoll(now);
        return;
      }
      batch = kept;
    }
    if (!this.fn.tryAcquire()) {
      this.fn.throttled('dynamodb', { eventSourceMapping: config.logicalId, messages: batch.length });
      this.waitingForSlot = true; // onSlotFree polls again
      return;
    }
    this.busy = true;
    let result: ExecutionResult;
    try {
      result = await this.fn.execute({ Records: batch.map(r => r.record) }, { source: 'dynamodb', invokedBy: config.logicalId });
    } catch (e) {
      this.busy = false;
      this.fn.release();
      throw e;
    }
    const finish = () => {
      this.busy = false;
      this.fn.release();
      this.settle(batch, result, limit);
    };
    if (result.durationMs > 0) ctx.clock.schedule(ctx.clock.now() + result.durationMs, finish, { label: `esm ${config.logicalId} stream batch completion` });
    else finish();
  }

  private advance(position: number): void {
    if (position > this.position) {
      this.position = position;
      this.failures = 0;
      this.bisectLimit = undefined;
    }
  }

  private settle(batch: Read[], result: ExecutionResult, triedSize: number): void {
    const { config, ctx } = this;
    const last = batch[batch.length - 1].position + 1;
    if (result.ok && !config.reportBatchItemFailures) {
      ctx.trace.record('lambda', config.logicalId, 'batch-succeeded', { requestId: result.requestId, messages: batch.length });
      this.advance(last);
      this.schedulePoll(ctx.clock.now());
      return;
    }
    let failedFrom = batch[0].position;
    if (result.ok) {
      const verdict = readBatchResponse(result.result, new Set(batch.map(r => r.record.dynamodb.SequenceNumber)));
      if (verdict.kind === 'success') {
        ctx.trace.record('lambda', config.logicalId, 'batch-succeeded', { requestId: result.requestId, messages: batch.length });
        this.advance(last);
        this.schedulePoll(ctx.clock.now());
        return;
      }
      if (verdict.kind === 'partial') {
        // Lambda checkpoints before the lowest failed sequence number and retries from there.
        failedFrom = batch.find(r => verdict.failedIds.has(r.record.dynamodb.SequenceNumber))!.position;
        ctx.trace.record('lambda', config.logicalId, 'batch-partially-failed', { requestId: result.requestId, messages: batch.length, failed: [...verdict.failedIds] });
        this.advance(failedFrom);
      } else {
        ctx.trace.record('lambda', config.logicalId, 'batch-failed', { requestId: result.requestId, messages: batch.length, reason: `invalid partial batch response: ${verdict.reason}` });
      }
    } else {
      ctx.trace.record('lambda', config.logicalId, 'batch-failed', { requestId: result.requestId, messages: batch.length, errorType: result.error?.errorType });
    }
    const remaining = batch.filter(r => r.position >= failedFrom);
    if (config.bisectBatchOnFunctionError && !result.ok && triedSize > 1 && remaining.length > 1) {
      this.bisectLimit = Math.ceil(Math.min(triedSize, remaining.length) / 2);
      ctx.trace.record('dynamodb', config.logicalId, 'stream-batch-retry', { records: this.bisectLimit, attempt: this.failures + 1, bisected: true });
      this.schedulePoll(ctx.clock.now() + POLL_INTERVAL_MS);
      return;
    }
    this.failures++;
    if (config.maximumRetryAttempts >= 0 && this.failures > config.maximumRetryAttempts) {
      this.discard(remaining, 'RetryAttemptsExhausted', result);
      this.schedulePoll(ctx.clock.now());
      return;
    }
    const wait = Math.min(MAX_RETRY_WAIT_MS, POLL_INTERVAL_MS * 2 ** Math.min(this.failures - 1, 20));
    ctx.trace.record('dynamodb', config.logicalId, 'stream-batch-retry', { records: remaining.length, attempt: this.failures + 1 });
    this.schedulePoll(ctx.clock.now() + wait);
  }

  /** Skips records, sending the documented invocation record to the on-failure destination. */
  private discard(records: Read[], condition: 'RetryAttemptsExhausted' | 'RecordAgeExceeded', result?: ExecutionResult): void {
    const { config, ctx } = this;
    const destination = config.onFailureDestination;
    const attempts = this.failures;
    this.advance(records[records.length - 1].position + 1);
    ctx.trace.record('dynamodb', config.logicalId, 'stream-records-discarded', { condition, records: records.length, ...(destination ? { destination } : {}) });
    if (!destination) return;
    const first = records[0];
    const lastRecord = records[records.length - 1];
    const body = JSON.stringify({
      requestContext: { requestId: result?.requestId ?? ctx.ids.uuid(), functionArn: `${this.fn.arn}:$LATEST`, condition, approximateInvokeCount: attempts },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', ...(result && !result.ok ? { functionError: 'Unhandled' } : {}) },
      version: '1.0',
      timestamp: new Date(ctx.clock.now()).toISOString(),
      DDBStreamBatchInfo: {
        shardId: this.stream.shardId,
        startSequenceNumber: first.record.dynamodb.SequenceNumber,
        endSequenceNumber: lastRecord.record.dynamodb.SequenceNumber,
        approximateArrivalOfFirstRecord: new Date(first.at).toISOString(),
        approximateArrivalOfLastRecord: new Date(lastRecord.at).toISOString(),
        batchSize: records.length,
        streamArn: this.stream.arn,
      },
    });
    const caller = this.fn.roleIdentity();
    const service = parseArn(destination)?.service;
    const outcome: DeliveryOutcome = service === 'sns'
      ? ctx.services.sns.publishFrom(destination, { Message: body }, caller)
      : ctx.services.sqs.deliver(destination, { body }, caller);
    if (outcome.ok) ctx.trace.record('lambda', config.logicalId, 'sent-to-destination', { requestId: result?.requestId ?? '', condition, destination });
    else ctx.trace.record('lambda', config.logicalId, 'destination-delivery-failed', { requestId: result?.requestId ?? '', condition, destination, error: outcome.errorName });
  }
}

/**
 * Reads an AWS::Lambda::EventSourceMapping whose EventSourceArn is a DynamoDB stream, validating the parameters as
 * Lambda does; features the simulator does not model are reported.
 */
export function dynamoDbStreamMapping(
  ctx: SimContext, r: TemplateResource, fn: SimFunction, stream: DynamoDbStreamAccess, report: (reason: string) => void,
): DynamoDbStreamMapping {
  const p = r.properties;
  const id = r.logicalId;
  const startingPosition = p.StartingPosition;
  if (startingPosition !== 'TRIM_HORIZON' && startingPosition !== 'LATEST') {
    throw new TemplateLoadError(id, 'InvalidParameterValueException', `StartingPosition ${String(startingPosition)} is not valid for a DynamoDB stream: use TRIM_HORIZON or LATEST.`);
  }
  const batchSize = optionalInteger(id, 'BatchSize', p.BatchSize, 1, 10000) ?? 100;
  const windowSeconds = optionalInteger(id, 'MaximumBatchingWindowInSeconds', p.MaximumBatchingWindowInSeconds, 0, 300) ?? 0;
  const maximumRetryAttempts = optionalInteger(id, 'MaximumRetryAttempts', p.MaximumRetryAttempts, -1, 10000) ?? -1;
  const maximumRecordAgeSeconds = optionalInteger(id, 'MaximumRecordAgeInSeconds', p.MaximumRecordAgeInSeconds, -1, 604800) ?? -1;
  if (maximumRecordAgeSeconds >= 0 && maximumRecordAgeSeconds < 60) {
    throw schemaError(id, 'MaximumRecordAgeInSeconds', `${maximumRecordAgeSeconds} is not -1 and is less than the minimum of 60`);
  }
  const responseTypes = optionalList(id, 'FunctionResponseTypes', p.FunctionResponseTypes) ?? [];
  for (const t of responseTypes) {
    if (t !== 'ReportBatchItemFailures') throw schemaError(id, 'FunctionResponseTypes', `${String(t)} is not a valid enum value (ReportBatchItemFailures)`);
  }
  const onFailure = optionalString(id, 'DestinationConfig/OnFailure/Destination', p.DestinationConfig?.OnFailure?.Destination);
  if (onFailure !== undefined) {
    const service = parseArn(onFailure)?.service;
    if ((service !== 'sqs' && service !== 'sns') || onFailure.endsWith('.fifo')) {
      throw new TemplateLoadError(id, 'InvalidParameterValueException', `The destination ARN ${onFailure} is invalid: a DynamoDB stream mapping sends discarded records to a standard SQS queue or SNS topic.`);
    }
  }
  let filters: EventPattern[];
  try {
    filters = parseFilterCriteria(p.FilterCriteria);
  } catch (e) {
    if (e instanceof FilterPatternError) throw new TemplateLoadError(id, 'InvalidParameterValueException', `Invalid filter pattern definition: ${e.message}`);
    throw e;
  }
  const parallelization = optionalInteger(id, 'ParallelizationFactor', p.ParallelizationFactor, 1, 10) ?? 1;
  if (parallelization > 1) report(`ParallelizationFactor ${parallelization} is not modelled: the shard is processed one batch at a time`);
  if (p.TumblingWindowInSeconds !== undefined) report('TumblingWindowInSeconds is not modelled: no window state is passed to the function');
  for (const ignored of ['ProvisionedPollerConfig', 'MetricsConfig', 'KmsKeyArn', 'Tags', 'StartingPositionTimestamp']) {
    if (p[ignored] !== undefined) report(`${ignored} has no effect in the simulator`);
  }
  return new DynamoDbStreamMapping(ctx, {
    logicalId: id,
    uuid: r.ref,
    batchSize,
    batchingWindowMs: windowSeconds * 1000,
    startingPosition,
    maximumRetryAttempts,
    maximumRecordAgeSeconds,
    bisectBatchOnFunctionError: optionalBoolean(id, 'BisectBatchOnFunctionError', p.BisectBatchOnFunctionError) ?? false,
    reportBatchItemFailures: responseTypes.includes('ReportBatchItemFailures'),
    onFailureDestination: onFailure,
    enabled: optionalBoolean(id, 'Enabled', p.Enabled) ?? true,
    filters,
  }, stream, fn);
}
