import { accountOf } from '../kernel/arn';
import {
  AccessDecision, AccessRequest, AttachedPolicy, CallerIdentity, NamedPolicy, PolicyDecision, PolicyDocumentLike, PolicyEvaluator,
} from '../runtime';
import { combine, IdentitySide, Outcome, Verdict } from './access-logic';
import { IdentityLookup } from './identity-store';
import { statementsOf } from './policy-shape';
import { PrincipalGrant } from './principal';
import { KNOWN_CONDITION_KEYS, principalAccount, requestContext, TIME_CONDITION_KEYS } from './request-context';
import { CompiledStatement, compileStatement, PolicyKind } from './statement';
import type { IamMode } from '../wire/types';

/** Decisions by caller, then resource, then action. */
type DecisionCache = WeakMap<CallerIdentity, Map<string, Map<string, Verdict>>>;

interface CompiledPolicy {
  readonly statements: readonly CompiledStatement[];
  /**
   * Policies are immutable and evaluation is a pure function of the request, so decisions are cached. Callers are
   * immutable objects that services reuse per source (one identity per topic), so the cache is keyed by identity.
   * A policy with a condition on the time is evaluated every time.
   */
  readonly decisions?: DecisionCache;
}

/** The principal of unsigned requests (wire/endpoint.ts ANONYMOUS_PRINCIPAL; not imported: the wire layer loads lazily). */
const ANONYMOUS = 'anonymous';

/** The resource-policy list of a resource without any (one object, so its decisions are cached). */
export const NO_POLICIES: readonly PolicyDocumentLike[] = Object.freeze([]);

type Request = { action: string; resource: string; caller: CallerIdentity };


export interface EvaluatorOptions {
  /** @default 'enforce' */
  readonly mode?: IamMode;
  /** The template's principals (the IAM service); without it every AWS principal is undeclared. */
  readonly identities?: () => IdentityLookup | undefined;
  /** Virtual time, for aws:CurrentTime / aws:EpochTime. */
  readonly now?: () => number;
  /** Lists what the evaluation cannot know (undeclared principals, unknown condition keys) in `sim.unsupported`. */
  readonly reportUnsupported?: (logicalId: string, type: string, reason: string) => void;
}

/**
 * IAM policy evaluation: resource-based policies (queue, topic, bucket and key policies, Lambda permissions), the
 * identity-based policies and permissions boundary of the calling role or user the template declares, combined as
 * AWS documents (access-logic.ts). The account root (the test's own handle calls) has full access, subject only to
 * explicit denies in resource policies. A principal the template does not declare (a role imported by ARN, another
 * account's principal) has unknown identity policies: its identity side is taken as allowing and the principal is
 * listed once in `sim.unsupported`.
 */
export class ResourcePolicyEvaluator implements PolicyEvaluator {
  private readonly compiled = { resource: new WeakMap<object, CompiledPolicy>(), identity: new WeakMap<object, CompiledPolicy>() };
  private readonly contexts = new WeakMap<CallerIdentity, ReadonlyMap<string, string>>();
  private readonly reported = new Set<string>();
  /** Whole decisions: resource-policy list -> caller -> `action resource` -> outcome (null: not cacheable, it read the clock). */
  private readonly outcomes = new WeakMap<object, WeakMap<CallerIdentity, Map<string, Outcome | null>>>();
  /** Evaluations of time-dependent policies so far (a decision that made one is not cached). */
  private timedEvaluations = 0;
  public readonly mode: IamMode;

  /** @param account the account that owns the simulated resources */
  constructor(private readonly account: string, private readonly options: EvaluatorOptions = {}) {
    this.mode = options.mode ?? 'enforce';
  }

  public evaluate(policies: readonly PolicyDocumentLike[], request: Request): PolicyDecision {
    return this.verdict(policies, request, 'resource').decision;
  }

  public isAllowed(policies: readonly PolicyDocumentLike[], request: Request): boolean {
    if (this.mode === 'off') return true;
    return this.decide({ ...request, resourcePolicies: policies }).decision === 'Allow';
  }

  /** The decision for a request under the `iam` mode (recording a denial is the caller's: see `authorize()` in authorize.ts). */
  public authorize(request: AccessRequest): AccessDecision {
    if (this.mode === 'off') return { allowed: true, decision: 'Allow' };
    const outcome = this.decide(request);
    if (outcome.decision === 'Allow') return { allowed: true, decision: 'Allow' };
    const { action, resource, caller } = request;
    const message = `User: ${caller.principal} is not authorized to perform: ${action} on resource: ${resource} ${outcome.because}`;
    return { allowed: this.mode !== 'enforce', decision: outcome.decision, statement: outcome.statement, message, side: outcome.side };
  }

  /**
   * The decision, cached per resource-policy list, caller and action/resource: every policy is immutable once loaded
   * (identity-based policies have no API to change them; services keep one policy list object per resource), so a
   * repeated request costs one lookup. Requests whose evaluation read the clock (aws:CurrentTime) are not cached.
   */
  private decide(request: Omit<AccessRequest, 'service' | 'logicalId'>): Outcome {
    const policies = request.resourcePolicies ?? NO_POLICIES;
    let byCaller = this.outcomes.get(policies);
    if (byCaller === undefined) {
      byCaller = new WeakMap();
      this.outcomes.set(policies, byCaller);
    }
    let byRequest = byCaller.get(request.caller);
    if (byRequest === undefined) {
      byRequest = new Map();
      byCaller.set(request.caller, byRequest);
    }
    const key = `${request.action}\u0000${request.resource}${request.resourcePolicyRequired ? '\u0000key' : ''}`;
    const hit = byRequest.get(key);
    if (hit) return hit;
    const timedBefore = this.timedEvaluations;
    const outcome = this.evaluateRequest(request, policies);
    if (hit === undefined) byRequest.set(key, this.timedEvaluations === timedBefore ? outcome : null);
    return outcome;
  }

  private evaluateRequest(request: Omit<AccessRequest, 'service' | 'logicalId'>, policies: NonNullable<AccessRequest['resourcePolicies']>): Outcome {
    const { caller, resource } = request;
    const resourceVerdict = this.verdict(policies, request, 'resource');
    const owner = accountOf(resource) ?? this.account;
    const callerAccount = caller.principalType === 'AWS' ? principalAccount(caller) : caller.sourceAccount;
    const identity = caller.principalType === 'AWS' ? this.identitySide(caller, request) : undefined;
    return combine(request.action, caller, callerAccount === owner, resourceVerdict, identity, request.resourcePolicyRequired ?? false);
  }

  private identitySide(caller: CallerIdentity, request: Request): IdentitySide {
    if (caller.principal === ANONYMOUS) return { kind: 'anonymous' };
    if (/^arn:[^:]+:iam::\d{12}:root$/.test(caller.principal) || /^\d{12}$/.test(caller.principal)) return { kind: 'root' };
    const found = this.options.identities?.()?.identity(caller.principal);
    if (!found) {
      if (this.options.identities?.() !== undefined) {
        this.reportOnce(`principal ${caller.principal}`, caller.principal, 'AWS::IAM::Role',
          'identity-based policies unknown: the principal is not declared in the template, so its identity side is taken as allowing '
          + '(resource policies, key policies and explicit denies still apply)');
      }
      return { kind: 'undeclared' };
    }
    return {
      kind: found.kind,
      policies: this.verdict(found.policies, request, 'identity'),
      boundary: found.boundary ? this.verdict([found.boundary], request, 'identity') : undefined,
    };
  }

  /** What a set of policies says: an explicit Deny in any wins; otherwise the strongest Allow (direct before account). */
  private verdict(policies: readonly (PolicyDocumentLike | NamedPolicy | AttachedPolicy)[], request: Request, kind: PolicyKind): Verdict {
    let allow: Verdict | undefined;
    for (let i = 0; i < policies.length; i++) {
      const v = this.decideOne(policies[i], request, kind);
      if (v.decision === 'ExplicitDeny') return v;
      if (v.decision === 'Allow' && (allow === undefined || (allow.grant === 'account' && v.grant === 'direct'))) allow = v;
    }
    return allow ?? { decision: 'ImplicitDeny' };
  }

  private decideOne(entry: PolicyDocumentLike | NamedPolicy | AttachedPolicy, request: Request, kind: PolicyKind): Verdict {
    const attached = isAttached(entry) ? entry : undefined;
    const name = attached ? ('name' in attached ? attached.name : attached.logicalId) : undefined;
    const policy = attached ? attached.document : entry as PolicyDocumentLike;
    const compiled = this.compile(policy, kind);
    const { action, resource, caller } = request;
    let byAction: Map<string, Verdict> | undefined;
    if (compiled.decisions) {
      let byResource = compiled.decisions.get(caller);
      if (byResource === undefined) {
        byResource = new Map();
        compiled.decisions.set(caller, byResource);
      }
      byAction = byResource.get(resource);
      if (byAction === undefined) {
        byAction = new Map();
        byResource.set(resource, byAction);
      }
      const cached = byAction.get(action);
      if (cached !== undefined) return cached;
    }

    let verdict: Verdict = { decision: 'ImplicitDeny' };
    if (!compiled.decisions) this.timedEvaluations++;
    const context = compiled.decisions ? () => this.contextOf(caller) : () => this.timedContext(caller);
    const label = (s: CompiledStatement) => `${name ?? (kind === 'resource' ? 'resource policy' : 'identity policy')} ${s.sid}`;
    for (const s of compiled.statements) {
      const grant: PrincipalGrant | undefined = s.grant(action, resource, caller, context);
      if (grant === undefined) continue;
      if (s.effect === 'Deny') {
        verdict = { decision: 'ExplicitDeny', by: label(s) };
        break;
      }
      if (verdict.decision !== 'Allow' || (verdict.grant === 'account' && grant === 'direct')) verdict = { decision: 'Allow', grant, by: label(s) };
    }
    byAction?.set(action, verdict);
    return verdict;
  }

  private contextOf(caller: CallerIdentity): ReadonlyMap<string, string> {
    let context = this.contexts.get(caller);
    if (context === undefined) {
      context = requestContext(caller);
      this.contexts.set(caller, context);
    }
    return context;
  }

  private timedContext(caller: CallerIdentity): ReadonlyMap<string, string> {
    const keys = new Map(this.contextOf(caller));
    const now = this.options.now?.() ?? Date.now();
    keys.set('aws:currenttime', new Date(now).toISOString());
    keys.set('aws:epochtime', String(Math.floor(now / 1000)));
    return keys;
  }

  private compile(policy: PolicyDocumentLike, kind: PolicyKind): CompiledPolicy {
    // A policy given as a JSON string (some properties accept one) is compiled on every call; objects are cached.
    const holder = typeof policy === 'object' && policy !== null ? policy : undefined;
    const cache = this.compiled[kind];
    const hit = holder ? cache.get(holder) : undefined;
    if (hit) return hit;
    const raw = statementsOf(policy);
    let timed = false;
    for (const s of raw) {
      for (const keys of Object.values(s.Condition ?? {})) {
        for (const key of Object.keys(keys ?? {})) {
          const k = key.toLowerCase();
          if (TIME_CONDITION_KEYS.has(k)) {timed = true;} else if (!KNOWN_CONDITION_KEYS.has(k)) {
            this.reportOnce(`key ${k}`, 'IAM', 'AWS::IAM::Policy',
              `the condition key ${key} is not set by the simulator: conditions on it find it absent (as AWS does for a key a request lacks)`);
          }
        }
      }
    }
    const statements = raw.map((s, i) => compileStatement(s, i, kind)).filter((s): s is CompiledStatement => s !== undefined);
    const compiled: CompiledPolicy = { statements, decisions: timed ? undefined : new WeakMap() };
    if (holder) cache.set(holder, compiled);
    return compiled;
  }

  private reportOnce(key: string, logicalId: string, type: string, reason: string): void {
    if (this.reported.has(key) || !this.options.reportUnsupported) return;
    this.reported.add(key);
    this.options.reportUnsupported(logicalId, type, reason);
  }
}

function isAttached(p: PolicyDocumentLike | NamedPolicy | AttachedPolicy): p is NamedPolicy | AttachedPolicy {
  return typeof p === 'object' && p !== null && 'document' in p;
}
