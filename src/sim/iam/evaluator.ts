import { CallerIdentity, PolicyDecision, PolicyDocumentLike, PolicyEvaluator } from '../runtime';
import { statementsOf } from './policy-shape';
import { accountOf, principalAccount, requestContext } from './request-context';
import { CompiledStatement, compileStatement } from './statement';

interface CompiledPolicy {
  readonly statements: readonly CompiledStatement[];
  /** Decisions by request: policies are immutable and evaluation is a pure function of the request. */
  readonly decisions: Map<string, PolicyDecision>;
}

type Request = { action: string; resource: string; caller: CallerIdentity };

/**
 * Resource-policy evaluation as AWS does it for queue policies, topic policies and Lambda permissions: an explicit
 * Deny in any statement wins; otherwise a matching Allow allows; otherwise the request is implicitly denied.
 * Identity-based policies are not modelled, so a call by the resource owner's own account (the simulator's handles)
 * is allowed unless a resource policy explicitly denies it, while a service principal or another account needs an
 * explicit Allow.
 */
export class ResourcePolicyEvaluator implements PolicyEvaluator {
  private readonly compiled = new WeakMap<object, CompiledPolicy>();

  /** @param account the account that owns the simulated resources */
  constructor(private readonly account: string) {}

  public evaluate(policies: readonly PolicyDocumentLike[], request: Request): PolicyDecision {
    let allowed = false;
    let context: ReadonlyMap<string, string> | undefined;
    const lazyContext = () => (context ??= requestContext(request.caller));
    for (const policy of policies) {
      const decision = this.evaluateOne(policy, request, lazyContext);
      if (decision === 'ExplicitDeny') return decision;
      if (decision === 'Allow') allowed = true;
    }
    return allowed ? 'Allow' : 'ImplicitDeny';
  }

  public isAllowed(policies: readonly PolicyDocumentLike[], request: Request): boolean {
    const decision = this.evaluate(policies, request);
    if (decision === 'ExplicitDeny') return false;
    if (decision === 'Allow') return true;
    const caller = principalAccount(request.caller);
    return caller !== undefined && caller === this.ownerOf(request.resource);
  }

  /** The account owning a resource ARN (S3 ARNs carry none: the simulator's account). */
  private ownerOf(resource: string): string {
    return accountOf(resource) ?? this.account;
  }

  private evaluateOne(policy: PolicyDocumentLike, request: Request, context: () => ReadonlyMap<string, string>): PolicyDecision {
    const compiled = this.compile(policy);
    const c = request.caller;
    const key = `${request.action}\u0000${request.resource}\u0000${c.principalType}\u0000${c.principal}\u0000${c.sourceArn ?? ''}\u0000${c.sourceAccount ?? ''}\u0000${c.secureTransport}`;
    const cached = compiled.decisions.get(key);
    if (cached !== undefined) return cached;
    let decision: PolicyDecision = 'ImplicitDeny';
    for (const s of compiled.statements) {
      if (!s.applies(request.action, request.resource, c, context)) continue;
      if (s.effect === 'Deny') {
        decision = 'ExplicitDeny';
        break;
      }
      decision = 'Allow';
    }
    if (compiled.decisions.size > 10_000) compiled.decisions.clear();
    compiled.decisions.set(key, decision);
    return decision;
  }

  private compile(policy: PolicyDocumentLike): CompiledPolicy {
    const holder = (typeof policy === 'object' && policy !== null ? policy : undefined) as object | undefined;
    const hit = holder ? this.compiled.get(holder) : undefined;
    if (hit) return hit;
    const statements = statementsOf(policy).map(compileStatement).filter((s): s is CompiledStatement => s !== undefined);
    const compiled: CompiledPolicy = { statements, decisions: new Map() };
    if (holder) this.compiled.set(holder, compiled);
    return compiled;
  }
}
