/**
 * Calling a Node.js handler as the Lambda runtime does, for stand-ins and for the function's own code alike: an async
 * handler (fewer than three parameters) settles by its promise; a callback-style handler by the first of its callback
 * and a returned promise.
 */
import type { LambdaContext } from './context';

type Handler = (event: any, context: LambdaContext, callback: (error?: unknown, result?: unknown) => void) => unknown;

export function callHandler(handler: Handler, event: unknown, context: LambdaContext): Promise<unknown> {
  if (handler.length < 3) return Promise.resolve().then(() => (handler as (event: unknown, context: LambdaContext) => unknown)(event, context));
  return new Promise((resolve, reject) => {
    const callback = (error?: unknown, result?: unknown) => (error !== undefined && error !== null ? reject(error) : resolve(result));
    try {
      const returned = handler(event, context, callback) as { then?: unknown } | undefined;
      if (returned && typeof returned.then === 'function') (returned as Promise<unknown>).then(resolve, reject);
    } catch (e) {
      reject(e);
    }
  });
}
