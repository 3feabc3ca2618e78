import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Simulator } from '../../../src/sim';

/** What a CDK app synthesizes for an order fan-out: filters, raw delivery, a subscription DLQ and queue policies. */
function orderStack() {
  const app = new App();
  const stack = new Stack(app, 'Orders', { env: { account: '123456789012', region: 'us-east-1' } });
  const topic = new sns.Topic(stack, 'OrderEvents');
  const processing = new sqs.Queue(stack, 'Processing');
  const refunds = new sqs.Queue(stack, 'Refunds');
  const bigOrders = new sqs.Queue(stack, 'BigOrders', { visibilityTimeout: Duration.seconds(60) });
  const subscriptionDlq = new sqs.Queue(stack, 'SubscriptionDlq');
  topic.addSubscription(new subs.SqsSubscription(processing, {
    filterPolicy: { status: sns.SubscriptionFilter.stringFilter({ allowlist: ['submitted'] }) },
  }));
  topic.addSubscription(new subs.SqsSubscription(refunds, {
    rawMessageDelivery: true,
    filterPolicy: { status: sns.SubscriptionFilter.stringFilter({ allowlist: ['refund-requested'] }) },
    deadLetterQueue: subscriptionDlq,
  }));
  topic.addSubscription(new subs.SqsSubscription(bigOrders, {
    filterPolicyWithMessageBody: {
      order: sns.FilterOrPolicy.policy({ total: sns.FilterOrPolicy.filter(sns.SubscriptionFilter.numericFilter({ greaterThanOrEqualTo: 1000 })) }),
    },
  }));
  return { stack, topic, processing, refunds, bigOrders, subscriptionDlq };
}

describe('SNS through the public Simulator, on a CDK-synthesized template', () => {
  test('fan-out with filter routing: each queue receives what its subscription accepts, through its queue policy', async () => {
    const s = orderStack();
    const sim = Simulator.fromStack(s.stack);
    const topic = sim.topic(s.topic);
    await topic.publish({ Message: JSON.stringify({ order: { id: 1, total: 1500 } }), MessageAttributes: { status: { DataType: 'String', StringValue: 'submitted' } } });
    await topic.publish({ Message: 'refund 7', MessageAttributes: { status: { DataType: 'String', StringValue: 'refund-requested' } } });

    const processing = await sim.queue(s.processing).receiveMessage({ MaxNumberOfMessages: 10 });
    expect(processing.Messages?.map(m => JSON.parse(m.Body as string).Type)).toEqual(['Notification']);
    const refunds = await sim.queue(s.refunds).receiveMessage({ MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] });
    expect(refunds.Messages?.map(m => [m.Body, m.MessageAttributes?.status?.StringValue])).toEqual([['refund 7', 'refund-requested']]);
    const big = await sim.queue(s.bigOrders).receiveMessage({ MaxNumberOfMessages: 10 });
    expect(big.Messages?.map(m => JSON.parse(JSON.parse(m.Body as string).Message).order.id)).toEqual([1]);
    expect(sim.trace.filter({ service: 'sns', type: 'filtered-out' })).toHaveLength(3);
  });

  test('a queue policy that does not allow the topic makes the delivery fail into the subscription DLQ', async () => {
    const s = orderStack();
    const template = Template.fromStack(s.stack).toJSON() as { Resources: Record<string, any> };
    // Point the refunds queue policy at another topic: SNS is no longer allowed to send to that queue.
    for (const r of Object.values(template.Resources)) {
      if (r.Type !== 'AWS::SQS::QueuePolicy' || !JSON.stringify(r.Properties.Queues).includes('Refunds')) continue;
      for (const st of r.Properties.PolicyDocument.Statement) st.Condition = { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:another-topic' } };
    }
    const sim = Simulator.fromTemplate(template, { account: '123456789012', region: 'us-east-1' });
    const topicId = Object.keys(template.Resources).find(id => template.Resources[id].Type === 'AWS::SNS::Topic') as string;
    await sim.topic(topicId).publish({ Message: 'refund 8', MessageAttributes: { status: { DataType: 'String', StringValue: 'refund-requested' } } });
    const dlqId = Object.keys(template.Resources).find(id => id.startsWith('SubscriptionDlq') && template.Resources[id].Type === 'AWS::SQS::Queue') as string;
    const dlq = await sim.queue(dlqId).receiveMessage({ MaxNumberOfMessages: 10 });
    expect(dlq.Messages?.map(m => m.Body)).toEqual(['refund 8']);
    expect(sim.trace.summary({ service: 'sns' }).filter(l => !l.endsWith('filtered-out'))).toEqual([
      expect.stringMatching(/^sns:OrderEvents\w*:published$/),
      expect.stringMatching(/:delivery-failed$/),
      expect.stringMatching(/:moved-to-dlq$/),
    ]);
    expect(sim.trace.some({ service: 'sqs', type: 'denied' })).toBe(true);
  });
});
