/**
 * Fail: ends its block with an error and a cause: `Error`/`Cause`, `ErrorPath`/`CausePath` (JSONPath, a path or an
 * intrinsic), or `{% %}` expressions (JSONata).
 */
import { StateOutcome } from './types';
import { StatesError, runtimeError } from '../errors';
import type { StateRun } from '../execution/state-run';
import type { Json } from '../paths/jsonpath';
import { dynamicValue } from '../processing/payload-template';

export async function runFail(run: StateRun): Promise<StateOutcome> {
  const s = run.state;
  const read = async (field: 'Error' | 'Cause'): Promise<string | undefined> => {
    let value: Json | undefined;
    if (run.language === 'JSONata') {
      value = s[field] === undefined ? undefined : await run.machine.jsonata.template(s[field], run.jsonataScope(), field);
    } else if (s[`${field}Path`] !== undefined) {
      value = dynamicValue(`${field}Path`, s[`${field}Path`], run.pathData(run.rawInput), run.machine.intrinsics);
    } else {
      value = s[field];
    }
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw runtimeError(`The value of the field '${field}${run.language === 'JSONPath' && s[`${field}Path`] ? 'Path' : ''}' must be a string, got ${JSON.stringify(value)}`);
    return value;
  };
  const error = await read('Error');
  const cause = await read('Cause');
  throw new FailStateError(error ?? '', cause ?? '');
}

/** The error a Fail state raises (its Error and Cause may both be absent). */
export class FailStateError extends StatesError {}
