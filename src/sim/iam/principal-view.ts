import { accountOf } from '../kernel/arn';
import type { CallerIdentity, ServiceApi } from '../runtime';

/** The accessors `sim.as(principal)` offers: the API namespace and the request fields that name the resource. */
export const VIEW_ACCESSORS = {
  queue: { namespace: 'sqs', ids: (h: any) => ({ QueueUrl: h.queueUrl }) },
  topic: { namespace: 'sns', ids: (h: any) => ({ TopicArn: h.topicArn }) },
  lambda: { namespace: 'lambda', ids: (h: any) => ({ FunctionName: h.functionName }) },
  table: { namespace: 'dynamodb', ids: (h: any) => ({ TableName: h.tableName }) },
  bucket: { namespace: 's3', ids: (h: any) => ({ Bucket: h.bucketName }) },
  stateMachine: { namespace: 'states', ids: (h: any) => ({ stateMachineArn: h.stateMachineArn }) },
  deliveryStream: { namespace: 'firehose', ids: (h: any) => ({ DeliveryStreamName: h.DeliveryStreamName }) },
} as const;

export type ViewAccessor = keyof typeof VIEW_ACCESSORS;

/** The caller identity of a principal ARN (a role, user or account root) calling over TLS. */
export function principalIdentity(principalArn: string, account: string): CallerIdentity {
  return { principalType: 'AWS', principal: principalArn, sourceAccount: accountOf(principalArn) ?? account, secureTransport: true };
}

/**
 * A handle whose API methods (`sendMessage`, `putItem`, `startExecution`, ...) run as `caller` through the service's
 * API, as an SDK client signed by that principal would: identity-based policies, resource policies and key policies
 * apply. Properties (`queueUrl`, ...) read the owner's handle; other methods (test utilities such as `handle(fn)` or
 * `messages`) are refused, since they are not calls a principal makes.
 */
export function handleAs<T extends object>(owner: T, accessor: ViewAccessor, api: ServiceApi | undefined, caller: CallerIdentity): T {
  const ids = VIEW_ACCESSORS[accessor].ids(owner);
  return new Proxy(owner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || typeof value !== 'function') return value;
      const action = prop.charAt(0).toUpperCase() + prop.slice(1);
      if (!api || !api.actions.includes(action)) {
        return () => {
          throw new Error(`sim.as(${caller.principal}).${accessor}(...).${prop}(): not an API action of ${VIEW_ACCESSORS[accessor].namespace}; `
            + 'use the handle from sim itself for test utilities');
        };
      }
      return (input: Record<string, unknown> = {}) => api.call(action, { ...ids, ...input }, caller);
    },
  });
}
