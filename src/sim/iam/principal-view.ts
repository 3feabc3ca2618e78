import type { ResourceRef } from '../handles';
import { accountOf } from '../kernel/arn';
import type { HandleTypes } from '../registry';
import type { CallerIdentity, ServiceApi } from '../runtime';
import type { SimInProcessClientConfig } from '../wire';

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

/** `sim.as(principal)`: handles whose API calls run as that principal. */
export interface PrincipalView {
  /** The principal's ARN. */
  readonly principal: string;
  queue(ref: ResourceRef): HandleTypes['queue'];
  topic(ref: ResourceRef): HandleTypes['topic'];
  lambda(ref: ResourceRef): HandleTypes['lambda'];
  table(ref: ResourceRef): HandleTypes['table'];
  bucket(ref: ResourceRef): HandleTypes['bucket'];
  stateMachine(ref: ResourceRef): HandleTypes['stateMachine'];
  deliveryStream(ref: ResourceRef): HandleTypes['deliveryStream'];
  /** Any simulated API by its ARN namespace and command name (`call('dynamodb', 'PutItem', {...})`). */
  call(namespace: string, action: string, input?: Record<string, any>): Promise<Record<string, any>>;
  /** An SDK v3 client configuration signing as the principal (`sim.clientConfig({ as })`). */
  clientConfig(): SimInProcessClientConfig;
}

/** What the view needs from the simulator. */
export interface ViewHost {
  handle<A extends ViewAccessor>(accessor: A, ref: ResourceRef): HandleTypes[A];
  api(namespace: string): ServiceApi | undefined;
  clientConfig(): SimInProcessClientConfig;
}

/** `sim.as(principal)`: the accessors bound to `caller`. */
export function principalView(caller: CallerIdentity, host: ViewHost): PrincipalView {
  const view = <A extends ViewAccessor>(accessor: A) => (ref: ResourceRef): HandleTypes[A] =>
    handleAs(host.handle(accessor, ref) as HandleTypes[A] & object, accessor, host.api(VIEW_ACCESSORS[accessor].namespace), caller);
  return {
    principal: caller.principal,
    queue: view('queue'),
    topic: view('topic'),
    lambda: view('lambda'),
    table: view('table'),
    bucket: view('bucket'),
    stateMachine: view('stateMachine'),
    deliveryStream: view('deliveryStream'),
    call: (namespace, action, input = {}) => {
      const api = host.api(namespace);
      if (!api) throw new Error(`sim.as(${caller.principal}).call(): the ${namespace} service offers no API in the simulator`);
      return api.call(action, input, caller);
    },
    clientConfig: () => host.clientConfig(),
  };
}
