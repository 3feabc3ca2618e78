/**
 * SDK calls from a function's own code run as its execution role, and the common mistakes behaviour tests exist to
 * catch surface as AWS would surface them: the function reads an environment variable the stack does not set.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Simulator } from '../../../../src/sim';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'fixtures', 'lambda-code');

const SENDER = `
  const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
  const sqs = new SQSClient({ region: 'us-east-1' });
  exports.handler = async (event) => {
    const out = await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify(event) }));
    return out.MessageId;
  };`;

function senderStack(environment: (queue: sqs.Queue) => Record<string, string>) {
  const stack = new Stack(new App(), 'Sender');
  const queue = new sqs.Queue(stack, 'Queue');
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline(SENDER), environment: environment(queue),
  });
  queue.grantSendMessages(fn);
  return { stack, queue, fn };
}

test('SDK calls from the code are signed as the execution role: a queue policy denying that role refuses the send', async () => {
  const { stack, queue, fn } = senderStack(q => ({ QUEUE_URL: q.queueUrl }));
  queue.addToResourcePolicy(new iam.PolicyStatement({
    effect: iam.Effect.DENY, actions: ['sqs:SendMessage'], principals: [new iam.ArnPrincipal(fn.role!.roleArn)], resources: [queue.queueArn],
  }));
  const sim = Simulator.fromStack(stack);
  await expect(sim.lambda(fn).invokeJson({ order: 1 })).rejects.toMatchObject({ name: 'AccessDenied' });
  const denied = sim.trace.filter({ type: 'denied' });
  expect(denied.map(e => (e.detail as { principal?: string }).principal)).toEqual([sim.resource(fn.role!).attributes.Arn]);
});

test('the SQS client follows a QueueUrl whose host is AWS\'s, and the request still reaches the simulator (routed at the request handler)', async () => {
  const { stack, queue, fn } = senderStack(q => ({ QUEUE_URL: q.queueUrl }));
  const sim = Simulator.fromStack(stack);
  expect(sim.resource(queue).ref).toMatch(/^https:\/\/sqs\.us-east-1\.amazonaws\.com\//);
  await sim.lambda(fn).invokeJson({ order: 2 });
  expect((await sim.queue(queue).receiveMessage({})).Messages?.map(m => m.Body)).toEqual(['{"order":2}']);
});

test('wrong environment variable: the handler reads QUEUE_URL but the stack sets QUEUE, and the function\'s error is recorded', async () => {
  const stack = new Stack(new App(), 'Mistake');
  const input = new sqs.Queue(stack, 'Input', { visibilityTimeout: Duration.seconds(30) });
  const output = new sqs.Queue(stack, 'Output');
  const fn = new lambda.Function(stack, 'Forwarder', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    environment: { QUEUE: output.queueUrl },
    code: lambda.Code.fromInline(`
      const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
      const sqs = new SQSClient({});
      exports.handler = async (event) => {
        for (const r of event.Records) await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: r.body }));
      };`),
  });
  fn.addEventSource(new SqsEventSource(input));
  output.grantSendMessages(fn);
  const sim = Simulator.fromStack(stack);
  await sim.queue(input).sendMessage({ MessageBody: 'order-1' });
  await sim.advance(Duration.seconds(10));
  // The SendMessage without a QueueUrl names no queue: SQS answers QueueDoesNotExist, the handler throws it.
  const failure = sim.lambda(fn).invocations[0].error;
  expect(failure).toMatchObject({ errorType: 'QueueDoesNotExist', errorMessage: 'The specified queue does not exist.' });
  expect(sim.trace.filter({ type: 'invocation-failed' })[0].detail).toMatchObject({ errorType: 'QueueDoesNotExist' });
  expect(await sim.queue(output).receiveMessage({})).not.toHaveProperty('Messages.0');
});

const pythonReady = spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore' }).status === 0;
const pythonTest = pythonReady ? test : test.skip;
if (!pythonReady) {
  // eslint-disable-next-line no-console
  console.warn('Python handler tests skipped: python3 with boto3 is not installed (Debian: python3-boto3)');
}

pythonTest('a Python handler runs with python3, and boto3 reaches the simulator as the execution role: the message lands in the queue', async () => {
  const stack = new Stack(new App(), 'Py');
  const queue = new sqs.Queue(stack, 'Queue');
  const code = lambda.Code.fromAsset(path.join(FIXTURES, 'python'));
  const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'app.handler', code, environment: { QUEUE_URL: queue.queueUrl } });
  const failing = new lambda.Function(stack, 'Failing', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'app.fails', code });
  queue.grantSendMessages(fn);
  const sim = Simulator.fromStack(stack);
  const out = await sim.lambda(fn).invokeJson<{ messageId: string; function: string; remaining: boolean }>({ order: 'py-1' });
  expect(out).toEqual({ messageId: expect.any(String), function: sim.lambda(fn).functionName, remaining: true });
  const received = await sim.queue(queue).receiveMessage({});
  expect(received.Messages?.map(m => [m.MessageId, JSON.parse(m.Body!)])).toEqual([[out.messageId, { order: 'py-1' }]]);
  expect(sim.trace.filter({ type: 'log' }).map(e => (e.detail as { message: string }).message)).toContain('sending py-1');
  await expect(sim.lambda(failing).invokeJson({})).rejects.toMatchObject({ name: 'ValueError', message: 'bad order' });
}, 30_000);

pythonTest('inline Python code (Code.fromInline) runs as index.py; a missing handler is Runtime.HandlerNotFound', async () => {
  const stack = new Stack(new App(), 'PyInline');
  const code = lambda.Code.fromInline('import os\ndef handler(event, context):\n    return {"region": os.environ["AWS_REGION"], "n": event["n"] + 1}\n');
  const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code });
  const missing = new lambda.Function(stack, 'Missing', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.other', code });
  const sim = Simulator.fromStack(stack);
  await expect(sim.lambda(fn).invokeJson({ n: 1 })).resolves.toEqual({ region: 'us-east-1', n: 2 });
  await expect(sim.lambda(missing).invokeJson({})).rejects.toMatchObject({ name: 'Runtime.HandlerNotFound', message: "Handler 'other' missing on module 'index'" });
}, 30_000);

const POLLER = `
  const { SQSClient, ReceiveMessageCommand } = require('@aws-sdk/client-sqs');
  const sqs = new SQSClient({});
  exports.handler = async () => {
    const started = Date.now();
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: process.env.QUEUE_URL, WaitTimeSeconds: 20 }));
    return { messages: (out.Messages || []).length, waitedMs: Date.now() - started };
  };`;

test('a long poll from the code does not deadlock the clock: invoked from the test it waits 20 virtual seconds on an empty queue', async () => {
  const stack = new Stack(new App(), 'Poller');
  const queue = new sqs.Queue(stack, 'Queue');
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(POLLER),
    environment: { QUEUE_URL: queue.queueUrl },
    timeout: Duration.seconds(30),
  });
  queue.grantConsumeMessages(fn);
  const sim = Simulator.fromStack(stack);
  await expect(sim.lambda(fn).invokeJson({})).resolves.toEqual({ messages: 0, waitedMs: 20_000 });
  expect(sim.lambda(fn).invocations[0].durationMs).toBe(20_000);
});

test('a long poll from code running inside a clock task (an asynchronous invocation) returns what is there at once', async () => {
  const stack = new Stack(new App(), 'Poller');
  const queue = new sqs.Queue(stack, 'Queue');
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(POLLER),
    environment: { QUEUE_URL: queue.queueUrl },
    timeout: Duration.seconds(30),
  });
  queue.grantConsumeMessages(fn);
  const sim = Simulator.fromStack(stack);
  await sim.queue(queue).sendMessage({ MessageBody: 'waiting' });
  await sim.lambda(fn).invoke({ InvocationType: 'Event', Payload: '{}' });
  await sim.runUntilIdle();
  expect(sim.lambda(fn).invocations.map(i => i.result)).toEqual([{ messages: 1, waitedMs: 0 }]);
});

pythonTest('boto3 in a Python handler signs as the execution role: a queue policy denying that role refuses its send (ClientError)', async () => {
  const stack = new Stack(new App(), 'PyDenied');
  const queue = new sqs.Queue(stack, 'Queue');
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.PYTHON_3_12, handler: 'app.handler', code: lambda.Code.fromAsset(path.join(FIXTURES, 'python')), environment: { QUEUE_URL: queue.queueUrl },
  });
  queue.grantSendMessages(fn);
  queue.addToResourcePolicy(new iam.PolicyStatement({
    effect: iam.Effect.DENY, actions: ['sqs:SendMessage'], principals: [new iam.ArnPrincipal(fn.role!.roleArn)], resources: [queue.queueArn],
  }));
  const sim = Simulator.fromStack(stack);
  await expect(sim.lambda(fn).invokeJson({ order: 'py-2' })).rejects.toMatchObject({ name: 'ClientError', message: expect.stringMatching(/AccessDenied/) });
  expect(sim.trace.filter({ type: 'denied' }).map(e => (e.detail as { principal?: string }).principal)).toEqual([sim.resource(fn.role!).attributes.Arn]);
}, 30_000);

pythonTest('boto3 calls from a Python handler count as HTTPS (aws:SecureTransport), so an enforce-SSL queue policy admits them', async () => {
  const stack = new Stack(new App(), 'PySsl');
  const queue = new sqs.Queue(stack, 'Queue', { enforceSSL: true });
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.PYTHON_3_12, handler: 'app.handler', code: lambda.Code.fromAsset(path.join(FIXTURES, 'python')), environment: { QUEUE_URL: queue.queueUrl },
  });
  queue.grantSendMessages(fn);
  const sim = Simulator.fromStack(stack);
  await expect(sim.lambda(fn).invokeJson({ order: 'py-3' })).resolves.toMatchObject({ messageId: expect.any(String) });
  expect(sim.trace.some({ type: 'denied' })).toBe(false);
}, 30_000);
