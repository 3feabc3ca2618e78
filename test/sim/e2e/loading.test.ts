/**
 * Loading stacks: several stacks of one app with Fn::ImportValue between them, a cloud assembly on disk, references
 * by construct and path in fromTemplate and in trace queries, strict runs, and the unsupported report by impact.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnOutput, Duration, Fn, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { FilterRoutedTopic, ResilientQueue } from '../../../src';
import { SimulationError, Simulator } from '../../../src/sim';

const ENV = { account: '123456789012', region: 'us-east-1' };
/** What `cdk synth` sets: templates carry each resource's construct path (aws:cdk:path metadata). */
const WITH_PATHS = { context: { 'aws:cdk:enable-path-metadata': true } };

/** A topic in one stack, exported by ARN; a queue in another subscribes to it through Fn::ImportValue. */
function twoStacks() {
  const app = new App();
  const producer = new Stack(app, 'Producer', { env: ENV });
  const topic = new sns.Topic(producer, 'Orders');
  new CfnOutput(producer, 'OrdersArn', { value: topic.topicArn, exportName: 'OrdersTopicArn' });
  const consumer = new Stack(app, 'Consumer', { env: ENV });
  consumer.addStackDependency?.(producer);
  const queue = new sqs.Queue(consumer, 'Inbox');
  const imported = sns.Topic.fromTopicArn(consumer, 'Imported', Fn.importValue('OrdersTopicArn'));
  imported.addSubscription(new subs.SqsSubscription(queue, { rawMessageDelivery: true }));
  return { app, producer, consumer, topic, queue };
}

describe('several stacks (fromStacks, fromApp)', () => {
  test('Fn::ImportValue reads the exporting stack\'s output, and a publish in one stack reaches a queue in the other', async () => {
    const { producer, consumer, topic, queue } = twoStacks();
    const sim = Simulator.fromStacks([consumer, producer]);
    await sim.topic(topic).publish({ Message: 'order-1' });
    await sim.runUntilIdle();
    const { Messages } = await sim.queue(queue).receiveMessage({});
    expect(Messages?.map(m => m.Body)).toEqual(['order-1']);
    expect(sim.trace.some({ type: 'denied' })).toBe(false);
  });

  test('fromApp loads every stack; logical ids are qualified by stack, and a path or a unique id still names a resource', () => {
    const { app, queue } = twoStacks();
    const sim = Simulator.fromApp(app);
    const ids = [...sim.resources.keys()];
    expect(ids.every(id => id.startsWith('Producer/') || id.startsWith('Consumer/'))).toBe(true);
    expect(sim.queue('Consumer/Inbox').queueArn).toBe(sim.queue(queue).queueArn);
    expect(sim.queue('Inbox').queueArn).toBe(sim.queue(queue).queueArn);
  });

  test('a logical id two stacks share names neither until it is qualified with the stack name', () => {
    const app = new App();
    const a = new Stack(app, 'A', { env: ENV });
    const b = new Stack(app, 'B', { env: ENV });
    new sqs.CfnQueue(a, 'Same');
    new sqs.CfnQueue(b, 'Same');
    const sim = Simulator.fromStacks([a, b]);
    expect(() => sim.queue('Same')).toThrow(/names a resource in more than one loaded stack/);
    expect(sim.queue('B/Same').queueUrl).not.toBe(sim.queue('A/Same').queueUrl);
  });

  test('an import of a name no loaded stack exports fails to load as CloudFormation fails the import', () => {
    const { consumer } = twoStacks();
    expect(() => Simulator.fromStacks([consumer])).toThrow('No export named OrdersTopicArn found.');
  });
});

describe('fromAssembly', () => {
  test('loads a synthesized cloud assembly: one named stack, or all of them; construct paths name resources', async () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-assembly-'));
    const app = new App({ outdir, ...WITH_PATHS });
    const producer = new Stack(app, 'Producer', { env: ENV });
    const topic = new sns.Topic(producer, 'Orders');
    const queue = new sqs.Queue(producer, 'Inbox');
    topic.addSubscription(new subs.SqsSubscription(queue, { rawMessageDelivery: true }));
    app.synth();
    const sim = Simulator.fromAssembly(outdir, { stack: 'Producer' });
    await sim.topic('Producer/Orders').publish({ Message: 'from disk' });
    await sim.runUntilIdle();
    expect((await sim.queue('Inbox').receiveMessage({})).Messages?.map(m => m.Body)).toEqual(['from disk']);
    expect(() => Simulator.fromAssembly(outdir, { stack: 'Nope' })).toThrow('no such stack. Stacks: Producer');
    expect(() => Simulator.fromAssembly(path.join(outdir, 'missing'))).toThrow('no manifest.json there');
  });
});

describe('references', () => {
  test('fromTemplate: a construct object or an L3 path names a resource when the template carries construct paths', async () => {
    const stack = new Stack(new App(WITH_PATHS), 'Shop', { env: ENV });
    const routing = new FilterRoutedTopic(stack, 'Orders', { attributeName: 'orderStatus', routes: ['submitted'] });
    const sim = Simulator.fromTemplate(Template.fromStack(stack).toJSON());
    expect(sim.topic(routing).logicalId).toBe(sim.topic('Orders/Fanout/Topic').logicalId);
    expect(sim.queue(routing.routeQueue('submitted')).queueUrl).toBe(sim.queue('Orders/Fanout/Route-submitted/Queue').queueUrl);
  });

  test('fromTemplate with { stack }: the stack\'s construct objects name resources as in fromStack', () => {
    const stack = new Stack(new App(), 'Shop', { env: ENV });
    const work = new ResilientQueue(stack, 'Work');
    const template = Template.fromStack(stack).toJSON();
    for (const r of Object.values<any>(template.Resources)) delete r.Metadata;
    const sim = Simulator.fromTemplate(template, { stack });
    expect(sim.queue(work).queueName).toBe(sim.queue(work.queue).queueName);
  });

  test('trace queries take a construct: an L3 selects the events of every resource beneath it', async () => {
    const stack = new Stack(new App(), 'Shop', { env: ENV });
    const routing = new FilterRoutedTopic(stack, 'Orders', { attributeName: 'orderStatus', routes: ['submitted', 'refunded'] });
    const sim = Simulator.fromStack(stack);
    await sim.topic(routing).publish({ Message: 'o', MessageAttributes: { orderStatus: { DataType: 'String', StringValue: 'submitted' } } });
    await sim.runUntilIdle();
    const all = sim.trace.filter({ resource: routing });
    expect(all.length).toBeGreaterThan(2);
    expect(new Set(all.map(e => e.service))).toEqual(new Set(['sns', 'sqs']));
    const submittedQueue = sim.trace.filter({ resource: routing.routeQueue('submitted'), type: 'sent' });
    expect(submittedQueue).toHaveLength(1);
    expect(sim.trace.filter({ resource: routing.routeQueue('refunded'), type: 'sent' })).toHaveLength(0);
    expect(sim.trace.filter({ resource: 'Orders/Fanout/Route-submitted/Queue', type: 'sent' })).toHaveLength(1);
  });

  test('a query by a topic selects its subscriptions\' deliveries (SNS records them against the subscription)', async () => {
    const stack = new Stack(new App(), 'Shop', { env: ENV });
    const topic = new sns.Topic(stack, 'Orders');
    const big = new sqs.Queue(stack, 'Big');
    const small = new sqs.Queue(stack, 'Small');
    topic.addSubscription(new subs.SqsSubscription(big, { filterPolicy: { size: sns.SubscriptionFilter.stringFilter({ allowlist: ['big'] }) } }));
    topic.addSubscription(new subs.SqsSubscription(small, { filterPolicy: { size: sns.SubscriptionFilter.stringFilter({ allowlist: ['small'] }) } }));
    const other = new sns.Topic(stack, 'Other');
    other.addSubscription(new subs.SqsSubscription(big));
    const sim = Simulator.fromStack(stack);
    await sim.topic(topic).publish({ Message: 'o', MessageAttributes: { size: { DataType: 'String', StringValue: 'big' } } });
    await sim.topic(other).publish({ Message: 'p' });
    expect(sim.trace.summary({ resource: topic }).map(line => line.split(':').slice(0, 1).concat(line.split(':').slice(-1)).join(':')).sort())
      .toEqual(['sns:delivered', 'sns:filtered-out', 'sns:published']);
    expect(sim.trace.count({ resource: other, type: 'delivered' })).toBe(1);
  });
});

describe('strict runs (no silent failures)', () => {
  function consumerStack() {
    const stack = new Stack(new App(), 'Work', { env: ENV });
    const queue = new sqs.Queue(stack, 'Jobs', { visibilityTimeout: Duration.seconds(30) });
    const fn = new lambda.Function(stack, 'Worker', {
      // A Java function: its code is not run by the simulator (Node.js and Python code is), so it needs a stand-in.
      runtime: lambda.Runtime.JAVA_21, handler: 'example.Handler::handleRequest', code: lambda.Code.fromAsset(path.join(__dirname, 'fixtures-empty-asset')),
    });
    fn.addEventSource(new SqsEventSource(queue));
    return { stack, queue, fn };
  }

  beforeAll(() => fs.mkdirSync(path.join(__dirname, 'fixtures-empty-asset'), { recursive: true }));
  afterAll(() => fs.rmSync(path.join(__dirname, 'fixtures-empty-asset'), { recursive: true, force: true }));

  test('a function invoked with neither a handler nor code the simulator can run fails runUntilIdle, naming the function', async () => {
    const { stack, queue } = consumerStack();
    const sim = Simulator.fromStack(stack);
    await sim.queue(queue).sendMessage({ MessageBody: 'job' });
    const run = sim.runUntilIdle();
    await expect(run).rejects.toThrow(SimulationError);
    await expect(run).rejects.toThrow(/Worker[A-F0-9]*: Lambda function .* was invoked but has no handler/);
  });

  test('with strict: false the run goes on and returns the problems; denied deliveries are counted in the result', async () => {
    const { stack, queue } = consumerStack();
    const sim = Simulator.fromStack(stack, { strict: false });
    await sim.queue(queue).sendMessage({ MessageBody: 'job' });
    const result = await sim.runUntilIdle({ maxTime: Duration.minutes(2) });
    // The message comes back after each 30 s visibility timeout: every invocation is a problem event in the trace,
    // and the run lists the problem once.
    expect(sim.trace.filter({ type: 'problem' }).length).toBeGreaterThan(1);
    expect(result.problems).toEqual([expect.stringMatching(/has no handler/)]);
    expect(result.denied).toBe(0);
  });

  test('a delivery a queue policy denies is counted in the run result', async () => {
    const sim = Simulator.fromTemplate({
      Resources: {
        T: { Type: 'AWS::SNS::Topic' },
        Q: { Type: 'AWS::SQS::Queue' },
        S: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: 'T' }, Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': ['Q', 'Arn'] } } },
      },
    });
    await sim.topic('T').publish({ Message: 'm' });
    const result = await sim.runUntilIdle();
    expect(result.denied).toBe(1);
  });
});

describe('sim.unsupported is grouped by impact', () => {
  test('resources not simulated, features of simulated resources not modelled, and placeholder attributes', () => {
    const sim = Simulator.fromTemplate({
      Resources: {
        Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
        Q: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true, FifoThroughputLimit: 'perQueue' } },
        T: { Type: 'AWS::SNS::Topic', Properties: { Tags: [{ Key: 'sg', Value: { 'Fn::GetAtt': ['Vpc', 'DefaultSecurityGroup'] } }] } },
      },
    });
    expect(sim.unsupported.resources.map(u => u.logicalId)).toEqual(['Vpc']);
    expect(sim.unsupported.features.map(u => u.logicalId)).toEqual(['Q']);
    expect(sim.unsupported.placeholders.map(u => u.reason)).toEqual([expect.stringContaining('Fn::GetAtt Vpc.DefaultSecurityGroup is not modelled')]);
    expect(sim.unsupported.all.map(u => u.impact)).toEqual(['resource', 'feature', 'placeholder']);
  });
});

describe('durations', () => {
  test('advance and runUntilIdle take an aws-cdk-lib Duration as well as milliseconds; a negative one is refused', async () => {
    const sim = Simulator.fromTemplate({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } });
    const start = sim.now();
    await sim.advance(Duration.minutes(5));
    await sim.advance(1500);
    expect(sim.now()).toBe(start + 5 * 60_000 + 1500);
    await expect(sim.advance(-1)).rejects.toThrow('sim.advance(): the duration must be a finite number of milliseconds >= 0 (got -1)');
    await expect(sim.runUntilIdle({ maxTime: Duration.hours(1) })).resolves.toMatchObject({ idle: true });
  });
});
