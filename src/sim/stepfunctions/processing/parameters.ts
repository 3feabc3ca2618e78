/**
 * Parameters (JSONPath states) and Arguments (JSONata states): the input the state's work gets. Parameters is a
 * payload template over the effective input; Arguments is a JSONata template over `$states.input`.
 */
import { applyTemplate } from './payload-template';
import type { StateRun } from '../execution/state-run';
import type { Json } from '../paths/jsonpath';

/** Parameters (or ItemSelector, which uses the same template rules) applied to the effective input. */
export function applyParameters(run: StateRun, effectiveInput: Json, field: 'Parameters' | 'ItemSelector' = 'Parameters'): Json {
  const template = run.state[field];
  const out = template === undefined ? effectiveInput : applyTemplate(template, run.pathData(effectiveInput), run.machine.intrinsics);
  if (run.inspection) run.inspection.afterParameters = out;
  return out;
}

/** Arguments of a JSONata state: its template evaluated, or the state input when the state has none. */
export async function applyArguments(run: StateRun): Promise<Json> {
  const template = run.state.Arguments;
  const out = template === undefined ? run.rawInput : await run.machine.jsonata.requiredTemplate(template, run.jsonataScope(), 'Arguments');
  if (run.inspection) run.inspection.afterArguments = out;
  return out;
}
