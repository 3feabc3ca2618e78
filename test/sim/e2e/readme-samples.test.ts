/**
 * The README's two simulator samples, kept runnable: the same routing checked through handles and through SDK v3
 * clients in-process (SNS "Amazon SNS message filtering": a message reaches only the subscriptions whose policy matches).
 */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { App, Stack } from 'aws-cdk-lib';
import { FilterRoutedTopic } from '../../../src';
import { Simulator } from '../../../src/sim';

let stack: Stack;
let orders: FilterRoutedTopic;

beforeAll(() => {
  stack = new Stack(new App(), 'Shop');
  orders = new FilterRoutedTopic(stack, 'Orders', { attributeName: 'orderStatus', routes: ['submitted', 'refunded'] });
});

test('a submitted order reaches the submitted queue and no other', async () => {
  const sim = Simulator.fromStack(stack);
  await sim.topic(orders).publish({
    Message: JSON.stringify({ orderId: 'o-1' }),
    MessageAttributes: { orderStatus: { DataType: 'String', StringValue: 'submitted' } },
  });
  const run = await sim.runUntilIdle();
  expect(run.denied).toBe(0);
  expect(sim.trace.count({ resource: orders, type: 'filtered-out' })).toBe(2);
  const { Messages } = await sim.queue(orders.routeQueue('submitted')).receiveMessage({});
  expect(JSON.parse(Messages![0].Body!).Message).toBe('{"orderId":"o-1"}');
});

test('the same, through SDK v3 clients', async () => {
  const sim = Simulator.fromStack(stack);
  const sns = new SNSClient(sim.clientConfig());
  const sqs = new SQSClient(sim.clientConfig({ as: 'arn:aws:iam::123456789012:role/Reader' }));
  await sns.send(new PublishCommand({
    TopicArn: sim.topic(orders).topicArn,
    Message: '{"orderId":"o-1"}',
    MessageAttributes: { orderStatus: { DataType: 'String', StringValue: 'submitted' } },
  }));
  const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: sim.queue(orders.routeQueue('submitted')).queueUrl }));
  expect(JSON.parse(got.Messages![0].Body!).Message).toBe('{"orderId":"o-1"}');
  const refunded = await sqs.send(new ReceiveMessageCommand({ QueueUrl: sim.queue(orders.routeQueue('refunded')).queueUrl, WaitTimeSeconds: 0 }));
  expect(refunded.Messages).toBeUndefined();
  // A role the template does not declare: its identity policies are unknown, so they are taken as allowing and listed.
  expect(sim.unsupported.features).toContainEqual(expect.objectContaining({ logicalId: expect.stringContaining('role/Reader'), reason: expect.stringMatching(/identity-based policies unknown/) }));
});
