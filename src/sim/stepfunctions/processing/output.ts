/**
 * Output (JSONata states): the state output, a JSONata template over `$states.input` and `$states.result`; without
 * it the output is the result (states with a result) or the input.
 */
import type { StateRun } from '../execution/state-run';
import type { Json } from '../paths/jsonpath';

export async function computeOutput(
  run: StateRun, fallback: Json, jsonata: { result?: Json; errorOutput?: Json } = {}, output: unknown = run.state.Output,
): Promise<Json> {
  if (output === undefined) return fallback;
  return run.machine.jsonata.requiredTemplate(output, run.jsonataScope(jsonata), 'Output');
}
