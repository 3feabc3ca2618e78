/**
 * Gateway responses: what API Gateway answers itself when a request does not reach (or fails at) the integration, by
 * response type, with the default status codes and messages of the Developer Guide ("Gateway response types"). The
 * default body template is `{"message":$context.error.messageString}`. An AWS::ApiGateway::GatewayResponse of the
 * type (or of DEFAULT_4XX / DEFAULT_5XX for types it does not name) overrides the status, adds headers
 * (`gatewayresponse.header.X`) and replaces the template.
 */
import { ContextVars, setError } from '../context';
import type { GatewayResponseConfig } from '../model/rest-model';
import { ApiResponse, IncomingRequest } from '../request';
import type { VtlEngine } from '../vtl/engine';

export type GatewayResponseType =
  | 'ACCESS_DENIED' | 'API_CONFIGURATION_ERROR' | 'AUTHORIZER_CONFIGURATION_ERROR' | 'AUTHORIZER_FAILURE' | 'BAD_REQUEST_PARAMETERS'
  | 'BAD_REQUEST_BODY' | 'DEFAULT_4XX' | 'DEFAULT_5XX' | 'EXPIRED_TOKEN' | 'INTEGRATION_FAILURE' | 'INTEGRATION_TIMEOUT' | 'INVALID_API_KEY'
  | 'INVALID_SIGNATURE' | 'MISSING_AUTHENTICATION_TOKEN' | 'QUOTA_EXCEEDED' | 'REQUEST_TOO_LARGE' | 'RESOURCE_NOT_FOUND' | 'THROTTLED'
  | 'UNAUTHORIZED' | 'UNSUPPORTED_MEDIA_TYPE' | 'WAF_FILTERED';

interface Default { readonly status: number; readonly message: string | null; readonly errorType: string }

const DEFAULTS: Readonly<Record<GatewayResponseType, Default>> = {
  ACCESS_DENIED: { status: 403, message: 'User is not authorized to access this resource', errorType: 'AccessDeniedException' },
  API_CONFIGURATION_ERROR: { status: 500, message: 'Internal server error', errorType: 'InternalServerErrorException' },
  AUTHORIZER_CONFIGURATION_ERROR: { status: 500, message: null, errorType: 'AuthorizerConfigurationException' },
  AUTHORIZER_FAILURE: { status: 500, message: null, errorType: 'AuthorizerFailureException' },
  BAD_REQUEST_PARAMETERS: { status: 400, message: 'Missing required request parameters', errorType: 'BadRequestException' },
  BAD_REQUEST_BODY: { status: 400, message: 'Invalid request body', errorType: 'BadRequestException' },
  DEFAULT_4XX: { status: 400, message: 'Bad Request', errorType: 'BadRequestException' },
  DEFAULT_5XX: { status: 500, message: 'Internal server error', errorType: 'InternalServerErrorException' },
  EXPIRED_TOKEN: { status: 403, message: 'The security token included in the request is expired', errorType: 'ExpiredTokenException' },
  INTEGRATION_FAILURE: { status: 504, message: 'Internal server error', errorType: 'InternalServerErrorException' },
  INTEGRATION_TIMEOUT: { status: 504, message: 'Endpoint request timed out', errorType: 'InternalServerErrorException' },
  INVALID_API_KEY: { status: 403, message: 'Forbidden', errorType: 'ForbiddenException' },
  INVALID_SIGNATURE: {
    status: 403,
    message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. '
      + 'Consult the service documentation for details.',
    errorType: 'InvalidSignatureException',
  },
  MISSING_AUTHENTICATION_TOKEN: { status: 403, message: 'Missing Authentication Token', errorType: 'MissingAuthenticationTokenException' },
  QUOTA_EXCEEDED: { status: 429, message: 'Limit Exceeded', errorType: 'LimitExceededException' },
  REQUEST_TOO_LARGE: { status: 413, message: 'Request Too Long', errorType: 'RequestTooLargeException' },
  RESOURCE_NOT_FOUND: { status: 404, message: 'Not Found', errorType: 'NotFoundException' },
  THROTTLED: { status: 429, message: 'Too Many Requests', errorType: 'TooManyRequestsException' },
  UNAUTHORIZED: { status: 401, message: 'Unauthorized', errorType: 'UnauthorizedException' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Unsupported Media Type', errorType: 'UnsupportedMediaTypeException' },
  WAF_FILTERED: { status: 403, message: 'Forbidden', errorType: 'ForbiddenException' },
};

export interface GatewayResponseOptions {
  /** Replaces the default message (`$context.error.message`). */
  readonly message?: string | null;
  /** A status other than the type's default (a Lambda proxy failure is a DEFAULT_5XX answered with 502). */
  readonly status?: number;
  readonly headers?: Record<string, string>;
}

/** Where a gateway response reads its overrides and `$context`. */
export interface GatewayResponseScope {
  readonly overrides?: ReadonlyMap<string, GatewayResponseConfig>;
  readonly ctx: ContextVars;
  readonly req: IncomingRequest;
  readonly stageVariables: Readonly<Record<string, string>>;
  readonly vtl: VtlEngine;
}

export function defaultStatus(type: GatewayResponseType): number {
  return DEFAULTS[type].status;
}

export function gatewayResponse(type: GatewayResponseType, scope: GatewayResponseScope, options: GatewayResponseOptions = {}): ApiResponse {
  const d = DEFAULTS[type];
  const message = options.message === undefined ? d.message : options.message;
  const { ctx } = scope;
  setError(ctx, type, message);
  let status = options.status ?? d.status;
  const family = status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX';
  const override = scope.overrides?.get(type) ?? scope.overrides?.get(family);
  if (override?.statusCode !== undefined) status = override.statusCode;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amzn-requestid': ctx.requestId,
    'x-amzn-errortype': d.errorType,
    ...options.headers,
  };
  let body: string;
  const template = override ? pickTemplate(override.responseTemplates) : undefined;
  if (template !== undefined) {
    body = scope.vtl.render(template, { context: ctx, stageVariables: scope.stageVariables });
  } else {
    body = `{"message":${ctx.error.messageString}}`;
  }
  for (const [name, source] of Object.entries(override?.responseParameters ?? {})) {
    const m = /^gatewayresponse\.header\.(.+)$/.exec(name);
    if (!m) continue;
    const value = parameterValue(source, scope);
    if (value !== undefined) headers[m[1].toLowerCase()] = value;
  }
  return { statusCode: status, headers, body };
}

function pickTemplate(templates: Readonly<Record<string, string>>): string | undefined {
  return templates['application/json'] ?? Object.values(templates)[0];
}

/** `'static'`, `method.request.header.X`, `method.request.querystring.X`, `method.request.path.X`, `stageVariables.X`, `context.X`. */
function parameterValue(source: string, scope: GatewayResponseScope): string | undefined {
  if (/^'.*'$/s.test(source)) return source.slice(1, -1);
  let m = /^method\.request\.(header|querystring|path)\.(.+)$/.exec(source);
  if (m) {
    if (m[1] === 'header') return scope.req.header(m[2]);
    if (m[1] === 'querystring') return scope.req.queryValue(m[2]);
    return undefined;
  }
  m = /^stageVariables\.(.+)$/.exec(source);
  if (m) return scope.stageVariables[m[1]];
  m = /^context\.(.+)$/.exec(source);
  if (m) {
    let v: unknown = scope.ctx;
    for (const part of m[1].split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
    return v === undefined || v === null ? undefined : String(v);
  }
  return undefined;
}
