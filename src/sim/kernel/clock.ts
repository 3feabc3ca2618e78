import { Fiber, FiberOptions } from './fiber';

/** How far `driveWhenIdle` may move the clock for one awaited call before giving up: 24 virtual hours. */
const AWAITED_CALL_HORIZON_MS = 24 * 60 * 60 * 1000;

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
  /** Called once when the current drive ends (awaited calls that found the clock busy). */
  private afterDrive: (() => void)[] = [];
  /** Fibers waiting for a promise (fiber.wait): their resumption is scheduled some microtasks after it settles. */
  private promiseWaits = 0;
  /** Drivers that move the clock with real time (`sim.listen()`); while one is attached, awaited calls wait for it. */
  private pacers = 0;
  /** Work running in real time outside any task (a function's own code invoked from the test), by its completion. */
  private readonly outside = new Set<Promise<void>>();

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

  /**
   * Runs `body` as a fiber on the clock (see fiber.ts): plain async code that waits in virtual time through the fiber
   * it is given. Returns what the body returns.
   */
  public spawn<T>(label: string, body: (fiber: Fiber) => Promise<T>, options: FiberOptions = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const fiber = new Fiber(this, label, options.background ?? false);
      this.schedule(options.at ?? this.current, () => fiber.start(body, { resolve, reject }), { label, background: options.background });
    });
  }

  /**
   * For a call the test awaits (virtual-wait.ts): once the test's current step has started whatever it starts (one
   * macrotask later), drives the clock until `done()` holds, unless something else is driving it, in which case it
   * looks again when that drive ends. Rejects when nothing scheduled can make `done()` hold.
   */
  public async driveWhenIdle(done: () => boolean, label: string): Promise<void> {
    for (;;) {
      await nextMacrotask();
      if (done()) return;
      if (this.running || this.pacers > 0) {
        await new Promise<void>(resolve => this.afterDrive.push(resolve));
        continue;
      }
      const bound = this.current + AWAITED_CALL_HORIZON_MS;
      await this.drive(bound, done, false, false);
      if (done()) return;
      if (this.current >= bound) {
        throw new Error(`${label}: still waiting after ${AWAITED_CALL_HORIZON_MS / 3_600_000} virtual hours; drive the clock yourself (sim.advance or sim.runUntilIdle)`);
      }
      // Nothing is scheduled: give the test one more turn (a concurrent step may still settle the call), then fail,
      // unless work running in real time outside the clock may still settle it or schedule what does.
      await nextMacrotask();
      if (done() || this.running || this.nextTaskTime() !== undefined) continue;
      if (this.outside.size > 0) {
        await Promise.race(this.outside);
        continue;
      }
      throw new Error(`${label}: cannot complete: nothing scheduled on the virtual clock can settle it`);
    }
  }

  /**
   * @internal wire/realtime.ts: attaches a driver that moves the clock with real time; returns its release. While one
   * is attached, a call the test awaits waits for the pacer's drives instead of driving the clock itself, and a drive
   * asked for while another is running (a test's `sim.advance` during a pacer's step) waits for it to end instead of
   * failing.
   */
  public attachPacer(): () => void {
    this.pacers++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.pacers--;
      // Awaited calls waiting for the pacer's next drive drive the clock themselves again.
      if (this.pacers === 0 && !this.running) this.resumeAfterDrive();
    };
  }

  /**
   * Runs `work` that takes real time outside any clock task (a function's own code invoked from the test): a call the
   * test awaits meanwhile waits for it to end instead of failing when nothing is scheduled. Returns `work`.
   */
  public outsideTasks<T>(work: Promise<T>): Promise<T> {
    const ended = work.then(() => undefined, () => undefined);
    this.outside.add(ended);
    void ended.then(() => this.outside.delete(ended));
    return work;
  }

  /** Resolves when the drive in progress ends (at once when the clock is not running). */
  public whenNotRunning(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise(resolve => this.afterDrive.push(resolve));
  }

  /** @internal fiber.ts: a fiber started or stopped waiting for a promise. */
  public countPromiseWait(delta: 1 | -1): void {
    this.promiseWaits += delta;
  }

  private async drive(until: number, done: () => boolean, stopAtIdle: boolean, moveToUntil = true): Promise<number> {
    while (this.running && this.pacers > 0) await this.whenNotRunning();
    if (this.running) throw new Error('VirtualClock: the clock is already running (a task cannot advance time itself)');
    this.running = true;
    let count = 0;
    try {
      for (;;) {
        this.dropCancelled();
        let next = this.heap[0];
        if (this.promiseWaits > 0 && (!next || next.at > this.current || this.foreground === 0 || done())) {
          // A fiber's awaited promise may settle through a chain of microtasks (Promise.all of child fibers): let them
          // run out before time moves on or the run stops, so the fiber resumes at the time it was due.
          await nextMacrotask();
          this.dropCancelled();
          next = this.heap[0];
        }
        if (done()) break;
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
      if (moveToUntil && !done() && !(stopAtIdle && this.foreground === 0)) this.current = Math.max(this.current, until);
    } finally {
      this.running = false;
      this.resumeAfterDrive();
    }
    return count;
  }

  private resumeAfterDrive(): void {
    const waiting = this.afterDrive;
    this.afterDrive = [];
    for (const resume of waiting) resume();
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

function nextMacrotask(): Promise<void> {
  return new Promise<void>(resolve => setImmediate(resolve));
}

function before(a: ScheduledTask, b: ScheduledTask): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
