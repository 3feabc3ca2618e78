import { expectAwsError, queueArn, SECOND, sqsWith } from './helpers';

function withDlq(maxReceiveCount = 3, extra: Record<string, any> = {}) {
  const fx = sqsWith({
    Dlq: {},
    Q: { VisibilityTimeout: 10, RedrivePolicy: { deadLetterTargetArn: queueArn('Dlq'), maxReceiveCount }, ...extra },
  });
  return { ...fx, q: fx.sqs.handle('Q'), dlq: fx.sqs.handle('Dlq') };
}

describe('maxReceiveCount -> dead-letter queue (SQS developer guide: dead-letter queues)', () => {
  test('"if the consumer of the source queue receives a message 5 times without ever deleting it, SQS moves the message to the DLQ"', async () => {
    const { q, dlq, ctx } = withDlq(5);
    const sent = await q.sendMessage({
      MessageBody: 'poison',
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' } },
    });
    for (let i = 1; i <= 5; i++) {
      const m = (await q.receiveMessage({ AttributeNames: ['ApproximateReceiveCount'] })).Messages![0];
      expect(m.Attributes!.ApproximateReceiveCount).toBe(String(i));
      await ctx.advance(10 * SECOND);
    }
    // The sixth receive would exceed maxReceiveCount: the message moves instead of being returned.
    expect((await q.receiveMessage({})).Messages).toBeUndefined();
    const moved = ctx.trace.filter({ type: 'moved-to-dlq' });
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ resource: 'Q', detail: { messageId: sent.MessageId, deadLetterQueue: 'Dlq', receiveCount: 5 } });

    const inDlq = (await dlq.receiveMessage({ MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] })).Messages![0];
    // The message keeps its MessageId, body and attributes.
    expect(inDlq).toMatchObject({ MessageId: sent.MessageId, Body: 'poison', MD5OfBody: sent.MD5OfMessageBody, MD5OfMessageAttributes: sent.MD5OfMessageAttributes });
    expect(inDlq.MessageAttributes).toEqual({ kind: { DataType: 'String', StringValue: 'order' } });
    // ApproximateReceiveCount counts receives "across all queues"; DeadLetterQueueSourceArn names the source.
    expect(inDlq.Attributes).toMatchObject({ ApproximateReceiveCount: '6', DeadLetterQueueSourceArn: queueArn('Q') });
  });

  test('maxReceiveCount 1: the second receive moves it', async () => {
    const { q, sqs, ctx } = withDlq(1);
    await q.sendMessage({ MessageBody: 'x' });
    expect((await q.receiveMessage({})).Messages).toHaveLength(1);
    await ctx.advance(10 * SECOND);
    expect((await q.receiveMessage({})).Messages).toBeUndefined();
    expect(sqs.queue('Dlq').size).toBe(1);
  });

  test('a receive that moves poison messages still returns the healthy ones in the same call', async () => {
    const { q, ctx } = withDlq(1);
    await q.sendMessage({ MessageBody: 'poison' });
    await q.receiveMessage({});
    await ctx.advance(10 * SECOND);
    await q.sendMessage({ MessageBody: 'fine' });
    expect((await q.receiveMessage({ MaxNumberOfMessages: 10 })).Messages!.map(m => m.Body)).toEqual(['fine']);
  });

  test('moving to the DLQ is not a send: the DLQ\'s NumberOfMessagesSent does not count it', async () => {
    const { q, sqs, ctx } = withDlq(1);
    await q.sendMessage({ MessageBody: 'x' });
    await q.receiveMessage({});
    await ctx.advance(10 * SECOND);
    await q.receiveMessage({});
    expect(sqs.queue('Dlq').metric('NumberOfMessagesSent')).toBe(0);
    expect(sqs.queue('Dlq').metric('ApproximateNumberOfMessagesVisible')).toBe(1);
    expect(sqs.queue('Q').metric('NumberOfMessagesSent')).toBe(1);
  });
});

describe('dead-letter queue redrive (StartMessageMoveTask / ListMessageMoveTasks / CancelMessageMoveTask)', () => {
  async function poisonTwo(fx: ReturnType<typeof withDlq>) {
    for (const body of ['a', 'b']) await fx.q.sendMessage({ MessageBody: body });
    await fx.q.receiveMessage({ MaxNumberOfMessages: 10 });
    await fx.ctx.advance(10 * SECOND);
    await fx.q.receiveMessage({ MaxNumberOfMessages: 10 });
    expect(fx.sqs.queue('Dlq').size).toBe(2);
  }

  test('without DestinationArn, messages go back to the queue they were dead-lettered from (and start over)', async () => {
    const fx = withDlq(1);
    await poisonTwo(fx);
    const { TaskHandle } = await fx.dlq.startMessageMoveTask({});
    expect(TaskHandle).toEqual(expect.any(String));
    expect(fx.sqs.queue('Dlq').size).toBe(0);
    const back = (await fx.q.receiveMessage({ MaxNumberOfMessages: 10, AttributeNames: ['ApproximateReceiveCount'] })).Messages!;
    expect(back.map(m => [m.Body, m.Attributes!.ApproximateReceiveCount])).toEqual([['a', '1'], ['b', '1']]);
    const [task] = (await fx.dlq.listMessageMoveTasks({})).Results!;
    expect(task).toMatchObject({ Status: 'COMPLETED', SourceArn: queueArn('Dlq'), ApproximateNumberOfMessagesMoved: 2, ApproximateNumberOfMessagesToMove: 2 });
    expect(task.TaskHandle).toBeUndefined(); // only RUNNING tasks show their handle
    expect(fx.ctx.trace.filter({ type: 'redriven' })).toHaveLength(2);
  });

  test('with DestinationArn, messages go to that queue', async () => {
    const fx = sqsWith({
      Dlq: {},
      Other: {},
      Q: { VisibilityTimeout: 10, RedrivePolicy: { deadLetterTargetArn: queueArn('Dlq'), maxReceiveCount: 1 } },
    });
    const q = fx.sqs.handle('Q');
    await q.sendMessage({ MessageBody: 'a' });
    await q.receiveMessage({});
    await fx.ctx.advance(10 * SECOND);
    await q.receiveMessage({});
    await fx.sqs.handle('Dlq').startMessageMoveTask({ DestinationArn: queueArn('Other') });
    expect((await fx.sqs.handle('Other').receiveMessage({})).Messages!.map(m => m.Body)).toEqual(['a']);
  });

  test('MaxNumberOfMessagesPerSecond moves that many messages per virtual second', async () => {
    const fx = withDlq(1);
    for (let i = 0; i < 5; i++) await fx.q.sendMessage({ MessageBody: `m${i}` });
    await fx.q.receiveMessage({ MaxNumberOfMessages: 10 });
    await fx.ctx.advance(10 * SECOND);
    await fx.q.receiveMessage({ MaxNumberOfMessages: 10 });
    await fx.dlq.startMessageMoveTask({ MaxNumberOfMessagesPerSecond: 2 });
    const [running] = (await fx.dlq.listMessageMoveTasks({})).Results!;
    expect(running).toMatchObject({ Status: 'RUNNING', MaxNumberOfMessagesPerSecond: 2, TaskHandle: expect.any(String) });
    await fx.ctx.advance(0);
    expect(fx.sqs.queue('Dlq').size).toBe(3);
    await fx.ctx.advance(SECOND);
    expect(fx.sqs.queue('Dlq').size).toBe(1);
    await fx.ctx.advance(SECOND);
    expect(fx.sqs.queue('Dlq').size).toBe(0);
    expect((await fx.dlq.listMessageMoveTasks({})).Results![0].Status).toBe('COMPLETED');
  });

  test('a running task can be cancelled; only one task may run per source queue', async () => {
    const fx = withDlq(1);
    for (let i = 0; i < 4; i++) await fx.q.sendMessage({ MessageBody: `m${i}` });
    await fx.q.receiveMessage({ MaxNumberOfMessages: 10 });
    await fx.ctx.advance(10 * SECOND);
    await fx.q.receiveMessage({ MaxNumberOfMessages: 10 });
    const { TaskHandle } = await fx.dlq.startMessageMoveTask({ MaxNumberOfMessagesPerSecond: 1 });
    await expectAwsError(fx.dlq.startMessageMoveTask({}), 'UnsupportedOperation', /Only one active task is allowed for each source queue/);
    await fx.ctx.advance(0);
    const { ApproximateNumberOfMessagesMoved } = await fx.dlq.cancelMessageMoveTask({ TaskHandle });
    expect(ApproximateNumberOfMessagesMoved).toBe(1);
    await fx.ctx.advance(10 * SECOND);
    expect(fx.sqs.queue('Dlq').size).toBe(3);
    expect((await fx.dlq.listMessageMoveTasks({ MaxResults: 10 })).Results![0].Status).toBe('CANCELLED');
    await expectAwsError(fx.dlq.cancelMessageMoveTask({ TaskHandle }), 'UnsupportedOperation');
  });

  test('the source must be a dead-letter queue of some queue; ARNs must exist; MaxNumberOfMessagesPerSecond is 1..500', async () => {
    const fx = withDlq(1);
    await expectAwsError(fx.q.startMessageMoveTask({}), 'InvalidParameterValue', 'Source queue must be configured as a Dead Letter Queue.');
    await expectAwsError(fx.dlq.startMessageMoveTask({ SourceArn: queueArn('Missing') }), 'ResourceNotFoundException',
      "The resource that you specified for the SourceArn parameter doesn't exist.");
    await expectAwsError(fx.dlq.startMessageMoveTask({ DestinationArn: queueArn('Missing') }), 'ResourceNotFoundException');
    await expectAwsError(fx.dlq.startMessageMoveTask({ DestinationArn: 'not-an-arn' }), 'InvalidParameterValue', /arn:<partition>/);
    await expectAwsError(fx.dlq.startMessageMoveTask({ MaxNumberOfMessagesPerSecond: 501 }), 'InvalidParameterValue');
    await expectAwsError(fx.dlq.listMessageMoveTasks({ MaxResults: 11 }), 'InvalidParameterValue');
  });

  test('messages sent to the dead-letter queue directly cannot go back to a source: the task fails and they stay', async () => {
    const fx = withDlq(1);
    await fx.dlq.sendMessage({ MessageBody: 'direct' });
    await fx.dlq.startMessageMoveTask({});
    const [task] = (await fx.dlq.listMessageMoveTasks({})).Results!;
    expect(task.Status).toBe('FAILED');
    expect(task.FailureReason).toMatch(/specify DestinationArn/);
    expect(fx.sqs.queue('Dlq').size).toBe(1);
  });
});
