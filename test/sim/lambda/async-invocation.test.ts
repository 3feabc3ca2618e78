import { fn, FUNCTION_ARN, QUEUE_ARN, setupLambda, TOPIC_ARN } from './helpers';
import { resource, serviceIdentity } from '../fixtures';

const TOPIC = TOPIC_ARN('alerts');
const sns = serviceIdentity('sns', TOPIC);

const invokeConfig = (properties: Record<string, any>) => resource('AWS::Lambda::EventInvokeConfig', 'Cfg', { FunctionName: 'Worker', Qualifier: '$LATEST', ...properties });
const snsPermission = (sourceArn = TOPIC) => resource('AWS::Lambda::Permission', 'AllowSns', { Action: 'lambda:InvokeFunction', FunctionName: FUNCTION_ARN('Worker'), Principal: 'sns.amazonaws.com', SourceArn: sourceArn });

function failing(setup: ReturnType<typeof setupLambda>) {
  setup.lambda.handle('Worker').handle(() => {
    throw new TypeError('cannot process');
  });
  return setup;
}

describe('asynchronous invocation: retries', () => {
  test('on a function error Lambda retries twice: one minute, then two minutes later (same request id)', async () => {
    const { ctx, lambda } = failing(setupLambda([fn('Worker')]));
    const t0 = ctx.clock.now();
    const outcome = lambda.invokeAsync(FUNCTION_ARN('Worker'), { n: 1 }, sns);
    expect(outcome.ok).toBe(true);
    const r = await ctx.clock.runUntilIdle(t0 + 86_400_000);
    expect(r.idle).toBe(true);
    const inv = lambda.handle('Worker').invocations;
    expect(inv.map(i => i.time - t0)).toEqual([0, 60_000, 180_000]);
    expect(inv.map(i => i.attempt)).toEqual([1, 2, 3]);
    expect(new Set(inv.map(i => i.requestId)).size).toBe(1);
    expect(inv[0].source).toBe('async');
    expect(inv[0].invokedBy).toBe('sns.amazonaws.com');
    expect(ctx.trace.summary({ resource: 'Worker' })).toEqual([
      'lambda:Worker:invoke-queued',
      'lambda:Worker:invoked', 'lambda:Worker:invocation-failed', 'lambda:Worker:retry-scheduled',
      'lambda:Worker:invoked', 'lambda:Worker:invocation-failed', 'lambda:Worker:retry-scheduled',
      'lambda:Worker:invoked', 'lambda:Worker:invocation-failed',
      'lambda:Worker:retries-exhausted', 'lambda:Worker:event-discarded',
    ]);
  });

  test('MaximumRetryAttempts 0: a failed event is not retried', async () => {
    const { ctx, lambda } = failing(setupLambda([fn('Worker'), invokeConfig({ MaximumRetryAttempts: 0 })]));
    lambda.invokeAsync(FUNCTION_ARN('Worker'), {}, sns);
    await ctx.clock.runUntilIdle(ctx.clock.now() + 86_400_000);
    expect(lambda.handle('Worker').invocations).toHaveLength(1);
  });

  test('an event that succeeds on a retry is not retried again and goes to the on-success destination', async () => {
    const { ctx, lambda } = setupLambda([fn('Worker'), invokeConfig({ DestinationConfig: { OnSuccess: { Destination: QUEUE_ARN('done') } } })]);
    let calls = 0;
    lambda.handle('Worker').handle(() => {
      if (++calls < 2) throw new Error('flaky');
      return { processed: true };
    });
    lambda.invokeAsync(FUNCTION_ARN('Worker'), { order: 7 }, sns);
    await ctx.clock.runUntilIdle(ctx.clock.now() + 86_400_000);
    expect(calls).toBe(2);
    expect(ctx.deliveries).toHaveLength(1);
    const record = JSON.parse((ctx.deliveries[0].payload as { body: string }).body);
    expect(record.requestContext.condition).toBe('Success');
    expect(record.requestContext.approximateInvokeCount).toBe(2);
    expect(record.responseContext).toEqual({ statusCode: 200, executedVersion: '$LATEST' });
    expect(record.responsePayload).toEqual({ processed: true });
  });

  test('MaximumEventAgeInSeconds: a retry that would run after the maximum age is skipped and the event goes to on-failure as EventAgeExceeded', async () => {
    const { ctx, lambda } = failing(setupLambda([fn('Worker'), invokeConfig({ MaximumEventAgeInSeconds: 90, DestinationConfig: { OnFailure: { Destination: QUEUE_ARN('failed') } } })]));
    const t0 = ctx.clock.now();
    lambda.invokeAsync(FUNCTION_ARN('Worker'), {}, sns);
    await ctx.clock.runUntilIdle(t0 + 86_400_000);
    expect(lambda.handle('Worker').invocations.map(i => i.time - t0)).toEqual([0, 60_000]);
    const record = JSON.parse((ctx.deliveries[0].payload as { body: string }).body);
    expect(record.requestContext.condition).toBe('EventAgeExceeded');
    expect(record.requestContext.approximateInvokeCount).toBe(2);
    expect(ctx.trace.some({ resource: 'Worker', type: 'event-expired' })).toBe(true);
  });
});

describe('asynchronous invocation: destinations and dead-letter queue', () => {
  test('the on-failure destination receives the documented invocation record (version, timestamp, requestContext, requestPayload, responseContext, responsePayload)', async () => {
    const { ctx, lambda } = failing(setupLambda([fn('Worker', { Role: 'arn:aws:iam::123456789012:role/WorkerRole' }), invokeConfig({ DestinationConfig: { OnFailure: { Destination: QUEUE_ARN('failed') } } })]));
    const t0 = ctx.clock.now();
    lambda.invokeAsync(FUNCTION_ARN('Worker'), { ORDER_IDS: ['9e07af03'] }, sns);
    await ctx.clock.runUntilIdle(t0 + 86_400_000);
    expect(ctx.deliveries).toHaveLength(1);
    const d = ctx.deliveries[0];
    expect(d.service).toBe('sqs');
    expect(d.target).toBe(QUEUE_ARN('failed'));
    // Lambda sends with the function's execution role (not as a service principal): no queue policy is needed.
    expect(d.caller).toMatchObject({ principalType: 'AWS', principal: 'arn:aws:iam::123456789012:role/WorkerRole', sourceArn: FUNCTION_ARN('Worker') });
    const record = JSON.parse((d.payload as { body: string }).body);
    expect(Object.keys(record)).toEqual(['version', 'timestamp', 'requestContext', 'requestPayload', 'responseContext', 'responsePayload']);
    expect(record.version).toBe('1.0');
    expect(record.timestamp).toBe(new Date(t0 + 180_000).toISOString());
    expect(record.requestContext).toEqual({
      requestId: lambda.handle('Worker').invocations[0].requestId,
      functionArn: `${FUNCTION_ARN('Worker')}:$LATEST`,
      condition: 'RetriesExhausted',
      approximateInvokeCount: 3,
    });
    expect(record.requestPayload).toEqual({ ORDER_IDS: ['9e07af03'] });
    expect(record.responseContext).toEqual({ statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' });
    expect(record.responsePayload).toMatchObject({ errorType: 'TypeError', errorMessage: 'cannot process' });
    expect(Array.isArray(record.responsePayload.trace)).toBe(true);
  });

  test('the dead-letter queue receives the event itself with the RequestID, ErrorCode and ErrorMessage attributes', async () => {
    const { ctx, lambda } = failing(setupLambda([fn('Worker', { DeadLetterConfig: { TargetArn: QUEUE_ARN('dlq') } })]));
    lambda.invokeAsync(FUNCTION_ARN('Worker'), { a: 1 }, sns);
    await ctx.clock.runUntilIdle(ctx.clock.now() + 86_400_000);
    expect(ctx.deliveries).toHaveLength(1);
    const m = ctx.deliveries[0].payload as { body: string; messageAttributes: Record<string, any> };
    expect(JSON.parse(m.body)).toEqual({ a: 1 });
    expect(m.messageAttributes).toEqual({
      RequestID: { DataType: 'String', StringValue: lambda.handle('Worker').invocations[0].requestId },
      ErrorCode: { DataType: 'Number', StringValue: '200' },
      ErrorMessage: { DataType: 'String', StringValue: 'cannot process' },
    });
    expect(ctx.trace.some({ resource: 'Worker', type: 'sent-to-dlq' })).toBe(true);
  });

  test('an SNS dead-letter topic receives the event through publish, with the same attributes', async () => {
    const { ctx, lambda } = failing(setupLambda([fn('Worker', { DeadLetterConfig: { TargetArn: TOPIC_ARN('dead') } })]));
    lambda.invokeAsync(FUNCTION_ARN('Worker'), { a: 1 }, sns);
    await ctx.clock.runUntilIdle(ctx.clock.now() + 86_400_000);
    expect(ctx.deliveries[0].service).toBe('sns');
    expect(ctx.deliveries[0].payload).toMatchObject({ Message: '{"a":1}', MessageAttributes: { ErrorCode: { DataType: 'Number', StringValue: '200' } } });
  });

  test('the error message attribute holds only the first 1 KB of the error message', async () => {
    const { ctx, lambda } = setupLambda([fn('Worker', { DeadLetterConfig: { TargetArn: QUEUE_ARN('dlq') } }), invokeConfig({ MaximumRetryAttempts: 0 })]);
    lambda.handle('Worker').handle(() => {
      throw new Error('x'.repeat(5000));
    });
    lambda.invokeAsync(FUNCTION_ARN('Worker'), {}, sns);
    await ctx.clock.runUntilIdle(ctx.clock.now() + 86_400_000);
    const m = ctx.deliveries[0].payload as { messageAttributes: Record<string, any> };
    expect(m.messageAttributes.ErrorMessage.StringValue).toHaveLength(1024);
  });

  test('a DLQ and an on-failure destination both receive a discarded event', async () => {
    const { ctx, lambda } = failing(setupLambda([
      fn('Worker', { DeadLetterConfig: { TargetArn: QUEUE_ARN('dlq') } }),
      invokeConfig({ MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: { Destination: TOPIC_ARN('failures') } } }),
    ]));
    lambda.invokeAsync(FUNCTION_ARN('Worker'), {}, sns);
    await ctx.clock.runUntilIdle(ctx.clock.now() + 86_400_000);
    expect(ctx.deliveries.map(d => `${d.service}:${d.target}`)).toEqual([`sqs:${QUEUE_ARN('dlq')}`, `sns:${TOPIC_ARN('failures')}`]);
    expect(JSON.parse((ctx.deliveries[1].payload as { Message: string }).Message).requestContext.approximateInvokeCount).toBe(2);
  });

  test('a Lambda on-failure destination is invoked asynchronously with the invocation record as its event', async () => {
    const { ctx, lambda } = failing(setupLambda([fn('Worker'), fn('Handler'), invokeConfig({ MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: FUNCTION_ARN('Handler') } } })]));
    const seen: any[] = [];
    lambda.handle('Handler').handle(e => {
      seen.push(e);
    });
    lambda.invokeAsync(FUNCTION_ARN('Worker'), { x: 1 }, sns);
    await ctx.clock.runUntilIdle(ctx.clock.now() + 86_400_000);
    expect(seen).toHaveLength(1);
    expect(seen[0].requestContext.condition).toBe('RetriesExhausted');
    expect(seen[0].requestPayload).toEqual({ x: 1 });
  });

  test('FIFO queues and topics are not supported as destinations: the delivery fails and shows in the trace', async () => {
    const { ctx, lambda } = failing(setupLambda([fn('Worker'), invokeConfig({ MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: QUEUE_ARN('f.fifo') } } })]));
    lambda.invokeAsync(FUNCTION_ARN('Worker'), {}, sns);
    await ctx.clock.runUntilIdle(ctx.clock.now() + 86_400_000);
    expect(ctx.deliveries).toHaveLength(0);
    expect(ctx.trace.find({ resource: 'Worker', type: 'destination-delivery-failed' })?.detail.error).toBe('DestinationDeliveryFailure');
  });

  test('with ReservedConcurrentExecutions 0 new events go straight to the DLQ without retries', async () => {
    const { ctx, lambda } = setupLambda([fn('Worker', { ReservedConcurrentExecutions: 0, DeadLetterConfig: { TargetArn: QUEUE_ARN('dlq') } })]);
    lambda.handle('Worker').handle(() => undefined);
    lambda.invokeAsync(FUNCTION_ARN('Worker'), { a: 1 }, sns);
    await ctx.clock.runUntilIdle(ctx.clock.now() + 86_400_000);
    expect(lambda.handle('Worker').invocations).toHaveLength(0);
    expect(ctx.deliveries).toHaveLength(1);
    expect(ctx.trace.some({ resource: 'Worker', type: 'throttled' })).toBe(true);
    expect(lambda.functionMetric('Worker', 'Throttles')).toBe(1);
  });

  test('throttled events wait for a free concurrency slot', async () => {
    const { ctx, lambda } = setupLambda([fn('Worker', { ReservedConcurrentExecutions: 1, Timeout: 30 })]);
    lambda.handle('Worker').handle(() => undefined, { durationMs: 5000 });
    const t0 = ctx.clock.now();
    for (let i = 0; i < 3; i++) lambda.invokeAsync(FUNCTION_ARN('Worker'), { i }, sns);
    await ctx.clock.runUntilIdle(t0 + 86_400_000);
    expect(lambda.handle('Worker').invocations.map(i => i.time - t0)).toEqual([0, 5000, 10_000]);
  });
});

describe('resource policy (AWS::Lambda::Permission)', () => {
  test('an SNS invocation without a Lambda permission is denied and traced', () => {
    const { ctx, lambda } = setupLambda([fn('Worker')], { iam: 'policies' });
    const outcome = lambda.invokeAsync(FUNCTION_ARN('Worker'), {}, sns);
    expect(outcome).toMatchObject({ ok: false, errorName: 'AccessDeniedException', deniedByPolicy: true });
    expect(ctx.trace.find({ resource: 'Worker', type: 'denied' })?.detail).toMatchObject({ principal: 'sns.amazonaws.com', sourceArn: TOPIC });
  });

  test('a permission for the service principal with the matching SourceArn allows it', async () => {
    const { ctx, lambda } = setupLambda([fn('Worker'), snsPermission()], { iam: 'policies' });
    lambda.handle('Worker').handle(() => undefined);
    expect(lambda.invokeAsync(FUNCTION_ARN('Worker'), {}, sns).ok).toBe(true);
    await ctx.advance(0);
    expect(lambda.handle('Worker').invocations).toHaveLength(1);
  });

  test('a permission whose SourceArn names another topic does not allow it', () => {
    const { lambda } = setupLambda([fn('Worker'), snsPermission(TOPIC_ARN('other'))], { iam: 'policies' });
    expect(lambda.invokeAsync(FUNCTION_ARN('Worker'), {}, sns).ok).toBe(false);
  });

  test('an unknown function gives ResourceNotFoundException', () => {
    const { lambda } = setupLambda([fn('Worker')]);
    expect(lambda.invokeAsync(FUNCTION_ARN('Nope'), {}, sns)).toMatchObject({ ok: false, errorName: 'ResourceNotFoundException' });
  });

  test('an asynchronous payload above 1 MB is refused', () => {
    const { lambda } = setupLambda([fn('Worker')]);
    expect(lambda.invokeAsync(FUNCTION_ARN('Worker'), { big: 'x'.repeat(1024 * 1024) }, sns)).toMatchObject({ ok: false, errorName: 'RequestTooLargeException' });
  });
});

describe('EventInvokeConfig validation', () => {
  test('MaximumRetryAttempts must be 0..2 and MaximumEventAgeInSeconds 60..21600', () => {
    expect(() => setupLambda([fn('Worker'), invokeConfig({ MaximumRetryAttempts: 3 })])).toThrow(/MaximumRetryAttempts: failed validation constraint for keyword \[maximum\]/);
    expect(() => setupLambda([fn('Worker'), invokeConfig({ MaximumEventAgeInSeconds: 59 })])).toThrow(/MaximumEventAgeInSeconds: failed validation constraint for keyword \[minimum\]/);
    expect(() => setupLambda([fn('Worker'), invokeConfig({ MaximumEventAgeInSeconds: '21600', MaximumRetryAttempts: '1' })])).not.toThrow();
  });

  test('a destination must be an SQS queue, SNS topic, Lambda function, EventBridge bus (or S3 bucket on failure)', () => {
    expect(() => setupLambda([fn('Worker'), invokeConfig({ DestinationConfig: { OnSuccess: { Destination: 'arn:aws:s3:::bucket' } } })])).toThrow(/destination ARN/);
  });

  test('an on-failure destination to EventBridge is reported as a problem of the run when used (EventBridge is not simulated)', async () => {
    const reported: string[] = [];
    const setup = failing(setupLambda([fn('Worker'), invokeConfig({ MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: 'arn:aws:events:us-east-1:123456789012:event-bus/default' } } })]));
    (setup.ctx as any).reportProblem = (_resource: string, message: string) => reported.push(message);
    setup.lambda.invokeAsync(FUNCTION_ARN('Worker'), {}, sns);
    await setup.ctx.clock.runUntilIdle(setup.ctx.clock.now() + 86_400_000);
    expect(reported[0]).toMatch(/events destination .* which is not simulated/);
  });
});
