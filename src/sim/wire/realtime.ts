/**
 * While `sim.listen()` serves, the virtual clock follows real time, because clients in other processes wait for real:
 * a long poll of 20 seconds answers after 20 real seconds (or as soon as a message arrives), a visibility timeout
 * ends when its real seconds have passed.
 *
 * How: the pump is the clock's pacer. Each step moves virtual time forward by the real milliseconds that passed since
 * the previous step and runs what fell due; steps run before each request is answered (so the request sees the
 * current time), right after it (so what it scheduled for now runs at once), and on a timer set for the next task's
 * due time (at most `IDLE_STEP_MS` apart). While the pacer is attached, a call awaited in the test no longer drives
 * the clock on its own: it waits for the pump like a remote client does.
 *
 * The test may still drive the clock: `sim.advance(ms)` and `sim.runUntilIdle()` jump ahead (waiting for a pump step
 * in progress to end), and the pump carries on from the new time without adding the real time the jump took. A
 * request that arrives while a drive is running waits for it to end, so that it never runs inside a clock task (a
 * long poll started there could not wait).
 */
import type { VirtualClock } from '../kernel';

/** Longest real time between two steps when no task is due sooner. */
const IDLE_STEP_MS = 250;

export class RealTimePump {
  private users = 0;
  private release?: () => void;
  private timer?: ReturnType<typeof setTimeout>;
  private kicked = false;
  private lastReal = 0;
  private lastVirtual = 0;
  /** Counts attachments, so a timer chain of an earlier attachment stops. */
  private generation = 0;

  constructor(private readonly clock: VirtualClock, private readonly onError: (err: unknown) => void) {}

  public get active(): boolean {
    return this.users > 0;
  }

  /** A server starts serving: the first one attaches the pacer. */
  public acquire(): void {
    if (this.users++ > 0) return;
    this.release = this.clock.attachPacer();
    this.generation++;
    this.lastReal = performance.now();
    this.lastVirtual = this.clock.now();
    this.arm(0);
  }

  /** A server stops: the last one detaches the pacer. */
  public releaseOne(): void {
    if (this.users === 0 || --this.users > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.release?.();
    this.release = undefined;
  }

  /** Before a request from a socket: waits for a drive in progress, then brings virtual time up to real time. */
  public async beforeRequest(): Promise<void> {
    if (!this.active) return;
    while (this.clock.isRunning) await this.clock.whenNotRunning();
    await this.step();
  }

  /** After a request: runs, in the next turn, what it scheduled for now (a long poll it woke up). */
  public afterRequest(): void {
    if (!this.active || this.kicked) return;
    const next = this.clock.nextTaskTime();
    if (next === undefined || next > this.clock.now()) return;
    this.kicked = true;
    setImmediate(() => {
      this.kicked = false;
      void this.step();
    });
  }

  /** One step: virtual time moves by the real time since the last step; what falls due runs. */
  private async step(): Promise<void> {
    if (!this.active || this.clock.isRunning) return;
    const now = performance.now();
    // Someone else moved the clock since the last step (the test's advance): count real time from here.
    if (this.clock.now() !== this.lastVirtual) this.lastReal = now;
    const elapsed = Math.max(0, Math.floor(now - this.lastReal));
    const next = this.clock.nextTaskTime();
    // Nothing to move and nothing due: no drive (requests in a tight loop arrive within the same millisecond).
    if (elapsed === 0 && (next === undefined || next > this.clock.now())) {
      this.lastVirtual = this.clock.now();
      return;
    }
    this.lastReal += elapsed;
    try {
      await this.clock.advanceTo(this.clock.now() + elapsed);
    } catch (err) {
      this.onError(err);
    }
    this.lastVirtual = this.clock.now();
  }

  private arm(delay: number): void {
    const generation = this.generation;
    if (!this.active) return;
    this.timer = setTimeout(() => {
      void this.step().then(() => {
        if (generation !== this.generation) return;
        const next = this.clock.nextTaskTime();
        this.arm(next === undefined ? IDLE_STEP_MS : Math.min(IDLE_STEP_MS, Math.max(1, next - this.clock.now())));
      });
    }, delay);
    this.timer.unref?.();
  }
}
