/** OutputPath (JSONPath states): selects the state output; `null` gives `{}`. */
import type { StateRun } from '../execution/state-run';
import type { Json } from '../paths/jsonpath';
import { readRequiredPath } from '../paths/reference';

export function applyOutputPath(run: StateRun, value: Json): Json {
  const path = run.state.OutputPath;
  if (path === null) return {};
  if (path === undefined || path === '$') return value;
  return readRequiredPath(path, run.pathData(value), 'OutputPath');
}
