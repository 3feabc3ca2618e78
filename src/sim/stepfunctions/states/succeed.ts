/** Succeed: ends its block (the execution, a branch, an iteration) successfully. */
import { StateOutcome } from './types';
import type { StateRun } from '../execution/state-run';
import { applyInputPath } from '../processing/input-path';
import { andThen, finishWithoutResult } from '../processing/result-flow';

export function runSucceed(run: StateRun): StateOutcome | Promise<StateOutcome> {
  const effective = run.language === 'JSONata' ? run.rawInput : applyInputPath(run, run.rawInput);
  return andThen(finishWithoutResult(run, effective, undefined), output => ({ output }));
}
