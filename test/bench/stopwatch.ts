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
