/**
 * Retry ("Error handling in Step Functions", Retriers): the first retrier whose ErrorEquals matches the error
 * decides. It retries while its own attempt count is below MaxAttempts (default 3; 0 never retries), waiting
 * IntervalSeconds (default 1) x BackoffRate (default 2.0) ^ attempt, capped at MaxDelaySeconds, and with
 * JitterStrategy FULL a uniformly random share of that, drawn from the simulator's seeded generator.
 */
import { errorMatches } from '../errors';

export interface Retrier {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds?: number;
  readonly MaxAttempts?: number;
  readonly BackoffRate?: number;
  readonly MaxDelaySeconds?: number;
  readonly JitterStrategy?: 'FULL' | 'NONE';
}

/** The index of the first retrier or catcher whose ErrorEquals matches `error`, or -1. */
export function firstMatching(entries: ReadonlyArray<{ readonly ErrorEquals: readonly string[] }>, error: string): number {
  return entries.findIndex(e => e.ErrorEquals.some(pattern => errorMatches(pattern, error)));
}

/**
 * The wait in milliseconds before retry number `attempt` (0 for the first retry) of `retrier`, or undefined when its
 * attempts are used up. `random` returns a float in [0, 1).
 */
export function retryDelayMs(retrier: Retrier, attempt: number, random: () => number): number | undefined {
  const maxAttempts = retrier.MaxAttempts ?? 3;
  if (attempt >= maxAttempts) return undefined;
  const interval = retrier.IntervalSeconds ?? 1;
  const backoff = retrier.BackoffRate ?? 2;
  let seconds = interval * Math.pow(backoff, attempt);
  if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  let ms = seconds * 1000;
  if (retrier.JitterStrategy === 'FULL') ms = random() * ms;
  return Math.round(ms);
}
