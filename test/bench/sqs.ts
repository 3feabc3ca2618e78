/**
 * SQS benchmark: "20,000 SQS messages sent in batches of 10, received 10 at a time and deleted" against
 * (a) the simulator's queue handle, (b) fauxqs 1.9.2 in-process, (c) fauxqs over HTTP with the AWS SDK v3 client;
 * plus the simulator's heap for 1 million queued messages. Every loop is bounded.
 *
 * Run alone: `npx tsx test/bench/sqs.ts` (or through `npx tsx test/bench/run.ts`).
 */
import { fauxqsInProcess, fauxqsOverHttp, SqsDriver } from './fauxqs-sqs';
import { BenchResult, bestInterleaved, medianOf, ROUNDS, startWatch, stopWatch as stop } from './stopwatch';
import { QueueHandle, Simulator } from '../../src/sim';

export type { BenchResult } from './stopwatch';

export const SQS_WORKLOAD_MESSAGES = 20_000;
const BATCH = 10;

/** A simulator loaded from a one-queue template, as users create it; returns that queue's handle. */
export function benchQueue(options: { trace?: boolean; queueName?: string } = {}): { handle: QueueHandle; sim: Simulator } {
  const template = {
    Resources: { BenchQueue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: options.queueName ?? 'bench' } } },
  };
  const sim = Simulator.fromTemplate(template, { trace: options.trace ?? true });
  return { handle: sim.queue('BenchQueue'), sim };
}

function simDriver(handle: QueueHandle): SqsDriver {
  return {
    async sendBatch(Entries) {
      return (await handle.sendMessageBatch({ Entries })).Successful.length;
    },
    async receive(max) {
      return (await handle.receiveMessage({ MaxNumberOfMessages: max })).Messages ?? [];
    },
    async deleteBatch(Entries) {
      return (await handle.deleteMessageBatch({ Entries })).Successful.length;
    },
    async close() {},
  };
}

const ids = Array.from({ length: BATCH }, (_, i) => `m${i}`);
const sendBatches: { Id: string; MessageBody: string }[][] = [];

/**
 * The send batches for `total` messages, built once and before any stopwatch starts, for every contender alike: the
 * timings measure the queue, not the harness writing bodies. No contender changes its inputs, so runs share them.
 */
function workloadBatches(total = SQS_WORKLOAD_MESSAGES): readonly { Id: string; MessageBody: string }[][] {
  for (let i = sendBatches.length * BATCH; i < total; i += BATCH) {
    const entries = [];
    for (let j = 0; j < BATCH; j++) entries.push({ Id: ids[j], MessageBody: `{"order":${i + j},"status":"submitted"}` });
    sendBatches.push(entries);
  }
  return sendBatches;
}

/**
 * The workload: send `total` messages (a multiple of 10) in batches of 10 from `workloadBatches`, then receive 10 at
 * a time and delete each batch.
 */
export async function runSqsWorkload(
  driver: SqsDriver,
  batches: readonly { Id: string; MessageBody: string }[][],
  total = SQS_WORKLOAD_MESSAGES,
): Promise<number> {
  let sent = 0;
  for (let b = 0; b * BATCH < total; b++) sent += await driver.sendBatch(batches[b]);
  if (sent !== total) throw new Error(`sent ${sent} of ${total}`);
  let received = 0;
  // Bounded: a correct queue needs total/10 receives; allow slack for short polls that return fewer.
  const maxReceives = Math.ceil(total / BATCH) * 3 + 10;
  for (let r = 0; r < maxReceives && received < total; r++) {
    const messages = await driver.receive(BATCH);
    if (messages.length === 0) continue;
    received += messages.length;
    const deleted = await driver.deleteBatch(messages.map((m, k) => ({ Id: ids[k], ReceiptHandle: m.ReceiptHandle })));
    if (deleted !== messages.length) throw new Error(`deleted ${deleted} of ${messages.length}`);
  }
  if (received !== total) throw new Error(`received ${received} of ${total} within ${maxReceives} receives`);
  return received;
}

async function timed(name: string, make: () => Promise<SqsDriver>, total = SQS_WORKLOAD_MESSAGES): Promise<BenchResult> {
  const driver = await make();
  try {
    const batches = workloadBatches(total);
    const watch = startWatch();
    const ops = await runSqsWorkload(driver, batches, total);
    return stop(name, ops, watch);
  } finally {
    await driver.close();
  }
}

/** A `gc()` function even without --expose-gc (V8 flag set at runtime), for retained-heap measurements. */
export function gcFunction(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('v8').setFlagsFromString('--expose-gc');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('vm').runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

/** Memory held by `count` queued (sent, not received) messages in one simulated queue, with the trace off. */
export async function measureQueuedMemory(count = 1_000_000): Promise<BenchResult> {
  const gc = gcFunction();
  gc?.();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  const { handle } = benchQueue({ trace: false });
  const watch = startWatch();
  for (let i = 0; i < count; i += BATCH) {
    const entries = [];
    for (let j = 0; j < BATCH; j++) entries.push({ Id: ids[j], MessageBody: `{"order":${i + j},"status":"submitted"}` });
    await handle.sendMessageBatch({ Entries: entries });
    if (i % 50_000 === 0) {
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakRss = Math.max(peakRss, m.rss);
    }
  }
  const result = stop(`sim: ${count.toLocaleString('en-US')} messages queued (trace off)`, count, watch);
  gc?.();
  const after = process.memoryUsage();
  peakHeap = Math.max(peakHeap, after.heapUsed);
  peakRss = Math.max(peakRss, after.rss);
  const attrs = (await handle.getQueueAttributes({ AttributeNames: ['ApproximateNumberOfMessages'] })).Attributes ?? {};
  if (Number(attrs.ApproximateNumberOfMessages) !== count) throw new Error(`queue holds ${attrs.ApproximateNumberOfMessages} of ${count}`);
  const mb = (b: number) => Math.round(b / 1048576 * 10) / 10;
  const heap = after.heapUsed - before.heapUsed;
  return {
    ...result,
    notes: {
      retainedHeapMB: gc ? mb(heap) : 'n/a',
      bytesPerMessage: gc ? Math.round(heap / count) : 'n/a',
      peakHeapUsedMB: mb(peakHeap),
      peakRssMB: mb(peakRss),
    },
  };
}

export interface SqsBenchOptions {
  /** Run fauxqs over HTTP too. @default true */
  readonly http?: boolean;
  /** Measure the heap of 1 million queued messages. @default true */
  readonly memory?: boolean;
  /** Print the results. @default true */
  readonly print?: boolean;
  /** Measured repetitions per in-process measurement, after the warm-up rounds. @default ROUNDS */
  readonly runs?: number;
}

export async function benchSqs(options: SqsBenchOptions = {}): Promise<BenchResult[]> {
  const runs = options.runs ?? ROUNDS;
  // bestInterleaved warms every in-process path up (uncounted rounds) so JIT compilation is not measured.
  const results: BenchResult[] = await bestInterleaved(runs, [
    () => timed('sim: queue handle (trace on)', async () => simDriver(benchQueue().handle)),
    () => timed('sim: queue handle (trace off)', async () => simDriver(benchQueue({ trace: false }).handle)),
    () => timed('fauxqs 1.9.2 in-process', () => fauxqsInProcess('bench')),
  ]);
  if (options.http ?? true) results.push(await timed('fauxqs 1.9.2 over HTTP (SDK v3)', () => fauxqsOverHttp('bench')));
  if (options.memory ?? true) results.push(await measureQueuedMemory());
  if (options.print ?? true) printSqsResults(results);
  return results;
}

export function printSqsResults(results: readonly BenchResult[]): void {
  const cpuRate = (r: BenchResult) => (r.cpuSeconds ? r.ops / r.cpuSeconds : NaN);
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`\nSQS: ${SQS_WORKLOAD_MESSAGES.toLocaleString('en-US')} messages sent in batches of 10, then received 10 at a time and deleted`);
  for (const r of results) {
    const extra = r.notes ? '  ' + Object.entries(r.notes).map(([k, v]) => `${k}=${v}`).join(' ') : '';
    console.log(`  ${r.name.padEnd(44)} ${fmt(r.opsPerSec).padStart(9)} msg/s  ${r.seconds.toFixed(3).padStart(7)} s  (per CPU second ${fmt(cpuRate(r))})${extra}`);
  }
  const workload = results.filter(r => r.ops === SQS_WORKLOAD_MESSAGES);
  const median = medianOf;
  for (const sim of workload.filter(r => r.name.startsWith('sim'))) {
    for (const other of workload.filter(r => r.name.startsWith('fauxqs'))) {
      const ratios = `${(sim.opsPerSec / other.opsPerSec).toFixed(1)}x best/best wall, ${(median(sim) / median(other)).toFixed(1)}x median/median`;
      console.log(`  ${sim.name} / ${other.name}: ${ratios}, ${(cpuRate(sim) / cpuRate(other)).toFixed(1)}x CPU`);
    }
  }
}

if (require.main === module) {
  benchSqs().catch(err => {
    console.error(err);
    process.exitCode = 1;
  });
}
