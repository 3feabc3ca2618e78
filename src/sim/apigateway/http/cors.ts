/**
 * CORS of an HTTP API ("Configuring CORS for an HTTP API"): with a CorsConfiguration, API Gateway answers preflight
 * requests (OPTIONS with Origin and Access-Control-Request-Method) itself with 204, before routes and authorizers,
 * and adds the allow-origin (and expose / credentials) headers to other answers for an allowed origin. REST APIs
 * have no such setting: their preflight is the MOCK OPTIONS method the template defines, run like any method.
 */
import type { V2CorsConfig } from '../model/v2-model';
import { ApiResponse, IncomingRequest } from '../request';

export function isPreflight(req: IncomingRequest): boolean {
  return req.method === 'OPTIONS' && req.header('origin') !== undefined && req.header('access-control-request-method') !== undefined;
}

function allowedOrigin(cors: V2CorsConfig, origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined;
  if (cors.allowOrigins.includes('*')) return cors.allowCredentials ? origin : '*';
  return cors.allowOrigins.includes(origin) ? origin : undefined;
}

export function preflightResponse(cors: V2CorsConfig, req: IncomingRequest): ApiResponse {
  const headers: Record<string, string> = {};
  const origin = allowedOrigin(cors, req.header('origin'));
  if (origin !== undefined) {
    headers['access-control-allow-origin'] = origin;
    const requested = req.header('access-control-request-method')!.toUpperCase();
    const methods = cors.allowMethods.length > 0 ? cors.allowMethods : [];
    if (methods.includes('*') || methods.includes(requested)) headers['access-control-allow-methods'] = methods.includes('*') ? requested : methods.join(',');
    const requestedHeaders = req.header('access-control-request-headers');
    if (requestedHeaders !== undefined && cors.allowHeaders.length > 0) {
      const wanted = requestedHeaders.split(',').map(h => h.trim().toLowerCase()).filter(h => h.length > 0);
      const allowed = cors.allowHeaders.includes('*') ? wanted : wanted.filter(h => cors.allowHeaders.includes(h));
      if (allowed.length > 0) headers['access-control-allow-headers'] = allowed.join(',');
    }
    if (cors.maxAge !== undefined && cors.maxAge >= 0) headers['access-control-max-age'] = String(cors.maxAge);
    if (cors.allowCredentials) headers['access-control-allow-credentials'] = 'true';
  }
  return { statusCode: 204, headers, body: '' };
}

/** Adds the CORS headers an allowed origin gets on an ordinary answer. */
export function withCorsHeaders(cors: V2CorsConfig | undefined, req: IncomingRequest, response: ApiResponse): ApiResponse {
  if (!cors) return response;
  const origin = allowedOrigin(cors, req.header('origin'));
  if (origin === undefined) return response;
  const headers: Record<string, string> = { ...response.headers, 'access-control-allow-origin': origin };
  if (cors.exposeHeaders.length > 0) headers['access-control-expose-headers'] = cors.exposeHeaders.join(',');
  if (cors.allowCredentials) headers['access-control-allow-credentials'] = 'true';
  return { ...response, headers };
}
