import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import * as https from 'https';
import { tmpdir } from 'os';
import { join } from 'path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { ChangeMessageVisibilityCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ACCOUNT, TEMPLATE } from './fixtures';
import { Simulator } from '../../../src/sim';

describe('sim.listen(): the same protocols over HTTP on loopback', () => {
  let sim: Simulator;
  let server: Awaited<ReturnType<Simulator['listen']>>;
  beforeEach(async () => {
    sim = Simulator.fromTemplate(TEMPLATE);
    server = await sim.listen();
  });
  afterEach(() => server.close());

  test('listens on 127.0.0.1 on a free port; SDK v3 SQS, SNS, S3 (path style) and Lambda clients work against it', async () => {
    expect(server.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const config = server.clientConfig();
    const QueueUrl = sim.queue('Orders').queueUrl;
    const sqs = new SQSClient(config);
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'over http' }));
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    expect(got.Messages?.[0].Body).toBe('over http');
    expect(got.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);

    await new SNSClient(config).send(new PublishCommand({ TopicArn: sim.topic('Events').topicArn, Message: 'fanned out' }));
    const fanned = await sqs.send(new ReceiveMessageCommand({ QueueUrl: sim.queue('Jobs').queueUrl }));
    expect(fanned.Messages?.[0].Body).toBe('fanned out');

    const s3 = new S3Client(config);
    await s3.send(new PutObjectCommand({ Bucket: 'archive', Key: 'dir/a b.txt', Body: 'bytes' }));
    const obj = await s3.send(new GetObjectCommand({ Bucket: 'archive', Key: 'dir/a b.txt' }));
    expect(await obj.Body!.transformToString()).toBe('bytes');

    sim.lambda('Echo').handle(async (e: unknown) => ({ echoed: e }));
    const out = await new LambdaClient(config).send(new InvokeCommand({ FunctionName: 'echo', Payload: '{"k":1}' }));
    expect(JSON.parse(Buffer.from(out.Payload!).toString())).toEqual({ echoed: { k: 1 } });
  });

  test('errors come back as the SDK error classes over HTTP too', async () => {
    const sqs = new SQSClient(server.clientConfig());
    const err = await sqs.send(new SendMessageCommand({ QueueUrl: `${sim.queue('Orders').queueUrl}x`, MessageBody: 'x' })).catch(e => e);
    expect(err.name).toBe('QueueDoesNotExist');
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  test('the virtual clock follows real time while serving: a 1-second long poll on an empty queue waits about a real second', async () => {
    const sqs = new SQSClient(server.clientConfig());
    const virtualStart = sim.now();
    const realStart = Date.now();
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: sim.queue('Orders').queueUrl, WaitTimeSeconds: 1 }));
    const real = Date.now() - realStart;
    expect(out.Messages).toBeUndefined();
    expect(real).toBeGreaterThanOrEqual(950);
    expect(real).toBeLessThan(5_000);
    expect(sim.now() - virtualStart).toBeGreaterThanOrEqual(1_000);
  });

  test('a long poll over HTTP returns as soon as a message is sent (before its wait ends)', async () => {
    const sqs = new SQSClient(server.clientConfig());
    const QueueUrl = sim.queue('Orders').queueUrl;
    const realStart = Date.now();
    const poll = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    await new Promise(resolve => setTimeout(resolve, 200));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'wake up' }));
    const out = await poll;
    expect(out.Messages?.[0].Body).toBe('wake up');
    expect(Date.now() - realStart).toBeLessThan(5_000);
  });

  test('the test can still drive the clock while serving: sim.advance moves a visibility timeout past its end at once', async () => {
    const sqs = new SQSClient(server.clientConfig());
    const QueueUrl = sim.queue('Orders').queueUrl;
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'later' }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: first.Messages![0].ReceiptHandle!, VisibilityTimeout: 3_600 }));
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages).toBeUndefined();
    await sim.advance(3_600_000);
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    expect(again.Messages?.[0].Body).toBe('later');
    expect(again.Messages?.[0].Attributes).toBeUndefined();
  });

  test('close() stops the server: the port refuses connections and the clock no longer follows real time', async () => {
    const endpoint = server.endpoint;
    await server.close();
    await expect(fetch(endpoint)).rejects.toThrow();
    const before = sim.now();
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(sim.now()).toBe(before);
    // An awaited call drives the clock itself again.
    const out = await sim.queue('Orders').receiveMessage({ WaitTimeSeconds: 20 });
    expect(out.Messages).toBeUndefined();
    expect(sim.now() - before).toBe(20_000);
  });
});

describe('the caller identity of a request over HTTP', () => {
  test('aws:SecureTransport is false over plain HTTP: a queue policy denying insecure transport refuses HTTP calls, not in-process ones', async () => {
    const template = JSON.parse(JSON.stringify(TEMPLATE));
    template.Resources.OrdersPolicy = {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [{ Ref: 'Orders' }],
        PolicyDocument: {
          Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
        },
      },
    };
    const sim = Simulator.fromTemplate(template);
    const server = await sim.listen();
    try {
      const QueueUrl = sim.queue('Orders').queueUrl;
      const overHttp = await new SQSClient(server.clientConfig()).send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' })).catch(e => e);
      expect(overHttp.name).toBe('AccessDenied');
      const inProcess = await new SQSClient(sim.clientConfig()).send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' }));
      expect(inProcess.MessageId).toBeDefined();
    } finally {
      await server.close();
    }
  });

  test('aws:SourceIp is the socket address: a policy allowing only 10.0.0.0/8 refuses a caller on 127.0.0.1', async () => {
    const template = JSON.parse(JSON.stringify(TEMPLATE));
    template.Resources.OrdersPolicy = {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [{ Ref: 'Orders' }],
        PolicyDocument: {
          Statement: [{
            Effect: 'Deny',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: 'sqs:SendMessage',
            Resource: '*',
            Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
          }],
        },
      },
    };
    const sim = Simulator.fromTemplate(template);
    const server = await sim.listen();
    try {
      const err = await new SQSClient(server.clientConfig()).send(new SendMessageCommand({ QueueUrl: sim.queue('Orders').queueUrl, MessageBody: 'x' }))
        .catch(e => e);
      expect(err.name).toBe('AccessDenied');
    } finally {
      await server.close();
    }
  });
});

describe('sim.listen({ tls }): HTTPS on loopback', () => {
  test('with a certificate the endpoint is https and requests carry aws:SecureTransport true (an enforce-SSL policy admits them)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const cert = readFileSync(join(dir, 'cert.pem'));
    const template = JSON.parse(JSON.stringify(TEMPLATE));
    template.Resources.OrdersPolicy = {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [{ Ref: 'Orders' }],
        PolicyDocument: { Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
      },
    };
    const sim = Simulator.fromTemplate(template);
    const server = await sim.listen({ tls: { key: readFileSync(join(dir, 'key.pem')), cert } });
    try {
      expect(server.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const sqs = new SQSClient({ ...server.clientConfig(), requestHandler: { httpsAgent: new https.Agent({ ca: cert }) } });
      const out = await sqs.send(new SendMessageCommand({ QueueUrl: sim.queue('Orders').queueUrl, MessageBody: 'over TLS' }));
      expect(out.MessageId).toBeDefined();
      expect(sim.trace.some({ type: 'denied' })).toBe(false);
    } finally {
      await server.close();
    }
  });
});

describe('the clock while serving, after the test moved it', () => {
  test('after sim.advance, virtual time goes on following real time from the new time', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const server = await sim.listen();
    try {
      await sim.advance(60_000);
      const after = sim.now();
      await new Promise(resolve => setTimeout(resolve, 600));
      const sqs = new SQSClient(server.clientConfig());
      await sqs.send(new SendMessageCommand({ QueueUrl: sim.queue('Orders').queueUrl, MessageBody: 'x' }));
      const moved = sim.now() - after;
      expect(moved).toBeGreaterThanOrEqual(500);
      expect(moved).toBeLessThan(10_000);
    } finally {
      await server.close();
    }
  });
});
