/**
 * Authorization of a REST API method, by its AuthorizationType: AWS_IAM (a SigV4-signed request or the caller named
 * in the request; unsigned is 403 "Missing Authentication Token"), CUSTOM (a Lambda TOKEN or REQUEST authorizer),
 * COGNITO_USER_POOLS (the ID token, or an access token carrying one of the method's scopes, of one of the
 * authorizer's user pools). The authorizer's output fills `$context.authorizer` and the proxy event's
 * `requestContext.authorizer`.
 */
import { AuthorizerCache } from '../authorizers/cache';
import { identityOfPrincipal, verifySignature } from '../authorizers/iam';
import { verifyJwt } from '../authorizers/jwt';
import { identityValue, runLambdaAuthorizer } from '../authorizers/lambda-authorizer';
import type { Waiter } from '../clock-waits';
import { holdClock } from '../clock-waits';
import { ContextVars } from '../context';
import { Gateway } from '../gateway';
import { RestApiModel, RestMethodConfig } from '../model/rest-model';
import { headerMaps, IncomingRequest, queryMaps } from '../request';
import { GatewayResponseType } from '../responses/gateway-responses';

export type AuthResult =
  | { readonly ok: true; readonly usageIdentifierKey?: string }
  | { readonly ok: false; readonly type: GatewayResponseType; readonly message?: string; readonly reason: string; readonly authorizer?: string };

export interface AuthCall {
  readonly req: IncomingRequest;
  readonly ctx: ContextVars;
  readonly stageVariables: Readonly<Record<string, string>>;
  readonly method: RestMethodConfig;
  readonly pathParameters: Record<string, string>;
  readonly methodArn: string;
  readonly iamPrincipal?: string;
}

export async function authorizeRest(gw: Gateway, fiber: Waiter, model: RestApiModel, caches: Map<string, AuthorizerCache>,
  call: AuthCall): Promise<AuthResult> {
  const { method, ctx } = call;
  switch (method.authorizationType) {
    case 'NONE':
      return { ok: true };
    case 'AWS_IAM': {
      if (call.iamPrincipal !== undefined) {
        setIamIdentity(ctx, identityOfPrincipal(call.iamPrincipal, null));
        return { ok: true };
      }
      const outcome = await fiber.wait(verifySignature(call.req, {
        canonicalPath: `/${ctx.stage}${call.req.path}`,
        host: ctx.domainName,
        region: gw.ctx.env.region,
        now: gw.ctx.clock.now(),
        lookup: gw.lookupCredentials,
      }));
      if (!outcome.ok) return { ok: false, type: outcome.type, message: outcome.message, reason: outcome.message ?? outcome.type };
      setIamIdentity(ctx, outcome.identity);
      return { ok: true };
    }
    case 'CUSTOM':
      return customAuthorizer(gw, fiber, model, caches, call);
    case 'COGNITO_USER_POOLS':
      return cognitoAuthorizer(gw, fiber, model, call);
    default:
      return { ok: false, type: 'AUTHORIZER_CONFIGURATION_ERROR', reason: `authorization type ${String(method.authorizationType)}` };
  }
}

function setIamIdentity(ctx: ContextVars, identity: ReturnType<typeof identityOfPrincipal>): void {
  ctx.identity.accessKey = identity.accessKey;
  ctx.identity.accountId = identity.accountId;
  ctx.identity.caller = identity.caller;
  ctx.identity.user = identity.caller;
  ctx.identity.userArn = identity.principal;
}

async function customAuthorizer(gw: Gateway, fiber: Waiter, model: RestApiModel, caches: Map<string, AuthorizerCache>,
  call: AuthCall): Promise<AuthResult> {
  const config = model.authorizers.get(call.method.authorizerId ?? '');
  if (!config || config.type === 'COGNITO_USER_POOLS') {
    return { ok: false, type: 'AUTHORIZER_CONFIGURATION_ERROR', reason: `authorizer ${call.method.authorizerId} is not a Lambda authorizer of this API` };
  }
  let cache = caches.get(config.id);
  if (!cache) {
    cache = new AuthorizerCache();
    caches.set(config.id, cache);
  }
  const { req, ctx, stageVariables } = call;
  const outcome = await runLambdaAuthorizer(gw, fiber, {
    id: config.id,
    name: config.name,
    apiId: model.id,
    apiLogicalId: model.logicalId,
    functionArn: config.functionArn,
    credentials: config.credentials,
    ttlSeconds: config.ttlSeconds,
    identitySources: config.identitySources,
    kind: config.type,
    validationRegex: config.validationRegex,
  }, cache, {
    req,
    ctx,
    stageVariables,
    methodArn: call.methodArn,
    event: identity => (config.type === 'TOKEN'
      ? { type: 'TOKEN', authorizationToken: identity[0], methodArn: call.methodArn }
      : requestAuthorizerEvent(call)),
  });
  if (!outcome.ok) return { ok: false, type: outcome.type, message: outcome.message, reason: outcome.reason, authorizer: config.name };
  const out = outcome.output;
  ctx.authorizer = { ...out.context, principalId: out.principalId, integrationLatency: 0 };
  return { ok: true, usageIdentifierKey: out.usageIdentifierKey };
}

/** The REQUEST authorizer event (payload 1.0). */
function requestAuthorizerEvent(call: AuthCall): Record<string, unknown> {
  const { req, ctx } = call;
  const headers = headerMaps(req);
  const query = queryMaps(req);
  return {
    type: 'REQUEST',
    methodArn: call.methodArn,
    resource: call.method.resource.path,
    path: req.path,
    httpMethod: req.method,
    headers: headers.single ?? {},
    multiValueHeaders: headers.multi ?? {},
    queryStringParameters: query.single ?? {},
    multiValueQueryStringParameters: query.multi ?? {},
    pathParameters: { ...call.pathParameters },
    stageVariables: { ...call.stageVariables },
    requestContext: {
      path: ctx.path,
      accountId: ctx.accountId,
      resourceId: ctx.resourceId,
      stage: ctx.stage,
      requestId: ctx.requestId,
      identity: { ...ctx.identity },
      resourcePath: call.method.resource.path,
      httpMethod: req.method,
      apiId: ctx.apiId,
    },
  };
}

async function cognitoAuthorizer(gw: Gateway, fiber: Waiter, model: RestApiModel, call: AuthCall): Promise<AuthResult> {
  const config = model.authorizers.get(call.method.authorizerId ?? '');
  if (!config || config.type !== 'COGNITO_USER_POOLS') {
    return { ok: false, type: 'AUTHORIZER_CONFIGURATION_ERROR', reason: `authorizer ${call.method.authorizerId} is not a Cognito authorizer of this API` };
  }
  const token = identityValue(config.identitySources[0] ?? 'method.request.header.Authorization', call.req, call.stageVariables, call.ctx);
  if (token === undefined) return { ok: false, type: 'UNAUTHORIZED', reason: 'no token', authorizer: config.name };
  const issuers = config.providerArns.map(arn => {
    const m = /^arn:[^:]+:cognito-idp:([^:]+):\d*:userpool\/(.+)$/.exec(arn);
    return m ? `https://cognito-idp.${m[1]}.${gw.ctx.env.urlSuffix}/${m[2]}` : arn;
  });
  const scopes = call.method.authorizationScopes;
  const outcome = await fiber.wait(holdClock(gw.ctx.clock, verifyJwt(gw.trust, token, {
    issuers, audiences: [], scopes, tokenUse: scopes.length > 0 ? 'access' : 'id', now: gw.ctx.clock.now(),
  }), 'apigateway Cognito token verification'));
  if (!outcome.ok) {
    if (outcome.untrustedIssuer) {
      gw.ctx.reportProblem(model.logicalId, `Cognito authorizer ${config.name}: no keys are trusted for ${outcome.untrustedIssuer}; call sim.api(...).trustIssuer({ issuer, jwks })`);
    }
    return { ok: false, type: 'UNAUTHORIZED', reason: outcome.reason, authorizer: config.name };
  }
  call.ctx.authorizer = { claims: stringClaims(outcome.claims) };
  return { ok: true };
}

/** REST Cognito authorizers pass claims as strings. */
function stringClaims(claims: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(claims)) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}
