import { AccessDecision, AccessRequest, PolicyDocumentLike, SimContext } from '../runtime';

type AuthorizeContext = Pick<SimContext, 'iam' | 'trace'>;

/**
 * Authorizes a request through `ctx.iam` and records a denial (`denied`, with the deciding statement and whether it
 * was enforced). Evaluators without `authorize` (simple test evaluators) answer through `isAllowed`.
 */
export function authorize(ctx: AuthorizeContext, request: AccessRequest): AccessDecision {
  let decision: AccessDecision;
  if (ctx.iam.authorize) {
    decision = ctx.iam.authorize(request);
  } else {
    const documents = (request.resourcePolicies ?? []).map(p => ('document' in p ? p.document : p) as PolicyDocumentLike);
    decision = ctx.iam.isAllowed(documents, request)
      ? { allowed: true, decision: 'Allow' }
      : { allowed: false, decision: 'ImplicitDeny', message: `User: ${request.caller.principal} is not authorized to perform: ${request.action} on resource: ${request.resource}` };
  }
  if (decision.decision !== 'Allow') record(ctx, request, decision);
  return decision;
}

/**
 * A refusal decided outside the policy documents (a service's built-in default policy), recorded and subject to
 * the `iam` mode like any other.
 */
export function refuse(ctx: AuthorizeContext, request: AccessRequest, because: string): AccessDecision {
  const mode = ctx.iam.mode ?? 'enforce';
  if (mode === 'off') return { allowed: true, decision: 'Allow' };
  const message = `User: ${request.caller.principal} is not authorized to perform: ${request.action} on resource: ${request.resource} ${because}`;
  const decision: AccessDecision = { allowed: mode !== 'enforce', decision: 'ImplicitDeny', statement: 'no statement allows', message, side: 'resource' };
  record(ctx, request, decision);
  return decision;
}

function record(ctx: AuthorizeContext, request: AccessRequest, decision: AccessDecision): void {
  const { action, resource, caller } = request;
  ctx.trace.record(request.service, request.logicalId, 'denied', {
    action,
    principal: caller.principal,
    sourceArn: caller.sourceArn,
    resource,
    statement: decision.statement,
    decision: decision.decision === 'ExplicitDeny' ? 'explicit' : 'implicit',
    reason: decision.message,
    enforced: !decision.allowed,
  });
}
