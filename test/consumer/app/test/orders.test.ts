import { readFileSync } from 'fs';
import { join } from 'path';
import * as cdk from 'aws-cdk-lib';
import { Simulator } from 'cdk-decoupling-patterns/sim';
import type { SqsEvent } from 'cdk-decoupling-patterns/sim';
import { OrdersStack } from '../lib/orders-stack';

/** The feature flags of the app's cdk.json, so the stack is the one `cdk synth` builds. */
function appContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, '..', 'cdk.json'), 'utf8')).context;
}

const status = (value: string) => ({ orderStatus: { DataType: 'String', StringValue: value } });

test('a submitted order reaches the consumer; a refunded one waits in its own queue', async () => {
  const app = new cdk.App({ context: appContext() });
  const stack = new OrdersStack(app, 'OrdersStack', { env: { account: '123456789012', region: 'us-east-1' } });
  const sim = Simulator.fromStack(stack);

  const processed: string[] = [];
  sim.lambda(stack.processor).handle(async (event: SqsEvent) => {
    processed.push(...event.Records.map(r => r.body));
    return { batchItemFailures: [] };
  });

  await sim.topic(stack.orders).publish({ Message: 'order-1', MessageAttributes: status('submitted') });
  await sim.topic(stack.orders).publish({ Message: 'order-2', MessageAttributes: status('refunded') });
  const result = await sim.runUntilIdle();

  expect(result.idle).toBe(true);
  expect(processed).toEqual(['order-1']);
  const refunded = await sim.queue(stack.orders.routeQueue('refunded')).receiveMessage({ MaxNumberOfMessages: 10, WaitTimeSeconds: 0 });
  expect((refunded.Messages ?? []).map(m => m.Body)).toEqual(['order-2']);
  expect(sim.trace.some({ type: 'denied' })).toBe(false);
});
