/**
 * Lambda proxy integration, payload format 1.0 (REST APIs, and HTTP APIs set to 1.0): the event as the Developer
 * Guide documents it ("Input format of a Lambda function for proxy integration") and the response mapping ("Output
 * format"): `statusCode`, `headers`, `multiValueHeaders`, `body` and `isBase64Encoded`; anything else is a malformed
 * proxy response (502).
 */
import { ContextVars } from '../context';
import { ApiResponse, headerMaps, IncomingRequest, queryMaps } from '../request';

export interface V1EventParts {
  readonly req: IncomingRequest;
  readonly ctx: ContextVars;
  /** The resource path template (`/{proxy+}`), or the HTTP API route key's path. */
  readonly resource: string;
  readonly pathParameters: Record<string, string>;
  readonly stageVariables: Readonly<Record<string, string>>;
  /** Whether the body is carried base64-encoded (a binary media type). */
  readonly binary: boolean;
  /** HTTP APIs with payload 1.0 add `version` and the route key. */
  readonly httpApi?: { readonly routeKey: string };
}

export function proxyEventV1(p: V1EventParts): Record<string, unknown> {
  const { req, ctx } = p;
  const headers = headerMaps(req);
  const query = queryMaps(req);
  const body = req.body === undefined ? null : p.binary ? Buffer.from(req.body, 'utf8').toString('base64') : req.body;
  const identity: Record<string, unknown> = { ...ctx.identity };
  const requestContext: Record<string, unknown> = {
    resourceId: ctx.resourceId,
    resourcePath: p.resource,
    httpMethod: req.method,
    extendedRequestId: ctx.extendedRequestId,
    requestTime: ctx.requestTime,
    path: ctx.path,
    accountId: ctx.accountId,
    protocol: ctx.protocol,
    stage: ctx.stage,
    domainPrefix: ctx.domainPrefix,
    requestTimeEpoch: ctx.requestTimeEpoch,
    requestId: ctx.requestId,
    identity,
    domainName: ctx.domainName,
    apiId: ctx.apiId,
  };
  if (Object.keys(ctx.authorizer).length > 0) requestContext.authorizer = { ...ctx.authorizer };
  const event: Record<string, unknown> = {
    resource: p.resource,
    path: req.path,
    httpMethod: req.method,
    headers: headers.single,
    multiValueHeaders: headers.multi,
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters: Object.keys(p.pathParameters).length > 0 ? { ...p.pathParameters } : null,
    stageVariables: Object.keys(p.stageVariables).length > 0 ? { ...p.stageVariables } : null,
    requestContext,
    body,
    isBase64Encoded: p.binary && req.body !== undefined,
  };
  if (p.httpApi) {
    event.version = '1.0';
    requestContext.routeKey = p.httpApi.routeKey;
    delete requestContext.resourceId;
  }
  return event;
}

export class MalformedProxyResponse extends Error {}

/**
 * Maps the function's result onto the HTTP response. `binaryMediaTypes` decide whether a base64 body is decoded
 * (REST: when the Accept header or the response's Content-Type is one of them).
 */
export function proxyResponseV1(result: unknown, accept: string | undefined, binaryMediaTypes: readonly string[]): ApiResponse {
  if (!result || typeof result !== 'object' || Array.isArray(result)) throw new MalformedProxyResponse('the result is not a JSON object');
  const r = result as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if (!['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded'].includes(key)) {
      throw new MalformedProxyResponse(`unexpected field '${key}'`);
    }
  }
  const status = r.statusCode === undefined ? NaN : Number(r.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599) throw new MalformedProxyResponse(`statusCode ${String(r.statusCode)} is not an HTTP status`);
  if (r.body !== undefined && r.body !== null && typeof r.body !== 'string') throw new MalformedProxyResponse('body is not a string');
  const headers: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  if (r.headers !== undefined && r.headers !== null) {
    if (typeof r.headers !== 'object') throw new MalformedProxyResponse('headers is not an object');
    for (const [k, v] of Object.entries(r.headers)) headers[k.toLowerCase()] = String(v);
  }
  if (r.multiValueHeaders !== undefined && r.multiValueHeaders !== null) {
    if (typeof r.multiValueHeaders !== 'object') throw new MalformedProxyResponse('multiValueHeaders is not an object');
    for (const [k, v] of Object.entries(r.multiValueHeaders)) {
      if (!Array.isArray(v)) throw new MalformedProxyResponse(`multiValueHeaders.${k} is not a list`);
      // Values of both maps are sent; multiValueHeaders come after headers of the same name.
      const key = k.toLowerCase();
      multi[key] = [...(headers[key] !== undefined ? [headers[key]] : []), ...v.map(String)];
      headers[key] = multi[key].join(', ');
    }
  }
  let body = typeof r.body === 'string' ? r.body : '';
  let isBase64Encoded = r.isBase64Encoded === true || r.isBase64Encoded === 'true';
  if (isBase64Encoded) {
    const type = headers['content-type']?.split(';')[0].trim();
    if (matchesMediaType(accept, binaryMediaTypes) || (type !== undefined && matchesMediaType(type, binaryMediaTypes))) {
      body = Buffer.from(body, 'base64').toString('latin1');
      isBase64Encoded = false;
    }
  }
  const extra = { ...(Object.keys(multi).length > 0 ? { multiValueHeaders: multi } : {}), ...(isBase64Encoded ? { isBase64Encoded } : {}) };
  return { statusCode: status, headers, body, ...extra };
}

/** Whether a media type (or an Accept list) names one of the binary media types (`image/*` and `*~1*` wildcards). */
export function matchesMediaType(value: string | undefined, types: readonly string[]): boolean {
  if (value === undefined || types.length === 0) return false;
  const candidates = value.split(',').map(v => v.split(';')[0].trim().toLowerCase());
  return types.some(t => {
    const [tt, ts] = t.toLowerCase().split('/');
    return candidates.some(c => {
      const [ct, cs] = c.split('/');
      return (tt === '*' || tt === ct) && (ts === '*' || ts === cs);
    });
  });
}
