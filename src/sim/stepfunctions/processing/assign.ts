/**
 * Assign: the workflow variables a state sets. Every value of one Assign is computed from the variables as they were
 * before the state ran, and only then are all stored ("Passing data between states with variables": assignments of
 * a state do not see each other). JSONPath states evaluate `.$` entries as a payload template whose `$` is the
 * state's result (its effective input for states without one); JSONata states evaluate `{% %}` with `$states`.
 */
import { applyTemplate } from './payload-template';
import type { StateRun } from '../execution/state-run';
import type { Json } from '../paths/jsonpath';

/** The values of a JSONPath state's `assign`, computed but not stored. */
export function assignJsonPath(run: StateRun, assign: unknown, current: Json): Record<string, Json> | undefined {
  if (assign === undefined) return undefined;
  return applyTemplate(assign as Json, run.pathData(current), run.machine.intrinsics) as Record<string, Json>;
}

/** The values of a JSONata state's `assign`, computed but not stored. */
export async function assignJsonata(run: StateRun, assign: unknown, jsonata: { result?: Json; errorOutput?: Json } = {}):
Promise<Record<string, Json> | undefined> {
  if (assign === undefined) return undefined;
  const value = await run.machine.jsonata.template(assign, run.jsonataScope(jsonata), 'Assign');
  return (value ?? {}) as Record<string, Json>;
}

/** Stores computed assignments in the state's scope. */
export function storeAssign(run: StateRun, values: Record<string, Json> | undefined): void {
  if (!values) return;
  run.env.variables.assign(values);
  run.assigned = values;
  if (run.inspection) run.inspection.variables = values;
}
