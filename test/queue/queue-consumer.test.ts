import { CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { compliantHandler } from './handler-fixture';
import { QueueConsumer, QueueConsumerProps, ResilientQueue, ResilientQueueProps, VisibilityTimeoutCheck } from '../../src/queue';
import { APP_VARIANTS, newStack, synthWarnings } from '../util/apps';
import { nagErrors, nagFindings } from '../util/nag';

interface Built { stack: Stack; rq: ResilientQueue; fn: lambda.Function; consumer: QueueConsumer; template: Template }

function build(options: Partial<QueueConsumerProps> = {}, queueProps: ResilientQueueProps = {}, timeout?: Duration): Built {
  const stack = newStack();
  const rq = new ResilientQueue(stack, 'Orders', queueProps);
  const fn = compliantHandler(stack, 'Handler', timeout);
  const consumer = new QueueConsumer(stack, 'Consumer', { queue: rq.queue, handler: fn, ...options });
  return { stack, rq, fn, consumer, template: Template.fromStack(stack) };
}

function consume(options: Partial<QueueConsumerProps>, queueProps: ResilientQueueProps = {}, timeout?: Duration): void {
  build(options, queueProps, timeout);
}

const ref = (stack: Stack, c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as any);

describe('QueueConsumer defaults', () => {
  test('one event source mapping from the queue to the function, reporting batch item failures', () => {
    const { stack, rq, fn, template } = build();
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [ref(stack, rq.queue), 'Arn'] },
      FunctionName: { Ref: ref(stack, fn) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  test('leaves batch size (10), batching window (none), concurrency (no limit) and enabled (true) to the Lambda defaults', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: Match.absent(),
      MaximumBatchingWindowInSeconds: Match.absent(),
      ScalingConfig: Match.absent(),
      Enabled: Match.absent(),
      FilterCriteria: Match.absent(),
    });
  });

  test('grants consume rights through a customer managed policy on the handler role, created before the mapping', () => {
    const { stack, rq, fn, consumer, template } = build();
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: ref(stack, fn.role as iam.Role) }],
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: ['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueUrl', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
          Resource: { 'Fn::GetAtt': [ref(stack, rq.queue), 'Arn'] },
        }],
      },
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.hasResource('AWS::Lambda::EventSourceMapping', { DependsOn: [ref(stack, consumer.consumePolicy as iam.ManagedPolicy)] });
  });

  test('a KMS-encrypted queue adds kms:Decrypt on its key', () => {
    const { stack, rq, template } = build({}, { encryption: sqs.QueueEncryption.KMS });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Effect: 'Allow', Action: 'kms:Decrypt', Resource: { 'Fn::GetAtt': [ref(stack, rq.queue.encryptionMasterKey as kms.Key), 'Arn'] },
        }]),
      },
    });
  });

  test('exposes the mapping', () => {
    const { stack, consumer, template } = build();
    expect(Object.keys(template.findResources('AWS::Lambda::EventSourceMapping'))).toEqual([ref(stack, consumer.eventSourceMapping)]);
  });

  test.each(APP_VARIANTS)('default props: no cdk-nag errors in any of the four packs, no warnings (%s)', (_name, newApp) => {
    const stack = newStack(newApp());
    const rq = new ResilientQueue(stack, 'Orders');
    new QueueConsumer(stack, 'Consumer', { queue: rq.queue, handler: compliantHandler(stack, 'Handler') });
    expect(nagErrors(stack)).toEqual([]);
    expect(nagFindings(stack)).toEqual([]);
    expect(synthWarnings(stack)).toEqual([]);
  });

  test.each(APP_VARIANTS)('a FIFO KMS queue: no cdk-nag findings, no warnings (%s)', (_name, newApp) => {
    const stack = newStack(newApp());
    const rq = new ResilientQueue(stack, 'Orders', { fifo: true, encryption: sqs.QueueEncryption.KMS });
    new QueueConsumer(stack, 'Consumer', { queue: rq.queue, handler: compliantHandler(stack, 'Handler'), batchSize: 10, maxConcurrency: 5 });
    expect(nagFindings(stack)).toEqual([]);
    expect(synthWarnings(stack)).toEqual([]);
  });
});

describe('QueueConsumer options', () => {
  test('passes batch size, batching window, concurrency, enabled and filters through', () => {
    const { template } = build({
      batchSize: 10_000,
      maxBatchingWindow: Duration.minutes(5),
      maxConcurrency: 1000,
      enabled: false,
      filters: [lambda.FilterCriteria.filter({ body: { status: lambda.FilterRule.isEqual('submitted') } })],
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10000,
      MaximumBatchingWindowInSeconds: 300,
      ScalingConfig: { MaximumConcurrency: 1000 },
      Enabled: false,
      FilterCriteria: { Filters: [{ Pattern: '{"body":{"status":["submitted"]}}' }] },
    });
  });

  test('reportBatchItemFailures: false leaves out the partial batch response', () => {
    const { template } = build({ reportBatchItemFailures: false });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { FunctionResponseTypes: Match.absent() });
  });

  test('accepts the edges: batch size 1, 10 on FIFO, concurrency 2, window 0 s', () => {
    expect(() => consume({ batchSize: 1, maxConcurrency: 2, maxBatchingWindow: Duration.seconds(0) })).not.toThrow();
    expect(() => consume({ batchSize: 10 }, { fifo: true })).not.toThrow();
  });

  test('a function imported without a role gets no grant and a warning that says so', () => {
    const stack = newStack();
    const rq = new ResilientQueue(stack, 'Orders');
    const fn = lambda.Function.fromFunctionArn(stack, 'Imported', 'arn:aws:lambda:us-east-1:123456789012:function:worker');
    const consumer = new QueueConsumer(stack, 'Consumer', { queue: rq.queue, handler: fn });
    expect(consumer.consumePolicy).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    expect(synthWarnings(stack).join('\n')).toMatch(/TestStack\/Imported has no role in this app, so it was not granted sqs:ReceiveMessage/);
  });
});

describe('QueueConsumer validation', () => {
  test.each([
    ['batchSize 0', { batchSize: 0 }, {}, /QueueConsumer: invalid batchSize \("0 messages \(standard queue\)"\); allowed: an integer from 1 to 10000/],
    ['batchSize 10,001', { batchSize: 10_001, maxBatchingWindow: Duration.seconds(1) }, {}, /invalid batchSize \("10001 messages \(standard queue\)"\); allowed: an integer from 1 to 10000/],
    ['batchSize 11 on FIFO', { batchSize: 11 }, { fifo: true }, /invalid batchSize \("11 messages \(FIFO queue\)"\); allowed: an integer from 1 to 10 messages \(FIFO queue\)/],
    ['batchSize 11 without a window', { batchSize: 11 }, {},
      /invalid batchSize \("11 messages"\); allowed: at most 10 messages unless maxBatchingWindow is at least 1 second \(Lambda rule for SQS batches above 10\)/],
    ['batchSize 11 with a 0-second window', { batchSize: 11, maxBatchingWindow: Duration.seconds(0) }, {}, /at most 10 messages unless maxBatchingWindow is at least 1 second/],
    ['maxBatchingWindow 301 s', { maxBatchingWindow: Duration.seconds(301) }, {},
      /invalid maxBatchingWindow \("5 minutes 1 second = 301 seconds"\); allowed: 0 seconds to 5 minutes \(0\.\.300 seconds/],
    ['maxBatchingWindow on FIFO', { maxBatchingWindow: Duration.seconds(1) }, { fifo: true },
      /invalid maxBatchingWindow \(1 second\); allowed: no batching window on a FIFO queue/],
    ['maxConcurrency 1', { maxConcurrency: 1 }, {}, /invalid maxConcurrency \("1 concurrent invocations"\); allowed: an integer from 2 to 1000 concurrent invocations/],
    ['maxConcurrency 1001', { maxConcurrency: 1001 }, {}, /invalid maxConcurrency \("1001 concurrent invocations"\); allowed: an integer from 2 to 1000/],
  ])('%s is rejected', (_name, options, queueProps, message) => {
    expect(() => consume(options as Partial<QueueConsumerProps>, queueProps as ResilientQueueProps)).toThrow(message);
  });
});

describe('QueueConsumer visibility timeout rule (>= 6 x function timeout)', () => {
  test('rejects by default a visibility timeout under six times the function timeout, naming both', () => {
    expect(() => consume({}, {}, Duration.seconds(10))).toThrow(new RegExp(
      'QueueConsumer: invalid queue visibilityTimeout \\("30 seconds on TestStack/Orders/Queue"\\); allowed: at least 6 x the function timeout '
      + 'of TestStack/Handler \\(6 x 10 seconds = 60 seconds\\), per the AWS Lambda guidance for SQS event sources; '
      + 'raise the queue\'s visibilityTimeout, lower the function timeout, or set visibilityTimeoutCheck'));
  });

  test('uses the defaults when neither is set: 30 s (SQS) >= 6 x 3 s (Lambda)', () => {
    expect(() => consume({})).not.toThrow();
  });

  test('exactly six times passes, one second more on the function fails', () => {
    expect(() => consume({}, {}, Duration.seconds(5))).not.toThrow();
    expect(() => consume({}, {}, Duration.seconds(6))).toThrow(/6 x 6 seconds = 36 seconds/);
    expect(() => consume({}, { visibilityTimeout: Duration.minutes(6) }, Duration.minutes(1))).not.toThrow();
  });

  test('WARN: synthesizes with a warning on the consumer', () => {
    const { stack } = build({ visibilityTimeoutCheck: VisibilityTimeoutCheck.WARN }, {}, Duration.seconds(10));
    const warnings = synthWarnings(stack);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\/TestStack\/Consumer: .*The visibility timeout of TestStack\/Orders\/Queue \(30 seconds\) is shorter than the function timeout/);
  });

  test('WARN still rejects a function timeout longer than the visibility timeout (Lambda refuses that mapping)', () => {
    expect(() => consume({ visibilityTimeoutCheck: VisibilityTimeoutCheck.WARN }, {}, Duration.seconds(31))).toThrow(
      /invalid queue visibilityTimeout .*Lambda rejects an event source mapping whose function timeout exceeds the queue's visibility timeout/);
  });

  test('OFF: no error and no warning', () => {
    const { stack } = build({ visibilityTimeoutCheck: VisibilityTimeoutCheck.OFF }, {}, Duration.minutes(1));
    expect(synthWarnings(stack)).toEqual([]);
  });

  test('checks the function behind an alias', () => {
    const stack = newStack();
    const rq = new ResilientQueue(stack, 'Orders');
    const fn = compliantHandler(stack, 'Handler', Duration.seconds(10));
    const alias = new lambda.Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion });
    expect(() => new QueueConsumer(stack, 'Consumer', { queue: rq.queue, handler: alias })).toThrow(/6 x 10 seconds = 60 seconds/);
  });

  test('works with a plain sqs.Queue too', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Plain', { visibilityTimeout: Duration.seconds(20) });
    expect(() => new QueueConsumer(stack, 'Consumer', { queue, handler: compliantHandler(stack, 'Handler', Duration.seconds(4)) }))
      .toThrow(/invalid queue visibilityTimeout \("20 seconds on TestStack\/Plain"\)/);
  });

  test('skips the rule when a duration is not known at synth time', () => {
    const stack = newStack();
    const imported = sqs.Queue.fromQueueArn(stack, 'Imported', 'arn:aws:sqs:us-east-1:123456789012:jobs');
    const fn = compliantHandler(stack, 'Handler', Duration.minutes(5));
    expect(() => new QueueConsumer(stack, 'FromImported', { queue: imported, handler: fn })).not.toThrow();
    const seconds = new CfnParameter(stack, 'Visibility', { type: 'Number' }).valueAsNumber;
    const tokenQueue = new sqs.Queue(stack, 'TokenQueue', { visibilityTimeout: Duration.seconds(seconds) });
    expect(() => new QueueConsumer(stack, 'FromToken', { queue: tokenQueue, handler: fn })).not.toThrow();
  });
});

describe('QueueConsumer given the ResilientQueue itself (JavaScript, where no type check stops it)', () => {
  /** What a JavaScript user writes: `queue: rq` instead of `queue: rq.queue`. */
  const asJavaScript = (value: unknown) => value as sqs.IQueue;

  function buildWith(queueOf: (rq: ResilientQueue) => unknown, timeout?: Duration) {
    const stack = newStack();
    const rq = new ResilientQueue(stack, 'Orders');
    const fn = compliantHandler(stack, 'Handler', timeout);
    const consumer = new QueueConsumer(stack, 'Consumer', { queue: asJavaScript(queueOf(rq)), handler: fn });
    return { stack, rq, fn, consumer };
  }

  test('consumes its queue: the same template as with `rq.queue`, the mapping and the grant on the L3\'s queue', () => {
    const { stack, rq, consumer } = buildWith(given => given);
    const template = Template.fromStack(stack);
    expect(consumer.queue).toBe(rq.queue);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { EventSourceArn: { 'Fn::GetAtt': [ref(stack, rq.queue), 'Arn'] } });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Resource: { 'Fn::GetAtt': [ref(stack, rq.queue), 'Arn'] } })] },
    });
    expect(template.toJSON()).toEqual(Template.fromStack(buildWith(q => q.queue).stack).toJSON());
  });

  test('the visibility timeout rule applies to its queue', () => {
    expect(() => buildWith(rq => rq, Duration.seconds(10))).toThrow(
      /QueueConsumer: invalid queue visibilityTimeout \("30 seconds on TestStack\/Orders\/Queue"\); allowed: at least 6 x the function timeout of TestStack\/Handler/);
    expect(() => buildWith(rq => rq, Duration.seconds(5))).not.toThrow();
  });

  test('its FIFO type picks the FIFO batch limit', () => {
    const stack = newStack();
    const rq = new ResilientQueue(stack, 'Orders', { fifo: true });
    expect(() => new QueueConsumer(stack, 'Consumer', { queue: asJavaScript(rq), handler: compliantHandler(stack, 'Handler'), batchSize: 11 }))
      .toThrow(/invalid batchSize \("11 messages \(FIFO queue\)"\); allowed: an integer from 1 to 10/);
  });

  test.each([
    ['another construct', (stack: Stack) => new lambda.Function(stack, 'NotAQueue', {
      runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    }), /QueueConsumer: invalid queue \("construct TestStack\/NotAQueue"\); allowed: an sqs\.IQueue \(an sqs\.Queue, or one imported with sqs\.Queue\.fromQueueArn or fromQueueAttributes\) or a ResilientQueue/],
    ['a queue ARN string', () => 'arn:aws:sqs:us-east-1:123456789012:jobs', /invalid queue \("arn:aws:sqs:us-east-1:123456789012:jobs"\); allowed: an sqs\.IQueue/],
    ['nothing', () => undefined, /invalid queue \(undefined\); allowed: an sqs\.IQueue/],
  ])('anything else that is not a queue is rejected, naming the prop and the value: %s', (_name, make, message) => {
    const stack = newStack();
    const handler = compliantHandler(stack, 'Handler');
    expect(() => new QueueConsumer(stack, 'Consumer', { queue: asJavaScript(make(stack)), handler })).toThrow(message);
  });
});
