/**
 * Pass: passes its input to its output, or injects `Result` (JSONPath) / computes `Output` (JSONata), doing no work.
 */
import { StateOutcome } from './types';
import type { StateRun } from '../execution/state-run';
import { applyInputPath } from '../processing/input-path';
import { applyParameters } from '../processing/parameters';
import { andThen, finishWithResult } from '../processing/result-flow';

export function runPass(run: StateRun): StateOutcome | Promise<StateOutcome> {
  const s = run.state;
  if (run.language === 'JSONata') return andThen(finishWithResult(run, run.rawInput), output => ({ output, next: s.Next }));
  const effective = applyParameters(run, applyInputPath(run, run.rawInput));
  const result = s.Result !== undefined ? s.Result : effective;
  return andThen(finishWithResult(run, result, { resultSelector: false }), output => ({ output, next: s.Next }));
}
