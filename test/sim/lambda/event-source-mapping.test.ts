import { esm, FakeQueue, fn, FakeQueueOptions, QUEUE_ARN, setupLambda } from './helpers';
import type { SqsEvent } from '../../../src/sim/lambda';

function mapping(props: Record<string, any> = {}, queue: Partial<FakeQueueOptions> & { dlq?: boolean } = {}, fnProps: Record<string, any> = {}) {
  let q!: FakeQueue;
  let dlq: FakeQueue | undefined;
  const name = queue.name ?? (queue.fifo ? 'orders.fifo' : 'orders');
  const s = setupLambda([fn('Worker', fnProps), esm('Map', name, 'Worker', props)], {
    queues: c => {
      if (queue.dlq) dlq = new FakeQueue(c, { name: queue.fifo ? 'orders-dlq.fifo' : 'orders-dlq' });
      q = new FakeQueue(c, { name, ...queue, deadLetterQueue: dlq });
    },
  });
  const h = s.lambda.handle('Worker');
  return { ...s, queue: q, dlq, h };
}

const batches = (h: { invocations: readonly { event: unknown }[] }) => h.invocations.map(i => (i.event as SqsEvent).Records.map(r => r.body));

describe('SQS event shape', () => {
  test('the function receives the SQS event exactly as Lambda sends it (Lambda developer guide example event)', async () => {
    const { ctx, queue, h } = mapping();
    let received: SqsEvent | undefined;
    h.handle(async (event: SqsEvent) => {
      received = event;
    });
    const id = queue.send('Test message.', { attributes: { myAttribute: { DataType: 'String', StringValue: 'myValue' }, bin: { DataType: 'Binary', BinaryValue: Buffer.from('hi') } } });
    await ctx.clock.runUntilIdle(ctx.clock.now() + 60_000);
    expect(received).toBeDefined();
    expect(Object.keys(received!)).toEqual(['Records']);
    const r = received!.Records[0];
    expect(Object.keys(r)).toEqual(['messageId', 'receiptHandle', 'body', 'attributes', 'messageAttributes', 'md5OfMessageAttributes', 'md5OfBody', 'eventSource', 'eventSourceARN', 'awsRegion']);
    expect(r.messageId).toBe(id);
    expect(typeof r.receiptHandle).toBe('string');
    expect(r.body).toBe('Test message.');
    expect(Object.keys(r.attributes)).toEqual(['ApproximateReceiveCount', 'SentTimestamp', 'SenderId', 'ApproximateFirstReceiveTimestamp']);
    expect(r.attributes.ApproximateReceiveCount).toBe('1');
    expect(r.attributes.SentTimestamp).toBe(String(ctx.clock.now()));
    expect(r.messageAttributes.myAttribute).toEqual({ stringValue: 'myValue', stringListValues: [], binaryListValues: [], dataType: 'String' });
    expect(Object.keys(r.messageAttributes.myAttribute)).toEqual(['stringValue', 'stringListValues', 'binaryListValues', 'dataType']);
    expect(r.messageAttributes.bin).toEqual({ binaryValue: Buffer.from('hi').toString('base64'), stringListValues: [], binaryListValues: [], dataType: 'Binary' });
    expect(r.md5OfBody).toBe('e4e68fb7bd0e697a0ae8f1bb342846b3'); // MD5 of "Test message." as in the AWS sample
    expect(typeof r.md5OfMessageAttributes).toBe('string');
    expect(r.eventSource).toBe('aws:sqs');
    expect(r.eventSourceARN).toBe(QUEUE_ARN('orders'));
    expect(r.awsRegion).toBe('us-east-1');
  });

  test('md5OfMessageAttributes is null and messageAttributes is {} when the message has no attributes', async () => {
    const { ctx, queue, h } = mapping();
    h.handle(() => undefined);
    queue.send('x');
    await ctx.clock.runUntilIdle(ctx.clock.now() + 60_000);
    const r = (h.invocations[0].event as SqsEvent).Records[0];
    expect(r.md5OfMessageAttributes).toBeNull();
    expect(r.messageAttributes).toEqual({});
  });

  test('FIFO records carry SequenceNumber, MessageGroupId and MessageDeduplicationId in the documented attribute order', async () => {
    const { ctx, queue, h } = mapping({}, { fifo: true });
    h.handle(() => undefined);
    queue.send('a', { groupId: 'g1', dedupId: 'd1' });
    await ctx.clock.runUntilIdle(ctx.clock.now() + 60_000);
    const r = (h.invocations[0].event as SqsEvent).Records[0];
    expect(Object.keys(r.attributes)).toEqual(['ApproximateReceiveCount', 'SentTimestamp', 'SequenceNumber', 'MessageGroupId', 'SenderId', 'MessageDeduplicationId', 'ApproximateFirstReceiveTimestamp']);
    expect(r.attributes.MessageGroupId).toBe('g1');
    expect(r.attributes.MessageDeduplicationId).toBe('d1');
  });

  test('the context is shaped like Lambda\'s (functionName, $LATEST, ARN, memory as a string, request id, log names, remaining time)', async () => {
    const { ctx, queue, h } = mapping({}, {}, { Timeout: 20, MemorySize: 256 });
    let seen: any;
    h.handle((_e, context) => {
      seen = { ...context, remaining: context.getRemainingTimeInMillis() };
    });
    queue.send('x');
    await ctx.clock.runUntilIdle(ctx.clock.now() + 60_000);
    expect(seen.functionName).toBe('Worker');
    expect(seen.functionVersion).toBe('$LATEST');
    expect(seen.invokedFunctionArn).toBe('arn:aws:lambda:us-east-1:123456789012:function:Worker');
    expect(seen.memoryLimitInMB).toBe('256');
    expect(seen.awsRequestId).toBe(h.invocations[0].requestId);
    expect(seen.awsRequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(seen.logGroupName).toBe('/aws/lambda/Worker');
    expect(seen.logStreamName).toMatch(/^2024\/01\/01\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(seen.remaining).toBe(20_000);
    expect(seen.callbackWaitsForEmptyEventLoop).toBe(true);
  });
});

describe('batching', () => {
  test('BatchSize: at most BatchSize records per invocation; without a batching window each invocation gets one receive', async () => {
    const { ctx, queue, h } = mapping({ BatchSize: 3 });
    h.handle(() => undefined);
    for (let i = 0; i < 7; i++) queue.send(`m${i}`);
    await ctx.clock.runUntilIdle(ctx.clock.now() + 60_000);
    expect(batches(h)).toEqual([['m0', 'm1', 'm2'], ['m3', 'm4', 'm5'], ['m6']]);
    expect(queue.messages).toHaveLength(0);
  });

  test('default BatchSize is 10', async () => {
    const { ctx, queue, h } = mapping();
    h.handle(() => undefined);
    for (let i = 0; i < 25; i++) queue.send(`m${i}`);
    await ctx.clock.runUntilIdle(ctx.clock.now() + 60_000);
    expect(batches(h).map(b => b.length)).toEqual([10, 10, 5]);
  });

  test('MaximumBatchingWindowInSeconds: records accumulate until the window, started by the first record, ends', async () => {
    const { ctx, queue, h } = mapping({ BatchSize: 100, MaximumBatchingWindowInSeconds: 5 });
    h.handle(() => undefined);
    const t0 = ctx.clock.now();
    for (let i = 0; i < 3; i++) queue.send(`a${i}`);
    await ctx.advance(2000);
    for (let i = 0; i < 2; i++) queue.send(`b${i}`);
    await ctx.clock.runUntilIdle(t0 + 60_000);
    expect(batches(h)).toEqual([['a0', 'a1', 'a2', 'b0', 'b1']]);
    expect(h.invocations[0].time).toBe(t0 + 5000);
  });

  test('a batching window ends early once BatchSize records are gathered (batches larger than 10 span several receives)', async () => {
    const { ctx, queue, h } = mapping({ BatchSize: 25, MaximumBatchingWindowInSeconds: 60 }, { visibilityTimeoutSeconds: 360 });
    h.handle(() => undefined);
    const t0 = ctx.clock.now();
    for (let i = 0; i < 30; i++) queue.send(`m${i}`);
    await ctx.clock.runUntilIdle(t0 + 600_000);
    expect(batches(h).map(b => b.length)).toEqual([25, 5]);
    expect(h.invocations[0].time).toBe(t0);
    expect(h.invocations[1].time).toBe(t0 + 60_000);
  });
});

describe('outcomes', () => {
  test('a successful invocation deletes the whole batch', async () => {
    const { ctx, queue, h, lambda } = mapping();
    h.handle(() => ({ ok: true }));
    queue.send('a');
    queue.send('b');
    await ctx.clock.runUntilIdle(ctx.clock.now() + 60_000);
    expect(queue.deleted).toHaveLength(2);
    expect(queue.messages).toHaveLength(0);
    expect(ctx.trace.filter({ resource: 'Map', type: 'batch-succeeded' })).toHaveLength(1);
    expect(lambda.eventSourceMapping('Map')).toBeDefined();
  });

  test('when the function throws, the whole batch returns after the queue visibility timeout', async () => {
    const { ctx, queue, h } = mapping({}, { visibilityTimeoutSeconds: 45 });
    let calls = 0;
    h.handle(() => {
      if (calls++ === 0) throw new Error('boom');
    });
    const t0 = ctx.clock.now();
    queue.send('a');
    queue.send('b');
    await ctx.clock.runUntilIdle(t0 + 600_000);
    expect(h.invocations.map(i => i.time)).toEqual([t0, t0 + 45_000]);
    expect(batches(h)).toEqual([['a', 'b'], ['a', 'b']]);
    expect((h.invocations[1].event as SqsEvent).Records.map(r => r.attributes.ApproximateReceiveCount)).toEqual(['2', '2']);
    expect(h.invocations[0].error).toMatchObject({ errorType: 'Error', errorMessage: 'boom' });
    expect(queue.messages).toHaveLength(0);
  });

  test('maxReceiveCount: a message that always fails is received maxReceiveCount times, then the queue moves it to its DLQ', async () => {
    const { ctx, queue, dlq, h } = mapping({}, { maxReceiveCount: 3, dlq: true, visibilityTimeoutSeconds: 30 });
    h.handle(() => {
      throw new Error('poison');
    });
    queue.send('poison');
    const result = await ctx.clock.runUntilIdle(ctx.clock.now() + 3_600_000);
    expect(result.idle).toBe(true);
    expect(h.invocations).toHaveLength(3);
    expect(dlq!.bodies()).toEqual(['poison']);
    expect(queue.messages).toHaveLength(0);
  });

  test('a function with no registered handler fails the batch with a message telling the user to call handle(fn)', async () => {
    const { ctx, queue, h } = mapping();
    queue.send('a');
    await ctx.advance(0);
    expect(h.invocations[0].error?.errorType).toBe('Simulator.HandlerNotRegistered');
    expect(h.invocations[0].error?.errorMessage).toContain("sim.lambda('Worker').handle(");
    expect(queue.deleted).toHaveLength(0);
    expect(ctx.trace.some({ type: 'invocation-failed', resource: 'Worker' })).toBe(true);
  });

  test('an invocation longer than the function Timeout times out (Sandbox.Timedout) and the batch returns', async () => {
    const { ctx, queue, h } = mapping({}, { visibilityTimeoutSeconds: 30 }, { Timeout: 10 });
    h.handle(() => undefined, { durationMs: (e: SqsEvent) => (e.Records[0].attributes.ApproximateReceiveCount === '1' ? 15_000 : 1000) });
    const t0 = ctx.clock.now();
    queue.send('slow');
    await ctx.clock.runUntilIdle(t0 + 600_000);
    expect(h.invocations[0].error).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${h.invocations[0].requestId} Error: Task timed out after 10.00 seconds` });
    expect(h.invocations[0].durationMs).toBe(10_000);
    expect(h.invocations[1].time).toBe(t0 + 30_000);
    expect(h.invocations[1].error).toBeUndefined();
    expect(queue.messages).toHaveLength(0);
  });
});

describe('partial batch responses (ReportBatchItemFailures)', () => {
  const partial = { FunctionResponseTypes: ['ReportBatchItemFailures'] };

  test('only the messages listed in batchItemFailures return; the others are deleted', async () => {
    const { ctx, queue, h } = mapping(partial);
    h.handle((event: SqsEvent) => ({ batchItemFailures: event.Records.filter(r => r.body.startsWith('bad')).map(r => ({ itemIdentifier: r.messageId })) }));
    const t0 = ctx.clock.now();
    queue.send('good1');
    queue.send('bad1');
    queue.send('good2');
    await ctx.advance(0);
    expect(queue.bodies()).toEqual(['bad1']);
    await ctx.clock.runUntilIdle(t0 + 29_000);
    expect(h.invocations).toHaveLength(1);
    await ctx.advance(2000);
    expect(batches(h)[1]).toEqual(['bad1']);
    expect(ctx.trace.some({ resource: 'Map', type: 'batch-partially-failed' })).toBe(true);
  });

  test.each([
    ['a null response', null],
    ['a response without batchItemFailures', { statusCode: 200 }],
    ['an empty batchItemFailures list', { batchItemFailures: [] }],
    ['a null batchItemFailures list', { batchItemFailures: null }],
  ])('%s is a complete success', async (_name, response) => {
    const { ctx, queue, h } = mapping(partial);
    h.handle(() => response);
    queue.send('a');
    queue.send('b');
    await ctx.advance(0);
    expect(queue.messages).toHaveLength(0);
  });

  test.each([
    ['an empty itemIdentifier', [{ itemIdentifier: '' }]],
    ['a null itemIdentifier', [{ itemIdentifier: null }]],
    ['an itemIdentifier with a bad key name', [{ itemId: 'x' }]],
    ['an itemIdentifier that is not a message id of the batch', [{ itemIdentifier: 'not-a-message-id' }]],
  ])('%s makes the whole batch fail', async (_name, failures) => {
    const { ctx, queue, h } = mapping(partial);
    h.handle(() => ({ batchItemFailures: failures }));
    queue.send('a');
    queue.send('b');
    await ctx.advance(0);
    expect(queue.messages).toHaveLength(2);
    expect(queue.deleted).toHaveLength(0);
    expect(ctx.trace.find({ resource: 'Map', type: 'batch-failed' })?.detail.reason).toMatch(/invalid partial batch response/);
  });

  test('a response that is not an object (e.g. a string) makes the whole batch fail', async () => {
    const { ctx, queue, h } = mapping(partial);
    h.handle(() => 'done');
    queue.send('a');
    await ctx.advance(0);
    expect(queue.messages).toHaveLength(1);
  });

  test('without ReportBatchItemFailures a returned batchItemFailures is ignored and the batch is deleted', async () => {
    const { ctx, queue, h } = mapping();
    h.handle((event: SqsEvent) => ({ batchItemFailures: [{ itemIdentifier: event.Records[0].messageId }] }));
    queue.send('a');
    await ctx.advance(0);
    expect(queue.messages).toHaveLength(0);
  });

  test('a thrown error still fails the whole batch', async () => {
    const { ctx, queue, h } = mapping(partial);
    h.handle(() => {
      throw new Error('x');
    });
    queue.send('a');
    queue.send('b');
    await ctx.advance(0);
    expect(queue.messages).toHaveLength(2);
  });
});

describe('scaling, enablement, filtering and scheduling', () => {
  test('ScalingConfig.MaximumConcurrency caps the batches in flight at once', async () => {
    const { ctx, queue, h } = mapping({ BatchSize: 1, ScalingConfig: { MaximumConcurrency: 2 } }, { visibilityTimeoutSeconds: 120 }, { Timeout: 60 });
    let peak = 0;
    h.handle(() => {
      peak = Math.max(peak, h.concurrentExecutions);
    }, { durationMs: 10_000 });
    const t0 = ctx.clock.now();
    for (let i = 0; i < 6; i++) queue.send(`m${i}`);
    await ctx.clock.runUntilIdle(t0 + 600_000);
    expect(h.invocations.map(i => i.time - t0)).toEqual([0, 0, 10_000, 10_000, 20_000, 20_000]);
    expect(peak).toBe(2);
    expect(queue.messages).toHaveLength(0);
  });

  test('without MaximumConcurrency all available batches run at once (limited by reserved concurrency)', async () => {
    const { ctx, queue, h } = mapping({ BatchSize: 1 }, { visibilityTimeoutSeconds: 120 }, { Timeout: 60, ReservedConcurrentExecutions: 3 });
    h.handle(() => undefined, { durationMs: 10_000 });
    const t0 = ctx.clock.now();
    for (let i = 0; i < 5; i++) queue.send(`m${i}`);
    await ctx.clock.runUntilIdle(t0 + 600_000);
    const starts = h.invocations.map(i => i.time - t0);
    expect(starts.filter(t => t === 0)).toHaveLength(3);
    expect(queue.messages).toHaveLength(0);
    expect(ctx.trace.some({ resource: 'Worker', type: 'throttled' })).toBe(true);
  });

  test('Enabled: false stops the mapping from polling', async () => {
    const { ctx, queue, h } = mapping({ Enabled: 'false' });
    h.handle(() => undefined);
    queue.send('a');
    await ctx.clock.runUntilIdle(ctx.clock.now() + 60_000);
    expect(h.invocations).toHaveLength(0);
    expect(queue.receiveCalls).toBe(0);
  });

  test('FilterCriteria: messages that match no filter are deleted without invoking the function', async () => {
    const { ctx, queue, h } = mapping({
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ body: { status: ['submitted'], amount: [{ numeric: ['>', 10] }] } }) }, { Pattern: '{"body":["plain"]}' }] },
    });
    h.handle(() => undefined);
    queue.send(JSON.stringify({ status: 'submitted', amount: 50 }));
    queue.send(JSON.stringify({ status: 'submitted', amount: 5 }));
    queue.send(JSON.stringify({ status: 'cancelled', amount: 50 }));
    queue.send('plain');
    queue.send('not json');
    await ctx.advance(0);
    expect(batches(h)).toEqual([[JSON.stringify({ status: 'submitted', amount: 50 }), 'plain']]);
    expect(queue.messages).toHaveLength(0);
    expect(ctx.trace.filter({ resource: 'Map', type: 'filtered-out' })).toHaveLength(3);
  });

  test('an idle poller leaves no pending task, so runUntilIdle returns at once', async () => {
    const { ctx, queue, h } = mapping();
    h.handle(() => undefined);
    queue.send('a');
    const t0 = ctx.clock.now();
    const r = await ctx.clock.runUntilIdle(t0 + 86_400_000);
    expect(r.idle).toBe(true);
    expect(r.now).toBe(t0);
    expect(ctx.clock.nextTaskTime()).toBeUndefined();
  });

  test('a delayed message is picked up when its delay ends (the poller wakes at nextAvailableAt, no busy polling)', async () => {
    const { ctx, queue, h } = mapping();
    h.handle(() => undefined);
    const t0 = ctx.clock.now();
    queue.send('later', { delaySeconds: 90 });
    await ctx.clock.runUntilIdle(t0 + 600_000);
    expect(h.invocations.map(i => i.time)).toEqual([t0 + 90_000]);
    expect(queue.receiveCalls).toBeLessThanOrEqual(3);
  });
});

describe('template validation (what CreateEventSourceMapping refuses)', () => {
  const load = (props: Record<string, any>, queue: Partial<FakeQueueOptions> = {}, fnProps: Record<string, any> = {}) =>
    () => mapping(props, queue, fnProps);

  test('a queue visibility timeout shorter than the function timeout fails to load with Lambda\'s message', () => {
    expect(load({}, { visibilityTimeoutSeconds: 30 }, { Timeout: 60 })).toThrow('Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds');
  });

  test('BatchSize above 10 needs a batching window', () => {
    expect(load({ BatchSize: 50 })).toThrow('Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10');
    expect(load({ BatchSize: '50', MaximumBatchingWindowInSeconds: '1' })).not.toThrow();
  });

  test('FIFO queues allow at most 10 records per batch and no batching window', () => {
    expect(load({ BatchSize: 11, MaximumBatchingWindowInSeconds: 1 }, { fifo: true })).toThrow(/FIFO/);
    expect(load({ MaximumBatchingWindowInSeconds: 1 }, { fifo: true })).toThrow('Batching window is not supported for FIFO queues.');
  });

  test('BatchSize, window and MaximumConcurrency ranges are enforced', () => {
    expect(load({ BatchSize: 10001, MaximumBatchingWindowInSeconds: 1 })).toThrow(/#\/BatchSize: failed validation constraint for keyword \[maximum\]/);
    expect(load({ MaximumBatchingWindowInSeconds: 301 })).toThrow(/MaximumBatchingWindowInSeconds/);
    expect(load({ ScalingConfig: { MaximumConcurrency: 1 } })).toThrow(/MaximumConcurrency: failed validation constraint for keyword \[minimum\]/);
  });

  test('an invalid filter pattern fails to load', () => {
    expect(load({ FilterCriteria: { Filters: [{ Pattern: '{not json' }] } })).toThrow(/Invalid filter pattern definition/);
  });

  test('a mapping on a non-SQS source is reported as unsupported, not silently ignored', () => {
    const reported: string[] = [];
    const s = setupLambda([fn('Worker'), { ...esm('Kin', 'x', 'Worker'), properties: { EventSourceArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/s', FunctionName: 'Worker' } }]);
    expect(s.ctx.trace.find({ resource: 'Kin', type: 'unsupported' })?.detail.reason).toMatch(/only Amazon SQS/);
    expect(reported).toEqual([]);
  });
});
