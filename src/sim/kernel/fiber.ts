/**
 * Fibers: long-running simulated work written as plain async code that waits in virtual time (a Step Functions
 * execution, a Batch job, an AppFlow run). `await fiber.sleep(ms)` suspends the fiber until the clock reaches
 * now + ms; `await fiber.wait(promise)` suspends it until another fiber or an outside call settles the promise.
 *
 * How it meets the clock: each resumption is a clock task whose run() returns a promise that settles when the fiber
 * next suspends (or finishes), so the clock never runs two things at once and never moves while a fiber computes.
 * A fiber must therefore wait only through `sleep`, `until` and `wait`: awaiting a promise that only another fiber can
 * settle, without `wait`, would keep the clock waiting for this fiber forever.
 */
import type { VirtualClock } from './clock';

export interface FiberOptions {
  /** Virtual time at which the fiber starts. @default now */
  readonly at?: number;
  /** A background fiber's tasks do not keep `runUntilIdle` going. @default false */
  readonly background?: boolean;
}

export class Fiber {
  /** Settles when the fiber suspends or finishes; the clock task that resumed it waits for this. */
  private suspended: (() => void) | undefined;

  constructor(private readonly clock: VirtualClock, public readonly label: string, private readonly background: boolean) {}

  /** Virtual epoch milliseconds. */
  public now(): number {
    return this.clock.now();
  }

  /** Suspends the fiber for `ms` virtual milliseconds (0 lets other work due now run first). */
  public sleep(ms: number): Promise<void> {
    return this.until(this.clock.now() + Math.max(0, ms));
  }

  /** Suspends the fiber until virtual time `at`. */
  public until(at: number): Promise<void> {
    return new Promise<void>(resolve => {
      this.clock.schedule(at, () => this.resume(resolve), { label: this.label, background: this.background });
      this.suspend();
    });
  }

  /** Suspends the fiber until `promise` settles, then resumes it at the virtual time it settled. */
  public wait<T>(promise: PromiseLike<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.clock.countPromiseWait(1);
      const resumeWith = (settle: () => void) => {
        this.clock.countPromiseWait(-1);
        this.clock.schedule(this.clock.now(), () => this.resume(settle), { label: this.label });
      };
      this.suspend();
      promise.then(value => resumeWith(() => resolve(value)), error => resumeWith(() => reject(error)));
    });
  }

  /** @internal Starts the body; the returned promise settles when the body first suspends or finishes. */
  public start<T>(body: (fiber: Fiber) => Promise<T>, settle: { resolve(value: T): void; reject(error: unknown): void }): Promise<void> {
    const suspended = this.nextSuspension();
    let running: Promise<T>;
    try {
      running = body(this);
    } catch (err) {
      running = Promise.reject(err);
    }
    running.then(
      value => { settle.resolve(value); this.suspend(); },
      error => { settle.reject(error); this.suspend(); },
    );
    return suspended;
  }

  private resume(continueFiber: () => void): Promise<void> {
    const suspended = this.nextSuspension();
    continueFiber();
    return suspended;
  }

  private nextSuspension(): Promise<void> {
    return new Promise<void>(resolve => { this.suspended = resolve; });
  }

  private suspend(): void {
    const done = this.suspended;
    this.suspended = undefined;
    done?.();
  }
}
