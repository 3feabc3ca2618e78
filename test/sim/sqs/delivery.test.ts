import { createHash } from 'crypto';
import { ResourcePolicyEvaluator } from '../../../src/sim/iam';
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
