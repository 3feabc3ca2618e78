/**
 * The items of an inline Map: ItemsPath (JSONPath, default `$`) on the effective input, or Items (JSONata, default
 * `$states.input`, or a literal array). Anything but an array fails the state.
 */
import { runtimeError } from '../errors';
import type { StateRun } from '../execution/state-run';
import type { Json } from '../paths/jsonpath';
import { readRequiredPath } from '../paths/reference';

export async function readItems(run: StateRun, effective: Json): Promise<Json[]> {
  const s = run.state;
  let items: Json;
  if (run.language === 'JSONata') {
    items = s.Items === undefined ? run.rawInput : await run.machine.jsonata.requiredTemplate(s.Items, run.jsonataScope(), 'Items');
  } else {
    items = s.ItemsPath === undefined ? effective : readRequiredPath(s.ItemsPath, run.pathData(effective), 'ItemsPath');
  }
  if (!Array.isArray(items)) {
    const field = run.language === 'JSONata' ? 'Items' : 'ItemsPath';
    throw runtimeError(`The ${field} field of the Map state '${run.name}' must resolve to a JSON array, got ${JSON.stringify(items)}`);
  }
  return items;
}
