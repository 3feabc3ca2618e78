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
  const until = await waitUntil(run, effective);
  if (until > run.env.now()) await run.env.sleep(until - run.env.now());
  return { output: await finishWithoutResult(run, effective), next: s.Next };
}

async function waitUntil(run: StateRun, effective: Json): Promise<number> {
  const s = run.state;
  const value = async (field: string): Promise<Json | undefined> => {
    if (run.language === 'JSONata') return s[field] === undefined ? undefined : run.machine.jsonata.template(s[field], run.jsonataScope(), field);
    if (s[`${field}Path`] !== undefined) return dynamicValue(`${field}Path`, s[`${field}Path`], run.pathData(effective), run.machine.intrinsics);
    return s[field];
  };
  const seconds = await value('Seconds');
  if (seconds !== undefined) {
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
      throw runtimeError(`The value of the field 'Seconds${s.SecondsPath ? 'Path' : ''}' must be a non-negative integer, got ${JSON.stringify(seconds)}`);
    }
    return run.env.now() + seconds * 1000;
  }
  const timestamp = await value('Timestamp');
  const at = typeof timestamp === 'string' ? parseTimestamp(timestamp) : undefined;
  if (at === undefined) throw runtimeError(`The value of the field 'Timestamp${s.TimestampPath ? 'Path' : ''}' must be an RFC3339 timestamp, got ${JSON.stringify(timestamp)}`);
  return at;
}

/** An RFC3339 timestamp (uppercase T and Z or an offset, as ASL requires), as epoch ms. */
export function parseTimestamp(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
