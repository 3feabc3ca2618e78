import { Simulator } from '../../../src/sim';

/** One queue, one topic, one bucket and one function, and the role another service would call them as. */
const TEMPLATE = {
  Resources: {
    Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'orders' } },
    T: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'events' } },
    B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'archive' } },
    Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'echo', Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'x' }, Role: 'arn:aws:iam::123456789012:role/r' } },
    ApiPermission: {
      Type: 'AWS::Lambda::Permission',
      Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'Fn' }, Principal: 'apigateway.amazonaws.com', SourceArn: 'arn:aws:execute-api:us-east-1:123456789012:api1/*' },
    },
  },
};

const ROLE = { principalType: 'AWS' as const, principal: 'arn:aws:iam::123456789012:role/caller', sourceAccount: '123456789012', secureTransport: true };

/** The ServiceApi each service offers other services and the wire protocols (ctx.api), reached here through the simulator's context. */
function apiOf(sim: Simulator, namespace: string) {
  return (sim as unknown as { context: { api(ns: string): any } }).context.api(namespace);
}

describe('service APIs: one implementation, reached by SDK command name', () => {
  test('SQS SendMessage and ReceiveMessage by QueueUrl, as a role; an unknown queue is QueueDoesNotExist', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const sqs = apiOf(sim, 'sqs');
    const url = sim.queue('Q').queueUrl;
    const sent = await sqs.call('SendMessage', { QueueUrl: url, MessageBody: 'hello' }, ROLE);
    expect(sent.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    const received = await sqs.call('ReceiveMessage', { QueueUrl: url }, ROLE);
    expect(received.Messages.map((m: { Body: string }) => m.Body)).toEqual(['hello']);
    await expect(sqs.call('SendMessage', { QueueUrl: `${url}-missing`, MessageBody: 'x' }, ROLE)).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
    await expect(sqs.call('CreateQueue', { QueueName: 'x' }, ROLE)).rejects.toMatchObject({ name: 'InvalidAction' });
  });

  test('SNS Publish by TopicArn answers with a MessageId and $metadata; an unknown topic is NotFound', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const sns = apiOf(sim, 'sns');
    const out = await sns.call('Publish', { TopicArn: sim.topic('T').topicArn, Message: 'm' }, ROLE);
    expect(out).toMatchObject({ MessageId: expect.any(String), $metadata: { httpStatusCode: 200 } });
    await expect(sns.call('Publish', { TopicArn: 'arn:aws:sns:us-east-1:123456789012:nope', Message: 'm' }, ROLE)).rejects.toMatchObject({ name: 'NotFoundException' });
  });

  test('S3 PutObject then GetObject by Bucket and Key', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const s3 = apiOf(sim, 's3');
    await s3.call('PutObject', { Bucket: 'archive', Key: 'a.txt', Body: 'abc' }, ROLE);
    const got = await s3.call('GetObject', { Bucket: 'archive', Key: 'a.txt' }, ROLE);
    expect(await got.Body.transformToString()).toBe('abc');
  });

  test('Lambda Invoke: a service principal needs a permission (AccessDeniedException without one); with it the function runs', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    sim.lambda('Fn').handle(async (event: { n: number }) => ({ doubled: event.n * 2 }));
    const lambda = apiOf(sim, 'lambda');
    const apigw = (sourceArn: string) => ({ principalType: 'Service' as const, principal: 'apigateway.amazonaws.com', sourceArn, sourceAccount: '123456789012', secureTransport: true });
    const ok = await lambda.call('Invoke', { FunctionName: 'echo', Payload: JSON.stringify({ n: 21 }) }, apigw('arn:aws:execute-api:us-east-1:123456789012:api1/prod/GET/'));
    expect(JSON.parse(Buffer.from(ok.Payload).toString())).toEqual({ doubled: 42 });
    await expect(lambda.call('Invoke', { FunctionName: 'echo', Payload: '{}' }, apigw('arn:aws:execute-api:us-east-1:123456789012:other/prod/GET/')))
      .rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(sim.trace.count({ type: 'denied', resource: 'Fn' })).toBe(1);
  });

  test('a synchronous invocation answers when its virtual duration ends (Lambda Invoke, RequestResponse)', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const start = sim.now();
    sim.lambda('Fn').handle(async () => 'done', { durationMs: 1500 });
    const out = await sim.lambda('Fn').invoke({ Payload: '{}' });
    expect(Buffer.from(out.Payload!).toString()).toBe('"done"');
    expect(sim.now() - start).toBe(1500);
  });
});
