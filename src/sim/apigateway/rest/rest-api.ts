/**
 * One REST API at run time. A request goes through the steps API Gateway documents, in order: the stage, the payload
 * limit (10 MB), the stage's web ACL, routing, authorization (IAM, Lambda or Cognito authorizer), the API key and
 * usage plan, throttling (usage plan per method, usage plan, stage method, account: a token bucket each) and the
 * quota, request validation, then the integration. Whatever API Gateway answers itself is a gateway response.
 * Each request runs as a fiber on the virtual clock; the answer is written to the access log and the trace.
 */
import { AccessLog } from '../access-log';
import { AuthorizerCache } from '../authorizers/cache';
import { ContextVars, newContextVars } from '../context';
import { Gateway } from '../gateway';
import { authorizeRest } from './rest-auth';
import { runRestIntegration } from './rest-integration';
import { matchRoute } from './routing';
import type { Waiter } from '../clock-waits';
import { RestApiModel, RestStageConfig } from '../model/rest-model';
import { ApiRequestInput, ApiResponse, IncomingRequest } from '../request';
import { gatewayResponse, GatewayResponseOptions, GatewayResponseType } from '../responses/gateway-responses';
import { admit, TokenBucket } from '../throttling/token-bucket';

/** The REST API payload limit ("Amazon API Gateway quotas"). */
export const REST_MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

interface RestCall {
  readonly req: IncomingRequest;
  readonly ctx: ContextVars;
  readonly start: number;
  readonly stage?: RestStageConfig;
  readonly stageVariables: Readonly<Record<string, string>>;
}

export class RestApiRuntime {
  public readonly accessLog = new AccessLog();
  private readonly stageBuckets = new Map<string, TokenBucket>();
  private readonly authorizerCaches = new Map<string, AuthorizerCache>();

  constructor(private readonly gw: Gateway, public readonly model: RestApiModel) {}

  public get defaultStage(): string | undefined {
    return this.model.stages.keys().next().value;
  }

  public async run(fiber: Waiter, input: ApiRequestInput): Promise<ApiResponse> {
    const { gw, model } = this;
    const now = gw.ctx.clock.now();
    const req = new IncomingRequest(input);
    const stageName = input.stage ?? this.defaultStage ?? '';
    const stage = model.stages.get(stageName);
    const ctx = newContextVars(req, {
      requestId: gw.ctx.ids.uuid(),
      extendedRequestId: `${gw.ctx.ids.token(14)}=`,
      now,
      accountId: gw.ctx.env.account,
      apiId: model.id,
      stage: stageName,
      region: gw.ctx.env.region,
      urlSuffix: gw.ctx.env.urlSuffix,
      pathWithStage: `/${stageName}${req.path}`,
    });
    ctx.xrayTraceId = `1-${Math.floor(now / 1000).toString(16)}-${gw.ctx.ids.hex(24)}`;
    const call: RestCall = { req, ctx, start: now, stage, stageVariables: stage?.variables ?? {} };
    if (gw.tracing) gw.record(model.logicalId, 'request-received', { requestId: ctx.requestId, method: req.method, path: req.path, stage: stageName, sourceIp: req.sourceIp });
    if (model.disableExecuteApiEndpoint) return this.fail(call, 'DEFAULT_4XX', { status: 403, message: 'Forbidden' });
    if (!stage) return this.fail(call, 'MISSING_AUTHENTICATION_TOKEN');
    if (req.bodyBytes > REST_MAX_PAYLOAD_BYTES) return this.fail(call, 'REQUEST_TOO_LARGE');
    // A request no HTTP client could send (a header name that is not a token, CR or LF in a value) is refused up front.
    if (req.malformed) return this.fail(call, 'DEFAULT_4XX', { message: 'Bad Request' });

    const acl = gw.webAcls.get(`${model.id}/${stageName}`);
    if (acl) {
      const decision = acl.evaluate(req.sourceIp, now);
      if (decision.notEvaluated.length > 0) gw.record(model.logicalId, 'waf-rule-not-evaluated', { requestId: ctx.requestId, rules: decision.notEvaluated });
      if (decision.blocked) {
        ctx.wafResponseCode = 'WAF_BLOCK';
        gw.record(model.logicalId, 'waf-blocked', { requestId: ctx.requestId, rule: decision.rule, sourceIp: req.sourceIp });
        return this.fail(call, 'WAF_FILTERED');
      }
      ctx.wafResponseCode = 'WAF_ALLOW';
    }

    const route = matchRoute(model.root, req.method, req.path);
    if (!route) return this.fail(call, 'MISSING_AUTHENTICATION_TOKEN');
    const method = route.method;
    ctx.resourcePath = route.resource.path;
    ctx.resourceId = route.resource.id;
    const methodArn = gw.executeApiArn(model.id, `${stageName}/${req.method}${req.path}`);

    const auth = await authorizeRest(gw, fiber, model, this.authorizerCaches, {
      req, ctx, stageVariables: call.stageVariables, method, pathParameters: route.pathParameters, methodArn, iamPrincipal: input.iamPrincipal,
    });
    if (!auth.ok) {
      if (auth.authorizer) {
        const status = auth.type === 'UNAUTHORIZED' ? 401 : auth.type === 'ACCESS_DENIED' ? 403 : 500;
        gw.record(model.logicalId, 'authorizer-denied', { requestId: ctx.requestId, authorizer: auth.authorizer, status, reason: auth.reason });
      }
      ctx.authorizer = { ...ctx.authorizer, error: auth.reason };
      return this.fail(call, auth.type, auth.message === undefined ? {} : { message: auth.message });
    }

    // API key and usage plan: a request to a method that does not require a key does not count against any plan.
    const buckets: TokenBucket[] = [];
    let quota;
    let keyId: string | undefined;
    if (method.apiKeyRequired) {
      const value = model.apiKeySource === 'AUTHORIZER' ? auth.usageIdentifierKey : req.header('x-api-key');
      const check = gw.usage.check(value, model.id, stageName, route.resource.path, method.httpMethod, now);
      if (!check.ok) {
        gw.record(model.logicalId, 'api-key-refused', { requestId: ctx.requestId, reason: check.reason });
        return this.fail(call, 'INVALID_API_KEY');
      }
      keyId = check.key.id;
      ctx.identity.apiKey = check.key.value;
      ctx.identity.apiKeyId = check.key.id;
      ctx.usagePlanId = check.plan.id;
      buckets.push(...check.buckets);
      quota = check.quota && { counter: check.quota, plan: check.plan.name };
    }
    const stageBucket = this.stageBucket(stage, route.resource.path, req.method, method.httpMethod, now);
    if (stageBucket) buckets.push(stageBucket);
    buckets.push(gw.accountBucket);
    if (!admit(buckets, now)) {
      gw.record(model.logicalId, 'request-throttled', { requestId: ctx.requestId, ...(keyId ? { apiKeyId: keyId } : {}) });
      return this.fail(call, 'THROTTLED');
    }
    if (quota && !quota.counter.tryUse(now)) {
      gw.record(model.logicalId, 'quota-exceeded', { requestId: ctx.requestId, apiKeyId: keyId!, usagePlan: quota.plan });
      return this.fail(call, 'QUOTA_EXCEEDED');
    }

    const validator = method.requestValidatorId === undefined ? undefined : model.validators.get(method.requestValidatorId);
    if (validator) {
      const v = gw.schemas.validate(method, req, route.pathParameters, validator, model.models);
      if (!v.ok) {
        // API Gateway writes the string JSON-escaped, so templates can quote it (`"message": "$context.error.validationErrorString"`).
        ctx.error.validationErrorString = JSON.stringify(v.validationErrorString).slice(1, -1);
        gw.record(model.logicalId, 'validation-failed', { requestId: ctx.requestId, responseType: v.type, message: v.validationErrorString });
        return this.fail(call, v.type, { message: v.message });
      }
    }

    let result;
    try {
      result = await runRestIntegration(gw, fiber, model, { req, ctx, route, stageVariables: call.stageVariables, methodArn });
    } catch (e) {
      result = { gateway: 'DEFAULT_5XX' as const, status: 500, error: (e as Error).message };
    }
    if ('gateway' in result) {
      ctx.integration.error = result.error;
      ctx.integrationErrorMessage = result.error;
      gw.record(model.logicalId, 'integration-failed', {
        requestId: ctx.requestId, integration: method.integration?.type ?? 'NONE', error: result.error, status: result.status ?? 0,
      });
      const options = { ...(result.status !== undefined ? { status: result.status } : {}), ...(result.message ? { message: result.message } : {}) };
      return this.fail(call, result.gateway, options);
    }
    return this.answer(call, result.response);
  }

  /** The stage's bucket for one method: its own method setting (by request method, then the method's, then `*`), else the stage default. */
  private stageBucket(stage: RestStageConfig, path: string, requestMethod: string, methodKey: string, now: number): TokenBucket | undefined {
    const methodName = methodKey === 'ANY' ? '*' : methodKey;
    const throttle = stage.methodThrottles.get(`${path} ${requestMethod}`) ?? stage.methodThrottles.get(`${path} ${methodName}`)
      ?? stage.methodThrottles.get(`${path} *`) ?? stage.throttle;
    if (!throttle) return undefined;
    const key = `${stage.name} ${path} ${requestMethod}`;
    let b = this.stageBuckets.get(key);
    if (!b) {
      b = new TokenBucket(throttle.rateLimit, throttle.burstLimit, now);
      this.stageBuckets.set(key, b);
    }
    return b;
  }

  private fail(call: RestCall, type: GatewayResponseType, options: GatewayResponseOptions = {}): ApiResponse {
    const response = gatewayResponse(type, {
      overrides: this.model.gatewayResponses, ctx: call.ctx, req: call.req, stageVariables: call.stageVariables, vtl: this.gw.vtl,
    }, options);
    return this.answer(call, response, type);
  }

  private answer(call: RestCall, response: ApiResponse, responseType?: string): ApiResponse {
    const { ctx } = call;
    const now = this.gw.ctx.clock.now();
    const headers = { ...response.headers, 'x-amzn-requestid': ctx.requestId };
    ctx.status = response.statusCode;
    ctx.responseLength = Buffer.byteLength(response.body);
    ctx.responseLatency = now - call.start;
    if (call.stage?.accessLogFormat) this.accessLog.write(call.stage.accessLogFormat, ctx);
    if (this.gw.tracing) {
      this.gw.record(this.model.logicalId, 'request-answered', {
        requestId: ctx.requestId, status: response.statusCode, ...(responseType ? { responseType } : {}), latencyMs: now - call.start,
      });
    }
    return { ...response, headers };
  }
}
