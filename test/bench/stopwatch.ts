/** One benchmark figure, and the stopwatch every benchmark times itself with. */
export interface BenchResult {
  readonly name: string;
  /** Messages (or operations) completed. */
  readonly ops: number;
  /** Wall-clock seconds. */
  readonly seconds: number;
  readonly opsPerSec: number;
  /** Process CPU seconds (all threads, GC included): steadier than wall time on a busy machine. */
  readonly cpuSeconds?: number;
  /** Extra figures (memory, counts) keyed by name. */
  readonly notes?: Readonly<Record<string, number | string>>;
}

export interface Stopwatch {
  readonly wall: bigint;
  readonly cpu: NodeJS.CpuUsage;
}

export const startWatch = (): Stopwatch => ({ wall: process.hrtime.bigint(), cpu: process.cpuUsage() });

/** The result of `ops` operations done since `watch` started. */
export function stopWatch(name: string, ops: number, watch: Stopwatch, notes?: Record<string, number | string>): BenchResult {
  const seconds = Number(process.hrtime.bigint() - watch.wall) / 1e9;
  const cpu = process.cpuUsage(watch.cpu);
  return { name, ops, seconds, opsPerSec: ops / seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, ...(notes ? { notes } : {}) };
}

/** Rounds of every contender run before `bestInterleaved` counts any (see there). */
export const WARM_UP_ROUNDS = 3;

/** Measured rounds per contender: enough that the best and the median are each a typical undisturbed run. */
export const ROUNDS = 15;

/**
 * For each contender, the fastest of `runs` repetitions (the least disturbed by other processes on a shared machine),
 * with the median of all its repetitions in its notes (`median`). Repetitions are interleaved and the order rotates
 * every round (A B C, B C A, C A B, ...): a burst of load from other processes, a JIT tier-up still in progress, or
 * the garbage one contender leaves for the next collection falls on every contender alike instead of on whichever
 * one runs in that stretch or always runs second. No GC is forced between runs: a forced full collection shrinks
 * V8's young generation and penalizes whichever allocation-heavy run comes next.
 *
 * The first `warmUpRounds` rounds are run the same way and not counted: measured here, a contender's throughput
 * kept rising for several full runs (JIT tiers, the young generation growing to its working size), and a warm-up of
 * one short run left that climb inside the measured rounds, where it decided the medians.
 */
export async function bestInterleaved(
  runs: number,
  contenders: readonly (() => Promise<BenchResult>)[],
  warmUpRounds = WARM_UP_ROUNDS,
): Promise<BenchResult[]> {
  const all: BenchResult[][] = contenders.map(() => []);
  for (let round = 0; round < warmUpRounds + runs; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const c = (round + k) % contenders.length;
      const r = await contenders[c]();
      if (round >= warmUpRounds) all[c].push(r);
    }
  }
  return all.map(list => {
    const sorted = [...list].sort((a, b) => b.opsPerSec - a.opsPerSec);
    const median = sorted[Math.floor(sorted.length / 2)];
    return { ...sorted[0], notes: { ...sorted[0].notes, median: Math.round(median.opsPerSec), runs } };
  });
}

/** The median throughput of a result from `bestInterleaved` (its own throughput otherwise). */
export function medianOf(r: BenchResult): number {
  return Number(r.notes?.median ?? r.opsPerSec);
}
