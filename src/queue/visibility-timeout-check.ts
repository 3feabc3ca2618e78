/**
 * What QueueConsumer does when the queue's visibility timeout is shorter than six times the function timeout (the
 * AWS Lambda guidance for SQS event sources), when both are known at synth time.
 */
export enum VisibilityTimeoutCheck {
  /** Fail synthesis with an error that names both durations. */
  ERROR = 'ERROR',

  /**
   * Add a warning to the construct and synthesize anyway. A function timeout longer than the visibility timeout is
   * still an error, because Lambda rejects that event source mapping at deploy time.
   */
  WARN = 'WARN',

  /** Do not compare the two durations. */
  OFF = 'OFF',
}
