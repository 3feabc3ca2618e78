/**
 * The eval loop: runs the states of a block (a definition, a branch, an iteration) from `StartAt` until one ends it,
 * each through `runState`: history events, the state type's behaviour, Retry and Catch.
 */
import { firstMatching, retryDelayMs } from './retry';
import { QueryLanguage, RunEnv, Block, StateDef } from './env';
import { NOT_TRUNCATED } from './history';
import { StateRun } from './state-run';
import { asStatesError, StatesError, STATES_ERRORS } from '../errors';
import type { Json } from '../paths/jsonpath';
import { applyResultPath } from '../processing/result-path';
import { computeAssign, storeAssign } from '../processing/assign';
import { computeOutput } from '../processing/output';
import { STATE_TYPES } from '../states';
import { ExecutionStopped } from './abort';

/** Called after each state run (the service records the inspection in the trace). */
export type StateObserver = (run: StateRun, outcome: { next?: string; error?: StatesError }) => void;

export interface BlockOptions {
  /** Start at this state instead of StartAt (a redrive). */
  readonly startAt?: string;
  /** Remembers each state entered at this level (a redrive restarts from the one that failed). */
  readonly onEnter?: (name: string, input: Json) => void;
}

export async function runBlock(block: Block, input: Json, env: RunEnv, inherited: QueryLanguage, options: BlockOptions = {}): Promise<Json> {
  const language = block.QueryLanguage ?? inherited;
  let name = options.startAt ?? block.StartAt;
  let data = input;
  for (;;) {
    env.checkAborted();
    const state = block.States[name];
    options.onEnter?.(name, data);
    const outcome = await runState(name, state, data, env, (state.QueryLanguage as QueryLanguage | undefined) ?? language);
    if (outcome.next === undefined) return outcome.output;
    name = outcome.next;
    data = outcome.output;
  }
}

async function runState(name: string, state: StateDef, input: Json, env: RunEnv, language: QueryLanguage): Promise<{ output: Json; next?: string }> {
  const type = state.Type as keyof typeof STATE_TYPES;
  const run = new StateRun(name, state, env, language, input);
  const enteredId = env.event(`${type}StateEntered`, 'stateEnteredEventDetails', { name, input, inputDetails: NOT_TRUNCATED });
  const behaviour = STATE_TYPES[type];
  const retriers: any[] = state.Retry ?? [];
  const counts = retriers.map(() => 0);
  for (;;) {
    try {
      const outcome = await behaviour(run);
      env.event(`${type}StateExited`, 'stateExitedEventDetails', exitedDetails(name, outcome.output, run));
      env.machine.observe?.(run, { next: outcome.next });
      return outcome;
    } catch (e) {
      if (e instanceof ExecutionStopped) throw e;
      const error = asStatesError(e);
      if (env.abort.aborted) throw env.abort.aborted;
      const i = firstMatching(retriers, error.error);
      const delay = i >= 0 ? retryDelayMs(retriers[i], counts[i], () => env.machine.ctx.ids.random()) : undefined;
      if (delay !== undefined) {
        counts[i]++;
        run.retryCount++;
        await env.sleep(delay);
        continue;
      }
      const caught = await tryCatch(run, error);
      if (caught) {
        env.event(`${type}StateExited`, 'stateExitedEventDetails', exitedDetails(name, caught.output, run));
        env.machine.observe?.(run, { next: caught.next, error });
        return caught;
      }
      env.machine.observe?.(run, { error });
      throw withStateContext(error, name, enteredId);
    }
  }
}

function exitedDetails(name: string, output: Json, run: StateRun): Record<string, unknown> {
  const details: Record<string, unknown> = { name, output, outputDetails: NOT_TRUNCATED };
  if (run.inspection.variables) {
    details.assignedVariables = run.inspection.variables;
    details.assignedVariablesDetails = NOT_TRUNCATED;
  }
  return details;
}

/**
 * Catch: the first catcher whose ErrorEquals matches gets the error output `{ Error, Cause }`, placed by its
 * ResultPath into the state input (JSONPath) or shaped by its Output (JSONata), its Assign applied, then its Next.
 */
async function tryCatch(run: StateRun, error: StatesError): Promise<{ output: Json; next: string } | undefined> {
  const catchers: any[] = run.state.Catch ?? [];
  const i = firstMatching(catchers, error.error);
  if (i < 0) return undefined;
  const catcher = catchers[i];
  const errorOutput: Json = { Error: error.error, Cause: error.cause };
  run.inspection.errorOutput = errorOutput;
  let output: Json;
  if (run.language === 'JSONata') {
    const assigned = await computeAssign(run, catcher.Assign, errorOutput, { errorOutput });
    output = await computeOutput(run, run.rawInput, { errorOutput }, catcher.Output);
    storeAssign(run, assigned);
  } else {
    const assigned = await computeAssign(run, catcher.Assign, errorOutput);
    output = applyResultPath(run, run.rawInput, errorOutput, catcher.ResultPath);
    storeAssign(run, assigned);
  }
  run.inspection.output = output;
  return { output, next: catcher.Next };
}

/** States.Runtime causes name the state and the event that entered it, as Step Functions reports them. */
function withStateContext(error: StatesError, name: string, enteredId: number): StatesError {
  if (error.error !== STATES_ERRORS.Runtime || error.cause.startsWith('An error occurred while executing the state')) return error;
  return new StatesError(error.error, `An error occurred while executing the state '${name}' (entered at the event id #${enteredId}). ${error.cause}`);
}
