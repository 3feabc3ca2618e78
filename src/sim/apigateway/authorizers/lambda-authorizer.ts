/**
 * Lambda authorizers (REST TOKEN and REQUEST, HTTP API and WebSocket REQUEST): identity sources are read first and a
 * request missing one (or whose token fails the validation expression) is refused 401 without invoking the function;
 * the output is cached per identity for the authorizer's TTL; the function's `Unauthorized` error is a 401, any other
 * error or a malformed output a 500; the returned policy (or an HTTP API simple response's `isAuthorized`) decides
 * for the method ARN of each request, cached or not. The function is invoked as `apigateway.amazonaws.com` with the
 * authorizer's ARN (`{apiId}/authorizers/{id}`) as source, so its AWS::Lambda::Permission must allow that.
 */
import type { Waiter } from '../clock-waits';
import { ContextVars } from '../context';
import { Gateway } from '../gateway';
import { gatewayCaller, invokeLambda } from '../integrations/lambda';
import { IncomingRequest } from '../request';
import { AuthorizerCache, AuthorizerOutput } from './cache';
import { PolicyShapeError } from './policy';

export interface LambdaAuthorizerSpec {
  readonly id: string;
  readonly name: string;
  readonly apiId: string;
  readonly apiLogicalId: string;
  readonly functionArn?: string;
  readonly credentials?: string;
  readonly ttlSeconds: number;
  readonly identitySources: readonly string[];
  readonly kind: 'TOKEN' | 'REQUEST';
  readonly validationRegex?: string;
  /** HTTP API authorizers with payload 2.0 may answer `{ isAuthorized }`. */
  readonly simpleResponses?: boolean;
}

export type AuthorizerOutcome =
  | { readonly ok: true; readonly output: AuthorizerOutput; readonly cached: boolean }
  | { readonly ok: false; readonly type: 'UNAUTHORIZED' | 'ACCESS_DENIED' | 'AUTHORIZER_CONFIGURATION_ERROR' | 'AUTHORIZER_FAILURE'; readonly message?: string; readonly reason: string };

const EXPLICIT_DENY = 'User is not authorized to access this resource with an explicit deny';

/**
 * The value of an identity source: `method.request.header.X` (REST), `$request.header.X` (HTTP), `route.request.header.X`
 * (WebSocket), and the querystring, `stageVariables.X` and `context.X` forms. Undefined when absent or empty.
 */
export function identityValue(source: string, req: IncomingRequest, stageVariables: Readonly<Record<string, string>>,
  ctx: ContextVars): string | undefined {
  const s = source.trim().replace(/^\$/, '');
  let m = /^(?:method|route)?\.?request\.(header|querystring|multivalueheader|multivaluequerystring)\.(.+)$/.exec(s);
  let value: string | undefined;
  if (m) {
    value = m[1].endsWith('header') ? req.headerValues(m[2])?.join(',') : req.query.get(m[2])?.join(',');
  } else if ((m = /^stageVariables\.(.+)$/.exec(s))) {
    value = stageVariables[m[1]];
  } else if ((m = /^context\.(.+)$/.exec(s))) {
    let v: unknown = ctx;
    for (const part of m[1].split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
    value = v === undefined || v === null ? undefined : String(v);
  }
  return value === undefined || value === '' ? undefined : value;
}

export async function runLambdaAuthorizer(gw: Gateway, fiber: Waiter, spec: LambdaAuthorizerSpec, cache: AuthorizerCache, call: {
  readonly req: IncomingRequest;
  readonly ctx: ContextVars;
  readonly stageVariables: Readonly<Record<string, string>>;
  readonly methodArn: string;
  /** The event for the function, given the identity values. */
  readonly event: (identity: readonly string[]) => Record<string, unknown>;
}): Promise<AuthorizerOutcome> {
  const identity: string[] = [];
  for (const source of spec.identitySources) {
    const v = identityValue(source, call.req, call.stageVariables, call.ctx);
    if (v === undefined) return { ok: false, type: 'UNAUTHORIZED', reason: `identity source ${source} is missing` };
    identity.push(v);
  }
  if (spec.kind === 'TOKEN' && spec.validationRegex !== undefined && !new RegExp(`^(?:${spec.validationRegex})$`).test(identity[0] ?? '')) {
    return { ok: false, type: 'UNAUTHORIZED', reason: 'the token does not match the validation expression' };
  }
  const now = gw.ctx.clock.now();
  // Without identity sources (a REQUEST authorizer with caching off) there is nothing to key a cache on.
  const cacheKey = identity.length > 0 ? `${call.ctx.stage}\u0000${identity.join('\u0000')}` : undefined;
  const cached = cacheKey === undefined ? undefined : cache.get(cacheKey, now);
  if (cached) {
    if (gw.tracing) gw.record(spec.apiLogicalId, 'authorizer-cached', { requestId: call.ctx.requestId, authorizer: spec.name });
    return decide(gw, spec, cache, cached, call.methodArn, true);
  }
  if (!spec.functionArn) return { ok: false, type: 'AUTHORIZER_CONFIGURATION_ERROR', reason: 'the authorizer has no Lambda function URI' };
  gw.record(spec.apiLogicalId, 'authorizer-invoked', { requestId: call.ctx.requestId, authorizer: spec.name, functionArn: spec.functionArn });
  const caller = gatewayCaller(gw, gw.executeApiArn(spec.apiId, `authorizers/${spec.id}`), spec.credentials);
  const result = await invokeLambda(gw, fiber, spec.functionArn, call.event(identity), caller, 29_000);
  if (result.kind === 'timeout') return { ok: false, type: 'AUTHORIZER_FAILURE', reason: 'the authorizer timed out' };
  if (result.kind === 'failed') {
    return { ok: false, type: 'AUTHORIZER_CONFIGURATION_ERROR', reason: `invoking the authorizer failed: ${result.errorName}: ${result.message}` };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(result.payload || 'null');
  } catch {
    return { ok: false, type: 'AUTHORIZER_CONFIGURATION_ERROR', reason: 'the authorizer returned no JSON' };
  }
  if (result.functionError) {
    const message = (payload as { errorMessage?: unknown } | null)?.errorMessage;
    if (message === 'Unauthorized') return { ok: false, type: 'UNAUTHORIZED', reason: 'the authorizer answered Unauthorized' };
    return { ok: false, type: 'AUTHORIZER_CONFIGURATION_ERROR', reason: `the authorizer failed: ${String(message)}` };
  }
  const output = parseOutput(payload, spec.simpleResponses ?? false);
  if (typeof output === 'string') return { ok: false, type: 'AUTHORIZER_CONFIGURATION_ERROR', reason: output };
  if (cacheKey !== undefined) cache.set(cacheKey, output, now, spec.ttlSeconds);
  return decide(gw, spec, cache, output, call.methodArn, false);
}

/** The output, or why it is malformed. */
function parseOutput(payload: unknown, simple: boolean): AuthorizerOutput | string {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return 'the authorizer output is not a JSON object';
  const p = payload as Record<string, unknown>;
  const context: Record<string, unknown> = {};
  if (p.context !== undefined && p.context !== null) {
    if (typeof p.context !== 'object' || Array.isArray(p.context)) return 'the authorizer context is not an object';
    for (const [k, v] of Object.entries(p.context)) {
      // Only string, number and boolean values are allowed in the context map.
      if (v !== null && typeof v === 'object') return `the authorizer context value '${k}' is not a string, number or boolean`;
      context[k] = v;
    }
  }
  if (simple && 'isAuthorized' in p) return { context, isAuthorized: p.isAuthorized === true };
  if (p.principalId === undefined) return 'the authorizer output has no principalId';
  if (p.policyDocument === undefined) return 'the authorizer output has no policyDocument';
  return {
    principalId: String(p.principalId),
    policyDocument: p.policyDocument,
    context,
    usageIdentifierKey: p.usageIdentifierKey === undefined ? undefined : String(p.usageIdentifierKey),
  };
}

function decide(gw: Gateway, spec: LambdaAuthorizerSpec, cache: AuthorizerCache, output: AuthorizerOutput, methodArn: string, cached: boolean):
AuthorizerOutcome {
  if (output.isAuthorized !== undefined) {
    return output.isAuthorized ? { ok: true, output, cached } : { ok: false, type: 'ACCESS_DENIED', reason: 'isAuthorized is false' };
  }
  let decision;
  try {
    decision = cache.policyOf(output)(methodArn, sid => {
      gw.ctx.reportProblem(spec.apiLogicalId, `authorizer ${spec.name}: the Condition of policy statement ${sid} is not evaluated (the statement is ignored)`);
    });
  } catch (e) {
    if (e instanceof PolicyShapeError) return { ok: false, type: 'AUTHORIZER_CONFIGURATION_ERROR', reason: e.message };
    throw e;
  }
  if (decision === 'Allow') return { ok: true, output, cached };
  if (decision === 'Deny') return { ok: false, type: 'ACCESS_DENIED', message: EXPLICIT_DENY, reason: `the policy denies ${methodArn}` };
  return { ok: false, type: 'ACCESS_DENIED', reason: `the policy does not allow ${methodArn}` };
}
