// The pattern notes' "online pickup order" (examples/workflow.ts) run offline: a successful order, a payment that is
// throttled and retried, and an order that fails and ends in the failure topic. Each scenario is asserted.
import { finish, loadExample, ScenarioResult } from './scenario';
import { Simulator } from '../src/sim';

const STACK = 'WorkflowPipelineExample';
const MACHINE = 'PickupOrder/Resource/Resource';
const CHARGE = 'ChargePayment';

function load(outdir: string): Simulator {
  return loadExample(outdir, STACK);
}

/** The functions run their own inline code (examples/workflow.ts); a payment can be given a virtual duration. */
function paymentTakes(sim: Simulator, durationMs: number): void {
  sim.lambda(CHARGE).withDuration(durationMs);
}

function publishedTo(sim: Simulator, topicPath: string): number {
  return sim.trace.filter({ type: 'published', resource: topicPath }).length;
}

/** A successful order: validated, charged, items reserved, the store told, 30 minutes for pickup, the customer told. */
const successfulOrder = async (outdir: string): Promise<ScenarioResult> => {
  const sim = load(outdir);
  const start = sim.now();
  const sm = sim.stateMachine(MACHINE);
  const { executionArn } = await sm.startExecution({ name: 'order-2', input: JSON.stringify({ orderId: 'order-2', items: [{ sku: 'A' }, { sku: 'B' }] }) });
  await sim.advance(29 * 60_000);
  const waiting = await sm.describeExecution({ executionArn });
  await sim.runUntilIdle();
  const done = await sm.describeExecution({ executionArn });
  const store = (await sim.queue('StorePickQueue/Queue').receiveMessage({ MaxNumberOfMessages: 10 })).Messages ?? [];
  const storeOrder = store.map(m => JSON.parse(m.Body ?? '{}')).find(b => b.orderId === 'order-2');
  // ReserveItem is a dynamodb:putItem per item (a Map), as the state machine's role.
  const reserved = ((await sim.table('Reservations').query({
    KeyConditionExpression: 'orderId = :o', ExpressionAttributeValues: { ':o': { S: 'order-2' } },
  })).Items ?? []).map(i => i.sku?.S);
  return finish('Pickup order: successful order (WorkflowPipelineExample)', sim, start, [
    [`the order SUCCEEDED after the 30-minute pickup wait (${done.status}, ${(done.stopDate!.getTime() - done.startDate.getTime()) / 60_000} min)`,
      done.status === 'SUCCEEDED' && done.stopDate!.getTime() - done.startDate.getTime() === 30 * 60_000],
    ['it was still waiting for pickup after 29 minutes', waiting.status === 'RUNNING'],
    [`the store queue got the order with its charge (${storeOrder?.fulfilment?.[0]?.chargeId ?? 'none'})`, storeOrder?.fulfilment?.[0]?.chargeId === 'ch_order-2'],
    [`both items are reserved in the Reservations table (${reserved.join(', ')})`, reserved.join() === 'A,B'],
    ['the customer was told the order is ready (one publish to CustomerNotifications)', publishedTo(sim, 'CustomerNotifications') === 1],
    [`no failure was published for it (failure topic: ${publishedTo(sim, 'OrderFailures')} message(s))`, publishedTo(sim, 'OrderFailures') === 0],
  ]);
};

/** Twelve orders at once: the payment function's reserved concurrency (10) throttles two; Step Functions retries them. */
const paymentRetried = async (outdir: string): Promise<ScenarioResult> => {
  const sim = load(outdir);
  const start = sim.now();
  paymentTakes(sim, 1500);
  const sm = sim.stateMachine(MACHINE);
  const arns: string[] = [];
  for (let i = 0; i < 12; i++) arns.push((await sm.startExecution({ name: `burst-${i}`, input: JSON.stringify({ orderId: `burst-${i}`, items: [] }) })).executionArn);
  await sim.runUntilIdle();
  const statuses = await Promise.all(arns.map(async executionArn => (await sm.describeExecution({ executionArn })).status));
  const throttled = sim.trace.filter({ type: 'throttled', resource: CHARGE }).length;
  const retried = sim.trace.filter({ type: 'state-run' }).filter(e => e.detail.state === 'Charge' && (e.detail.retries ?? 0) > 0).length;
  const charged = sim.lambda(CHARGE).invocations.filter(i => i.result !== undefined).length;
  return finish('Pickup order: a throttled payment is retried (WorkflowPipelineExample)', sim, start, [
    [`the payment function was throttled ${throttled} times (Lambda.TooManyRequestsException)`, throttled >= 2],
    [`${retried} Charge steps succeeded after a retry (Retry on Lambda.TooManyRequestsException, 2 s with full jitter)`, retried >= 2],
    [`every order was charged once (${charged} charges)`, charged === 12],
    [`all 12 orders SUCCEEDED (${statuses.filter(s => s === 'SUCCEEDED').length})`, statuses.every(s => s === 'SUCCEEDED')],
  ]);
};

/** An order the validation rejects: caught, published to the failure topic with the error, and the execution fails. */
const failedOrder = async (outdir: string): Promise<ScenarioResult> => {
  const sim = load(outdir);
  const start = sim.now();
  const sm = sim.stateMachine(MACHINE);
  const d = await sm.run({ name: 'bad-order', input: JSON.stringify({ orderId: 'bad-order', items: [] }) });
  const { events } = await sm.getExecutionHistory({ executionArn: d.executionArn });
  const notify = events.find(e => e.type === 'TaskScheduled' && JSON.parse((e.taskScheduledEventDetails as { parameters: string }).parameters).Subject === 'Workflow failed');
  const message = notify ? JSON.parse((notify.taskScheduledEventDetails as { parameters: string }).parameters).Message : undefined;
  return finish('Pickup order: a rejected order ends in the failure topic (WorkflowPipelineExample)', sim, start, [
    [`the execution FAILED with the validation error (${d.status} ${d.error})`, d.status === 'FAILED' && d.error === 'InvalidOrder'],
    ['the failure topic got one message', publishedTo(sim, 'OrderFailures') === 1],
    [`the message names the error, the state and the execution (${message?.error}, ${message?.state})`,
      message?.error === 'InvalidOrder' && message?.state === 'NotifyFailureTopic' && message?.execution === d.executionArn],
    ['nothing was charged', sim.lambda(CHARGE).invocations.length === 0],
  ]);
};

export const workflowScenarios = [successfulOrder, paymentRetried, failedOrder];
