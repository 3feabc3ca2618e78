import { StatesError, STATES_ERRORS } from '../errors';
import type { Json } from '../paths/jsonpath';

/** What an intrinsic needs besides its arguments: the simulator's seeded randomness. */
export interface IntrinsicContext {
  /** A float in [0, 1) from the simulation's seeded generator (or from `seed` when the call gives one). */
  random(seed?: number): number;
  uuid(): string;
}

/** One intrinsic function of the Amazon States Language ("Intrinsic functions", Step Functions developer guide). */
export interface IntrinsicFunction {
  readonly name: string;
  /** Allowed argument counts [min, max]. */
  readonly arity: readonly [number, number];
  call(args: readonly Json[], cx: IntrinsicContext): Json;
}

/** The error an intrinsic raises for arguments it cannot process. */
export function intrinsicFailure(name: string, why: string): StatesError {
  return new StatesError(STATES_ERRORS.IntrinsicFailure, `Invalid arguments in ${name}: ${why}`);
}

export function typeOf(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

export function expectArray(name: string, v: Json, position: string): Json[] {
  if (!Array.isArray(v)) throw intrinsicFailure(name, `the ${position} argument must be an array (got ${typeOf(v)})`);
  return v;
}

export function expectString(name: string, v: Json, position: string): string {
  if (typeof v !== 'string') throw intrinsicFailure(name, `the ${position} argument must be a string (got ${typeOf(v)})`);
  return v;
}

export function expectInteger(name: string, v: Json, position: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw intrinsicFailure(name, `the ${position} argument must be an integer (got ${JSON.stringify(v)})`);
  return v;
}
