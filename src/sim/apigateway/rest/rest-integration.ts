/**
 * Running a REST method's integration: Lambda proxy (AWS_PROXY, payload 1.0), Lambda and AWS service integrations
 * with mapping templates (AWS), MOCK, and HTTP / HTTP_PROXY backends (not reachable offline: a backend registered with
 * `sim.api(ref).httpBackend(...)` answers, else the request is recorded and reported as a problem). Failures are
 * answered as the Developer Guide documents: a function that throws or returns a malformed proxy response is a 502,
 * a function API Gateway may not invoke (no AWS::Lambda::Permission) a 500, an integration that outlasts its timeout
 * a 504 "Endpoint request timed out".
 */
import type { Waiter } from '../clock-waits';
import { TIMED_OUT } from '../clock-waits';
import { ContextVars } from '../context';
import { Gateway, HttpIntegrationRequest } from '../gateway';
import { RestRoute } from './routing';
import { callAwsService } from '../integrations/aws-service';
import { gatewayCaller, invokeLambda } from '../integrations/lambda';
import { matchesMediaType, proxyEventV1, proxyResponseV1 } from '../integrations/lambda-proxy-v1';
import { BackendAnswer, integrationRequestBody, integrationRequestParameters, integrationResponse, TemplateScope } from '../integrations/mapping';
import { RestApiModel, RestIntegrationConfig } from '../model/rest-model';
import { ApiResponse, IncomingRequest } from '../request';
import { GatewayResponseType } from '../responses/gateway-responses';

export type IntegrationResult =
  | { readonly response: ApiResponse }
  | { readonly gateway: GatewayResponseType; readonly status?: number; readonly message?: string; readonly error: string };

export interface IntegrationCall {
  readonly req: IncomingRequest;
  readonly ctx: ContextVars;
  readonly route: RestRoute;
  readonly stageVariables: Readonly<Record<string, string>>;
  readonly methodArn: string;
}

export async function runRestIntegration(gw: Gateway, fiber: Waiter, model: RestApiModel, call: IntegrationCall): Promise<IntegrationResult> {
  const integration = call.route.method.integration;
  if (!integration) return { gateway: 'API_CONFIGURATION_ERROR', error: 'the method has no integration' };
  const scope: TemplateScope = { gw, req: call.req, ctx: call.ctx, pathParameters: call.route.pathParameters, stageVariables: call.stageVariables };
  const record = (target?: string) => {
    if (gw.tracing) gw.record(model.logicalId, 'integration-called', { requestId: call.ctx.requestId, integration: integration.type, target });
  };
  const started = gw.ctx.clock.now();
  const done = (status: number | string) => {
    call.ctx.integration.status = status;
    call.ctx.integration.latency = gw.ctx.clock.now() - started;
    call.ctx.integrationStatus = status;
    call.ctx.integrationLatency = call.ctx.integration.latency;
  };
  const functionArn = integration.functionArn;

  if (integration.type === 'AWS_PROXY') {
    if (!functionArn) return { gateway: 'API_CONFIGURATION_ERROR', error: `AWS_PROXY integrations call Lambda functions; ${integration.uri} is not one` };
    record(functionArn);
    const binary = call.req.body !== undefined && matchesMediaType(call.req.header('content-type'), model.binaryMediaTypes);
    const event = proxyEventV1({
      req: call.req,
      ctx: call.ctx,
      resource: call.route.resource.path,
      pathParameters: call.route.pathParameters,
      stageVariables: call.stageVariables,
      binary,
    });
    const caller = gatewayCaller(gw, call.methodArn, integration.credentials);
    const result = await invokeLambda(gw, fiber, functionArn, event, caller, integration.timeoutMs);
    if (result.kind === 'timeout') return { gateway: 'INTEGRATION_TIMEOUT', error: 'Execution failed due to a timeout error' };
    if (result.kind === 'failed') {
      done(500);
      return { gateway: 'DEFAULT_5XX', status: 500, error: `Execution failed due to configuration error: ${result.errorName}: ${result.message}` };
    }
    call.ctx.integration.requestId = result.requestId;
    if (result.functionError) {
      done(200);
      return { gateway: 'DEFAULT_5XX', status: 502, error: `Lambda execution failed with status 200 due to customer function error: ${result.payload}` };
    }
    try {
      const response = proxyResponseV1(JSON.parse(result.payload || 'null'), call.req.header('accept'), model.binaryMediaTypes);
      done(response.statusCode);
      return { response };
    } catch (e) {
      done(200);
      return { gateway: 'DEFAULT_5XX', status: 502, error: `Execution failed due to configuration error: Malformed Lambda proxy response (${(e as Error).message})` };
    }
  }

  const body = integrationRequestBody(integration, scope);
  if (body === undefined) return { gateway: 'UNSUPPORTED_MEDIA_TYPE', error: `no request template for ${call.req.contentType ?? 'application/json'}` };
  let answer: BackendAnswer;
  if (integration.type === 'MOCK') {
    record();
    let status = 200;
    try {
      const parsed = JSON.parse(body.replace(/([{,]\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:/g, '$1"$2":'));
      if (parsed && Number.isInteger(Number(parsed.statusCode))) status = Number(parsed.statusCode);
    } catch {
      status = 200;
    }
    answer = { status, body: '', headers: {} };
  } else if (integration.type === 'AWS' && functionArn) {
    record(functionArn);
    const result = await invokeLambda(gw, fiber, functionArn, JSON.parse(body === '' ? '{}' : body), gatewayCaller(gw, call.methodArn, integration.credentials), integration.timeoutMs);
    if (result.kind === 'timeout') return { gateway: 'INTEGRATION_TIMEOUT', error: 'Execution failed due to a timeout error' };
    if (result.kind === 'failed') return { gateway: 'DEFAULT_5XX', status: 500, error: `Execution failed due to configuration error: ${result.errorName}` };
    const errorMessage = result.functionError ? String((JSON.parse(result.payload || '{}') as { errorMessage?: unknown }).errorMessage ?? '') : undefined;
    answer = { status: 200, body: result.payload, headers: {}, lambda: true, errorMessage };
  } else if (integration.type === 'AWS') {
    record(integration.uri);
    const params = integrationRequestParameters(integration, scope);
    const call2 = callAwsService(gw, { uri: integration.uri ?? '', body, querystring: params.querystring, credentials: integration.credentials, requestId: call.ctx.requestId, logicalId: model.logicalId });
    const raced = await fiber.wait(gw.deadlines.race(call2, integration.timeoutMs));
    if (raced === TIMED_OUT) return { gateway: 'INTEGRATION_TIMEOUT', error: 'Execution failed due to a timeout error' };
    answer = raced;
  } else {
    const http = await httpIntegration(gw, fiber, model, integration, scope, body);
    if ('gateway' in http) return http;
    if (integration.type === 'HTTP_PROXY') {
      done(http.status);
      return { response: { statusCode: http.status, headers: { ...http.headers }, body: http.body } };
    }
    answer = http;
  }
  done(answer.status);
  if (answer.status >= 400 && !answer.lambda) call.ctx.integration.error = answer.body;
  const response = integrationResponse(integration, answer, scope);
  if (!response) return { gateway: 'API_CONFIGURATION_ERROR', error: 'Execution failed due to configuration error: No match for output mapping and no default output mapping configured' };
  return { response };
}

async function httpIntegration(gw: Gateway, fiber: Waiter, model: RestApiModel, integration: RestIntegrationConfig, scope: TemplateScope,
  body: string)
  : Promise<BackendAnswer | { gateway: GatewayResponseType; status?: number; error: string }> {
  const params = integrationRequestParameters(integration, scope);
  let url = integration.uri ?? '';
  for (const [name, value] of Object.entries({ ...scope.pathParameters, ...params.path })) url = url.replace(`{${name}}`, encodeURIComponent(value));
  const headers: Record<string, string> = {};
  if (integration.type === 'HTTP_PROXY') for (const [name, values] of scope.req.headers) headers[name.toLowerCase()] = values.join(',');
  for (const [k, v] of Object.entries(params.headers)) headers[k.toLowerCase()] = v;
  const query = integration.type === 'HTTP_PROXY' ? scope.req.rawQueryString : new URLSearchParams(params.querystring).toString();
  const request: HttpIntegrationRequest = {
    method: integration.httpMethod === 'ANY' || integration.httpMethod === undefined ? scope.req.method : integration.httpMethod,
    url: query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url,
    headers,
    body: integration.type === 'HTTP_PROXY' ? scope.req.body : body,
  };
  gw.record(model.logicalId, 'integration-called', { requestId: scope.ctx.requestId, integration: integration.type, target: request.url });
  const backend = gw.httpBackends.find(b => request.url.startsWith(b.prefix));
  gw.httpRequests.push(request);
  if (!backend) {
    gw.ctx.reportProblem(model.logicalId, `HTTP integration ${request.method} ${request.url} is not reachable offline; register a backend with sim.api(ref).httpBackend(urlPrefix, fn)`);
    return { gateway: 'DEFAULT_5XX', status: 500, error: `no simulated backend for ${request.url}` };
  }
  const answered = Promise.resolve().then(() => backend.backend(request));
  const raced = await fiber.wait(gw.deadlines.race(answered, integration.timeoutMs));
  if (raced === TIMED_OUT) return { gateway: 'INTEGRATION_TIMEOUT', error: 'Execution failed due to a timeout error' };
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(raced.headers ?? {})) lower[k.toLowerCase()] = v;
  return { status: raced.statusCode, headers: lower, body: raced.body ?? '' };
}
