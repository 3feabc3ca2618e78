/**
 * Invoking an API Gateway API over the wire (`https://<api-id>.execute-api.<region>.amazonaws.com/<stage>/<path>`, or
 * `/_aws/execute-api/<api-id>/<stage>/<path>` on the simulator's endpoint). The API Gateway simulator answers it by
 * implementing `invokeApi` on the API it registers under `ctx.api('execute-api')`; until it does, such a request is
 * reported as not simulated and answered 404.
 */
import { CallerIdentity, ServiceApi } from '../runtime';

export interface ApiInvokeRequest {
  readonly apiId: string;
  readonly stage: string;
  readonly method: string;
  /** The resource path without the stage (`/orders/1`). */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string | string[]>>;
  readonly body?: string;
  readonly sourceIp?: string;
  /** The signer, when the request carried a valid SigV4 signature (for AWS_IAM authorization). */
  readonly caller?: CallerIdentity;
}

export interface ApiInvokeResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What the API Gateway simulator implements, beside its `ServiceApi`, to be invoked over the wire. */
export interface ExecuteApiEndpoint {
  invokeApi(request: ApiInvokeRequest): Promise<ApiInvokeResponse>;
}

/** The invocable side of the `execute-api` API, when the API Gateway simulator provides one. */
export function executeApiEndpoint(api: ServiceApi | undefined): ExecuteApiEndpoint | undefined {
  const candidate = api as (ServiceApi & Partial<ExecuteApiEndpoint>) | undefined;
  return typeof candidate?.invokeApi === 'function' ? candidate as ExecuteApiEndpoint : undefined;
}
