import { accountOf } from '../kernel/arn';
import { CallerIdentity } from '../runtime';

/** Whether a statement's Principal (or NotPrincipal) names a caller. */
export type PrincipalMatcher = (caller: CallerIdentity) => boolean;

/**
 * How a resource policy statement names a caller: `direct` when it names the caller itself (its ARN, a service
 * principal, or everyone), `account` when it names the caller's account (the account root or id), which only
 * delegates to the account's identity-based policies (IAM policy evaluation logic).
 */
export type PrincipalGrant = 'direct' | 'account';

/** The grant a statement's Principal gives a caller, or undefined when it does not name it. */
export type GrantMatcher = (caller: CallerIdentity) => PrincipalGrant | undefined;

/** Compiles a Principal into a GrantMatcher (see `compilePrincipal` for the forms). */
export function compilePrincipalGrant(principal: unknown): GrantMatcher {
  if (principal === '*') return () => 'direct';
  if (principal === null || typeof principal !== 'object') return () => undefined;
  const { accounts, arns, services, anyone, anyService } = principalSets(principal as Record<string, unknown>);
  if (anyone) return () => 'direct';
  return caller => {
    if (caller.principalType === 'Service') return anyService || services.has(caller.principal.toLowerCase()) ? 'direct' : undefined;
    if (arns.has(caller.principal)) return 'direct';
    const account = accountOf(caller.principal);
    if (account === undefined || !accounts.has(account)) return undefined;
    // The account root calling is the account itself: a statement naming the account names it directly.
    return /^arn:[^:]+:iam::\d{12}:root$/.test(caller.principal) ? 'direct' : 'account';
  };
}

function principalSets(principal: Record<string, unknown>) {
  const accounts = new Set<string>();
  const arns = new Set<string>();
  const services = new Set<string>();
  let anyone = false;
  let anyService = false;
  for (const [kind, raw] of Object.entries(principal)) {
    const values = (Array.isArray(raw) ? raw : [raw]).map(String);
    for (const v of values) {
      if (kind === 'AWS') {
        if (v === '*') anyone = true;
        const root = /^\d{12}$/.test(v) ? v : /^arn:[^:]+:iam::(\d{12}):root$/.exec(v)?.[1];
        if (root !== undefined) accounts.add(root);
        else arns.add(v);
      } else if (kind === 'Service') {
        if (v === '*') anyService = true;
        services.add(v.toLowerCase());
      }
    }
  }
  return { accounts, arns, services, anyone, anyService };
}

/**
 * Compiles a statement's Principal. `"*"` and `{"AWS": "*"}` name everyone (services included); an account id or
 * `arn:aws:iam::<account>:root` names every principal of that account; another ARN names itself;
 * `{"Service": "sns.amazonaws.com"}` names that service principal (case-insensitively). Federated and
 * CanonicalUser principals never make the calls the simulator models.
 */
export function compilePrincipal(principal: unknown): PrincipalMatcher {
  const grant = compilePrincipalGrant(principal);
  return caller => grant(caller) !== undefined;
}

/** Whether `principal` names `caller` (uncompiled form, for one-off checks). */
export function principalMatches(principal: unknown, caller: CallerIdentity): boolean {
  return compilePrincipal(principal)(caller);
}
