/**
 * Answering a service API call by its SDK command name with a handle's method of the same name (`SendMessage` ->
 * `sendMessage`): handles already take and return the SDK v3 shapes, so a service's `call` is a lookup, and a
 * behaviour has one implementation whether a test, another service or a wire protocol reaches it.
 */
import { AwsError } from './aws-error';

/** `SendMessage` -> `sendMessage`. */
export function methodName(action: string): string {
  return action.charAt(0).toLowerCase() + action.slice(1);
}

/**
 * Calls `handle[methodName(action)](input)` when `action` is one of `actions`; otherwise throws the error AWS gives for
 * an action it does not know (`InvalidAction`, HTTP 400), naming the service.
 */
export async function dispatch(
  service: string, actions: readonly string[], handle: object, action: string, input: object,
): Promise<Record<string, any>> {
  const method = (handle as Record<string, unknown>)[methodName(action)];
  if (!actions.includes(action) || typeof method !== 'function') {
    throw new AwsError('InvalidAction', `The action ${action} is not valid for this endpoint (${service}), or the simulator does not simulate it.`);
  }
  return (method as (input: object) => Promise<Record<string, any>>).call(handle, input);
}

/** The `$metadata` of an SDK v3 response. */
export interface ResponseMetadata {
  readonly httpStatusCode: number;
  readonly requestId?: string;
  readonly attempts?: number;
  readonly totalRetryDelay?: number;
}

/** The `$metadata` of a successful response, with a request id from the simulator's seeded ids. */
export function responseMetadata(ids: { uuid(): string }): ResponseMetadata {
  return { httpStatusCode: 200, requestId: ids.uuid(), attempts: 1, totalRetryDelay: 0 };
}
