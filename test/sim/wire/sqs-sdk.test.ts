import {
  ChangeMessageVisibilityCommand, DeleteMessageBatchCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand,
  SendMessageBatchCommand, SendMessageCommand, SQSClient,
} from '@aws-sdk/client-sqs';
import { TEMPLATE } from './fixtures';
import { Simulator } from '../../../src/sim';

describe('SQS through SDK v3 in-process (sim.clientConfig(), awsJson1_0)', () => {
  test('SendMessage, ReceiveMessage (the SDK checks the MD5s), DeleteMessage: the queue is empty afterwards', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const sqs = new SQSClient(sim.clientConfig());
    const QueueUrl = sim.queue('Orders').queueUrl;
    const sent = await sqs.send(new SendMessageCommand({
      QueueUrl,
      MessageBody: 'order 1\nwith a newline & <xml>',
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'new' }, blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) } },
    }));
    expect(sent.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.$metadata.httpStatusCode).toBe(200);
    expect(sent.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }));
    expect(got.Messages).toHaveLength(1);
    const m = got.Messages![0];
    expect(m.Body).toBe('order 1\nwith a newline & <xml>');
    expect(m.MessageAttributes?.kind).toEqual({ DataType: 'String', StringValue: 'new' });
    expect(Array.from(m.MessageAttributes?.blob.BinaryValue ?? [])).toEqual([1, 2, 3]);
    expect(m.Attributes?.ApproximateReceiveCount).toBe('1');
    expect(m.Attributes?.SenderId).toBe('123456789012');

    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle! }));
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    expect(attrs.Attributes?.ApproximateNumberOfMessages).toBe('0');
    expect(attrs.Attributes?.ApproximateNumberOfMessagesNotVisible).toBe('0');
  });

  test('a client configured by AWS_ENDPOINT_URL follows a QueueUrl on sqs.<region>.amazonaws.com (the known trap) and still stays in-process', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const QueueUrl = sim.queue('Orders').queueUrl;
    expect(QueueUrl).toBe('https://sqs.us-east-1.amazonaws.com/123456789012/orders');
    // As function code builds its client: no endpoint in the code, the endpoint from the environment.
    const { region, credentials, requestHandler, endpoint } = sim.clientConfig();
    const saved = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = endpoint;
    const hosts: string[] = [];
    try {
      const sqs = new SQSClient({ region, credentials, requestHandler, logger: { debug() {}, info() {}, warn() {}, error() {} } });
      sqs.middlewareStack.add(next => async args => {
        hosts.push((args.request as { hostname: string }).hostname);
        return next(args);
      }, { step: 'finalizeRequest', name: 'recordHost' });
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' }));
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = saved;
    }
    // The SDK addressed the request to the QueueUrl's host, not to AWS_ENDPOINT_URL; the simulator answered it anyway.
    expect(hosts).toEqual(['sqs.us-east-1.amazonaws.com']);
    expect(endpoint).toBe('https://aws.simulator.invalid');
    expect(await sim.queue('Orders').receiveMessage({})).toMatchObject({ Messages: [{ Body: 'x' }] });
  });

  test('a client with the endpoint of sim.clientConfig() sends to that endpoint whatever the QueueUrl', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const hosts: string[] = [];
    const sqs = new SQSClient(sim.clientConfig());
    sqs.middlewareStack.add(next => async args => {
      hosts.push((args.request as { hostname: string }).hostname);
      return next(args);
    }, { step: 'finalizeRequest', name: 'recordHost' });
    await sqs.send(new SendMessageCommand({ QueueUrl: sim.queue('Orders').queueUrl, MessageBody: 'x' }));
    expect(hosts).toEqual(['aws.simulator.invalid']);
  });

  test('errors arrive as the SDK error classes: QueueDoesNotExist with its HTTP status, InvalidParameterValue, a batch with per-entry failures', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const sqs = new SQSClient(sim.clientConfig());
    const QueueUrl = sim.queue('Orders').queueUrl;
    const missing = await sqs.send(new SendMessageCommand({ QueueUrl: `${QueueUrl}-nope`, MessageBody: 'x' })).catch(e => e);
    expect(missing.name).toBe('QueueDoesNotExist');
    expect(missing.$metadata.httpStatusCode).toBe(400);
    expect(missing.message).toBe('The specified queue does not exist.');
    // The query-era code comes through x-amzn-query-error, as the SDK exposes it for query-compatible services.
    expect(missing.Code).toBe('AWS.SimpleQueueService.NonExistentQueue');

    const bad = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 11 })).catch(e => e);
    expect(bad.name).toBe('InvalidParameterValue');

    await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [{ Id: 'a', MessageBody: '1' }, { Id: 'b', MessageBody: '2' }] }));
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    expect(received.Messages?.map(m => m.Body).sort()).toEqual(['1', '2']);
    const deleted = await sqs.send(new DeleteMessageBatchCommand({
      QueueUrl, Entries: [{ Id: 'ok', ReceiptHandle: received.Messages![0].ReceiptHandle }, { Id: 'bad', ReceiptHandle: 'not-a-handle' }],
    }));
    expect(deleted.Successful?.map(e => e.Id)).toEqual(['ok']);
    expect(deleted.Failed).toEqual([{ Id: 'bad', SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: expect.stringContaining('not-a-handle') }]);
  });

  test('a long poll on an empty queue drives the virtual clock like an awaited handle call: it returns after WaitTimeSeconds of virtual time', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const sqs = new SQSClient(sim.clientConfig());
    const QueueUrl = sim.queue('Orders').queueUrl;
    const start = sim.now();
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    expect(out.Messages).toBeUndefined();
    expect(sim.now() - start).toBe(20_000);
  });

  test('a long poll returns as soon as a message becomes visible again (visibility timeout ending in virtual time)', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const sqs = new SQSClient(sim.clientConfig());
    const QueueUrl = sim.queue('Orders').queueUrl;
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'again' }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: first.Messages![0].ReceiptHandle!, VisibilityTimeout: 7 }));
    const start = sim.now();
    const second = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    expect(second.Messages?.[0].Body).toBe('again');
    expect(second.Messages?.[0].Attributes).toBeUndefined();
    expect(sim.now() - start).toBe(7_000);
  });
});
