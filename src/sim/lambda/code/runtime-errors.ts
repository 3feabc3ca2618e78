/**
 * The errors the Lambda Node.js runtime reports for code it cannot start or call ("Troubleshoot invocation issues in
 * Lambda", the runtime interface client's error classes): the error's `name` is the `errorType` of the payload.
 */

/** An error whose name is the runtime's error type (`Runtime.HandlerNotFound`, ...). */
export function runtimeError(errorType: string, message: string): Error {
  const err = new Error(message);
  err.name = errorType;
  return err;
}

/** The handler module is missing, or a module it requires is. */
export function importModuleError(cause: unknown): Error {
  const message = cause instanceof Error || (typeof cause === 'object' && cause !== null && 'message' in cause) ? (cause as Error).message : String(cause);
  return runtimeError('Runtime.ImportModuleError', `Error: ${message}`);
}

/** The handler module (or one it loads) does not parse. */
export function userCodeSyntaxError(cause: Error): Error {
  return runtimeError('Runtime.UserCodeSyntaxError', `SyntaxError: ${cause.message}`);
}

/** `<module>.<export>` names nothing callable. */
export function handlerNotFound(handler: string): Error {
  return runtimeError('Runtime.HandlerNotFound', `${handler} is undefined or not exported`);
}

/** A handler string without a module and an export (`index` instead of `index.handler`). */
export function malformedHandlerName(handler: string): Error {
  return runtimeError('Runtime.MalformedHandlerName', `Bad handler ${handler}`);
}

/** Node.js 24 and later runtimes call only async (promise-returning) handlers. */
export function callbackHandlerDeprecated(): Error {
  return runtimeError('Runtime.CallbackHandlerDeprecated', 'ERROR: AWS Lambda has removed support for callback-based function handlers starting with '
    + 'Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see '
    + 'https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.');
}

/** `process.exit()` from the handler ends the execution environment. */
export function exitError(requestId: string, code: number): Error {
  return runtimeError('Runtime.ExitError', `RequestId: ${requestId} Error: Runtime exited with error: exit status ${code}`);
}
