/**
 * Non-proxy integrations ("Data transformations for REST APIs"): the request template is chosen by the request's
 * Content-Type (application/json when absent), and with no template for it the passthrough behavior decides
 * (WHEN_NO_MATCH passes the body through; WHEN_NO_TEMPLATES passes it only when the integration has no template at
 * all; NEVER refuses with 415). The backend's answer picks an integration response by selection pattern — a Java
 * regular expression matched against the whole Lambda error message, or against the HTTP status of HTTP and AWS
 * backends — else the default response (no pattern); the response template is chosen by the Accept type, then
 * application/json; response parameters map headers.
 */
import { ContextVars } from '../context';
import { Gateway } from '../gateway';
import { IntegrationResponseConfig, RestIntegrationConfig } from '../model/rest-model';
import { ApiResponse, IncomingRequest } from '../request';
import { jsonPath } from '../vtl/jsonpath';

export interface TemplateScope {
  readonly gw: Gateway;
  readonly req: IncomingRequest;
  readonly ctx: ContextVars;
  readonly pathParameters: Record<string, string>;
  readonly stageVariables: Readonly<Record<string, string>>;
}

/** The request body the backend gets, or `undefined` when the passthrough behavior refuses the content type (415). */
export function integrationRequestBody(integration: RestIntegrationConfig, scope: TemplateScope): string | undefined {
  const type = scope.req.contentType ?? 'application/json';
  const templates = integration.requestTemplates;
  const template = templates[type];
  if (template === undefined) {
    const hasTemplates = Object.keys(templates).length > 0;
    if (integration.passthroughBehavior === 'NEVER' || (integration.passthroughBehavior === 'WHEN_NO_TEMPLATES' && hasTemplates)) return undefined;
    return scope.req.body ?? '';
  }
  return scope.gw.vtl.render(template, { input: templateInput(scope, scope.req.body ?? ''), context: scope.ctx, stageVariables: scope.stageVariables });
}

export function templateInput(scope: TemplateScope, body: string) {
  const header: Record<string, string> = {};
  for (const [name, values] of scope.req.headers) header[name] = values[values.length - 1];
  const querystring: Record<string, string> = {};
  for (const [name, values] of scope.req.query) querystring[name] = values[values.length - 1];
  return { body, params: { path: scope.pathParameters, querystring, header } };
}

/** Integration request parameters (`integration.request.header.X` <- `'static'` / `method.request.*`). */
export function integrationRequestParameters(integration: RestIntegrationConfig, scope: TemplateScope): {
  headers: Record<string, string>; querystring: Record<string, string>; path: Record<string, string>;
} {
  const out = { headers: {} as Record<string, string>, querystring: {} as Record<string, string>, path: {} as Record<string, string> };
  for (const [target, source] of Object.entries(integration.requestParameters)) {
    const m = /^integration\.request\.(header|querystring|path)\.(.+)$/.exec(target);
    if (!m) continue;
    const value = sourceValue(source, scope);
    if (value === undefined) continue;
    (m[1] === 'header' ? out.headers : m[1] === 'querystring' ? out.querystring : out.path)[m[2]] = value;
  }
  return out;
}

function sourceValue(source: string, scope: TemplateScope): string | undefined {
  if (/^'.*'$/s.test(source)) return source.slice(1, -1);
  const m = /^method\.request\.(header|querystring|path)\.(.+)$/.exec(source);
  if (m) return m[1] === 'header' ? scope.req.header(m[2]) : m[1] === 'querystring' ? scope.req.queryValue(m[2]) : scope.pathParameters[m[2]];
  const s = /^stageVariables\.(.+)$/.exec(source);
  if (s) return scope.stageVariables[s[1]];
  const c = /^context\.(.+)$/.exec(source);
  if (c) return lookup(scope.ctx, c[1]);
  return undefined;
}

function lookup(obj: unknown, dotted: string): string | undefined {
  let v: unknown = obj;
  for (const part of dotted.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v === undefined || v === null ? undefined : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export interface BackendAnswer {
  readonly status: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Lambda (non-proxy): patterns match the function's errorMessage; a success takes the default response. */
  readonly lambda?: boolean;
  readonly errorMessage?: string;
}

/** The method response for a backend answer, or undefined when no integration response matches and none is the default. */
export function integrationResponse(integration: RestIntegrationConfig, answer: BackendAnswer, scope: TemplateScope): ApiResponse | undefined {
  const selector = answer.lambda ? answer.errorMessage : String(answer.status);
  const chosen = selectResponse(integration.responses, selector);
  if (!chosen) return undefined;
  const accept = scope.req.header('accept')?.split(',')[0].split(';')[0].trim().toLowerCase();
  const templates = chosen.responseTemplates;
  const templateType = accept !== undefined && templates[accept] !== undefined ? accept : templates['application/json'] !== undefined ? 'application/json' : Object.keys(templates)[0];
  const template = templateType === undefined ? undefined : templates[templateType];
  const body = template === undefined || template === ''
    ? answer.body
    : scope.gw.vtl.render(template, { input: templateInput(scope, answer.body), context: scope.ctx, stageVariables: scope.stageVariables });
  const headers: Record<string, string> = { 'content-type': templateType ?? answer.headers['content-type'] ?? 'application/json' };
  let parsed: unknown;
  for (const [target, source] of Object.entries(chosen.responseParameters)) {
    const m = /^method\.response\.header\.(.+)$/.exec(target);
    if (!m) continue;
    let value: string | undefined;
    const h = /^integration\.response\.header\.(.+)$/.exec(source);
    const b = /^integration\.response\.body(?:\.(.+))?$/.exec(source);
    if (h) {
      value = Object.entries(answer.headers).find(([k]) => k.toLowerCase() === h[1].toLowerCase())?.[1];
    } else if (b) {
      if (b[1] === undefined) {
        value = answer.body;
      } else {
        try {
          parsed ??= JSON.parse(answer.body);
          const v = jsonPath(parsed, `$.${b[1]}`);
          value = v === undefined ? undefined : typeof v === 'object' ? JSON.stringify(v) : String(v);
        } catch {
          value = undefined;
        }
      }
    } else {
      value = sourceValue(source, scope);
    }
    if (value !== undefined) headers[m[1].toLowerCase()] = value;
  }
  return { statusCode: Number(chosen.statusCode), headers, body };
}

function selectResponse(responses: readonly IntegrationResponseConfig[], selector: string | undefined): IntegrationResponseConfig | undefined {
  const fallback = responses.find(r => r.selectionPattern === undefined);
  if (selector === undefined) return fallback;
  for (const r of responses) {
    if (r.selectionPattern !== undefined && new RegExp(`^(?:${r.selectionPattern})$`, 's').test(selector)) return r;
  }
  return fallback;
}
