/**
 * InputPath (JSONPath states): selects the effective input from the raw input. `null` gives `{}` ("InputPath,
 * ResultPath and OutputPath": a null InputPath discards the input).
 */
import type { StateRun } from '../execution/state-run';
import type { Json } from '../paths/jsonpath';
import { readRequiredPath } from '../paths/reference';

export function applyInputPath(run: StateRun, input: Json): Json {
  const path = run.state.InputPath;
  let out: Json;
  if (path === null) out = {};
  else if (path === undefined || path === '$') out = input;
  else out = readRequiredPath(path, run.pathData(input), 'InputPath');
  if (run.inspection) run.inspection.afterInputPath = out;
  return out;
}
