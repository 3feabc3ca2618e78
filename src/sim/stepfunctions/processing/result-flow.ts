/**
 * What happens to a state's result, in the order the developer guide gives for each query language:
 * JSONPath: ResultSelector, Assign (reading the selected result), ResultPath into the raw input, OutputPath.
 * JSONata: Assign and Output, both from `$states.result` and the variables as they were before this state.
 */
import { computeAssign, storeAssign } from './assign';
import { computeOutput } from './output';
import { applyOutputPath } from './output-path';
import { applyResultPath } from './result-path';
import { applyResultSelector } from './result-selector';
import type { StateRun } from '../execution/state-run';
import type { Json } from '../paths/jsonpath';

export async function finishWithResult(run: StateRun, result: Json, options: { resultSelector?: boolean } = {}): Promise<Json> {
  run.inspection.result = result;
  let output: Json;
  if (run.language === 'JSONata') {
    const assigned = await computeAssign(run, run.state.Assign, result, { result });
    output = await computeOutput(run, result, { result });
    storeAssign(run, assigned);
  } else {
    const selected = options.resultSelector === false ? result : applyResultSelector(run, result);
    const assigned = await computeAssign(run, run.state.Assign, selected);
    output = applyOutputPath(run, applyResultPath(run, run.rawInput, selected));
    storeAssign(run, assigned);
  }
  run.inspection.output = output;
  return output;
}

/** States without a result (Choice, Wait, Succeed): Assign from the effective input, then OutputPath / Output. */
export async function finishWithoutResult(run: StateRun, effectiveInput: Json, assign: unknown = run.state.Assign, output?: unknown): Promise<Json> {
  let out: Json;
  if (run.language === 'JSONata') {
    const assigned = await computeAssign(run, assign, effectiveInput);
    out = await computeOutput(run, run.rawInput, {}, output === undefined ? run.state.Output : output);
    storeAssign(run, assigned);
  } else {
    const assigned = await computeAssign(run, assign, effectiveInput);
    out = applyOutputPath(run, effectiveInput);
    storeAssign(run, assigned);
  }
  run.inspection.output = out;
  return out;
}
