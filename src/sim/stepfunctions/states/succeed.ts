/** Succeed: ends its block (the execution, a branch, an iteration) successfully. */
import { StateOutcome } from './types';
import type { StateRun } from '../execution/state-run';
import { applyInputPath } from '../processing/input-path';
import { finishWithoutResult } from '../processing/result-flow';

export async function runSucceed(run: StateRun): Promise<StateOutcome> {
  const effective = run.language === 'JSONata' ? run.rawInput : applyInputPath(run, run.rawInput);
  return { output: await finishWithoutResult(run, effective, undefined) };
}
