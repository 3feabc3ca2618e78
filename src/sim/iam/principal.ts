import { CallerIdentity } from '../runtime';
import { accountOf } from './request-context';

/**
 * Whether a statement's Principal names the caller. `"*"` and `{"AWS": "*"}` name everyone (services included);
 * an account id or `arn:aws:iam::<account>:root` names every principal of that account; another ARN names itself;
 * `{"Service": "sns.amazonaws.com"}` names that service principal.
 */
export function principalMatches(principal: unknown, caller: CallerIdentity): boolean {
  if (principal === '*') return true;
  if (principal === null || typeof principal !== 'object') return false;
  const p = principal as Record<string, unknown>;
  for (const [kind, raw] of Object.entries(p)) {
    const values = (Array.isArray(raw) ? raw : [raw]).map(String);
    if (kind === 'AWS') {
      for (const v of values) if (v === '*' || awsPrincipalMatches(v, caller)) return true;
    } else if (kind === 'Service') {
      if (caller.principalType !== 'Service') continue;
      const name = caller.principal.toLowerCase();
      for (const v of values) if (v === '*' || v.toLowerCase() === name) return true;
    }
    // Federated and CanonicalUser principals never make the calls the simulator models.
  }
  return false;
}

function awsPrincipalMatches(value: string, caller: CallerIdentity): boolean {
  if (caller.principalType !== 'AWS') return false;
  const rootAccount = /^\d{12}$/.test(value) ? value : /^arn:[^:]+:iam::(\d{12}):root$/.exec(value)?.[1];
  if (rootAccount !== undefined) return accountOf(caller.principal) === rootAccount;
  return value === caller.principal;
}
