/**
 * What a behaviour test pays to load a stack (issue: "Behaviour tests that load fast"): `Simulator.fromStack` plus a
 * one-message scenario, against a plain synthesis of the same stack with aws-cdk-lib's built-in CloudFormation
 * validation off (the cheapest way to get the template at all). Target: at most 1.3x, warm (in one process, a new App
 * per run, as a test file builds one per test) and cold (a fresh process per run, module loading included).
 *
 * Run alone: `npx tsx test/bench/load.ts` (or `... load.ts cold-child synth|sim` for one cold run).
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

import { FilterRoutedTopic, QueueConsumer } from '../../src';
import { Simulator } from '../../src/sim';

/** The stack a typical test builds: filter routing to two queues, one of them consumed by a function. */
function buildStack(): { stack: Stack; routing: FilterRoutedTopic; fn: lambda.Function } {
  const app = new App();
  const stack = new Stack(app, 'Shop', { env: { account: '123456789012', region: 'us-east-1' } });
  const routing = new FilterRoutedTopic(stack, 'Orders', { attributeName: 'orderStatus', routes: ['submitted', 'refunded'] });
  const fn = new lambda.Function(stack, 'Processor', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    timeout: Duration.seconds(5),
  });
  new QueueConsumer(stack, 'Consumer', { queue: routing.routeQueue('submitted').queue, handler: fn, batchSize: 1 });
  return { stack, routing, fn };
}

/** A plain synthesis with the built-in validation off (what the simulator is measured against). */
function plainSynth(): void {
  const previous = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'false';
  try {
    const { stack } = buildStack();
    (stack.node.root as App).synth();
  } finally {
    if (previous === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = previous;
  }
}

/** fromStack (validation left at its default, on: the simulator turns it off for its own synthesis) + one message. */
async function simulatorScenario(): Promise<void> {
  const { stack, routing, fn } = buildStack();
  const sim = Simulator.fromStack(stack);
  let handled = 0;
  sim.lambda(fn).handle(async () => { handled++; return {}; });
  await sim.topic(routing).publish({ Message: '{"order":1}', MessageAttributes: { orderStatus: { DataType: 'String', StringValue: 'submitted' } } });
  await sim.runUntilIdle();
  if (handled !== 1) throw new Error(`load bench: the scenario went wrong (handled ${handled} messages)`);
}

/** Milliseconds `fn` takes. */
async function timed(fn: () => void | Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** One fresh process running one mode once: its wall time from spawn to exit, in milliseconds. */
function coldRun(mode: 'synth' | 'sim'): number {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-r', require.resolve('tsx/cjs'), path.join(__dirname, 'load.ts'), 'cold-child', mode], {
    encoding: 'utf8',
    env: { ...process.env, CDK_VALIDATION: undefined as unknown as string },
  });
  if (child.status !== 0) throw new Error(`cold ${mode} run failed: ${child.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Both contenders `rounds` times, interleaved with the order alternating (so load from elsewhere falls on both alike),
 * after `warmUp` uncounted rounds; the best and the median milliseconds of each.
 */
async function interleaved(rounds: number, warmUp: number, a: () => Promise<number>, b: () => Promise<number>) {
  const times: [number[], number[]] = [[], []];
  for (let round = 0; round < warmUp + rounds; round++) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const k of order) {
      const ms = await (k === 0 ? a() : b());
      if (round >= warmUp) times[k].push(ms);
    }
  }
  const stats = (list: number[]) => {
    const sorted = [...list].sort((x, y) => x - y);
    return { best: sorted[0], median: sorted[Math.floor(sorted.length / 2)] };
  };
  return [stats(times[0]), stats(times[1])];
}

function line(label: string, synth: { best: number; median: number }, sim: { best: number; median: number }): void {
  const ms = (r: { best: number; median: number }) => `${r.best.toFixed(0)} ms (median ${r.median.toFixed(0)} ms)`;
  console.log(`  ${label}: plain synth ${ms(synth)}, fromStack + scenario ${ms(sim)}; ratio best ${(sim.best / synth.best).toFixed(2)}x, `
    + `median ${(sim.median / synth.median).toFixed(2)}x (target <= 1.3x)`);
}

/** For comparison: a synthesis with the built-in CloudFormation validation on (what `fromStack` paid before). */
async function validatedSynth(): Promise<number> {
  return timed(() => {
    const previous = process.env.CDK_VALIDATION;
    delete process.env.CDK_VALIDATION;
    try {
      (buildStack().stack.node.root as App).synth();
    } finally {
      if (previous !== undefined) process.env.CDK_VALIDATION = previous;
    }
  });
}

export async function benchLoad(): Promise<void> {
  console.log('\nLoading a stack for a behaviour test (fromStack + a one-message scenario vs plain synth, validation off):');
  const [warmSynth, warmSim] = await interleaved(15, 3, () => timed(plainSynth), () => timed(simulatorScenario));
  line('warm (new App per run, one process)', warmSynth, warmSim);
  const [coldSynth, coldSim] = await interleaved(7, 1, async () => coldRun('synth'), async () => coldRun('sim'));
  line('cold (fresh process per run)', coldSynth, coldSim);
  const first = await validatedSynth();
  const later: number[] = [];
  for (let i = 0; i < 5; i++) later.push(await validatedSynth());
  later.sort((x, y) => x - y);
  console.log(`  for comparison, a synthesis with the built-in validation on: first in the process ${first.toFixed(0)} ms, `
    + `later ones median ${later[2].toFixed(0)} ms`);
}

if (require.main === module) {
  if (process.argv[2] === 'cold-child') {
    if (process.argv[3] === 'synth') plainSynth();
    else simulatorScenario().catch(err => { console.error(err); process.exit(1); });
  } else {
    benchLoad().catch(err => { console.error(err); process.exitCode = 1; });
  }
}
