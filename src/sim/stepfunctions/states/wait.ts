/**
 * Wait: waits `Seconds` or until `Timestamp` (or `SecondsPath` / `TimestampPath`, or JSONata expressions) on the
 * virtual clock: a one-year wait costs no real time. A timestamp in the past does not wait.
 */
import { StateOutcome } from './types';
import { runtimeError } from '../errors';
import type { StateRun } from '../execution/state-run';
import type { Json } from '../paths/jsonpath';
import { applyInputPath } from '../processing/input-path';
import { dynamicValue } from '../processing/payload-template';
import { finishWithoutResult } from '../processing/result-flow';

export async function runWait(run: StateRun): Promise<StateOutcome> {
  const s = run.state;
  const effective = run.language === 'JSONata' ? run.rawInput : applyInputPath(run, run.rawInput);
  let until = waitUntil(run, effective);
  if (until instanceof Promise) until = await until;
  if (until > run.env.now()) await run.env.sleep(until - run.env.now());
  return { output: await finishWithoutResult(run, effective), next: s.Next };
}

/** When the wait ends: JSONPath fields are read synchronously, JSONata expressions evaluated (asynchronously). */
function waitUntil(run: StateRun, effective: Json): number | Promise<number> {
  const s = run.state;
  if (run.language === 'JSONata') {
    const value = (field: string): Promise<Json | undefined> =>
      (s[field] === undefined ? Promise.resolve(undefined) : run.machine.jsonata.template(s[field], run.jsonataScope(), field));
    return value('Seconds').then(seconds => (seconds !== undefined ? untilAfter(run, seconds) : value('Timestamp').then(t => untilTimestamp(run, t))));
  }
  const value = (field: 'Seconds' | 'Timestamp'): Json | undefined => {
    const pathField = `${field}Path`;
    if (s[pathField] !== undefined) return dynamicValue(pathField, s[pathField], run.pathData(effective), run.machine.intrinsics);
    return s[field];
  };
  const seconds = value('Seconds');
  return seconds !== undefined ? untilAfter(run, seconds) : untilTimestamp(run, value('Timestamp'));
}

function untilAfter(run: StateRun, seconds: Json): number {
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
    throw runtimeError(`The value of the field 'Seconds${run.state.SecondsPath ? 'Path' : ''}' must be a non-negative integer, got ${JSON.stringify(seconds)}`);
  }
  return run.env.now() + seconds * 1000;
}

function untilTimestamp(run: StateRun, timestamp: Json | undefined): number {
  const at = typeof timestamp === 'string' ? parseTimestamp(timestamp) : undefined;
  if (at === undefined) {
    throw runtimeError(`The value of the field 'Timestamp${run.state.TimestampPath ? 'Path' : ''}' must be an RFC3339 timestamp, got ${JSON.stringify(timestamp)}`);
  }
  return at;
}

/** An RFC3339 timestamp (uppercase T and Z or an offset, as ASL requires), as epoch ms. */
export function parseTimestamp(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
