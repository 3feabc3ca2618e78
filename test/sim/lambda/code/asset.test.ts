/**
 * Functions whose code is an asset of the cloud assembly (`Code.fromAsset`, NodejsFunction bundles): the simulator
 * finds the asset directory through the stack's assets manifest and loads the handler module from it as the Lambda
 * Node.js runtime does (nested handler paths, relative requires, the package's own node_modules), each function in
 * its own module scope.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Simulator } from '../../../../src/sim';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'fixtures', 'lambda-code');

function appStack(app = new App()) {
  const stack = new Stack(app, 'Assets');
  const code = lambda.Code.fromAsset(path.join(FIXTURES, 'app'));
  const greeter = new lambda.Function(stack, 'Greeter', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'src/app.handler', code });
  const twin = new lambda.Function(stack, 'Twin', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'src/app.handler', code });
  return { stack, greeter, twin };
}

test('an asset function loads its nested handler module (src/app.handler), relative requires, JSON and its own node_modules', async () => {
  const { stack, greeter } = appStack();
  const sim = Simulator.fromStack(stack);
  const out = await sim.lambda(greeter).invokeJson<Record<string, unknown>>({ name: 'Ada' });
  expect(out).toEqual({ message: 'Hello, Ada!', loadedAt: 1, invocation: 2, taskRoot: true });
});

test('module state lives as long as the warm environment; two functions loading the same file get separate module instances', async () => {
  const { stack, greeter, twin } = appStack();
  const sim = Simulator.fromStack(stack);
  expect((await sim.lambda(greeter).invokeJson<any>({ name: 'a' })).invocation).toBe(2);
  expect((await sim.lambda(greeter).invokeJson<any>({ name: 'b' })).invocation).toBe(3);
  expect((await sim.lambda(twin).invokeJson<any>({ name: 'c' })).invocation).toBe(2);
  sim.lambda(greeter).reset();
  expect((await sim.lambda(greeter).invokeJson<any>({ name: 'd' })).invocation).toBe(2);
});

test('the function\'s modules are not the test\'s: requiring the same file from the test gives another instance', async () => {
  const { stack, greeter } = appStack();
  const sim = Simulator.fromStack(stack);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const testCounter = require(path.join(FIXTURES, 'app', 'src', 'counter.js'));
  const before = testCounter.next();
  await sim.lambda(greeter).invokeJson({ name: 'x' });
  expect(testCounter.next()).toBe(before + 1);
});

test('Simulator.fromAssembly finds the asset directories of a synthesized cdk.out', async () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-assembly-'));
  const app = new App({ outdir });
  appStack(app);
  app.synth();
  const sim = Simulator.fromAssembly(outdir);
  const id = [...sim.resources.values()].find(r => r.type === 'AWS::Lambda::Function' && r.logicalId.startsWith('Greeter'))!.logicalId;
  await expect(sim.lambda(id).invokeJson({ name: 'Bo' })).resolves.toMatchObject({ message: 'Hello, Bo!' });
  fs.rmSync(outdir, { recursive: true, force: true });
});

test('fromTemplate has no assembly: an asset function is listed in sim.unsupported and its invocation is a problem naming why', async () => {
  const { stack, greeter } = appStack();
  const sim = Simulator.fromTemplate(Template.fromStack(stack).toJSON(), { strict: false });
  const id = stack.resolve((greeter.node.defaultChild as lambda.CfnFunction).logicalId);
  expect(sim.unsupported.features.some(f => f.logicalId === id && /not an asset of the loaded cloud assembly/.test(f.reason))).toBe(true);
  await expect(sim.lambda(id).invokeJson({})).rejects.toMatchObject({ name: 'Simulator.HandlerNotRegistered' });
  expect((await sim.runUntilIdle()).problems[0]).toMatch(/its own code does not run in the simulator/);
});

test('an ES module handler (.mjs) is reported as not run, not run wrongly', () => {
  const stack = new Stack(new App(), 'Esm');
  const fn = new lambda.Function(stack, 'Esm', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset(path.join(FIXTURES, 'esm')) });
  const sim = Simulator.fromStack(stack);
  expect(sim.lambda(fn).runsCode).toBe(false);
  expect(sim.unsupported.features.find(f => f.reason.includes('ES module'))).toBeDefined();
});

test('a NodejsFunction bundle (esbuild, SDK external) runs and its SDK client sends through the simulator as the role', async () => {
  const stack = new Stack(new App(), 'Bundled');
  const queue = new sqs.Queue(stack, 'Queue');
  const fn = new nodejs.NodejsFunction(stack, 'Fn', {
    entry: path.join(FIXTURES, 'bundle', 'index.ts'),
    runtime: lambda.Runtime.NODEJS_22_X,
    environment: { QUEUE_URL: queue.queueUrl },
    bundling: { forceDockerBundling: false },
  });
  queue.grantSendMessages(fn);
  const sim = Simulator.fromStack(stack);
  const out = await sim.lambda(fn).invokeJson<{ id: string }>({ order: 'o-9' });
  const received = await sim.queue(queue).receiveMessage({});
  expect(received.Messages?.map(m => [m.MessageId, m.Body])).toEqual([[out.id, 'o-9']]);
}, 60_000);

test('the Powertools batch processor in a bundled function: the failing record alone returns to the queue (ReportBatchItemFailures)', async () => {
  const stack = new Stack(new App(), 'Powertools');
  const queue = new sqs.Queue(stack, 'Queue', { visibilityTimeout: Duration.seconds(30) });
  const fn = new nodejs.NodejsFunction(stack, 'Fn', {
    entry: path.join(FIXTURES, 'powertools', 'index.ts'), runtime: lambda.Runtime.NODEJS_22_X, bundling: { forceDockerBundling: false },
  });
  fn.addEventSource(new SqsEventSource(queue, { reportBatchItemFailures: true, batchSize: 10, maxBatchingWindow: Duration.seconds(1) }));
  const sim = Simulator.fromStack(stack);
  await sim.queue(queue).sendMessageBatch({
    Entries: [{ Id: 'a', MessageBody: '{"orderId":"o-1"}' }, { Id: 'b', MessageBody: 'garbage' }, { Id: 'c', MessageBody: '{"orderId":"o-3"}' }],
  });
  await sim.advance(Duration.seconds(5));
  const first = sim.lambda(fn).invocations[0];
  expect(first.result).toEqual({ batchItemFailures: [{ itemIdentifier: expect.any(String) }] });
  const logs = sim.trace.filter({ type: 'log' }).map(e => (e.detail as { message: string }).message);
  expect(logs).toEqual(expect.arrayContaining(['processed o-1', 'processed o-3']));
  await sim.advance(Duration.seconds(30));
  const bodies = sim.lambda(fn).invocations.slice(1).flatMap(i => (i.event as { Records: { body: string }[] }).Records.map(r => r.body));
  expect(bodies).toContain('garbage');
  expect(bodies).not.toContain('{"orderId":"o-1"}');
}, 60_000);
