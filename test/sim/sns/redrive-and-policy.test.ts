import { AwsError } from '../../../src/sim/kernel';
import { CallerIdentity, DeliveryOutcome, InboundQueueMessage, PolicyDocumentLike, PolicyEvaluator } from '../../../src/sim/runtime';
import { resource, serviceIdentity } from '../fixtures';
import { functionArn, queueArn, snsFixture, sqsSubscription, subscription, topic, topicArn } from './helpers';

const denied: DeliveryOutcome = {
  ok: false, errorName: 'AccessDenied', errorMessage: 'Access to the resource https://sqs.us-east-1.amazonaws.com/123456789012/q1 is denied.', deniedByPolicy: true,
};

/** The stub SQS answers per queue: `refuse` lists queues whose policy refuses SNS. */
function withQueues(f: ReturnType<typeof snsFixture>, refuse: string[]) {
  const received: { queue: string; message: InboundQueueMessage; caller: CallerIdentity }[] = [];
  f.ctx.services.sqs = {
    ...f.ctx.services.sqs,
    deliver: (arn: string, message: InboundQueueMessage, caller: CallerIdentity) => {
      if (refuse.includes(arn)) return denied;
      received.push({ queue: arn, message, caller });
      return { ok: true };
    },
  };
  return received;
}

describe('subscription dead-letter queues (sns-dead-letter-queues)', () => {
  test('a delivery the queue policy refuses is a client-side error: no retry, moved to the DLQ with the same payload', async () => {
    const f = snsFixture();
    f.load(topic('Orders'), sqsSubscription('Sub', 'Orders', 'q1', { RedrivePolicy: { deadLetterTargetArn: queueArn('dlq') } }));
    const received = withQueues(f, [queueArn('q1')]);
    const { MessageId } = await f.sns.handle('Orders').publish({ Message: 'lost?' });
    expect(received.map(r => r.queue)).toEqual([queueArn('dlq')]);
    const body = JSON.parse(received[0].message.body);
    expect([body.Type, body.MessageId, body.Message]).toEqual(['Notification', MessageId, 'lost?']);
    expect(received[0].caller).toEqual(serviceIdentity('sns', topicArn('Orders')));
    expect(f.ctx.trace.summary({ resource: 'Sub' })).toEqual(['sns:Sub:delivery-failed', 'sns:Sub:moved-to-dlq']);
    expect(f.ctx.trace.find({ type: 'delivery-failed' })?.detail).toMatchObject({ messageId: MessageId, error: 'AccessDenied', deniedByPolicy: true });
  });

  test('without a dead-letter queue the failed message is discarded, and the trace says so', async () => {
    const f = snsFixture();
    f.load(topic('Orders'), sqsSubscription('Sub', 'Orders', 'q1'));
    withQueues(f, [queueArn('q1')]);
    await f.sns.handle('Orders').publish({ Message: 'gone' });
    expect(f.ctx.trace.summary({ resource: 'Sub' })).toEqual(['sns:Sub:delivery-failed', 'sns:Sub:dropped']);
  });

  test('when the dead-letter queue refuses too, the message is dropped', async () => {
    const f = snsFixture();
    f.load(topic('Orders'), sqsSubscription('Sub', 'Orders', 'q1', { RedrivePolicy: { deadLetterTargetArn: queueArn('dlq') } }));
    withQueues(f, [queueArn('q1'), queueArn('dlq')]);
    await f.sns.handle('Orders').publish({ Message: 'gone' });
    expect(f.ctx.trace.summary({ resource: 'Sub' })).toEqual(['sns:Sub:delivery-failed', 'sns:Sub:dropped']);
  });

  test('a refused Lambda invocation moves the envelope to the DLQ', async () => {
    const f = snsFixture();
    f.load(topic('Orders'), subscription('Fn', 'Orders', { Protocol: 'lambda', Endpoint: functionArn('f'), RedrivePolicy: { deadLetterTargetArn: queueArn('dlq') } }));
    const received = withQueues(f, []);
    f.ctx.services.lambda = {
      invokeAs: () => Promise.reject(new Error('not used')),
      invokeAsync: () => ({ ok: false, errorName: 'AccessDeniedException', errorMessage: 'no permission', deniedByPolicy: true }),
    };
    await f.sns.handle('Orders').publish({ Message: 'event' });
    expect(JSON.parse(received[0].message.body).Message).toBe('event');
    expect(f.ctx.trace.summary({ resource: 'Fn' })).toEqual(['sns:Fn:delivery-failed', 'sns:Fn:moved-to-dlq']);
  });

  test('raw delivery of more than 10 attributes to SQS is discarded as a client-side error (sns-message-attributes)', async () => {
    const f = snsFixture();
    f.load(topic('Orders'),
      sqsSubscription('Raw', 'Orders', 'raw', { RawMessageDelivery: true, RedrivePolicy: { deadLetterTargetArn: queueArn('dlq') } }),
      sqsSubscription('Wrapped', 'Orders', 'wrapped'));
    const received = withQueues(f, []);
    const attrs: Record<string, { DataType: string; StringValue: string }> = {};
    for (let i = 0; i < 11; i++) attrs[`a${i}`] = { DataType: 'String', StringValue: `v${i}` };
    await f.sns.handle('Orders').publish({ Message: 'many attributes', MessageAttributes: attrs });
    expect(received.map(r => r.queue)).toEqual([queueArn('dlq'), queueArn('wrapped')]);
    expect(received[0].message.body).toBe('many attributes');
    expect(f.ctx.trace.find({ type: 'delivery-failed' })?.detail).toMatchObject({ error: 'InvalidParameterValue' });
  });

  test('a FIFO subscription moves failed messages to its FIFO DLQ with the group and deduplication ids', async () => {
    const f = snsFixture();
    f.load(topic('Prices', { FifoTopic: true, TopicName: 'Prices.fifo' }),
      subscription('Sub', 'Prices.fifo', { Protocol: 'sqs', Endpoint: queueArn('q.fifo'), RedrivePolicy: { deadLetterTargetArn: queueArn('dlq.fifo') } }));
    const received = withQueues(f, [queueArn('q.fifo')]);
    await f.sns.handle('Prices').publish({ Message: 'm', MessageGroupId: 'g', MessageDeduplicationId: 'd' });
    expect(received[0]).toMatchObject({ queue: queueArn('dlq.fifo'), message: { messageGroupId: 'g', messageDeduplicationId: 'd' } });
  });
});

/** A policy evaluator that allows a caller when a statement's Principal.Service or Principal.AWS names it. */
function principalEvaluator(calls: { policies: readonly PolicyDocumentLike[]; action: string; resource: string }[]): PolicyEvaluator {
  const allows = (policies: readonly PolicyDocumentLike[], caller: CallerIdentity) => policies.some(p => ([] as any[]).concat(p.Statement).some(s => {
    const principals = ([] as string[]).concat(s.Principal?.Service ?? [], s.Principal?.AWS ?? []);
    return s.Effect === 'Allow' && principals.includes(caller.principal);
  }));
  return {
    evaluate: (policies, request) => (allows(policies, request.caller) ? 'Allow' : 'ImplicitDeny'),
    isAllowed: (policies, request) => {
      calls.push({ policies, action: request.action, resource: request.resource });
      return allows(policies, request.caller) || request.caller.principalType === 'AWS';
    },
  };
}

describe('topic policies for publishes from other services (sns-access-policy-use-cases)', () => {
  const s3 = serviceIdentity('s3', 'arn:aws:s3:::uploads');
  const topicPolicy = (logicalId: string, topics: string[], service: string) => resource('AWS::SNS::TopicPolicy', logicalId, {
    Topics: topics,
    PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sns:Publish', Resource: topics }] },
  });

  test('S3 may publish when the topic policy allows s3.amazonaws.com; the evaluator gets sns:Publish on the topic', () => {
    const calls: { policies: readonly PolicyDocumentLike[]; action: string; resource: string }[] = [];
    const f = snsFixture({ iam: principalEvaluator(calls) });
    f.load(topic('Uploads'), sqsSubscription('Sub', 'Uploads', 'q1'), topicPolicy('Policy', [topicArn('Uploads')], 's3.amazonaws.com'));
    const outcome = f.sns.publishFrom(topicArn('Uploads'), { Message: '{"Records": []}', Subject: 'Amazon S3 Notification' }, s3);
    expect(outcome).toEqual({ ok: true, messageId: expect.any(String) });
    expect(calls[0]).toMatchObject({ action: 'sns:Publish', resource: topicArn('Uploads') });
    expect(f.ctx.deliveries).toHaveLength(1);
  });

  test('a service the topic policy does not name is denied: AuthorizationError, a denied event, nothing delivered', () => {
    const f = snsFixture({ iam: principalEvaluator([]) });
    f.load(topic('Uploads'), sqsSubscription('Sub', 'Uploads', 'q1'), topicPolicy('Policy', [topicArn('Uploads')], 'events.amazonaws.com'));
    const outcome = f.sns.publishFrom(topicArn('Uploads'), { Message: 'm' }, s3);
    expect(outcome).toEqual({
      ok: false,
      errorName: 'AuthorizationErrorException',
      errorMessage: `User: s3.amazonaws.com is not authorized to perform: SNS:Publish on resource: ${topicArn('Uploads')}`,
      deniedByPolicy: true,
    });
    expect(f.ctx.trace.summary()).toEqual(['sns:Uploads:denied']);
    expect(f.ctx.deliveries).toHaveLength(0);
  });

  test('without a topic policy, the default policy lets CloudWatch alarms of the account publish but not S3', () => {
    const f = snsFixture({ iam: 'allow' });
    f.load(topic('Alarms'), sqsSubscription('Sub', 'Alarms', 'q1'));
    expect(f.sns.publishFrom(topicArn('Alarms'), { Message: 'ALARM' }, serviceIdentity('cloudwatch', 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:a')).ok).toBe(true);
    expect(f.sns.publishFrom(topicArn('Alarms'), { Message: 'x' }, s3)).toMatchObject({ ok: false, deniedByPolicy: true });
    expect(f.sns.publishFrom(topicArn('Alarms'), { Message: 'x' }, serviceIdentity('cloudwatch', undefined, '999999999999'))).toMatchObject({ ok: false });
  });

  test('one TopicPolicy can cover several topics', () => {
    const f = snsFixture({ iam: principalEvaluator([]) });
    f.load(topic('A'), topic('B'), topicPolicy('Policy', [topicArn('A'), topicArn('B')], 's3.amazonaws.com'));
    expect(f.sns.publishFrom(topicArn('A'), { Message: 'm' }, s3).ok).toBe(true);
    expect(f.sns.publishFrom(topicArn('B'), { Message: 'm' }, s3).ok).toBe(true);
  });

  test('an invalid message from another service is reported as its error, an unknown topic as NotFound', () => {
    const f = snsFixture();
    f.load(topic('Alarms'));
    const cw = serviceIdentity('cloudwatch');
    expect(f.sns.publishFrom(topicArn('Alarms'), { Message: '' }, cw)).toEqual({ ok: false, errorName: 'InvalidParameterException', errorMessage: 'Invalid parameter: Empty message' });
    expect(f.sns.publishFrom(topicArn('Nope'), { Message: 'm' }, cw)).toEqual({ ok: false, errorName: 'NotFoundException', errorMessage: 'Topic does not exist' });
  });

  test('handle calls run as the account and fail with AuthorizationError when the topic policy explicitly denies them', async () => {
    const f = snsFixture({ iam: 'deny' });
    f.load(topic('Locked'), resource('AWS::SNS::TopicPolicy', 'Policy', {
      Topics: [topicArn('Locked')],
      PolicyDocument: { Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: '*' }] },
    }));
    const err = await f.sns.handle('Locked').publish({ Message: 'm' }).catch((e: AwsError) => e);
    expect(err).toBeInstanceOf(AwsError);
    expect([(err as AwsError).name, (err as AwsError).$metadata.httpStatusCode]).toEqual(['AuthorizationErrorException', 403]);
  });
});
