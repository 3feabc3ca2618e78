/** ResultSelector (JSONPath states): a payload template over the raw result, replacing it before ResultPath. */
import { applyTemplate } from './payload-template';
import type { StateRun } from '../execution/state-run';
import type { Json } from '../paths/jsonpath';

export function applyResultSelector(run: StateRun, result: Json): Json {
  const template = run.state.ResultSelector;
  const out = template === undefined ? result : applyTemplate(template, run.pathData(result), run.machine.intrinsics);
  if (run.inspection) run.inspection.afterResultSelector = out;
  return out;
}
