/**
 * What happens to a state's result, in the order the developer guide gives for each query language:
 * JSONPath: ResultSelector, Assign (reading the selected result), ResultPath into the raw input, OutputPath.
 * JSONata: Assign and Output, both from `$states.result` and the variables as they were before this state.
 * JSONPath processing is synchronous (a state that does not wait completes without a promise); JSONata evaluation is
 * asynchronous (the jsonata library's evaluate returns a promise).
 */
import { assignJsonata, assignJsonPath, storeAssign } from './assign';
import { computeOutput } from './output';
import { applyOutputPath } from './output-path';
import { applyResultPath } from './result-path';
import { applyResultSelector } from './result-selector';
import type { StateRun } from '../execution/state-run';
import type { Json } from '../paths/jsonpath';

export function finishWithResult(run: StateRun, result: Json, options: { resultSelector?: boolean } = {}): Json | Promise<Json> {
  if (run.inspection) run.inspection.result = result;
  if (run.language === 'JSONata') return finishJsonata(run, result);
  const selected = options.resultSelector === false ? result : applyResultSelector(run, result);
  const assigned = assignJsonPath(run, run.state.Assign, selected);
  const output = applyOutputPath(run, applyResultPath(run, run.rawInput, selected));
  storeAssign(run, assigned);
  if (run.inspection) run.inspection.output = output;
  return output;
}

async function finishJsonata(run: StateRun, result: Json): Promise<Json> {
  const assigned = await assignJsonata(run, run.state.Assign, { result });
  const output = await computeOutput(run, result, { result });
  storeAssign(run, assigned);
  if (run.inspection) run.inspection.output = output;
  return output;
}

/** States without a result (Choice, Wait, Succeed): Assign from the effective input, then OutputPath / Output. */
export function finishWithoutResult(run: StateRun, effectiveInput: Json, assign: unknown = run.state.Assign, output?: unknown): Json | Promise<Json> {
  if (run.language === 'JSONata') return finishWithoutResultJsonata(run, assign, output);
  const assigned = assignJsonPath(run, assign, effectiveInput);
  const out = applyOutputPath(run, effectiveInput);
  storeAssign(run, assigned);
  if (run.inspection) run.inspection.output = out;
  return out;
}

async function finishWithoutResultJsonata(run: StateRun, assign: unknown, output: unknown): Promise<Json> {
  const assigned = await assignJsonata(run, assign);
  const out = await computeOutput(run, run.rawInput, {}, output === undefined ? run.state.Output : output);
  storeAssign(run, assigned);
  if (run.inspection) run.inspection.output = out;
  return out;
}

/** Continues with `then` on a value or a promise of it, staying synchronous when `value` is not a promise. */
export function andThen<T, R>(value: T | Promise<T>, then: (v: T) => R | Promise<R>): R | Promise<R> {
  return value instanceof Promise ? value.then(then) : then(value);
}
