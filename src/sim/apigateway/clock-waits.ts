/**
 * How the request pipeline waits. Whatever may settle in virtual time (a Lambda integration with a duration, raced
 * against the integration timeout by `Deadlines`) is waited for through a `Waiter`: a fiber (WebSocket events), or,
 * for REST and HTTP requests, `clockWaiter`, which does what `fiber.wait` does without a fiber: while the wait is
 * pending the clock lets promise continuations run before it moves time on, so the request continues at the virtual
 * time its wait settled, before anything scheduled later (a fiber would add a clock task per request and per wait).
 * Work that is asynchronous in real time but takes no virtual time (verifying a JWT signature with WebCrypto) holds
 * the clock until it settles (`holdClock`), so virtual time does not move on while it runs.
 */
import type { VirtualClock } from '../kernel';

/** What the pipeline waits through (a `Fiber` is one). */
export interface Waiter {
  wait<T>(promise: PromiseLike<T>): Promise<T>;
}

/** A waiter for code that runs outside a clock task (a request started by a test or a handler). */
export function clockWaiter(clock: VirtualClock): Waiter {
  return {
    wait: <T>(promise: PromiseLike<T>) => {
      clock.countPromiseWait(1);
      return Promise.resolve(promise).finally(() => clock.countPromiseWait(-1));
    },
  };
}

export const TIMED_OUT: unique symbol = Symbol('timed out');

interface DeadlineEntry {
  readonly deadline: number;
  done: boolean;
  readonly expire: () => void;
}

/**
 * Integration timeouts with one wake-up task per API service rather than one per request: entries with the same
 * timeout expire in the order they started, so each timeout value keeps a FIFO, and a single clock task is armed at
 * the earliest pending deadline. A request that answers in time leaves nothing behind on the clock. The task is
 * background work (an idle `runUntilIdle` does not wait for it); a test that awaits the request drives the clock to it.
 */
export class Deadlines {
  private readonly queues = new Map<number, { entries: DeadlineEntry[]; head: number }>();
  private armedAt = Number.POSITIVE_INFINITY;

  constructor(private readonly clock: VirtualClock, private readonly label: string) {}

  /** `promise`'s value, or TIMED_OUT when `ms` virtual milliseconds pass first. */
  public race<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
    return new Promise<T | typeof TIMED_OUT>((resolve, reject) => {
      const entry: DeadlineEntry = { deadline: this.clock.now() + ms, done: false, expire: () => resolve(TIMED_OUT) };
      let q = this.queues.get(ms);
      if (!q) {
        q = { entries: [], head: 0 };
        this.queues.set(ms, q);
      }
      q.entries.push(entry);
      const settle = () => {
        entry.done = true;
        this.trim(ms);
      };
      promise.then(v => {
        if (entry.done) return;
        settle();
        resolve(v);
      }, e => {
        if (entry.done) return;
        settle();
        reject(e);
      });
      this.arm(entry.deadline);
    });
  }

  private arm(at: number): void {
    if (at >= this.armedAt) return;
    this.armedAt = at;
    this.clock.schedule(at, () => this.fire(at), { background: true, label: this.label });
  }

  private fire(at: number): void {
    if (at !== this.armedAt) return;
    this.armedAt = Number.POSITIVE_INFINITY;
    const now = this.clock.now();
    let next = Number.POSITIVE_INFINITY;
    for (const [ms, q] of this.queues) {
      while (q.head < q.entries.length && q.entries[q.head].deadline <= now) {
        const e = q.entries[q.head++];
        if (!e.done) {
          e.done = true;
          e.expire();
        }
      }
      this.trim(ms);
      if (q.head < q.entries.length) next = Math.min(next, q.entries[q.head].deadline);
    }
    if (next !== Number.POSITIVE_INFINITY) this.arm(next);
  }

  private trim(ms: number): void {
    const q = this.queues.get(ms)!;
    while (q.head < q.entries.length && q.entries[q.head].done) q.head++;
    if (q.head === q.entries.length) {
      q.entries.length = 0;
      q.head = 0;
    } else if (q.head > 1024 && q.head * 2 > q.entries.length) {
      q.entries.splice(0, q.head);
      q.head = 0;
    }
  }
}

/** Keeps virtual time still until `promise` settles (for real-time asynchronous work that takes no virtual time). */
export function holdClock<T>(clock: VirtualClock, promise: Promise<T>, label: string): Promise<T> {
  clock.schedule(clock.now(), () => promise.then(() => undefined, () => undefined), { label });
  return promise;
}
