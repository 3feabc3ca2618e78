/**
 * Function errors as the Node.js runtime reports them. A thrown `Error` becomes `{ errorType: error.name,
 * errorMessage, trace: stack lines }`; anything else thrown becomes `{ errorType: typeof value, errorMessage:
 * String(value), trace: [] }`. Synchronous Invoke returns this as the Payload with `FunctionError: 'Unhandled'`.
 */
export interface FunctionErrorPayload {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

export function errorPayloadOf(error: unknown): FunctionErrorPayload {
  if (error instanceof Error || (typeof error === 'object' && error !== null && typeof (error as Error).message === 'string' && typeof (error as Error).name === 'string')) {
    const e = error as Error;
    return { errorType: e.name, errorMessage: e.message, trace: typeof e.stack === 'string' ? e.stack.split('\n') : [] };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

/** What the runtime reports when an invocation runs longer than the function's Timeout. */
export function timeoutPayload(requestId: string, timeoutSeconds: number): FunctionErrorPayload {
  return { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds` };
}

/** The maximum response payload of a synchronous invocation (6 MB), as the runtime enforces it. */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

export function responseTooLargePayload(): FunctionErrorPayload {
  return { errorType: 'Function.ResponseSizeTooLarge', errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).` };
}

/** The function has no handler registered in the test: the simulator cannot run user code it was not given. */
export function handlerNotRegisteredPayload(logicalId: string, functionName: string, codeUnavailable?: string): FunctionErrorPayload {
  const why = codeUnavailable ? ` and its own code does not run in the simulator (${codeUnavailable})` : '';
  return {
    errorType: 'Simulator.HandlerNotRegistered',
    errorMessage: `Lambda function '${logicalId}' (${functionName}) was invoked but has no handler${why}: call sim.lambda('${logicalId}').handle((event, context) => ...) before the event reaches it.`,
  };
}

/** Infrastructure functions (custom-resource providers such as aws-cdk-lib's BucketNotificationsHandler) only run at deploy time. */
export function infrastructurePayload(logicalId: string, functionName: string, reason: string): FunctionErrorPayload {
  return {
    errorType: 'Simulator.InfrastructureFunction',
    errorMessage: `Lambda function '${logicalId}' (${functionName}) is deployment infrastructure (${reason}); the simulator applies its effect at load time and does not run it.`,
  };
}
