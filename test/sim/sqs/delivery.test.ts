import { createHash } from 'crypto';
import { ResourcePolicyEvaluator } from '../../../src/sim/iam';
import { BodyPiece, DeferredText } from '../../../src/sim/runtime';
import { SqsService } from '../../../src/sim/sqs';
import { fakeContext, resource, serviceIdentity, TEST_ACCOUNT } from '../fixtures';
import { queueArn, SECOND, sqsWith } from './helpers';

const topicArn = `arn:aws:sns:us-east-1:${TEST_ACCOUNT}:Orders`;

function withPolicy(statement: Record<string, any> | undefined, queueProps: Record<string, any> = {}) {
  const ctx = fakeContext({ iam: new ResourcePolicyEvaluator(TEST_ACCOUNT) });
  const sqs = new SqsService(ctx);
  ctx.services.sqs = sqs;
  const q = ctx.add(resource('AWS::SQS::Queue', 'Q', queueProps));
  sqs.create(q);
  if (statement) {
    sqs.create(resource('AWS::SQS::QueuePolicy', 'QP', {
      Queues: [q.ref],
      PolicyDocument: { Version: '2012-10-17', Statement: [statement] },
    }));
  }
  sqs.link();
  return { ctx, sqs };
}

const allowTopic = {
  Effect: 'Allow',
  Principal: { Service: 'sns.amazonaws.com' },
  Action: 'sqs:SendMessage',
  Resource: queueArn('Q'),
  Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
};

describe('deliveries from other services check the queue policy (sqs:SendMessage)', () => {
  test('allowed by the queue policy: the message is enqueued with the service as SenderId', async () => {
    const { sqs, ctx } = withPolicy(allowTopic);
    const outcome = sqs.deliver(queueArn('Q'), {
      body: '{"Type":"Notification"}',
      messageAttributes: { kind: { DataType: 'String', StringValue: 'order' } },
    }, serviceIdentity('sns', topicArn));
    expect(outcome).toEqual({ ok: true });
    const [sent] = ctx.trace.filter({ resource: 'Q', type: 'sent' });
    const m = (await sqs.handle('Q').receiveMessage({ MessageAttributeNames: ['All'], AttributeNames: ['SenderId'] })).Messages![0];
    expect(sent.detail).toEqual({ messageIds: [m.MessageId] });
    expect(m).toMatchObject({ Body: '{"Type":"Notification"}', Attributes: { SenderId: 'sns.amazonaws.com' } });
    expect(m.MessageAttributes).toEqual({ kind: { DataType: 'String', StringValue: 'order' } });
    expect(ctx.trace.filter({ type: 'denied' })).toHaveLength(0);
  });

  test('a delivered message reports the same MD5OfBody SQS computes at send (MD5 of the UTF-8 body), however it is read', async () => {
    // Deliveries return no SendMessage response, so the simulator digests the body on first use: the value must be
    // the one an eager SendMessage returns for the same body.
    const ctx = fakeContext({ iam: new ResourcePolicyEvaluator(TEST_ACCOUNT) });
    const sqs = new SqsService(ctx);
    ctx.services.sqs = sqs;
    sqs.create(ctx.add(resource('AWS::SQS::Queue', 'D', {})));
    const q = ctx.add(resource('AWS::SQS::Queue', 'Q', { RedrivePolicy: { deadLetterTargetArn: queueArn('D'), maxReceiveCount: 1 } }));
    sqs.create(q);
    sqs.create(resource('AWS::SQS::QueuePolicy', 'QP', { Queues: [q.ref], PolicyDocument: { Version: '2012-10-17', Statement: [allowTopic] } }));
    sqs.link();
    const bodies = ['{"Type":"Notification","Message":"caf\u00e9 \u{1F600}"}', 'plain ascii', '\u00e9\u20ac\u{10348}'];
    const eager: (string | undefined)[] = [];
    for (const body of bodies) {
      sqs.deliver(queueArn('Q'), { body }, serviceIdentity('sns', topicArn));
      eager.push((await sqs.handle('Q').sendMessage({ MessageBody: body })).MD5OfMessageBody);
    }
    expect(eager).toEqual(bodies.map(b => createHash('md5').update(b, 'utf8').digest('hex')));
    const viaHandle = (await sqs.handle('Q').receiveMessage({ MaxNumberOfMessages: 10 })).Messages!;
    expect(viaHandle.map(m => [m.Body, m.MD5OfBody])).toEqual(bodies.flatMap((b, i) => [[b, eager[i]], [b, eager[i]]]));
    // Read again through QueueAccess (event source mappings) after the visibility timeout: same digest.
    await ctx.clock.advanceTo(ctx.clock.now() + 31 * SECOND);
    const viaAccess = sqs.queue('Q').receive(10);
    expect(viaAccess).toHaveLength(0); // maxReceiveCount 1: all six moved to the dead-letter queue
    const moved = (await sqs.handle('D').receiveMessage({ MaxNumberOfMessages: 10 })).Messages!;
    expect(moved.map(m => [m.Body, m.MD5OfBody])).toEqual(viaHandle.map(m => [m.Body, m.MD5OfBody]));
  });

  test('a body given as pieces is checked and sized exactly as the whole body (SQS allowed characters, UTF-8 size)', () => {
    const { sqs, ctx } = withPolicy(allowTopic, { MaximumMessageSize: 1024 });
    const sns = serviceIdentity('sns', topicArn);
    const send = (body: string, bodyParts: string[]) => sqs.deliver(queueArn('Q'), { body, bodyParts }, sns);
    // A surrogate pair split across two pieces: each piece alone is invalid, the body is valid (4 UTF-8 bytes).
    expect(send('{"e":"\u{1F600}"}', ['{"e":"\uD83D', '\uDE00"}'])).toMatchObject({ ok: true });
    expect(sqs.queue('Q').metric('SentMessageSize')).toBe(Buffer.byteLength('{"e":"\u{1F600}"}'));
    // Pieces reused across deliveries (cached) still add up per delivery.
    const head = '{"M":"\u00e9\u20ac",';
    for (const tail of ['"U":"x"}', '"U":"yy"}']) expect(send(head + tail, [head, tail])).toMatchObject({ ok: true });
    expect(sqs.queue('Q').metric('SentMessageSize')).toBe(Buffer.byteLength('{"e":"\u{1F600}"}') + 2 * Buffer.byteLength(head) + 8 + 9);
    // A piece SQS refuses is refused in the body too.
    expect(send('x\uffff', ['x', '\uffff'])).toMatchObject({ ok: false, errorName: 'InvalidMessageContents' });
    // The size limit applies to the summed pieces.
    const big = 'a'.repeat(1000);
    expect(send(big + 'b'.repeat(25), [big, 'b'.repeat(25)])).toMatchObject({ ok: false, errorName: 'InvalidParameterValue' });
    expect(send(big + 'b'.repeat(24), [big, 'b'.repeat(24)])).toMatchObject({ ok: true });
    expect(ctx.trace.filter({ type: 'delivery-rejected' })).toHaveLength(2);
  });

  test('deferred pieces are sized without being written, written once when the message is first read, and kept through receives', async () => {
    const { sqs, ctx } = withPolicy(allowTopic, { MaximumMessageSize: 1024 });
    const sns = serviceIdentity('sns', topicArn);
    let writes = 0;
    const deferred = (text: string, asciiLength: number): DeferredText => ({ asciiLength, text: () => { writes++; return text; } });
    const head = deferred('{"Message":"hello","U":', 23);
    const body = () => { throw new Error('the queue must not read the whole body when the pieces pass'); };
    const deliver = (parts: BodyPiece[]) => sqs.deliver(queueArn('Q'), { get body() { return body(); }, bodyParts: parts }, sns);
    expect(deliver([head, '"u1"', '}'])).toEqual({ ok: true });
    expect(deliver([head, '"u2"', '}'])).toEqual({ ok: true });
    expect(writes).toBe(0);
    expect(sqs.queue('Q').metric('SentMessageSize')).toBe(2 * (23 + 4 + 1));
    const received = (await sqs.handle('Q').receiveMessage({ MaxNumberOfMessages: 10 })).Messages!;
    expect(received.map(m => m.Body)).toEqual(['{"Message":"hello","U":"u1"}', '{"Message":"hello","U":"u2"}']);
    expect(received[0].MD5OfBody).toBe(createHash('md5').update(received[0].Body!).digest('hex'));
    // A deferred piece that is not known to be ASCII is written at once and checked like any text (SQS allowed characters).
    const refused = sqs.deliver(queueArn('Q'), { body: '{"M":"\uffff"}', bodyParts: [deferred('{"M":"\uffff"', -1), '}'] }, sns);
    expect(refused).toMatchObject({ ok: false, errorName: 'InvalidMessageContents' });
    expect(sqs.deliver(queueArn('Q'), { body: '{"M":"caf\u00e9"}', bodyParts: [deferred('{"M":"caf\u00e9"', -1), '}'] }, sns)).toEqual({ ok: true });
    expect(sqs.queue('Q').metric('SentMessageSize')).toBe(2 * (23 + 4 + 1) + Buffer.byteLength('{"M":"caf\u00e9"}'));
    expect(ctx.trace.filter({ type: 'delivery-rejected' })).toHaveLength(1);
  });

  test('bodies in pieces with more distinct middle pieces than a queue keeps by number are all delivered intact', async () => {
    const { sqs } = withPolicy(allowTopic);
    const sns = serviceIdentity('sns', topicArn);
    const count = 1100;
    for (let k = 0; k < count; k++) {
      const parts = ['{"m":', `"u${k}"`, '}'];
      expect(sqs.deliver(queueArn('Q'), { body: parts.join(''), bodyParts: parts }, sns)).toEqual({ ok: true });
    }
    const bodies: string[] = [];
    for (;;) {
      const messages = (await sqs.handle('Q').receiveMessage({ MaxNumberOfMessages: 10 })).Messages ?? [];
      if (messages.length === 0) break;
      bodies.push(...messages.map(m => m.Body));
    }
    expect(bodies).toEqual(Array.from({ length: count }, (_, k) => `{"m":"u${k}"}`));
  });

  test('a body in pieces that comes with message attributes keeps both (held as an object rather than by column)', async () => {
    const { sqs } = withPolicy(allowTopic);
    const attrs = { kind: { DataType: 'String', StringValue: 'order' } };
    expect(sqs.deliver(queueArn('Q'), { body: '{"a":1}', bodyParts: ['{"a"', ':', '1}'], messageAttributes: attrs }, serviceIdentity('sns', topicArn))).toEqual({ ok: true });
    const [m] = (await sqs.handle('Q').receiveMessage({ MessageAttributeNames: ['All'] })).Messages!;
    expect(m).toMatchObject({ Body: '{"a":1}', MessageAttributes: attrs });
  });

  test('no queue policy: a service principal is refused (AccessDenied, denied trace event) and nothing is enqueued', () => {
    const { sqs, ctx } = withPolicy(undefined);
    const outcome = sqs.deliver(queueArn('Q'), { body: 'x' }, serviceIdentity('sns', topicArn));
    expect(outcome).toEqual({
      ok: false,
      errorName: 'AccessDenied',
      deniedByPolicy: true,
      errorMessage: `Access to the resource https://sqs.us-east-1.amazonaws.com/${TEST_ACCOUNT}/Q is denied.`,
    });
    expect(ctx.trace.filter({ type: 'denied' })[0]).toMatchObject({ service: 'sqs', resource: 'Q', detail: { action: 'sqs:SendMessage', sourceArn: topicArn } });
    expect(sqs.queue('Q').size).toBe(0);
  });

  test('a policy for another topic does not allow this one', () => {
    const { sqs } = withPolicy(allowTopic);
    const outcome = sqs.deliver(queueArn('Q'), { body: 'x' }, serviceIdentity('sns', `arn:aws:sns:us-east-1:${TEST_ACCOUNT}:Other`));
    expect(outcome).toMatchObject({ ok: false, deniedByPolicy: true });
  });

  test('an explicit Deny in the queue policy also refuses the owner\'s own handle calls', async () => {
    const { sqs, ctx } = withPolicy({ Effect: 'Deny', Principal: '*', Action: 'sqs:PurgeQueue', Resource: queueArn('Q') });
    await expect(sqs.handle('Q').purgeQueue()).rejects.toMatchObject({ name: 'AccessDenied' });
    await sqs.handle('Q').sendMessage({ MessageBody: 'allowed' });
    expect(ctx.trace.filter({ type: 'denied' })).toHaveLength(1);
  });

  test('a delivery that SQS refuses (a FIFO queue without a group id) fails with the SQS error', () => {
    const ctx = fakeContext();
    const sqs = new SqsService(ctx);
    sqs.create(resource('AWS::SQS::Queue', 'F', { FifoQueue: true, ContentBasedDeduplication: true }));
    sqs.link();
    expect(sqs.deliver(queueArn('F.fifo'), { body: 'x' }, serviceIdentity('sns', topicArn)))
      .toMatchObject({ ok: false, errorName: 'MissingParameter' });
    expect(sqs.deliver(queueArn('F.fifo'), { body: 'x', messageGroupId: 'g', messageDeduplicationId: 'd' }, serviceIdentity('sns', topicArn)))
      .toMatchObject({ ok: true });
  });

  test('an unknown queue ARN: QueueDoesNotExist', () => {
    const { sqs } = sqsWith({});
    expect(sqs.deliver(queueArn('Nope'), { body: 'x' }, serviceIdentity('sns'))).toMatchObject({ ok: false, errorName: 'QueueDoesNotExist' });
  });
});

describe('QueueAccess (what event source mappings and alarms use)', () => {
  test('lookup by ARN and by name; identity and visibility timeout', () => {
    const { sqs } = sqsWith({ Q: { VisibilityTimeout: 45 }, F: { FifoQueue: true } });
    const q = sqs.queueByArn(queueArn('Q'))!;
    expect(q).toBe(sqs.queueByName('Q'));
    expect(q).toMatchObject({ logicalId: 'Q', name: 'Q', fifo: false, visibilityTimeoutSeconds: 45, arn: queueArn('Q') });
    expect(sqs.queueByName('F.fifo')!.fifo).toBe(true);
    expect(sqs.queueByArn(queueArn('Missing'))).toBeUndefined();
  });

  test('receive returns every system and message attribute, as Lambda puts them in the event', async () => {
    const { sqs, ctx } = sqsWith({ F: { FifoQueue: true, ContentBasedDeduplication: true } });
    await sqs.handle('F').sendMessage({ MessageBody: 'x', MessageGroupId: 'g', MessageAttributes: { a: { DataType: 'String', StringValue: 'v' } } });
    const [m] = sqs.queueByName('F.fifo')!.receive(10);
    expect(m.Attributes).toEqual({
      SenderId: TEST_ACCOUNT,
      SentTimestamp: String(ctx.clock.now()),
      ApproximateReceiveCount: '1',
      ApproximateFirstReceiveTimestamp: String(ctx.clock.now()),
      SequenceNumber: expect.stringMatching(/^\d{20}$/),
      MessageGroupId: 'g',
      MessageDeduplicationId: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(m.MessageAttributes).toEqual({ a: { DataType: 'String', StringValue: 'v' } });
    expect(m.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
  });

  test('delete and changeVisibility throw the DeleteMessage / ChangeMessageVisibility errors', async () => {
    const { sqs } = sqsWith({ Q: {} });
    const q = sqs.queueByName('Q')!;
    expect(() => q.delete('junk')).toThrow(expect.objectContaining({ name: 'ReceiptHandleIsInvalid' }));
    await sqs.handle('Q').sendMessage({ MessageBody: 'x' });
    const [m] = q.receive(1, 60);
    q.changeVisibility(m.ReceiptHandle, 0);
    const [again] = q.receive(1);
    q.delete(again.ReceiptHandle);
    expect(q.receive(1)).toEqual([]);
  });

  test('nextAvailableAt: now when a message is receivable, the end of a delay or visibility timeout otherwise, undefined when empty', async () => {
    const { sqs, ctx } = sqsWith({ Q: { VisibilityTimeout: 30 } });
    const q = sqs.queueByName('Q')!;
    const now = ctx.clock.now();
    expect(q.nextAvailableAt()).toBeUndefined();
    await sqs.handle('Q').sendMessage({ MessageBody: 'later', DelaySeconds: 60 });
    expect(q.nextAvailableAt()).toBe(now + 60 * SECOND);
    await sqs.handle('Q').sendMessage({ MessageBody: 'now' });
    expect(q.nextAvailableAt()).toBe(now);
    q.receive(1);
    expect(q.nextAvailableAt()).toBe(now + 30 * SECOND);
  });

  test('onMessageAvailable is called on send, when a delay ends and when a visibility timeout ends, at those virtual times', async () => {
    const { sqs, ctx } = sqsWith({ Q: { VisibilityTimeout: 30 } });
    const q = sqs.queueByName('Q')!;
    const start = ctx.clock.now();
    const times: number[] = [];
    const unsubscribe = q.onMessageAvailable(() => times.push(ctx.clock.now() - start));
    await sqs.handle('Q').sendMessage({ MessageBody: 'a' });
    await sqs.handle('Q').sendMessage({ MessageBody: 'b', DelaySeconds: 10 });
    q.receive(1);
    const result = await ctx.clock.runUntilIdle(start + 3600 * SECOND);
    expect(times).toEqual([0, 10 * SECOND, 30 * SECOND]);
    expect(result.idle).toBe(true);
    unsubscribe();
    expect(ctx.clock.pendingForeground).toBe(0);
  });

  test('while a consumer listens, a message in flight keeps a foreground wake task (runUntilIdle reaches its return)', async () => {
    const { sqs, ctx } = sqsWith({ Q: { VisibilityTimeout: 30 } });
    const q = sqs.queueByName('Q')!;
    q.onMessageAvailable(() => undefined);
    await sqs.handle('Q').sendMessage({ MessageBody: 'a' });
    q.receive(1);
    expect(ctx.clock.pendingForeground).toBe(1);
    const { now } = await ctx.clock.runUntilIdle(ctx.clock.now() + 3600 * SECOND);
    expect(q.metric('ApproximateNumberOfMessagesVisible')).toBe(1);
    expect(now).toBe(ctx.clock.now());
  });
});
