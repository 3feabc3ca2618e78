/**
 * Stopping running work: StopExecution, an execution timeout, or a failed branch or iteration that stops its siblings
 * (a Parallel state stops every branch when one fails; a Map state stops its iterations). Each thread of an execution
 * has an AbortScope, a child of the scope of the thread that started it; every wait goes through it, so a stopped
 * thread wakes at once and cancels its timers (a stopped one-year Wait leaves nothing on the clock).
 */
import { StatesError } from '../errors';

export class AbortScope {
  private reason?: StatesError;
  // Created on first use: most scopes (a Map iteration of Pass states) never get a listener or a child.
  private listeners?: Array<(reason: StatesError) => void>;
  private children?: Set<AbortScope>;

  constructor(parent?: AbortScope) {
    if (parent) {
      if (parent.reason) this.reason = parent.reason;
      else (parent.children ??= new Set()).add(this);
    }
  }

  public get aborted(): StatesError | undefined {
    return this.reason;
  }

  /** Stops this scope and every scope under it; listeners run once. */
  public abort(reason: StatesError): void {
    if (this.reason) return;
    this.reason = reason;
    for (const l of this.listeners?.splice(0) ?? []) l(reason);
    for (const c of this.children ?? []) c.abort(reason);
    this.children?.clear();
  }

  /** Calls `listener` when the scope is stopped (at once if it already is); returns a remover. */
  public onAbort(listener: (reason: StatesError) => void): () => void {
    if (this.reason) {
      listener(this.reason);
      return () => undefined;
    }
    const listeners = this.listeners ??= [];
    listeners.push(listener);
    return () => {
      const i = listeners.indexOf(listener);
      if (i >= 0) listeners.splice(i, 1);
    };
  }

  /** A promise that settles like `work`, or rejects with the abort reason when the scope is stopped first. */
  public race<T>(work: Promise<T>): Promise<T> {
    if (this.reason) return Promise.reject(this.reason);
    return new Promise<T>((resolve, reject) => {
      const remove = this.onAbort(reject);
      work.then(v => { remove(); resolve(v); }, e => { remove(); reject(e); });
    });
  }

  /** Forgets a finished child scope. */
  public release(child: AbortScope): void {
    this.children?.delete(child);
  }
}

/** The reason an execution was stopped (StopExecution, the execution timeout). */
export class ExecutionStopped extends StatesError {}
