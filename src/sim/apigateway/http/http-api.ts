/**
 * One HTTP API at run time: the stage, the payload limit (10 MB), CORS preflight (answered before anything else),
 * routing on route keys, authorization (JWT / Cognito user pool, Lambda REQUEST authorizer with payload 1.0 or 2.0,
 * IAM), throttling (route, stage default, account) and the integration (Lambda proxy with payload 2.0 or 1.0, HTTP
 * proxy). HTTP APIs answer errors with their own bodies: 401 "Unauthorized", 403 "Forbidden", 404 "Not Found",
 * 429 "Too Many Requests", 500 "Internal Server Error", and 503 "Service Unavailable" when the integration outlasts
 * its timeout (30 s at most).
 */
import { AccessLog } from '../access-log';
import { AuthorizerCache } from '../authorizers/cache';
import { identityOfPrincipal, verifySignature } from '../authorizers/iam';
import { verifyJwt } from '../authorizers/jwt';
import { identityValue, runLambdaAuthorizer } from '../authorizers/lambda-authorizer';
import { holdClock } from '../clock-waits';
import { ContextVars, newContextVars } from '../context';
import { Gateway } from '../gateway';
import { isPreflight, preflightResponse, withCorsHeaders } from './cors';
import { matchHttpRoute } from './routing';
import type { Waiter } from '../clock-waits';
import { gatewayCaller, invokeLambda } from '../integrations/lambda';
import { proxyEventV1, proxyResponseV1 } from '../integrations/lambda-proxy-v1';
import { proxyEventV2, proxyResponseV2 } from '../integrations/lambda-proxy-v2';
import { V2ApiModel, V2RouteConfig, V2StageConfig } from '../model/v2-model';
import { ApiRequestInput, ApiResponse, IncomingRequest } from '../request';
import { admit, TokenBucket } from '../throttling/token-bucket';

export const HTTP_MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

const MESSAGES: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Request Entity Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

interface HttpCall {
  readonly req: IncomingRequest;
  readonly ctx: ContextVars;
  readonly start: number;
  readonly stage?: V2StageConfig;
}

type Auth = { ok: true; authorizer?: Record<string, unknown> } | { ok: false; status: number; reason: string; headers?: Record<string, string> };

export class HttpApiRuntime {
  public readonly accessLog = new AccessLog();
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly caches = new Map<string, AuthorizerCache>();

  constructor(private readonly gw: Gateway, public readonly model: V2ApiModel) {}

  public get defaultStage(): string | undefined {
    return this.model.stages.has('$default') ? '$default' : this.model.stages.keys().next().value;
  }

  public async run(fiber: Waiter, input: ApiRequestInput): Promise<ApiResponse> {
    const { gw, model } = this;
    const now = gw.ctx.clock.now();
    const req = new IncomingRequest(input);
    const stageName = input.stage ?? this.defaultStage ?? '$default';
    const stage = model.stages.get(stageName);
    const ctx = newContextVars(req, {
      requestId: `${gw.ctx.ids.token(14).replace(/[+/]/g, 'x')}=`,
      extendedRequestId: '',
      now,
      accountId: gw.ctx.env.account,
      apiId: model.id,
      stage: stageName,
      region: gw.ctx.env.region,
      urlSuffix: gw.ctx.env.urlSuffix,
      pathWithStage: stageName === '$default' ? req.path : `/${stageName}${req.path}`,
    });
    ctx.extendedRequestId = ctx.requestId;
    const call: HttpCall = { req, ctx, start: now, stage };
    gw.record(model.logicalId, 'request-received', { requestId: ctx.requestId, method: req.method, path: req.path, stage: stageName, sourceIp: req.sourceIp });
    if (model.disableExecuteApiEndpoint) return this.fail(call, 403, 'the default execute-api endpoint is disabled');
    if (!stage) return this.fail(call, 404, 'no such stage');
    if (req.bodyBytes > HTTP_MAX_PAYLOAD_BYTES) return this.fail(call, 413, 'payload too large');
    if (req.malformed) return this.fail(call, 400, req.malformed);
    if (model.cors && isPreflight(req)) return this.answer(call, preflightResponse(model.cors, req));

    const match = matchHttpRoute(model.routes, req.method, req.path);
    if (!match) return this.fail(call, 404, 'no route matches');
    const route = match.route;
    ctx.routeKey = route.routeKey;
    const routeArn = gw.executeApiArn(model.id, `${stageName}/${req.method}${req.path}`);

    const auth = await this.authorize(fiber, call, route, match.pathParameters, routeArn, input.iamPrincipal);
    if (!auth.ok) {
      ctx.authorizer = { error: auth.reason };
      return this.fail(call, auth.status, auth.reason, auth.headers);
    }

    const throttle = stage.routeThrottles.get(route.routeKey) ?? stage.throttle;
    const buckets: TokenBucket[] = [];
    if (throttle) {
      const key = `${stageName} ${route.routeKey}`;
      let b = this.buckets.get(key);
      if (!b) {
        b = new TokenBucket(throttle.rateLimit, throttle.burstLimit, now);
        this.buckets.set(key, b);
      }
      buckets.push(b);
    }
    buckets.push(gw.accountBucket);
    if (!admit(buckets, now)) {
      gw.record(model.logicalId, 'request-throttled', { requestId: ctx.requestId });
      return this.fail(call, 429, 'throttled');
    }

    const integration = route.integrationId === undefined ? undefined : model.integrations.get(route.integrationId);
    if (!integration) return this.fail(call, 500, `route ${route.routeKey} has no integration`);
    if (integration.type !== 'AWS_PROXY' || !integration.functionArn) {
      gw.ctx.reportProblem(model.logicalId, `HTTP API integration ${integration.type} ${integration.uri ?? ''} is not simulated (Lambda proxy integrations are)`);
      return this.fail(call, 500, `integration ${integration.type} not simulated`);
    }
    gw.record(model.logicalId, 'integration-called', { requestId: ctx.requestId, integration: 'AWS_PROXY', target: integration.functionArn });
    const stageVariables = stage.variables;
    const event = integration.payloadFormatVersion === '2.0'
      ? proxyEventV2({ req, ctx, routeKey: route.routeKey, pathParameters: match.pathParameters, stageVariables, authorizer: auth.authorizer })
      : proxyEventV1({ req, ctx, resource: route.path ?? '/', pathParameters: match.pathParameters, stageVariables, binary: false, httpApi: { routeKey: route.routeKey } });
    const started = gw.ctx.clock.now();
    const caller = gatewayCaller(gw, routeArn, integration.credentials);
    const result = await invokeLambda(gw, fiber, integration.functionArn, event, caller, integration.timeoutMs);
    ctx.integrationLatency = gw.ctx.clock.now() - started;
    if (result.kind === 'timeout') return this.integrationFailed(call, 503, 'the integration timed out');
    if (result.kind === 'failed') return this.integrationFailed(call, 500, `${result.errorName}: ${result.message}`);
    ctx.integrationStatus = 200;
    if (result.functionError) return this.integrationFailed(call, 500, `the function failed: ${result.payload}`);
    try {
      const response = integration.payloadFormatVersion === '2.0'
        ? proxyResponseV2(result.payload || 'null')
        : proxyResponseV1(JSON.parse(result.payload || 'null'), undefined, []);
      return this.answer(call, withCorsHeaders(model.cors, req, response));
    } catch (e) {
      return this.integrationFailed(call, 500, `malformed Lambda proxy response: ${(e as Error).message}`);
    }
  }

  private async authorize(fiber: Waiter, call: HttpCall, route: V2RouteConfig, pathParameters: Record<string, string>, routeArn: string,
    iamPrincipal: string | undefined): Promise<Auth> {
    const { gw, model } = this;
    const { req, ctx } = call;
    const stageVariables = call.stage?.variables ?? {};
    if (route.authorizationType === 'NONE') return { ok: true };
    if (route.authorizationType === 'AWS_IAM') {
      const identity = iamPrincipal !== undefined ? identityOfPrincipal(iamPrincipal, null) : undefined;
      let outcome;
      if (!identity) {
        outcome = await fiber.wait(verifySignature(req, {
          canonicalPath: ctx.stage === '$default' ? req.path : `/${ctx.stage}${req.path}`,
          host: ctx.domainName,
          region: gw.ctx.env.region,
          now: gw.ctx.clock.now(),
          lookup: gw.lookupCredentials,
        }));
        if (!outcome.ok) return { ok: false, status: 403, reason: outcome.message ?? outcome.type };
      }
      const id = identity ?? (outcome as { identity: ReturnType<typeof identityOfPrincipal> }).identity;
      const iam = {
        accessKey: id.accessKey, accountId: id.accountId, callerId: id.caller, principalOrgId: null, userArn: id.principal, userId: id.caller,
      };
      return { ok: true, authorizer: { iam } };
    }
    const config = model.authorizers.get(route.authorizerId ?? '');
    if (!config) return { ok: false, status: 500, reason: `route ${route.routeKey} names no authorizer of this API` };
    if (config.type === 'JWT') {
      const raw = identityValue(config.identitySources[0] ?? '$request.header.Authorization', req, stageVariables, ctx);
      if (raw === undefined) return { ok: false, status: 401, reason: 'no token' };
      const token = raw.replace(/^Bearer\s+/i, '');
      const outcome = await fiber.wait(holdClock(gw.ctx.clock, verifyJwt(gw.trust, token, {
        issuers: config.issuer ? [config.issuer] : [], audiences: config.audience, scopes: route.authorizationScopes, now: gw.ctx.clock.now(),
      }), 'apigateway JWT verification'));
      if (!outcome.ok) {
        if (outcome.untrustedIssuer) {
          gw.ctx.reportProblem(model.logicalId, `JWT authorizer ${config.name}: no keys are trusted for ${outcome.untrustedIssuer}; call sim.api(...).trustIssuer({ issuer, jwks })`);
        }
        gw.record(model.logicalId, 'authorizer-denied', { requestId: ctx.requestId, authorizer: config.name, status: outcome.status, reason: outcome.reason });
        const headers = outcome.status === 401
          ? { 'www-authenticate': `Bearer scope="" error="invalid_token" error_description="${outcome.reason}"` } : undefined;
        return { ok: false, status: outcome.status, reason: outcome.reason, headers };
      }
      return { ok: true, authorizer: { jwt: { claims: outcome.claims, scopes: route.authorizationScopes.length > 0 ? outcome.scopes : null } } };
    }
    let cache = this.caches.get(config.id);
    if (!cache) {
      cache = new AuthorizerCache();
      this.caches.set(config.id, cache);
    }
    const outcome = await runLambdaAuthorizer(gw, fiber, {
      id: config.id,
      name: config.name,
      apiId: model.id,
      apiLogicalId: model.logicalId,
      functionArn: config.functionArn,
      ttlSeconds: config.ttlSeconds,
      identitySources: config.identitySources,
      kind: 'REQUEST',
      simpleResponses: config.simpleResponses,
    }, cache, {
      req,
      ctx,
      stageVariables,
      methodArn: routeArn,
      event: identity => (config.payloadFormatVersion === '2.0'
        ? { ...proxyEventV2({ req, ctx, routeKey: route.routeKey, pathParameters, stageVariables }), type: 'REQUEST', routeArn, identitySource: identity }
        : {
          ...proxyEventV1({ req, ctx, resource: route.path ?? '/', pathParameters, stageVariables, binary: false, httpApi: { routeKey: route.routeKey } }),
          type: 'REQUEST',
          methodArn: routeArn,
          identitySource: identity.join(','),
        }),
    });
    if (!outcome.ok) {
      const status = outcome.type === 'UNAUTHORIZED' ? 401 : outcome.type === 'ACCESS_DENIED' ? 403 : 500;
      gw.record(model.logicalId, 'authorizer-denied', { requestId: ctx.requestId, authorizer: config.name, status, reason: outcome.reason });
      return { ok: false, status, reason: outcome.reason };
    }
    const out = outcome.output;
    return { ok: true, authorizer: { lambda: { ...out.context }, ...(out.principalId !== undefined ? { principalId: out.principalId } : {}) } };
  }

  private integrationFailed(call: HttpCall, status: number, error: string): ApiResponse {
    call.ctx.integrationErrorMessage = error;
    this.gw.record(this.model.logicalId, 'integration-failed', { requestId: call.ctx.requestId, integration: 'AWS_PROXY', error, status });
    return this.fail(call, status, error);
  }

  private fail(call: HttpCall, status: number, reason: string, headers: Record<string, string> = {}): ApiResponse {
    call.ctx.error.message = MESSAGES[status] ?? reason;
    call.ctx.error.messageString = JSON.stringify(call.ctx.error.message);
    const response = { statusCode: status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ message: MESSAGES[status] }) };
    return this.answer(call, withCorsHeaders(this.model.cors, call.req, response), reason);
  }

  private answer(call: HttpCall, response: ApiResponse, reason?: string): ApiResponse {
    const { ctx } = call;
    const now = this.gw.ctx.clock.now();
    ctx.status = response.statusCode;
    ctx.responseLength = Buffer.byteLength(response.body);
    ctx.responseLatency = now - call.start;
    if (call.stage?.accessLogFormat) this.accessLog.write(call.stage.accessLogFormat, ctx);
    this.gw.record(this.model.logicalId, 'request-answered', {
      requestId: ctx.requestId,
      status: response.statusCode,
      ...(reason && response.statusCode >= 400 ? { responseType: reason } : {}),
      latencyMs: now - call.start,
    });
    return { ...response, headers: { ...response.headers, 'apigw-requestid': ctx.requestId } };
  }
}
