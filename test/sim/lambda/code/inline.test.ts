/**
 * Functions' own inline code (`Code.fromInline`, the template's `Code.ZipFile`) run by the simulator as the Lambda
 * Node.js runtime runs it: the handler string, the function's environment, the context, async and callback
 * handlers, errors shaped as Lambda shapes them, console output as log events, warm environments.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Simulator } from '../../../../src/sim';

interface InlineOptions {
  readonly runtime?: lambda.Runtime;
  readonly handler?: string;
  readonly environment?: Record<string, string>;
  readonly timeout?: Duration;
}

function stackWith(code: string, options: InlineOptions = {}) {
  const stack = new Stack(new App(), 'Inline');
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: options.runtime ?? lambda.Runtime.NODEJS_22_X,
    handler: options.handler ?? 'index.handler',
    code: lambda.Code.fromInline(code),
    environment: options.environment,
    timeout: options.timeout ?? Duration.seconds(3),
    memorySize: 256,
  });
  return { stack, fn };
}

test('inline code runs with no stand-in: the async handler\'s return value is the result', async () => {
  const { stack, fn } = stackWith('exports.handler = async (event) => ({ doubled: event.n * 2 });');
  const sim = Simulator.fromStack(stack);
  expect(sim.lambda(fn).runsCode).toBe(true);
  await expect(sim.lambda(fn).invokeJson({ n: 21 })).resolves.toEqual({ doubled: 42 });
});

test('the handler reads the template\'s resolved Environment and Lambda\'s reserved variables from process.env, at top level too', async () => {
  const { stack, fn } = stackWith(`
    const atInit = process.env.GREETING;
    exports.handler = async () => ({
      atInit,
      greeting: process.env.GREETING,
      region: process.env.AWS_REGION,
      name: process.env.AWS_LAMBDA_FUNCTION_NAME,
      memory: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      version: process.env.AWS_LAMBDA_FUNCTION_VERSION,
      execEnv: process.env.AWS_EXECUTION_ENV,
      handler: process.env._HANDLER,
      hasKey: typeof process.env.AWS_ACCESS_KEY_ID === 'string' && process.env.AWS_ACCESS_KEY_ID.startsWith('ASIA'),
      hasToken: typeof process.env.AWS_SESSION_TOKEN === 'string',
    });`, { environment: { GREETING: 'hello' } });
  const sim = Simulator.fromStack(stack, { region: 'eu-west-1' });
  const out = await sim.lambda(fn).invokeJson<Record<string, unknown>>({});
  expect(out).toEqual({
    atInit: 'hello',
    greeting: 'hello',
    region: 'eu-west-1',
    name: sim.lambda(fn).functionName,
    memory: '256',
    version: '$LATEST',
    execEnv: 'AWS_Lambda_nodejs22.x',
    handler: 'index.handler',
    hasKey: true,
    hasToken: true,
  });
  expect(process.env.GREETING).toBeUndefined();
});

test('the context carries the request id, function name, ARN, memory and the remaining time from the Timeout', async () => {
  const { stack, fn } = stackWith(`exports.handler = async (event, context) => ({
      requestId: context.awsRequestId, name: context.functionName, arn: context.invokedFunctionArn,
      memory: context.memoryLimitInMB, version: context.functionVersion, remaining: context.getRemainingTimeInMillis(),
      group: context.logGroupName });`, { timeout: Duration.seconds(7) });
  const sim = Simulator.fromStack(stack);
  const handle = sim.lambda(fn);
  const out = await handle.invoke({ Payload: '{}' });
  const body = JSON.parse(Buffer.from(out.Payload!).toString());
  expect(body).toEqual({
    requestId: out.$metadata.requestId,
    name: handle.functionName,
    arn: handle.functionArn,
    memory: '256',
    version: '$LATEST',
    remaining: 7000,
    group: `/aws/lambda/${handle.functionName}`,
  });
});

test('a callback handler (Node.js 22 and earlier) answers through the callback; an error passed to it fails the invocation', async () => {
  const { stack, fn } = stackWith(`exports.handler = (event, context, callback) => {
      if (event.fail) callback(new TypeError('bad input')); else setImmediate(() => callback(null, { ok: event.n }));
    };`);
  const sim = Simulator.fromStack(stack);
  await expect(sim.lambda(fn).invokeJson({ n: 3 })).resolves.toEqual({ ok: 3 });
  const out = await sim.lambda(fn).invoke({ Payload: JSON.stringify({ fail: true }) });
  expect(out.FunctionError).toBe('Unhandled');
  const body = JSON.parse(Buffer.from(out.Payload!).toString());
  expect(body.errorType).toBe('TypeError');
  expect(body.errorMessage).toBe('bad input');
});

test('Node.js 24 refuses callback-based handlers with Runtime.CallbackHandlerDeprecated', async () => {
  const { stack, fn } = stackWith('exports.handler = (event, context, callback) => callback(null, 1);', { runtime: lambda.Runtime.NODEJS_24_X });
  const sim = Simulator.fromStack(stack);
  await expect(sim.lambda(fn).invokeJson({})).rejects.toMatchObject({ name: 'Runtime.CallbackHandlerDeprecated' });
});

test('a thrown error is returned as { errorType: error.name, errorMessage, trace } with the file and line of the throw', async () => {
  const { stack, fn } = stackWith('class OrderError extends Error { constructor(m) { super(m); this.name = "OrderError"; } }\n'
    + 'exports.handler = async () => {\n  throw new OrderError("order 7 is invalid");\n};');
  const sim = Simulator.fromStack(stack);
  const out = await sim.lambda(fn).invoke({ Payload: '{}' });
  const body = JSON.parse(Buffer.from(out.Payload!).toString());
  expect(body.errorType).toBe('OrderError');
  expect(body.errorMessage).toBe('order 7 is invalid');
  expect(body.trace[0]).toBe('OrderError: order 7 is invalid');
  expect(body.trace.join('\n')).toContain('/var/task/index.js:3');
  expect(sim.lambda(fn).invocations[0].error?.errorType).toBe('OrderError');
});

test('a handler name that is not exported fails with Runtime.HandlerNotFound; a module that is not there with Runtime.ImportModuleError', async () => {
  const missingExport = stackWith('exports.other = async () => 1;');
  const sim1 = Simulator.fromStack(missingExport.stack);
  await expect(sim1.lambda(missingExport.fn).invokeJson({})).rejects.toMatchObject({
    name: 'Runtime.HandlerNotFound', message: 'index.handler is undefined or not exported',
  });
  const missingModule = stackWith('exports.handler = async () => 1;', { handler: 'app.handler' });
  const sim2 = Simulator.fromStack(missingModule.stack);
  await expect(sim2.lambda(missingModule.fn).invokeJson({})).rejects.toMatchObject({ name: 'Runtime.ImportModuleError', message: "Error: Cannot find module 'app'" });
  const missingDependency = stackWith('const x = require("left-pad"); exports.handler = async () => 1;');
  const sim3 = Simulator.fromStack(missingDependency.stack);
  await expect(sim3.lambda(missingDependency.fn).invokeJson({})).rejects.toMatchObject({ name: 'Runtime.ImportModuleError' });
});

test('code that does not parse fails with Runtime.UserCodeSyntaxError', async () => {
  const { stack, fn } = stackWith('exports.handler = async () => { return 1 ;;; )');
  const sim = Simulator.fromStack(stack);
  await expect(sim.lambda(fn).invokeJson({})).rejects.toMatchObject({ name: 'Runtime.UserCodeSyntaxError' });
});

test('top-level code runs once per warm environment, not per invocation; reset() starts a new environment (cold start)', async () => {
  const { stack, fn } = stackWith('let inits = (globalThis.__simInits || 0); let calls = 0; exports.handler = async () => ({ calls: ++calls });');
  const sim = Simulator.fromStack(stack);
  const handle = sim.lambda(fn);
  expect(await handle.invokeJson({})).toEqual({ calls: 1 });
  expect(await handle.invokeJson({})).toEqual({ calls: 2 });
  handle.reset();
  expect(await handle.invokeJson({})).toEqual({ calls: 1 });
  expect(sim.trace.filter({ type: 'environment-started' })).toHaveLength(2);
});

test('console output goes to the trace as log events with the invocation\'s request id, not to the test\'s stdout', async () => {
  const { stack, fn } = stackWith('console.log("init"); exports.handler = async (e) => { console.log("order %s", e.id); console.error("oops"); return null; };');
  const sim = Simulator.fromStack(stack);
  const spy = jest.spyOn(process.stdout, 'write');
  const out = await sim.lambda(fn).invoke({ Payload: JSON.stringify({ id: 'o-1' }) });
  const logs = sim.trace.filter({ type: 'log' }).map(e => e.detail);
  expect(logs).toEqual([
    { level: 'INFO', message: 'init' },
    { requestId: out.$metadata.requestId, level: 'INFO', message: 'order o-1' },
    { requestId: out.$metadata.requestId, level: 'ERROR', message: 'oops' },
  ]);
  expect(spy).not.toHaveBeenCalled();
  spy.mockRestore();
});

test('a registered stand-in overrides the code', async () => {
  const { stack, fn } = stackWith('exports.handler = async () => "code";');
  const sim = Simulator.fromStack(stack);
  sim.lambda(fn).handle(async () => 'stand-in');
  expect(sim.lambda(fn).runsCode).toBe(false);
  await expect(sim.lambda(fn).invokeJson({})).resolves.toBe('stand-in');
});

test('runCode: false leaves functions to stand-ins: an invocation without one is a problem naming the reason', async () => {
  const { stack, fn } = stackWith('exports.handler = async () => "code";');
  const sim = Simulator.fromStack(stack, { runCode: false, strict: false });
  expect(sim.lambda(fn).runsCode).toBe(false);
  await expect(sim.lambda(fn).invokeJson({})).rejects.toMatchObject({ name: 'Simulator.HandlerNotRegistered' });
  const run = await sim.runUntilIdle();
  expect(run.problems[0]).toContain('runCode: false');
});

test('errors thrown by the code are instances of the test\'s Error (one realm), and two functions get separate module scopes', async () => {
  const stack = new Stack(new App(), 'Two');
  const code = lambda.Code.fromInline('let n = 0; exports.handler = async () => ({ n: ++n, err: new Error("x") instanceof Error });');
  const a = new lambda.Function(stack, 'A', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code });
  const b = new lambda.Function(stack, 'B', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code });
  const sim = Simulator.fromStack(stack);
  expect(await sim.lambda(a).invokeJson({})).toEqual({ n: 1, err: true });
  expect(await sim.lambda(a).invokeJson({})).toEqual({ n: 2, err: true });
  expect(await sim.lambda(b).invokeJson({})).toEqual({ n: 1, err: true });
});

test('a handler still pending at its Timeout fails with "Task timed out after N seconds" and lasts the timeout', async () => {
  const { stack, fn } = stackWith('exports.handler = () => new Promise(() => {});', { timeout: Duration.seconds(1) });
  const sim = Simulator.fromStack(stack);
  const out = await sim.lambda(fn).invoke({ Payload: '{}' });
  const body = JSON.parse(Buffer.from(out.Payload!).toString());
  expect(body.errorType).toBe('Sandbox.Timedout');
  expect(body.errorMessage).toBe(`RequestId: ${out.$metadata.requestId} Error: Task timed out after 1.00 seconds`);
  expect(sim.lambda(fn).invocations[0].durationMs).toBe(1000);
});

test('the AWS SDK v3 resolves from inline code and its calls are answered in-process as the execution role: the message lands in the queue', async () => {
  const stack = new Stack(new App(), 'Sender');
  const queue = new sqs.Queue(stack, 'Queue');
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    environment: { QUEUE_URL: queue.queueUrl },
    code: lambda.Code.fromInline(`
      const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
      const sqs = new SQSClient({});
      exports.handler = async (event) => {
        const out = await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify(event) }));
        return { messageId: out.MessageId };
      };`),
  });
  queue.grantSendMessages(fn);
  const sim = Simulator.fromStack(stack);
  const { messageId } = await sim.lambda(fn).invokeJson<{ messageId: string }>({ order: 7 });
  const received = await sim.queue(queue).receiveMessage({ MaxNumberOfMessages: 10 });
  expect(received.Messages?.map(m => [m.MessageId, m.Body])).toEqual([[messageId, '{"order":7}']]);
  const sent = sim.trace.filter({ type: 'sent' });
  expect(sent).toHaveLength(1);
});

test('the code\'s Date tells virtual time: new Date() and Date.now() follow the simulation\'s clock', async () => {
  const { stack, fn } = stackWith('exports.handler = async () => ({ now: Date.now(), iso: new Date().toISOString(), parsed: new Date(0).getTime() });');
  const sim = Simulator.fromStack(stack, { startTime: new Date('2030-05-01T12:00:00Z') });
  await sim.advance(60_000);
  expect(await sim.lambda(fn).invokeJson({})).toEqual({ now: Date.parse('2030-05-01T12:01:00Z'), iso: '2030-05-01T12:01:00.000Z', parsed: 0 });
});

test('process.exit() in the handler ends the environment with Runtime.ExitError, and the test process keeps running', async () => {
  const { stack, fn } = stackWith('let calls = 0; exports.handler = async (e) => { calls++; if (e.exit) process.exit(2); return calls; };');
  const sim = Simulator.fromStack(stack);
  expect(await sim.lambda(fn).invokeJson({})).toBe(1);
  const out = await sim.lambda(fn).invoke({ Payload: JSON.stringify({ exit: true }) });
  expect(JSON.parse(Buffer.from(out.Payload!).toString())).toMatchObject({
    errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${out.$metadata.requestId} Error: Runtime exited with error: exit status 2`,
  });
  expect(await sim.lambda(fn).invokeJson({})).toBe(1);
});

test('a virtual duration given to the code (withDuration) longer than the Timeout times the invocation out, as in AWS', async () => {
  const { stack, fn } = stackWith('exports.handler = async () => "done";', { timeout: Duration.seconds(2) });
  const sim = Simulator.fromStack(stack);
  sim.lambda(fn).withDuration(5_000);
  const out = await sim.lambda(fn).invoke({ Payload: '{}' });
  expect(JSON.parse(Buffer.from(out.Payload!).toString()).errorMessage).toBe(`RequestId: ${out.$metadata.requestId} Error: Task timed out after 2.00 seconds`);
  expect(sim.now() - Date.UTC(2024, 0, 1)).toBe(2_000);
});

test('LogType Tail returns the invocation\'s own log lines between START and END, as CloudWatch Logs shows them', async () => {
  const { stack, fn } = stackWith('exports.handler = async (e) => { console.log("order", e.id); console.warn("slow"); return 1; };');
  const sim = Simulator.fromStack(stack);
  const out = await sim.lambda(fn).invoke({ Payload: JSON.stringify({ id: 'o-5' }), LogType: 'Tail' });
  const id = out.$metadata.requestId;
  const lines = Buffer.from(out.LogResult!, 'base64').toString().split('\n');
  expect(lines.slice(0, 4)).toEqual([
    `START RequestId: ${id} Version: $LATEST`,
    `2024-01-01T00:00:00.000Z\t${id}\tINFO\torder o-5`,
    `2024-01-01T00:00:00.000Z\t${id}\tWARN\tslow`,
    `END RequestId: ${id}`,
  ]);
});

test('a template setting a reserved environment variable (AWS_REGION) is refused at load, as Lambda refuses it', () => {
  const template = {
    Resources: {
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Runtime: 'nodejs22.x',
          Handler: 'index.handler',
          Role: 'arn:aws:iam::123456789012:role/Fn',
          Code: { ZipFile: 'exports.handler = async () => 1;' },
          Environment: { Variables: { AWS_REGION: 'eu-west-1', OK: 'yes' } },
        },
      },
    },
  };
  expect(() => Simulator.fromTemplate(template)).toThrow(/contains reserved keys that are currently not supported for modification\. Reserved keys used in this request: AWS_REGION/);
});
