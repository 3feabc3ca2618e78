import { accountOf } from '../kernel/arn';
import { CallerIdentity } from '../runtime';

/** Whether a statement's Principal (or NotPrincipal) names a caller. */
export type PrincipalMatcher = (caller: CallerIdentity) => boolean;

/**
 * Compiles a statement's Principal. `"*"` and `{"AWS": "*"}` name everyone (services included); an account id or
 * `arn:aws:iam::<account>:root` names every principal of that account; another ARN names itself;
 * `{"Service": "sns.amazonaws.com"}` names that service principal (case-insensitively). Federated and
 * CanonicalUser principals never make the calls the simulator models.
 */
export function compilePrincipal(principal: unknown): PrincipalMatcher {
  if (principal === '*') return () => true;
  if (principal === null || typeof principal !== 'object') return () => false;
  const accounts = new Set<string>();
  const arns = new Set<string>();
  const services = new Set<string>();
  let anyone = false;
  let anyService = false;
  for (const [kind, raw] of Object.entries(principal as Record<string, unknown>)) {
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
  if (anyone) return () => true;
  return caller => {
    if (caller.principalType === 'Service') return anyService || services.has(caller.principal.toLowerCase());
    if (arns.has(caller.principal)) return true;
    const account = accountOf(caller.principal);
    return account !== undefined && accounts.has(account);
  };
}

/** Whether `principal` names `caller` (uncompiled form, for one-off checks). */
export function principalMatches(principal: unknown, caller: CallerIdentity): boolean {
  return compilePrincipal(principal)(caller);
}
