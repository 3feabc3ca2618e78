/**
 * Calls that wait in virtual time: a long-poll receive, a synchronous Express execution, an API request whose backend
 * takes time. Such a call returns a `VirtualPromise`; it settles when the simulation reaches the event it waits for.
 *
 * Who moves the clock: a test that *awaits* the call while nothing else drives the clock gets the clock driven for it
 * until the call settles (so `await q.receiveMessage({ WaitTimeSeconds: 20 })` on an empty queue returns after 20
 * virtual seconds). A call that is started but not awaited moves no time on its own: the test's own
 * `sim.advance(ms)` moves time by exactly `ms`, and a message sent meanwhile settles the pending call. The promise
 * knows it is awaited because `await` calls its `then`; the drive starts one macrotask later, after the test has
 * started whatever it starts in the same breath (`Promise.all([call, sim.advance(5_000)])` lets the advance drive).
 *
 * Awaited while the clock is running (inside a Lambda handler or another task, which cannot wait for the clock that
 * runs it), the owner's `whenAwaitedInTask` decides (a long poll returns what is available now).
 */
import type { VirtualClock } from './clock';

export interface VirtualWaitOptions {
  /** Names the call in errors (`sqs ReceiveMessage on Orders`). */
  readonly label: string;
  /**
   * Called (once) when the promise is awaited while the clock is running: the owner settles it at once or leaves it
   * pending. @default leave it pending
   */
  readonly whenAwaitedInTask?: () => void;
}

/** The settling side of a virtual wait, kept by the service that owns the call. */
export interface VirtualDeferred<T> {
  /** What the caller gets. */
  readonly promise: Promise<T>;
  readonly settled: boolean;
  resolve(value: T): void;
  reject(error: unknown): void;
}

/** Creates a virtual wait on `clock`. */
export function virtualDeferred<T>(clock: VirtualClock, options: VirtualWaitOptions): VirtualDeferred<T> {
  let resolveInner!: (value: T) => void;
  let rejectInner!: (error: unknown) => void;
  const inner = new Promise<T>((res, rej) => {
    resolveInner = res;
    rejectInner = rej;
  });
  const state = { settled: false };
  const promise = new VirtualPromise<T>(clock, inner, state, options, error => deferred.reject(error));
  const deferred: VirtualDeferred<T> = {
    promise,
    get settled() { return state.settled; },
    resolve(value) {
      if (state.settled) return;
      state.settled = true;
      resolveInner(value);
    },
    reject(error) {
      if (state.settled) return;
      state.settled = true;
      rejectInner(error);
    },
  };
  return deferred;
}

/** A promise that drives the virtual clock when awaited from the test (see the file comment). */
class VirtualPromise<T> implements Promise<T> {
  public readonly [Symbol.toStringTag] = 'Promise';
  private watched = false;

  constructor(
    private readonly clock: VirtualClock,
    private readonly inner: Promise<T>,
    private readonly state: { settled: boolean },
    private readonly options: VirtualWaitOptions,
    private readonly fail: (error: unknown) => void,
  ) {}

  public then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    this.watch();
    return this.inner.then(onFulfilled, onRejected);
  }

  public catch<R = never>(onRejected?: ((reason: any) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onRejected);
  }

  public finally(onFinally?: (() => void) | null): Promise<T> {
    this.watch();
    return this.inner.finally(onFinally);
  }

  private watch(): void {
    if (this.watched || this.state.settled) return;
    this.watched = true;
    if (this.clock.isRunning) {
      this.options.whenAwaitedInTask?.();
      return;
    }
    this.clock.driveWhenIdle(() => this.state.settled, this.options.label).catch(this.fail);
  }
}
