/**
 * Errors inside an execution (ASL "Errors"): a name and a cause, matched by Retry and Catch `ErrorEquals`. The
 * predefined names are the specification's `States.*` errors; tasks raise the names their service reports.
 */

/** The predefined error names of the Amazon States Language. */
export const STATES_ERRORS = {
  ALL: 'States.ALL',
  Timeout: 'States.Timeout',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  TaskFailed: 'States.TaskFailed',
  Permissions: 'States.Permissions',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
  ParameterPathFailure: 'States.ParameterPathFailure',
  QueryEvaluationError: 'States.QueryEvaluationError',
  BranchFailed: 'States.BranchFailed',
  NoChoiceMatched: 'States.NoChoiceMatched',
  IntrinsicFailure: 'States.IntrinsicFailure',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  ItemReaderFailed: 'States.ItemReaderFailed',
  ResultWriterFailed: 'States.ResultWriterFailed',
  DataLimitExceeded: 'States.DataLimitExceeded',
  Runtime: 'States.Runtime',
} as const;

/** An error raised while a state runs: what Retry and Catch match, and what a failed execution reports. */
export class StatesError extends Error {
  constructor(public readonly error: string, public readonly cause: string = '') {
    super(`${error}: ${cause}`);
    this.name = 'StatesError';
  }
}

/** `States.Runtime`: the interpreter met input it cannot process (a path that finds nothing, a type mismatch). */
export function runtimeError(cause: string): StatesError {
  return new StatesError(STATES_ERRORS.Runtime, cause);
}

/**
 * Whether a retrier's or catcher's `ErrorEquals` entry matches `error`. `States.ALL` matches every error except
 * `States.Runtime` and `States.DataLimitExceeded`, which end the execution whatever catches it ("Error names", ASL
 * specification / Step Functions developer guide); `States.TaskFailed` matches every error of a task but a timeout;
 * `States.Timeout` also matches a missed heartbeat (the guide lists the heartbeat as one of the two timeouts).
 */
export function errorMatches(pattern: string, error: string): boolean {
  if (pattern === error) return true;
  if (pattern === STATES_ERRORS.ALL) return error !== STATES_ERRORS.Runtime && error !== STATES_ERRORS.DataLimitExceeded;
  if (pattern === STATES_ERRORS.TaskFailed) {
    return error !== STATES_ERRORS.Timeout && error !== STATES_ERRORS.HeartbeatTimeout
      && error !== STATES_ERRORS.Runtime && error !== STATES_ERRORS.DataLimitExceeded;
  }
  if (pattern === STATES_ERRORS.Timeout) return error === STATES_ERRORS.HeartbeatTimeout;
  return false;
}

/** The error of anything thrown inside an execution: StatesErrors as they are, anything else as `States.Runtime`. */
export function asStatesError(e: unknown): StatesError {
  if (e instanceof StatesError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return runtimeError(message);
}
