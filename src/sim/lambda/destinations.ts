/**
 * Where an asynchronous invocation's outcome goes ("Capturing records of Lambda asynchronous invocations", "Dead-letter
 * queues"): the on-success and on-failure destinations get the invocation record, the function's dead-letter queue
 * gets the event itself; both are sent as the function's execution role.
 */
import { AsyncOutcomeSink, FailureCondition } from './async-invocation';
import { ExecutionResult, SimFunction } from './function';
import { parseArn } from '../kernel/arn';
import { CallerIdentity, DeliveryOutcome, MessageAttributeValue, SimContext } from '../runtime';

export class AsyncOutcomes implements AsyncOutcomeSink {
  constructor(
    private readonly ctx: SimContext,
    private readonly invokeAsync: (functionArn: string, event: unknown, caller: CallerIdentity) => DeliveryOutcome,
  ) {}

  public onSuccess(fn: SimFunction, requestId: string, event: unknown, result: ExecutionResult, attempts: number): void {
    const destination = fn.asyncConfig.onSuccess;
    if (!destination) return;
    this.sendRecord(fn, destination, invocationRecord(fn, requestId, event, 'Success', attempts, result, this.ctx.clock.now()), requestId, 'Success');
  }

  public onFailure(fn: SimFunction, requestId: string, event: unknown, condition: FailureCondition, attempts: number,
    last: ExecutionResult | undefined): void {
    const { trace } = this.ctx;
    trace.record('lambda', fn.logicalId, condition === 'RetriesExhausted' ? 'retries-exhausted' : 'event-expired', { requestId, attempts });
    const dlq = fn.config.deadLetterTargetArn;
    const onFailure = fn.asyncConfig.onFailure;
    if (dlq) this.sendToDeadLetterQueue(fn, dlq, requestId, event, condition, last);
    if (onFailure) {
      this.sendRecord(fn, onFailure, invocationRecord(fn, requestId, event, condition, attempts, last, this.ctx.clock.now()), requestId, condition);
    }
    if (!dlq && !onFailure) trace.record('lambda', fn.logicalId, 'event-discarded', { requestId });
  }

  /** The invocation record goes to an SQS queue, SNS topic or function, sent as the function's execution role. */
  private sendRecord(fn: SimFunction, destination: string, record: object, requestId: string, condition: string): void {
    const service = parseArn(destination)?.service;
    const body = JSON.stringify(record);
    const caller = fn.roleIdentity();
    let outcome: DeliveryOutcome;
    if ((service === 'sqs' || service === 'sns') && destination.endsWith('.fifo')) {
      outcome = { ok: false, errorName: 'DestinationDeliveryFailure', errorMessage: 'FIFO queues and topics are not supported as destinations' };
    } else if (service === 'sqs') {
      outcome = this.ctx.services.sqs.deliver(destination, { body }, caller);
    } else if (service === 'sns') {
      outcome = this.ctx.services.sns.publishFrom(destination, { Message: body }, caller);
    } else if (service === 'lambda') {
      outcome = this.invokeAsync(destination, record, caller);
    } else {
      outcome = { ok: false, errorName: 'NotSimulated', errorMessage: `${service} destinations are not simulated` };
      this.ctx.reportProblem(fn.logicalId, `the invocation record went to the ${service} destination ${destination}, which is not simulated`);
    }
    if (outcome.ok) {
      this.ctx.trace.record('lambda', fn.logicalId, 'sent-to-destination', { requestId, condition, destination });
    } else {
      this.ctx.trace.record('lambda', fn.logicalId, 'destination-delivery-failed', { requestId, condition, destination, error: outcome.errorName });
    }
  }

  /** The DLQ gets the event itself, with the RequestID, ErrorCode and ErrorMessage attributes Lambda documents. */
  private sendToDeadLetterQueue(fn: SimFunction, target: string, requestId: string, event: unknown, condition: FailureCondition,
    last: ExecutionResult | undefined): void {
    const message = (last?.error?.errorMessage ?? (condition === 'EventAgeExceeded' ? 'Event age exceeded MaximumEventAgeInSeconds' : 'Rate Exceeded.'));
    const attributes: Record<string, MessageAttributeValue> = {
      RequestID: { DataType: 'String', StringValue: requestId },
      ErrorCode: { DataType: 'Number', StringValue: last ? '200' : '429' },
      ErrorMessage: { DataType: 'String', StringValue: truncateUtf8(message, 1024) },
    };
    const body = JSON.stringify(event);
    const caller = fn.roleIdentity();
    const outcome = parseArn(target)?.service === 'sns'
      ? this.ctx.services.sns.publishFrom(target, { Message: body, MessageAttributes: attributes }, caller)
      : this.ctx.services.sqs.deliver(target, { body, messageAttributes: attributes }, caller);
    if (outcome.ok) {
      this.ctx.trace.record('lambda', fn.logicalId, 'sent-to-dlq', { requestId, target });
    } else {
      this.ctx.trace.record('lambda', fn.logicalId, 'dlq-delivery-failed', { requestId, target, error: outcome.errorName });
    }
  }
}

/** The record Lambda sends to a destination ("Capturing records of Lambda asynchronous invocations"). */
export function invocationRecord(
  fn: SimFunction,
  requestId: string,
  event: unknown,
  condition: 'Success' | FailureCondition,
  attempts: number,
  last: ExecutionResult | undefined,
  now: number,
): object {
  return {
    version: '1.0',
    timestamp: new Date(now).toISOString(),
    requestContext: {
      requestId,
      functionArn: `${fn.arn}:$LATEST`,
      condition,
      approximateInvokeCount: attempts,
    },
    requestPayload: event,
    ...(last ? {
      responseContext: {
        statusCode: 200,
        executedVersion: '$LATEST',
        ...(last.ok ? {} : { functionError: 'Unhandled' }),
      },
      responsePayload: last.ok ? last.result : last.error,
    } : {}),
  };
}

function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  return bytes.subarray(0, maxBytes).toString('utf8').replace(/\uFFFD+$/, '');
}
