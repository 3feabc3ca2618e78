/**
 * The eval loop: runs the states of a block (a definition, a branch, an iteration) from `StartAt` until one ends it,
 * each through `runState`: history events, the state type's behaviour, Retry and Catch. A state that neither waits
 * nor evaluates JSONata completes synchronously, so a run of Pass and Choice states allocates no promise per state.
 */
import { ExecutionStopped } from './abort';
import { QueryLanguage, RunEnv, Block, StateDef } from './env';
import { HistoryEventType, NOT_TRUNCATED } from './history';
import { firstMatching, retryDelayMs } from './retry';
import { StateRun } from './state-run';
import { asStatesError, StatesError, STATES_ERRORS } from '../errors';
import type { Json } from '../paths/jsonpath';
import { assignJsonata, assignJsonPath, storeAssign } from '../processing/assign';
import { computeOutput } from '../processing/output';
import { applyResultPath } from '../processing/result-path';
import { STATE_TYPES } from '../states';
import type { StateOutcome } from '../states/types';

type StateType = 'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

/** Each state type's history event names, written once: every history event keeps its type. */
const ENTERED: Readonly<Record<StateType, HistoryEventType>> = {
  Pass: 'PassStateEntered',
  Task: 'TaskStateEntered',
  Choice: 'ChoiceStateEntered',
  Wait: 'WaitStateEntered',
  Succeed: 'SucceedStateEntered',
  Fail: 'FailStateEntered',
  Parallel: 'ParallelStateEntered',
  Map: 'MapStateEntered',
};
const EXITED: Readonly<Record<Exclude<StateType, 'Fail'>, HistoryEventType>> = {
  Pass: 'PassStateExited',
  Task: 'TaskStateExited',
  Choice: 'ChoiceStateExited',
  Wait: 'WaitStateExited',
  Succeed: 'SucceedStateExited',
  Parallel: 'ParallelStateExited',
  Map: 'MapStateExited',
};

export interface BlockOptions {
  /** Start at this state instead of StartAt (a redrive). */
  readonly startAt?: string;
  /** Remembers each state entered at this level (a redrive restarts from the one that failed). */
  readonly onEnter?: (name: string, input: Json) => void;
}

/**
 * Runs `block` on `input`: synchronously as long as its states complete synchronously (the output itself), and on from
 * the first state that waits as a promise.
 */
export function runBlock(block: Block, input: Json, env: RunEnv, inherited: QueryLanguage, options: BlockOptions = {}): Json | Promise<Json> {
  const language = block.QueryLanguage ?? inherited;
  let name = options.startAt ?? block.StartAt;
  let data = input;
  for (;;) {
    env.checkAborted();
    const state = block.States[name];
    options.onEnter?.(name, data);
    const outcome = runState(name, state, data, env, (state.QueryLanguage as QueryLanguage | undefined) ?? language);
    if (outcome instanceof Promise) {
      return outcome.then(o => (o.next === undefined ? o.output : runBlock(block, o.output, env, inherited, { ...options, startAt: o.next })));
    }
    if (outcome.next === undefined) return outcome.output;
    name = outcome.next;
    data = outcome.output;
  }
}

function runState(name: string, state: StateDef, input: Json, env: RunEnv, language: QueryLanguage): StateOutcome | Promise<StateOutcome> {
  const run = new StateRun(name, state, env, language, input);
  const enteredId = env.event(ENTERED[state.Type as StateType], 'stateEnteredEventDetails', { name, input, inputDetails: NOT_TRUNCATED });
  let outcome: StateOutcome | Promise<StateOutcome>;
  try {
    outcome = STATE_TYPES[state.Type](run);
  } catch (e) {
    return recover(run, e, enteredId);
  }
  if (outcome instanceof Promise) return outcome.then(o => exited(run, o), e => recover(run, e, enteredId));
  return exited(run, outcome);
}

function exited(run: StateRun, outcome: StateOutcome, error?: StatesError): StateOutcome {
  const details: Record<string, unknown> = { name: run.name, output: outcome.output, outputDetails: NOT_TRUNCATED };
  if (run.assigned) {
    details.assignedVariables = run.assigned;
    details.assignedVariablesDetails = NOT_TRUNCATED;
  }
  run.env.event(EXITED[run.state.Type as Exclude<StateType, 'Fail'>], 'stateExitedEventDetails', details);
  run.machine.observe?.(run, { next: outcome.next, error });
  return outcome;
}

/** Retry, then Catch, for an error the state raised; otherwise the error ends the block. */
async function recover(run: StateRun, thrown: unknown, enteredId: number): Promise<StateOutcome> {
  const env = run.env;
  const retriers: any[] = run.state.Retry ?? [];
  const counts = retriers.map(() => 0);
  let e = thrown;
  for (;;) {
    if (e instanceof ExecutionStopped) throw e;
    if (env.abort.aborted) throw env.abort.aborted;
    const error = asStatesError(e);
    const i = firstMatching(retriers, error.error);
    const delay = i >= 0 ? retryDelayMs(retriers[i], counts[i], () => env.machine.ctx.ids.random()) : undefined;
    if (delay !== undefined) {
      counts[i]++;
      run.retryCount++;
      await env.sleep(delay);
      try {
        return exited(run, await STATE_TYPES[run.state.Type](run));
      } catch (again) {
        e = again;
        continue;
      }
    }
    const caught = await tryCatch(run, error);
    if (caught) return exited(run, caught, error);
    env.machine.observe?.(run, { error });
    throw withStateContext(error, run.name, enteredId);
  }
}

/**
 * Catch: the first catcher whose ErrorEquals matches gets the error output `{ Error, Cause }`, placed by its
 * ResultPath into the state input (JSONPath) or shaped by its Output (JSONata), its Assign applied, then its Next.
 */
async function tryCatch(run: StateRun, error: StatesError): Promise<StateOutcome | undefined> {
  const catchers: any[] = run.state.Catch ?? [];
  const i = firstMatching(catchers, error.error);
  if (i < 0) return undefined;
  const catcher = catchers[i];
  const errorOutput: Json = { Error: error.error, Cause: error.cause };
  if (run.inspection) run.inspection.errorOutput = errorOutput;
  let output: Json;
  if (run.language === 'JSONata') {
    const assigned = await assignJsonata(run, catcher.Assign, { errorOutput });
    output = await computeOutput(run, run.rawInput, { errorOutput }, catcher.Output);
    storeAssign(run, assigned);
  } else {
    const assigned = assignJsonPath(run, catcher.Assign, errorOutput);
    output = applyResultPath(run, run.rawInput, errorOutput, catcher.ResultPath);
    storeAssign(run, assigned);
  }
  if (run.inspection) run.inspection.output = output;
  return { output, next: catcher.Next };
}

/** States.Runtime causes name the state and the event that entered it, as Step Functions reports them. */
function withStateContext(error: StatesError, name: string, enteredId: number): StatesError {
  if (error.error !== STATES_ERRORS.Runtime || error.cause.startsWith('An error occurred while executing the state')) return error;
  return new StatesError(error.error, `An error occurred while executing the state '${name}' (entered at the event id #${enteredId}). ${error.cause}`);
}
