/**
 * What Batch does after a failed attempt (API Reference, RetryStrategy / EvaluateOnExit): the first EvaluateOnExit
 * entry whose every given condition matches decides (RETRY or EXIT); when none matches the job is retried. Either way
 * a job is retried only while it has attempts left. A pattern matches exactly, or, when it ends with `*`, any value
 * that starts with what comes before it.
 */
import { EvaluateOnExit, RetryStrategy } from './resources';

/** What a failed attempt reports, as DescribeJobs shows it. */
export interface AttemptFailure {
  readonly statusReason: string;
  readonly reason?: string;
  readonly exitCode?: number;
}

export function matchesGlob(pattern: string, value: string | undefined): boolean {
  const text = value ?? '';
  return pattern.endsWith('*') ? text.startsWith(pattern.slice(0, -1)) : text === pattern;
}

function matches(condition: EvaluateOnExit, failure: AttemptFailure): boolean {
  return (condition.onStatusReason === undefined || matchesGlob(condition.onStatusReason, failure.statusReason))
    && (condition.onReason === undefined || matchesGlob(condition.onReason, failure.reason))
    && (condition.onExitCode === undefined
      || matchesGlob(condition.onExitCode, failure.exitCode === undefined ? undefined : String(failure.exitCode)));
}

/** True when the job goes back to RUNNABLE for another attempt after `attempt` (1-based) failed. */
export function shouldRetry(strategy: RetryStrategy | undefined, attempt: number, failure: AttemptFailure): boolean {
  const attempts = strategy?.attempts ?? 1;
  if (attempt >= attempts) return false;
  const decided = strategy?.evaluateOnExit.find(c => matches(c, failure));
  return decided === undefined || decided.action === 'RETRY';
}
