/**
 * ResultPath (JSONPath states): where the result goes in the raw input. `$` (the default) replaces the input; `null`
 * discards the result and keeps the input; a Reference Path writes into a copy of the input, creating the objects on
 * its way. A path that cannot be applied (through a string, a missing array element) raises
 * States.ResultPathMatchFailure, which a Catch may handle.
 */
import { StatesError, STATES_ERRORS } from '../errors';
import type { StateRun } from '../execution/state-run';
import { Json, NOT_FOUND, setAtPath } from '../paths/jsonpath';

export function applyResultPath(run: StateRun, rawInput: Json, result: Json, resultPath: string | null | undefined = run.state.ResultPath): Json {
  let out: Json;
  if (resultPath === null) {out = rawInput;} else if (resultPath === undefined || resultPath === '$') {out = result;} else {
    const written = setAtPath(rawInput, run.machine.paths.get(resultPath), result);
    if (written === NOT_FOUND) {
      throw new StatesError(STATES_ERRORS.ResultPathMatchFailure,
        `Unable to apply ReferencePath ${resultPath} to input ${JSON.stringify(rawInput)}`);
    }
    out = written;
  }
  if (run.inspection) run.inspection.afterResultPath = out;
  return out;
}
