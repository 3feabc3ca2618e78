import type { StateRun } from '../execution/state-run';
import type { Json } from '../paths/jsonpath';

/** Where a state run went: its output, and the next state (none when the state ends its block). */
export interface StateOutcome {
  readonly output: Json;
  readonly next?: string;
}

/** One state type of the Amazon States Language: synchronous when it neither waits nor evaluates JSONata. */
export type StateBehaviour = (run: StateRun) => StateOutcome | Promise<StateOutcome>;
