/**
 * The virtual clock and its event queue. Time moves only when the simulator advances it, so a 15-minute delay or a
 * 14-day retention costs nothing to test and every run with the same inputs takes the same steps.
 *
 * Tasks run in (time, sequence) order. A task is either foreground (work that is due: a delivery, a visibility
 * timeout that returns a message to a polling consumer, an alarm evaluation after a metric changed) or background
 * (housekeeping that should not keep `runUntilIdle` going: retention expiry, idle pollers). `runUntilIdle` stops
 * when no foreground task is left.
 */
export interface ScheduledTask {
  readonly at: number;
  readonly seq: number;
  readonly background: boolean;
  readonly label: string;
  cancelled: boolean;
}

interface QueuedTask extends ScheduledTask {
  readonly run: () => void | Promise<void>;
}

export interface ScheduleOptions {
  /** Background tasks do not keep `runUntilIdle` running. @default false */
  readonly background?: boolean;
  /** Shown in errors and debugging. */
  readonly label?: string;
}

export interface RunUntilIdleResult {
  /** True when no foreground task was left; false when the virtual-time bound stopped the run. */
  readonly idle: boolean;
  /** Virtual time at the end of the run (epoch ms). */
  readonly now: number;
  /** Tasks executed. */
  readonly tasksRun: number;
}

export class VirtualClock {
  private current: number;
  private seq = 0;
  private readonly heap: QueuedTask[] = [];
  private foreground = 0;
  private running = false;

  constructor(startTime: number) {
    this.current = startTime;
  }

  /** Virtual epoch milliseconds. */
  public now(): number {
    return this.current;
  }

  /** True while the clock is executing tasks (a task that wants to wait in virtual time cannot drive the clock). */
  public get isRunning(): boolean {
    return this.running;
  }

  /** Number of pending foreground tasks. */
  public get pendingForeground(): number {
    return this.foreground;
  }

  /** Schedules `run` at virtual time `at` (clamped to now). */
  public schedule(at: number, run: () => void | Promise<void>, options: ScheduleOptions = {}): ScheduledTask {
    const task: QueuedTask = {
      at: Math.max(at, this.current),
      seq: this.seq++,
      background: options.background ?? false,
      label: options.label ?? 'task',
      cancelled: false,
      run,
    };
    if (!task.background) this.foreground++;
    this.push(task);
    return task;
  }

  /** Cancels a task that has not run yet (no effect once it ran). */
  public cancel(task: ScheduledTask | undefined): void {
    if (!task || task.cancelled) return;
    task.cancelled = true;
    if (!task.background) this.foreground--;
  }

  /** Time of the next live task, or undefined when none is pending. */
  public nextTaskTime(): number | undefined {
    this.dropCancelled();
    return this.heap.length > 0 ? this.heap[0].at : undefined;
  }

  /** Runs every task due up to `until` (inclusive), in order, then sets the clock to `until`. */
  public async advanceTo(until: number): Promise<number> {
    return this.drive(until, () => false, false);
  }

  /** Runs tasks until no foreground task is left or virtual time would pass `bound`. */
  public async runUntilIdle(bound: number): Promise<RunUntilIdleResult> {
    const tasksRun = await this.drive(bound, () => this.foreground === 0, true);
    return { idle: this.foreground === 0, now: this.current, tasksRun };
  }

  /**
   * Drives the clock until `done()` holds or time reaches `deadline` (inclusive). Used by calls that wait in virtual
   * time from the top level (a long-poll receive on an empty queue). Returns the tasks run.
   */
  public async driveUntil(deadline: number, done: () => boolean): Promise<number> {
    return this.drive(deadline, done, false);
  }

  private async drive(until: number, done: () => boolean, stopAtIdle: boolean): Promise<number> {
    if (this.running) throw new Error('VirtualClock: the clock is already running (a task cannot advance time itself)');
    this.running = true;
    let count = 0;
    try {
      while (!done()) {
        this.dropCancelled();
        const next = this.heap[0];
        if (!next || next.at > until) break;
        if (stopAtIdle && this.foreground === 0) break;
        this.pop();
        if (!next.background) this.foreground--;
        next.cancelled = true; // ran: a late cancel() must not change the foreground count
        this.current = next.at;
        count++;
        const result = next.run();
        if (result && typeof (result as Promise<void>).then === 'function') await result;
      }
      if (!done() && !(stopAtIdle && this.foreground === 0)) this.current = Math.max(this.current, until);
    } finally {
      this.running = false;
    }
    return count;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0].cancelled) this.pop();
  }

  // A binary heap ordered by (at, seq): O(log n) schedule and pop, which keeps large queues cheap.
  private push(task: QueuedTask): void {
    const heap = this.heap;
    heap.push(task);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = Math.floor((i - 1) / 2);
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private pop(): QueuedTask | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < heap.length && before(heap[l], heap[smallest])) smallest = l;
        if (r < heap.length && before(heap[r], heap[smallest])) smallest = r;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
        i = smallest;
      }
    }
    return top;
  }
}

function before(a: ScheduledTask, b: ScheduledTask): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
