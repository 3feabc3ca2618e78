/**
 * `$context`: the variables API Gateway keeps for one request, read by mapping templates, gateway responses, access
 * logs and the Lambda proxy event's `requestContext`. One object per request, filled in as the request goes through
 * the pipeline (identity, authorizer output, error, integration status, response status).
 */
import { clfTime, IncomingRequest } from './request';

export interface IdentityVars {
  sourceIp: string;
  userAgent: string | null;
  apiKey?: string;
  apiKeyId?: string;
  accessKey: string | null;
  accountId: string | null;
  caller: string | null;
  user: string | null;
  userArn: string | null;
  principalOrgId: string | null;
  cognitoIdentityPoolId: string | null;
  cognitoIdentityId: string | null;
  cognitoAuthenticationType: string | null;
  cognitoAuthenticationProvider: string | null;
  clientCert?: null;
}

export interface ErrorVars {
  message?: string | null;
  /** `message` as a quoted JSON string (`"Unauthorized"`), or `null`. */
  messageString?: string;
  responseType?: string;
  validationErrorString?: string;
}

/** `$context` of one request (REST, HTTP and WebSocket fields together; each API type reads its own). */
export interface ContextVars {
  requestId: string;
  extendedRequestId: string;
  requestTime: string;
  requestTimeEpoch: number;
  accountId: string;
  apiId: string;
  stage: string;
  domainName: string;
  domainPrefix: string;
  httpMethod: string;
  /** REST: the resource path template (`/orders/{id}`). */
  resourcePath?: string;
  resourceId?: string;
  /** REST: `/{stage}/orders/1`. */
  path: string;
  protocol: string;
  identity: IdentityVars;
  authorizer: Record<string, unknown>;
  error: ErrorVars;
  integration: { status?: number | string; latency?: number; error?: string; requestId?: string; integrationStatus?: number };
  integrationStatus?: number | string;
  integrationLatency?: number;
  integrationErrorMessage?: string;
  status?: number;
  responseLength?: number;
  responseLatency?: number;
  wafResponseCode?: string;
  xrayTraceId?: string;
  routeKey?: string;
  connectionId?: string;
  eventType?: string;
  messageId?: string;
  usagePlanId?: string;
  [key: string]: unknown;
}

export function newContextVars(req: IncomingRequest, parts: {
  requestId: string;
  extendedRequestId: string;
  now: number;
  accountId: string;
  apiId: string;
  stage: string;
  region: string;
  urlSuffix: string;
  pathWithStage: string;
}): ContextVars {
  const domainName = `${parts.apiId}.execute-api.${parts.region}.${parts.urlSuffix}`;
  return {
    requestId: parts.requestId,
    extendedRequestId: parts.extendedRequestId,
    requestTime: clfTime(parts.now),
    requestTimeEpoch: parts.now,
    accountId: parts.accountId,
    apiId: parts.apiId,
    stage: parts.stage,
    domainName,
    domainPrefix: parts.apiId,
    httpMethod: req.method,
    path: parts.pathWithStage,
    protocol: 'HTTP/1.1',
    identity: {
      sourceIp: req.sourceIp,
      userAgent: req.userAgent ?? null,
      accessKey: null,
      accountId: null,
      caller: null,
      user: null,
      userArn: null,
      principalOrgId: null,
      cognitoIdentityPoolId: null,
      cognitoIdentityId: null,
      cognitoAuthenticationType: null,
      cognitoAuthenticationProvider: null,
    },
    authorizer: {},
    error: {},
    integration: {},
  };
}

/** Sets `$context.error.message` and its quoted form. */
export function setError(ctx: ContextVars, responseType: string, message: string | null): void {
  ctx.error.message = message;
  ctx.error.messageString = message === null ? 'null' : JSON.stringify(message);
  ctx.error.responseType = responseType;
}
