/**
 * Child threads of a Parallel or Map state: each branch or iteration runs as its own fiber on the virtual clock, at
 * most `limit` at once (MaxConcurrency; 0 means no limit); the parent waits for them with `fiber.wait`. A failed child
 * stops the others (their abort scopes), and the parent continues once every child has unwound. Results keep the
 * children's order whatever order they finish in.
 *
 * A block that can never wait (only Pass, Choice, Succeed and Fail states) takes no virtual time, so its children run
 * one after another in the parent's own fiber: the outcome is the same, without a fiber per child.
 */
import { Block, RunEnv } from './env';
import { StatesError } from '../errors';
import type { Json } from '../paths/jsonpath';

const NEVER_WAITING = new Set(['Pass', 'Choice', 'Succeed', 'Fail']);

/** True when no state of `block` (nested blocks included) can wait in virtual time. */
export function neverWaits(block: Block): boolean {
  return Object.values(block.States).every(s => {
    if (NEVER_WAITING.has(s.Type)) return true;
    if (s.Type === 'Parallel') return (s.Branches as Block[]).every(neverWaits);
    return false;
  });
}

export interface ChildOutcome {
  readonly ok: boolean;
  readonly output?: Json;
  readonly error?: StatesError;
}

export interface ChildrenOptions {
  readonly count: number;
  /** 0: no limit. */
  readonly limit: number;
  /** Runs in the parent's fiber, one child after another (the block never waits). */
  readonly inline: boolean;
  /** Stop the others at the first failure (Parallel; inline Map). False: let every child finish (distributed Map). */
  readonly failFast: boolean;
  readonly label: string;
  run(childEnv: RunEnv, index: number): Json | Promise<Json>;
  /** Makes the child's env (a Map iteration carries its item). */
  makeEnv(parent: RunEnv, fiber: RunEnv['fiber'], index: number): RunEnv;
}

/** Runs the children; returns each child's outcome, in order. */
export async function runChildren(parent: RunEnv, options: ChildrenOptions): Promise<ChildOutcome[]> {
  const outcomes = await runAll(parent, options);
  // The state's next event follows the last event its children recorded.
  parent.lastEventId = parent.history.length;
  return outcomes;
}

async function runAll(parent: RunEnv, options: ChildrenOptions): Promise<ChildOutcome[]> {
  const outcomes: ChildOutcome[] = new Array(options.count);
  if (options.inline) {
    for (let i = 0; i < options.count; i++) {
      parent.checkAborted();
      const env = options.makeEnv(parent, parent.fiber, i);
      try {
        let output = options.run(env, i);
        if (output instanceof Promise) output = await output;
        outcomes[i] = { ok: true, output };
      } catch (e) {
        const error = e instanceof StatesError ? e : new StatesError('States.Runtime', String(e));
        outcomes[i] = { ok: false, error };
        if (options.failFast) {
          for (let j = i + 1; j < options.count; j++) outcomes[j] = { ok: false };
          break;
        }
      }
      parent.abort.release(env.abort);
    }
    return outcomes;
  }
  const clock = parent.machine.ctx.clock;
  const limit = options.limit > 0 ? options.limit : options.count;
  const envs: RunEnv[] = [];
  let next = 0;
  let running = 0;
  let finished = 0;
  let stopped = false;
  return parent.wait(new Promise<ChildOutcome[]>(resolveAll => {
    const launch = () => {
      while (running < limit && next < options.count && !stopped) {
        const index = next++;
        running++;
        void clock.spawn(`${options.label}[${index}]`, async fiber => {
          const env = options.makeEnv(parent, fiber, index);
          envs[index] = env;
          // A sibling failed before this child's fiber started: it stops at once.
          if (stopped) env.abort.abort(siblingFailed());
          try {
            return { ok: true, output: await options.run(env, index) } as ChildOutcome;
          } catch (e) {
            return { ok: false, error: e instanceof StatesError ? e : new StatesError('States.Runtime', String(e)) } as ChildOutcome;
          } finally {
            parent.abort.release(env.abort);
          }
        }).then(outcome => {
          outcomes[index] = outcome;
          running--;
          finished++;
          if (!outcome.ok && options.failFast && !stopped) {
            stopped = true;
            for (const other of envs) if (other && other !== envs[index]) other.abort.abort(siblingFailed());
          }
          if (stopped) {
            if (running === 0) {
              for (let i = 0; i < options.count; i++) outcomes[i] ??= { ok: false };
              resolveAll(outcomes);
            }
            return;
          }
          if (finished === options.count) resolveAll(outcomes);
          else launch();
        });
      }
    };
    if (options.count === 0) resolveAll(outcomes);
    else launch();
  }));
}

function siblingFailed(): StatesError {
  return new StatesError('States.Aborted', 'stopped: another branch or iteration failed');
}

/** The first failure of the children (in child order), if any. */
export function firstFailure(outcomes: readonly ChildOutcome[]): StatesError | undefined {
  return outcomes.find(o => !o.ok && o.error && o.error.error !== 'States.Aborted')?.error;
}
