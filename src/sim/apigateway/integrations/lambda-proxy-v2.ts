/**
 * Lambda proxy integration, payload format 2.0 (HTTP APIs): the event of "Working with AWS Lambda proxy
 * integrations for HTTP APIs" — lower-case header names with repeated values joined by commas, cookies in their own
 * list, repeated query parameters joined by commas, `requestContext.http`, the authorizer's output under
 * `requestContext.authorizer.jwt` / `.lambda` / `.iam` — and its response mapping: an object with `statusCode` is
 * used as is; any other valid JSON is a 200 `application/json` answer whose body is the JSON the function returned.
 */
import { ContextVars } from '../context';
import { ApiResponse, IncomingRequest } from '../request';

/** Media types HTTP APIs pass as text; any other body is base64-encoded in the event. */
const TEXT_TYPES = /^(text\/.*|application\/(json|javascript|xml|x-www-form-urlencoded|.*\+json|.*\+xml))$/;

export function proxyEventV2(p: {
  readonly req: IncomingRequest;
  readonly ctx: ContextVars;
  readonly routeKey: string;
  readonly pathParameters: Record<string, string>;
  readonly stageVariables: Readonly<Record<string, string>>;
  readonly authorizer?: Record<string, unknown>;
}): Record<string, unknown> {
  const { req, ctx } = p;
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, values] of req.headers) {
    const lower = name.toLowerCase();
    if (lower === 'cookie') {
      for (const v of values) cookies.push(...v.split(';').map(c => c.trim()).filter(c => c.length > 0));
      continue;
    }
    headers[lower] = headers[lower] === undefined ? values.join(',') : `${headers[lower]},${values.join(',')}`;
  }
  const query: Record<string, string> = {};
  for (const [name, values] of req.query) query[name] = values.join(',');
  const type = req.contentType;
  const binary = req.body !== undefined && type !== undefined && !TEXT_TYPES.test(type);
  const event: Record<string, unknown> = {
    version: '2.0',
    routeKey: p.routeKey,
    rawPath: ctx.stage === '$default' ? req.path : `/${ctx.stage}${req.path}`,
    rawQueryString: req.rawQueryString,
  };
  if (cookies.length > 0) event.cookies = cookies;
  event.headers = headers;
  if (req.query.size > 0) event.queryStringParameters = query;
  const requestContext: Record<string, unknown> = {
    accountId: ctx.accountId,
    apiId: ctx.apiId,
    domainName: ctx.domainName,
    domainPrefix: ctx.domainPrefix,
    http: { method: req.method, path: event.rawPath, protocol: ctx.protocol, sourceIp: req.sourceIp, userAgent: req.userAgent ?? '' },
    requestId: ctx.requestId,
    routeKey: p.routeKey,
    stage: ctx.stage,
    time: ctx.requestTime,
    timeEpoch: ctx.requestTimeEpoch,
  };
  if (p.authorizer) requestContext.authorizer = p.authorizer;
  event.requestContext = requestContext;
  if (Object.keys(p.pathParameters).length > 0) event.pathParameters = { ...p.pathParameters };
  if (Object.keys(p.stageVariables).length > 0) event.stageVariables = { ...p.stageVariables };
  if (req.body !== undefined) event.body = binary ? Buffer.from(req.body, 'utf8').toString('base64') : req.body;
  event.isBase64Encoded = binary;
  return event;
}

export class MalformedV2Response extends Error {}

/** `payloadText` is the function's result as JSON text. */
export function proxyResponseV2(payloadText: string): ApiResponse {
  let result: unknown;
  try {
    result = JSON.parse(payloadText);
  } catch {
    throw new MalformedV2Response('the result is not valid JSON');
  }
  if (!result || typeof result !== 'object' || Array.isArray(result) || !('statusCode' in result)) {
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: payloadText };
  }
  const r = result as Record<string, unknown>;
  const status = Number(r.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599) throw new MalformedV2Response(`statusCode ${String(r.statusCode)} is not an HTTP status`);
  const headers: Record<string, string> = {};
  if (r.headers && typeof r.headers === 'object') for (const [k, v] of Object.entries(r.headers)) headers[k.toLowerCase()] = String(v);
  const multi: Record<string, string[]> = {};
  if (Array.isArray(r.cookies) && r.cookies.length > 0) {
    multi['set-cookie'] = r.cookies.map(String);
    headers['set-cookie'] = multi['set-cookie'].join(', ');
  }
  let body = r.body === undefined || r.body === null ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
  if (r.isBase64Encoded === true) body = Buffer.from(body, 'base64').toString('latin1');
  return { statusCode: status, headers, body, ...(Object.keys(multi).length > 0 ? { multiValueHeaders: multi } : {}) };
}
