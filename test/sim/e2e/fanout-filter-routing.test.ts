/**
 * End to end on the library's constructs: FilterRoutedTopic / FanoutTopic, synthesized and run in the simulator.
 * A `submitted` order reaches the processing queue and not the refunds queue.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { FanoutTopic, FilterRoutedTopic } from '../../../src/fanout';
import { Simulator } from '../../../src/sim';

const status = (value: string) => ({ orderStatus: { DataType: 'String', StringValue: value } });

function routedStack() {
  const stack = new Stack(new App(), 'Shop', { env: { account: '123456789012', region: 'us-east-1' } });
  const orders = new FilterRoutedTopic(stack, 'Orders', { attributeName: 'orderStatus', routes: ['submitted', 'refunded'], rawMessageDelivery: true });
  return { stack, orders };
}

describe('FilterRoutedTopic in the simulator', () => {
  test('each order status reaches exactly its route queue; other values reach the catch-all queue', async () => {
    const { stack, orders } = routedStack();
    const sim = Simulator.fromStack(stack);
    const topic = sim.topic(orders);
    await topic.publish({ Message: 'order-1', MessageAttributes: status('submitted') });
    await topic.publish({ Message: 'order-2', MessageAttributes: status('refunded') });
    await topic.publish({ Message: 'order-3', MessageAttributes: status('cancelled') });
    await sim.runUntilIdle();

    const bodies = async (q: object) => {
      const out = await sim.queue(q).receiveMessage({ MaxNumberOfMessages: 10, WaitTimeSeconds: 0 });
      return (out.Messages ?? []).map(m => m.Body);
    };
    expect(await bodies(orders.routeQueue('submitted'))).toEqual(['order-1']);
    expect(await bodies(orders.routeQueue('refunded'))).toEqual(['order-2']);
    expect(await bodies(orders.catchAllQueue!)).toEqual(['order-3']);
  });

  test('a message without the routing attribute goes nowhere (no filter matches a missing attribute)', async () => {
    const { stack, orders } = routedStack();
    const sim = Simulator.fromStack(stack);
    await sim.topic(orders).publish({ Message: 'no-status' });
    await sim.runUntilIdle();
    for (const q of [orders.routeQueue('submitted'), orders.routeQueue('refunded'), orders.catchAllQueue!]) {
      expect((await sim.queue(q).receiveMessage({ WaitTimeSeconds: 0 })).Messages ?? []).toHaveLength(0);
    }
    expect(sim.trace.filter({ type: 'filtered-out' })).toHaveLength(3);
  });

  test('the queue policies the construct synthesizes allow the topic (no denied event in the trace)', async () => {
    const { stack, orders } = routedStack();
    const sim = Simulator.fromStack(stack);
    await sim.topic(orders).publish({ Message: 'x', MessageAttributes: status('submitted') });
    await sim.runUntilIdle();
    expect(sim.trace.some({ type: 'denied' })).toBe(false);
    expect(sim.trace.some({ service: 'sqs', type: 'sent', resource: sim.queue(orders.routeQueue('submitted')).logicalId })).toBe(true);
  });
});

describe('FanoutTopic in the simulator', () => {
  test('envelope delivery by default; a body-scope filter policy routes on the message body', async () => {
    const stack = new Stack(new App(), 'Shop', { env: { account: '123456789012', region: 'us-east-1' } });
    const fanout = new FanoutTopic(stack, 'Events');
    const all = fanout.addQueue('All');
    const big = fanout.addQueue('BigOrders', {
      filterPolicyWithMessageBody: { amount: sns.FilterOrPolicy.filter(sns.SubscriptionFilter.numericFilter({ greaterThanOrEqualTo: 100 })) },
      rawMessageDelivery: true,
    });
    const sim = Simulator.fromStack(stack);
    await sim.topic(fanout).publish({ Message: JSON.stringify({ amount: 250 }) });
    await sim.topic(fanout).publish({ Message: JSON.stringify({ amount: 5 }) });
    await sim.runUntilIdle();

    const allMessages = (await sim.queue(all).receiveMessage({ MaxNumberOfMessages: 10 })).Messages ?? [];
    expect(allMessages.map(m => JSON.parse(m.Body!).Message)).toEqual(['{"amount":250}', '{"amount":5}']);
    expect(JSON.parse(allMessages[0].Body!).Type).toBe('Notification');
    const bigMessages = (await sim.queue(big).receiveMessage({ MaxNumberOfMessages: 10 })).Messages ?? [];
    expect(bigMessages.map(m => m.Body)).toEqual(['{"amount":250}']);
  });
});
