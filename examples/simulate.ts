// Runs the synthesized example stacks offline in the simulator (the second half of `npm run examples`): each
// scenario loads a template from cdk.out/, drives it on the virtual clock and checks what AWS would do. A scenario
// whose outcome differs exits non-zero. Every scenario's simulator ends up in one HTML report, cdk.out/report.html.
import * as path from 'path';
import { finish, loadExample as load, ScenarioResult, Scenario } from './scenario';
import { API_SCENARIOS } from './simulate-api';
import { DYNAMODB_SCENARIOS } from './simulate-dynamodb';
import { IAM_SCENARIOS } from './simulate-iam';
import { pipelineScenarios } from './simulate-pipelines';
import { WIRE_SCENARIOS } from './simulate-wire';
import { workflowScenarios } from './simulate-workflow';
import { Simulator, writeReport } from '../src/sim';

const status = (value: string) => ({ orderStatus: { DataType: 'String', StringValue: value } });

async function bodies(sim: Simulator, queue: string): Promise<string[]> {
  const out = await sim.queue(queue).receiveMessage({ MaxNumberOfMessages: 10, WaitTimeSeconds: 0 });
  return (out.Messages ?? []).map(m => m.Body ?? '');
}


/** Architecture 4: orderStatus picks the queue; anything else lands in the catch-all queue. */
const filterRouting: Scenario = async outdir => {
  const sim = load(outdir, 'FilterRoutingExample');
  const start = sim.now();
  const topic = sim.topic('OrderStatusRouting/Fanout/Topic');
  for (const [order, value] of [['order-1', 'submitted'], ['order-2', 'refunded'], ['order-3', 'cancelled']]) {
    await topic.publish({ Message: JSON.stringify({ order }), MessageAttributes: status(value) });
  }
  await sim.runUntilIdle();
  const route = async (q: string) => (await bodies(sim, q)).map(b => JSON.parse(JSON.parse(b).Message).order);
  const submitted = await route('OrderStatusRouting/Fanout/Route-submitted/Queue');
  const refunded = await route('OrderStatusRouting/Fanout/Route-refunded/Queue');
  const other = await route('OrderStatusRouting/Fanout/CatchAll/Queue');
  return finish('Filter routing (FilterRoutingExample)', sim, start, [
    [`submitted -> submitted queue only (${submitted.join(', ') || 'none'})`, submitted.join() === 'order-1'],
    [`refunded -> refunded queue only (${refunded.join(', ') || 'none'})`, refunded.join() === 'order-2'],
    [`cancelled -> catch-all queue (${other.join(', ') || 'none'})`, other.join() === 'order-3'],
    ['no delivery denied by a queue policy', !sim.trace.some({ type: 'denied' })],
  ]);
};

/** Architecture 1: one order event reaches both queues, wrapped in the SNS envelope. */
const webappFanout: Scenario = async outdir => {
  const sim = load(outdir, 'FanoutExample');
  const start = sim.now();
  await sim.topic('OrderEvents/Topic').publish({ Message: JSON.stringify({ order: 'order-42' }) });
  await sim.runUntilIdle();
  const processing = await bodies(sim, 'OrderEvents/OrderProcessing/Queue');
  const fulfillment = await bodies(sim, 'OrderEvents/OrderFulfillment/Queue');
  return finish('Webapp fanout (FanoutExample)', sim, start, [
    ['processing queue gets the SNS envelope', processing.length === 1 && JSON.parse(processing[0]).Type === 'Notification'],
    ['fulfillment queue gets the raw message (raw delivery)', fulfillment.join() === JSON.stringify({ order: 'order-42' })],
  ]);
};

/** Architecture 2: an uploaded order file reaches both queues through the topic. */
const s3Fanout: Scenario = async outdir => {
  const sim = load(outdir, 'S3EventFanoutExample');
  const start = sim.now();
  const bucket = sim.bucket('OrderFiles/Bucket');
  await bucket.putObject({ Key: 'orders/2026/order 7.json', Body: '{"order":7}' });
  await bucket.putObject({ Key: 'invoices/7.pdf', Body: 'pdf' }); // outside the prefix filter
  await sim.runUntilIdle();
  const keys = async (q: string) => (await bodies(sim, q))
    .map(b => JSON.parse(JSON.parse(b).Message).Records[0].s3.object.key as string);
  const processing = await keys('OrderFiles/Fanout/OrderProcessing/Queue');
  const fulfillment = await keys('OrderFiles/Fanout/OrderFulfillment/Queue');
  return finish('S3 event fanout (S3EventFanoutExample)', sim, start, [
    [`both queues get the orders/ upload, key URL-encoded as S3 sends it (${processing.join(', ')})`,
      processing.join() === 'orders/2026/order+7.json' && fulfillment.join() === 'orders/2026/order+7.json'],
    ['the topic policy admits the bucket (no denial)', !sim.trace.some({ type: 'denied' })],
  ]);
};

/** A poison message: the consumer fails every time, the message moves to the DLQ, the DLQ alarm fires. */
const poisonMessage: Scenario = async outdir => {
  const sim = load(outdir, 'QueueExample');
  const start = sim.now();
  await sim.queue('Orders/Queue').sendMessage({ MessageBody: 'not json' });
  await sim.runUntilIdle();
  await sim.advance(5 * 60_000); // let the alarm's evaluation periods pass
  const dlq = await bodies(sim, 'Orders/DeadLetterQueue');
  const invocations = sim.lambda('OrderHandler/Function').invocations.length;
  const alarm = sim.alarm('Orders/DeadLetterQueueDepthAlarm');
  return finish('Poison message -> DLQ -> alarm (QueueExample)', sim, start, [
    [`the consumer tried ${invocations} times (maxReceiveCount 5)`, invocations === 5],
    ['the message is in the dead-letter queue', dlq.join() === 'not json'],
    [`the DLQ depth alarm is ${alarm.state}`, alarm.state === 'ALARM'],
  ]);
};

/** The order consumer's own code parses each order and writes it to the table the stack names in its environment. */
const ordersToTable: Scenario = async outdir => {
  const sim = load(outdir, 'QueueExample');
  const start = sim.now();
  const queue = sim.queue('Orders/Queue');
  for (const orderId of ['o-1', 'o-2', 'o-3']) await queue.sendMessage({ MessageBody: JSON.stringify({ orderId, total: 10 }) });
  await sim.runUntilIdle();
  const items = (await sim.table('OrdersTable').scan({})).Items ?? [];
  const ids = items.map(i => i.orderId?.S).sort();
  const fn = sim.lambda('OrderHandler/Function');
  const logs = sim.trace.filter({ type: 'log', resource: 'OrderHandler/Function' }).length;
  return finish('Orders -> consumer code -> table (QueueExample)', sim, start, [
    [`the consumer ran its own code, no stand-in (${fn.invocations.length} invocation(s), ${logs} log line(s))`,
      fn.runsCode && fn.invocations.length >= 1 && logs === 3],
    [`the three orders are in the table, written through the SDK as the function's role (${ids.join(', ')})`, ids.join() === 'o-1,o-2,o-3'],
    ['the queue is empty (every message deleted after its batch succeeded)', ((await queue.receiveMessage({})).Messages ?? []).length === 0],
  ]);
};

export async function simulateExamples(outdir: string): Promise<boolean> {
  console.log(`\nOffline run of the example stacks in the simulator (templates from ${outdir}/):`);
  let allPassed = true;
  const results: ScenarioResult[] = [];
  const scenarios: Scenario[] = [
    webappFanout, filterRouting, s3Fanout, ordersToTable, poisonMessage, ...pipelineScenarios, ...DYNAMODB_SCENARIOS, ...WIRE_SCENARIOS,
    ...API_SCENARIOS, ...IAM_SCENARIOS, ...workflowScenarios,
  ];
  for (const scenario of scenarios) {
    const wall = Date.now();
    const result = await scenario(outdir);
    results.push(result);
    allPassed &&= result.passed;
    console.log(`\n${result.passed ? 'PASS' : 'FAIL'} ${result.name}: ${result.traceEvents} trace events, `
      + `${result.virtualSeconds} s of virtual time in ${Date.now() - wall} ms`);
    for (const line of result.lines) console.log(`  ${line}`);
  }
  const report = writeReport(path.join(outdir, 'report.html'), results.map(r => ({
    title: r.name, simulator: r.simulator, passed: r.passed, notes: r.lines,
  })), { title: 'Example stacks, run offline' });
  console.log(`\nReport of every run (architecture, sequence, queues, functions, denials): ${report}`);
  return allPassed;
}

if (require.main === module) {
  simulateExamples(process.argv[2] ?? 'cdk.out').then(ok => process.exit(ok ? 0 : 1), err => {
    console.error(err);
    process.exit(1);
  });
}
