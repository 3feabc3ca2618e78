/**
 * Step Functions benchmark against aws-local-stepfunctions 3.0.0 (its Wait overrides set to 0, its Task states run
 * by local handlers), measured in the same run, ratios printed:
 * (a) executions per second of a 10-state machine (Pass, Choice, Task with a registered handler, Wait 1 s);
 * (b) an inline Map over 10,000 items with three Pass states per item;
 * (c) the heap held per running execution (10,000 executions parked in a Wait).
 *
 * Run alone: `npx tsx test/bench/stepfunctions.ts` (or through `npx tsx test/bench/run.ts`).
 */
import * as v8 from 'v8';
import * as vm from 'vm';
import { BenchResult, bestInterleaved, medianOf, startWatch, stopWatch } from './stopwatch';
import { Simulator } from '../../src/sim';

// aws-local-stepfunctions 3 targets Node 22 and calls Promise.withResolvers in its Task states; on Node 20 the bench
// gives it the standard definition (what Node 22 ships), so the peer runs unchanged.
const promiseCtor = Promise as unknown as { withResolvers?: () => unknown };
promiseCtor.withResolvers ??= () => {
  let resolve!: (v: unknown) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
};

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:bench';
const EXECUTIONS = 2_000;
const MAP_ITEMS = 10_000;
const PARKED = 10_000;
const ROUNDS = 7;

/** Ten states: Pass, Choice, Task, Pass, Wait 1 s, Pass, Choice, Task, Pass, Succeed. */
export const TEN_STATES = {
  StartAt: 'Start',
  States: {
    Start: { Type: 'Pass', Result: { step: 1 }, ResultPath: '$.meta', Next: 'Route' },
    Route: { Type: 'Choice', Choices: [{ Variable: '$.order.total', NumericGreaterThan: 100, Next: 'Charge' }], Default: 'Charge' },
    Charge: { Type: 'Task', Resource: FN, ResultPath: '$.charge', Next: 'Mark' },
    Mark: { Type: 'Pass', Parameters: { 'order.$': '$.order', 'charge.$': '$.charge' }, Next: 'Settle' },
    Settle: { Type: 'Wait', Seconds: 1, Next: 'Shape' },
    Shape: { Type: 'Pass', ResultPath: '$.shaped', Result: true, Next: 'Check' },
    Check: { Type: 'Choice', Choices: [{ Variable: '$.charge.ok', BooleanEquals: true, Next: 'Notify' }], Default: 'Notify' },
    Notify: { Type: 'Task', Resource: FN, ResultPath: '$.notified', Next: 'Finish' },
    Finish: { Type: 'Pass', OutputPath: '$.order', Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

export const MAP_OF_PASSES = {
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      ItemProcessor: {
        StartAt: 'A',
        States: {
          A: { Type: 'Pass', Parameters: { 'v.$': '$' }, Next: 'B' },
          B: { Type: 'Pass', Result: 1, ResultPath: '$.one', Next: 'C' },
          C: { Type: 'Pass', OutputPath: '$.v', End: true },
        },
      },
      End: true,
    },
  },
};

const handler = async (event: { order?: { total: number } }) => ({ ok: true, total: event.order?.total ?? 0 });
const INPUT = { order: { id: 'o-1', total: 120 } };

function simulatorWith(definition: object): Simulator {
  return Simulator.fromTemplate({
    Resources: {
      Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: { StateMachineName: 'Bench', RoleArn: 'arn:aws:iam::123456789012:role/r', DefinitionString: JSON.stringify(definition) } },
      Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'bench', Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: 'x' }, Handler: 'index.handler', Runtime: 'nodejs20.x' } },
    },
  }, { trace: false });
}

async function simExecutions(): Promise<BenchResult> {
  const sim = simulatorWith(TEN_STATES);
  sim.lambda('Fn').handle(handler);
  const sm = sim.stateMachine('Machine');
  const input = JSON.stringify(INPUT);
  const watch = startWatch();
  for (let i = 0; i < EXECUTIONS; i++) await sm.startExecution({ input });
  await sim.runUntilIdle();
  const result = stopWatch('simulator: 10-state executions', EXECUTIONS, watch);
  const done = (await sm.listExecutions({ statusFilter: 'SUCCEEDED' })).executions.length;
  if (done !== EXECUTIONS) throw new Error(`simulator: ${done} of ${EXECUTIONS} executions succeeded`);
  return result;
}

/** aws-local-stepfunctions' StateMachine class (an ES module: loaded with a dynamic import). */
type PeerStateMachine = new (definition: any) => { run(input: any, options?: any): { result: Promise<unknown> } };

async function peerExecutions(StateMachine: PeerStateMachine): Promise<BenchResult> {
  const sm = new StateMachine(TEN_STATES as any);
  const overrides = { taskResourceLocalHandlers: { Charge: handler, Notify: handler } as any, waitTimeOverrides: { Settle: 0 } };
  const watch = startWatch();
  await Promise.all(Array.from({ length: EXECUTIONS }, () => sm.run(INPUT as any, { overrides }).result));
  return stopWatch('aws-local-stepfunctions: 10-state executions', EXECUTIONS, watch);
}

async function simMap(): Promise<BenchResult> {
  const sim = simulatorWith(MAP_OF_PASSES);
  const items = Array.from({ length: MAP_ITEMS }, (_, i) => ({ id: i }));
  const watch = startWatch();
  const d = await sim.stateMachine('Machine').run({ input: JSON.stringify(items) });
  const result = stopWatch('simulator: Map of 10,000 items x 3 Pass', MAP_ITEMS, watch);
  if (d.status !== 'SUCCEEDED' || JSON.parse(d.output!).length !== MAP_ITEMS) throw new Error(`simulator Map: ${d.status}`);
  return result;
}

async function peerMap(StateMachine: PeerStateMachine): Promise<BenchResult> {
  const sm = new StateMachine(MAP_OF_PASSES as any);
  const items = Array.from({ length: MAP_ITEMS }, (_, i) => ({ id: i }));
  const watch = startWatch();
  const out = await sm.run(items as any).result as unknown[];
  const result = stopWatch('aws-local-stepfunctions: Map of 10,000 items x 3 Pass', MAP_ITEMS, watch);
  if (out.length !== MAP_ITEMS) throw new Error('aws-local-stepfunctions Map: wrong output');
  return result;
}

/** Heap per running execution: 10,000 executions parked in a one-hour Wait, heap measured before and after. */
async function memoryPerExecution(): Promise<number> {
  // A full collection before each reading, so the figure is the heap the executions hold, not garbage.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const sim = simulatorWith({ StartAt: 'P', States: { P: { Type: 'Pass', Result: { a: 1 }, ResultPath: '$.p', Next: 'W' }, W: { Type: 'Wait', Seconds: 3600, End: true } } });
  const sm = sim.stateMachine('Machine');
  const settle = () => { for (let i = 0; i < 3; i++) gc(); };
  settle();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < PARKED; i++) await sm.startExecution({ input: '{"order":{"id":"o-1","total":120}}' });
  await sim.advance(1000);
  settle();
  const after = process.memoryUsage().heapUsed;
  return (after - before) / PARKED;
}

function line(r: BenchResult, unit: string): string {
  return `  ${r.name.padEnd(56)} ${Math.round(medianOf(r)).toLocaleString('en-US').padStart(10)} ${unit} (best ${Math.round(r.opsPerSec).toLocaleString('en-US')})`;
}

export async function benchStepFunctions(): Promise<void> {
  console.log(`\nStep Functions: simulator vs aws-local-stepfunctions 3.0.0 (medians of ${ROUNDS} interleaved rounds)`);
  // First, before the throughput runs leave garbage behind.
  const bytes = await memoryPerExecution();
  console.log(`  memory per running execution (10,000 parked in a Wait, after a full GC): ${(bytes / 1024).toFixed(1)} KiB`);
  const { StateMachine } = await import('aws-local-stepfunctions') as unknown as { StateMachine: PeerStateMachine };
  const [sim, peer] = await bestInterleaved(ROUNDS, [simExecutions, () => peerExecutions(StateMachine)]);
  console.log(line(sim, 'executions/s'));
  console.log(line(peer, 'executions/s'));
  console.log(`  ratio: ${(medianOf(sim) / medianOf(peer)).toFixed(1)}x (target >= 10x)`);
  const [simM, peerM] = await bestInterleaved(ROUNDS, [simMap, () => peerMap(StateMachine)], 1);
  console.log(`  ${simM.name.padEnd(56)} ${(MAP_ITEMS / medianOf(simM) * 1000).toFixed(1).padStart(10)} ms`);
  console.log(`  ${peerM.name.padEnd(56)} ${(MAP_ITEMS / medianOf(peerM) * 1000).toFixed(1).padStart(10)} ms`);
  console.log(`  ratio: ${(medianOf(simM) / medianOf(peerM)).toFixed(1)}x (target >= 20x)`);
}

if (require.main === module) {
  benchStepFunctions().catch(err => {
    console.error(err);
    process.exitCode = 1;
  });
}
