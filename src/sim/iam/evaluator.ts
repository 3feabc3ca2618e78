import { CallerIdentity, PolicyDecision, PolicyDocumentLike, PolicyEvaluator } from '../runtime';
import { statementsOf } from './policy-shape';
import { principalAccount, requestContext } from './request-context';
import { CompiledStatement, compileStatement } from './statement';
import { accountOf } from '../kernel/arn';

/** Decisions by caller, then resource, then action. */
type DecisionCache = WeakMap<CallerIdentity, Map<string, Map<string, PolicyDecision>>>;

interface CompiledPolicy {
  readonly statements: readonly CompiledStatement[];
  /**
   * Policies are immutable and evaluation is a pure function of the request, so decisions are cached. Callers are
   * immutable objects that services reuse per source (one identity per topic), so the cache is keyed by identity.
   */
  readonly decisions: DecisionCache;
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
  private readonly contexts = new WeakMap<CallerIdentity, ReadonlyMap<string, string>>();

  /** @param account the account that owns the simulated resources */
  constructor(private readonly account: string) {}

  public evaluate(policies: readonly PolicyDocumentLike[], request: Request): PolicyDecision {
    let allowed = false;
    for (let i = 0; i < policies.length; i++) {
      const decision = this.decide(policies[i], request);
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

  private decide(policy: PolicyDocumentLike, request: Request): PolicyDecision {
    const compiled = this.compile(policy);
    const { action, resource, caller } = request;
    let byResource = compiled.decisions.get(caller);
    if (byResource === undefined) {
      byResource = new Map();
      compiled.decisions.set(caller, byResource);
    }
    let byAction = byResource.get(resource);
    if (byAction === undefined) {
      byAction = new Map();
      byResource.set(resource, byAction);
    }
    const cached = byAction.get(action);
    if (cached !== undefined) return cached;

    let decision: PolicyDecision = 'ImplicitDeny';
    const context = () => this.contextOf(caller);
    for (const s of compiled.statements) {
      if (!s.applies(action, resource, caller, context)) continue;
      if (s.effect === 'Deny') {
        decision = 'ExplicitDeny';
        break;
      }
      decision = 'Allow';
    }
    byAction.set(action, decision);
    return decision;
  }

  private contextOf(caller: CallerIdentity): ReadonlyMap<string, string> {
    let context = this.contexts.get(caller);
    if (context === undefined) {
      context = requestContext(caller);
      this.contexts.set(caller, context);
    }
    return context;
  }

  private compile(policy: PolicyDocumentLike): CompiledPolicy {
    // A policy given as a JSON string (some properties accept one) is compiled on every call; objects are cached.
    const holder = typeof policy === 'object' && policy !== null ? policy : undefined;
    const hit = holder ? this.compiled.get(holder) : undefined;
    if (hit) return hit;
    const statements = statementsOf(policy).map(compileStatement).filter((s): s is CompiledStatement => s !== undefined);
    const compiled: CompiledPolicy = { statements, decisions: new WeakMap() };
    if (holder) this.compiled.set(holder, compiled);
    return compiled;
  }
}
