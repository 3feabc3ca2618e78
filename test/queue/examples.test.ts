import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { addQueueExamples } from '../../examples/queue';
import { StableSnapshot } from '../../src';
import { synthWarnings } from '../util/apps';
import { nagErrors, nagFindings } from '../util/nag';

describe('QueueExample', () => {
  const app = new App();
  addQueueExamples(app);
  const stack = app.node.findChild('QueueExample') as Stack;
  const template = Template.fromStack(stack);

  test('synthesizes with no cdk-nag finding in the four packs and no warning', () => {
    expect(nagErrors(app)).toEqual([]);
    expect(nagFindings(app)).toEqual([]);
    expect(synthWarnings(stack)).toEqual([]);
  });

  test('a standard and a FIFO ResilientQueue, each with its matched DLQ', () => {
    template.resourceCountIs('AWS::SQS::Queue', 4);
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'payments.fifo', FifoQueue: true, ContentBasedDeduplication: true });
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'payments-dlq.fifo', FifoQueue: true, ContentBasedDeduplication: true });
    template.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 60, ReceiveMessageWaitTimeSeconds: 20, FifoQueue: Match.absent() });
  });

  test('the FIFO queue alarms notify the encrypted alarm topic; the standard queue alarms have no actions', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a: any) => a.Properties);
    expect(alarms).toHaveLength(4);
    expect(alarms.filter(a => a.AlarmActions && a.OKActions)).toHaveLength(2);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });

  test('an inline Node.js 24 consumer with a 10 s timeout, partial batch responses and maximum concurrency 5', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs24.x', Timeout: 10, Code: { ZipFile: Match.stringLikeRegexp('batchItemFailures') } });
    // The mapping's maximum concurrency bounds the consumer and the queue has its own DLQ: no reserved concurrency, no Lambda DLQ.
    template.hasResourceProperties('AWS::Lambda::Function', {
      Code: { ZipFile: Match.stringLikeRegexp('batchItemFailures') },
      ReservedConcurrentExecutions: Match.absent(),
      DeadLetterConfig: Match.absent(),
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
  });

  test('snapshot', () => {
    expect(StableSnapshot.of(stack)).toMatchSnapshot();
  });
});
