/**
 * The lambda, s3 and cloudwatch simulators against the real SQS and SNS services, through the public Simulator, on
 * templates aws-cdk-lib synthesizes: a queue consumer with partial batch responses, a poison message that ends in the
 * DLQ and fires the DLQ alarm, and `bucket.addEventNotification` (Custom::S3BucketNotifications) into a function.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Simulator } from '../../../src/sim';
import type { SqsEvent } from '../../../src/sim/lambda';

function consumerStack() {
  const stack = new Stack(new App(), 'Orders');
  const dlq = new sqs.Queue(stack, 'Dlq');
  const queue = new sqs.Queue(stack, 'Queue', { visibilityTimeout: Duration.seconds(60), deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
  const fn = new lambda.Function(stack, 'Consumer', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('x'), timeout: Duration.seconds(30) });
  fn.addEventSource(new sources.SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true }));
  const ops = new sns.Topic(stack, 'Ops');
  const inbox = new sqs.Queue(stack, 'OpsInbox');
  ops.addSubscription(new subs.SqsSubscription(inbox, { rawMessageDelivery: true }));
  const alarm = new cloudwatch.Alarm(stack, 'DlqAlarm', {
    metric: dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  });
  alarm.addAlarmAction(new actions.SnsAction(ops));
  return { stack, dlq, queue, fn, inbox, alarm };
}

test('a poison message fails through the event source mapping until maxReceiveCount, lands in the DLQ and the DLQ alarm notifies the ops topic', async () => {
  const { stack, dlq, queue, fn, inbox, alarm } = consumerStack();
  const sim = Simulator.fromStack(stack);
  sim.lambda(fn).handle(async (event: SqsEvent) => ({
    batchItemFailures: event.Records.filter(r => r.body.includes('poison')).map(r => ({ itemIdentifier: r.messageId })),
  }));
  await sim.queue(queue).sendMessage({ MessageBody: JSON.stringify({ order: 1 }) });
  await sim.queue(queue).sendMessage({ MessageBody: JSON.stringify({ order: 2, poison: true }) });
  const result = await sim.runUntilIdle();
  expect(result.idle).toBe(true);

  const invocations = sim.lambda(fn).invocations;
  expect(invocations).toHaveLength(3);
  expect((invocations[0].event as SqsEvent).Records).toHaveLength(2);
  expect(invocations.slice(1).map(i => (i.event as SqsEvent).Records.map(r => r.attributes.ApproximateReceiveCount))).toEqual([['2'], ['3']]);
  expect(invocations[1].time - invocations[0].time).toBe(60_000);

  const inDlq = await sim.queue(dlq).receiveMessage({ MaxNumberOfMessages: 10, VisibilityTimeout: 0 });
  expect(inDlq.Messages?.map(m => JSON.parse(m.Body!).order)).toEqual([2]);

  expect(sim.alarm(alarm).state).toBe('ALARM');
  const notified = await sim.queue(inbox).receiveMessage({ MaxNumberOfMessages: 10 });
  expect(notified.Messages).toHaveLength(1);
  const message = JSON.parse(notified.Messages![0].Body!);
  // The empty DLQ was evaluated OK at the first minute; the message arrived after the third receive (2 minutes in).
  expect(message).toMatchObject({ NewStateValue: 'ALARM', OldStateValue: 'OK', Trigger: { MetricName: 'ApproximateNumberOfMessagesVisible', Namespace: 'AWS/SQS' } });
});

test('bucket.addEventNotification: the Custom::S3BucketNotifications configuration routes uploads to the function, which the Lambda permission allows', async () => {
  const stack = new Stack(new App(), 'Uploads');
  const bucket = new s3.Bucket(stack, 'Bucket');
  const fn = new lambda.Function(stack, 'Thumbnailer', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
  bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn), { prefix: 'images/', suffix: '.png' });
  const sim = Simulator.fromStack(stack);
  const keys: string[] = [];
  sim.lambda(fn).handle(async (event: { Records: { s3: { object: { key: string } } }[] }) => {
    keys.push(...event.Records.map(r => r.s3.object.key));
  });
  await sim.bucket(bucket).putObject({ Key: 'images/cat 1.png', Body: 'png' });
  await sim.bucket(bucket).putObject({ Key: 'docs/readme.txt', Body: 'txt' });
  await sim.runUntilIdle();
  expect(keys).toEqual(['images/cat+1.png']);
  expect(sim.lambda(fn).invocations[0]).toMatchObject({ source: 'async', invokedBy: 's3.amazonaws.com' });
  // The provider function of the custom resource is infrastructure: it needs no handler and nothing failed.
  expect(sim.trace.filter({ service: 'lambda', type: 'invocation-failed' })).toHaveLength(0);
  expect(sim.trace.filter({ type: 'denied' })).toHaveLength(0);
});
