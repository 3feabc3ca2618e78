/**
 * Fail: ends its block with an error and a cause: `Error`/`Cause`, `ErrorPath`/`CausePath` (JSONPath, a path or an
 * intrinsic), or `{% %}` expressions (JSONata).
 */
import { StateOutcome } from './types';
import { StatesError, runtimeError } from '../errors';
import type { StateRun } from '../execution/state-run';
import type { Json } from '../paths/jsonpath';
import { dynamicValue } from '../processing/payload-template';

export function runFail(run: StateRun): StateOutcome | Promise<StateOutcome> {
  if (run.language === 'JSONata') return runJsonataFail(run);
  const s = run.state;
  const read = (field: 'Error' | 'Cause'): string | undefined => {
    const value: Json | undefined = s[`${field}Path`] !== undefined
      ? dynamicValue(`${field}Path`, s[`${field}Path`], run.pathData(run.rawInput), run.machine.intrinsics) : s[field];
    return asText(field, value, s[`${field}Path`] !== undefined);
  };
  throw new FailStateError(read('Error') ?? '', read('Cause') ?? '');
}

async function runJsonataFail(run: StateRun): Promise<StateOutcome> {
  const s = run.state;
  const read = async (field: 'Error' | 'Cause') => asText(field, s[field] === undefined ? undefined
    : await run.machine.jsonata.template(s[field], run.jsonataScope(), field), false);
  const error = await read('Error');
  const cause = await read('Cause');
  throw new FailStateError(error ?? '', cause ?? '');
}

function asText(field: string, value: Json | undefined, byPath: boolean): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw runtimeError(`The value of the field '${field}${byPath ? 'Path' : ''}' must be a string, got ${JSON.stringify(value)}`);
  return value;
}

/** The error a Fail state raises (its Error and Cause may both be absent). */
export class FailStateError extends StatesError {}
