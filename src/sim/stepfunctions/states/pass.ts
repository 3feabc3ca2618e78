/**
 * Pass: passes its input to its output, or injects `Result` (JSONPath) / computes `Output` (JSONata), doing no work.
 */
import { StateOutcome } from './types';
import type { StateRun } from '../execution/state-run';
import { applyInputPath } from '../processing/input-path';
import { applyParameters } from '../processing/parameters';
import { finishWithResult } from '../processing/result-flow';

export async function runPass(run: StateRun): Promise<StateOutcome> {
  const s = run.state;
  if (run.language === 'JSONata') {
    return { output: await finishWithResult(run, run.rawInput), next: s.Next };
  }
  const effective = applyParameters(run, applyInputPath(run, run.rawInput));
  const result = s.Result !== undefined ? s.Result : effective;
  return { output: await finishWithResult(run, result, { resultSelector: false }), next: s.Next };
}
