import { accountOf } from '../kernel/arn';
import { CallerIdentity } from '../runtime';

/**
 * The global condition keys of a request, lower-cased (condition key names are case-insensitive). Services set
 * aws:SourceArn and aws:SourceAccount (and the legacy aws:SourceOwner) when they act on a customer's behalf;
 * aws:PrincipalAccount / aws:PrincipalArn exist only for AWS (IAM) principals.
 */
export function requestContext(caller: CallerIdentity): Map<string, string> {
  const keys = new Map<string, string>();
  keys.set('aws:securetransport', caller.secureTransport ? 'true' : 'false');
  if (caller.sourceIp !== undefined) keys.set('aws:sourceip', caller.sourceIp);
  if (caller.sourceArn !== undefined) keys.set('aws:sourcearn', caller.sourceArn);
  if (caller.viaService !== undefined) keys.set('kms:viaservice', caller.viaService);
  if (caller.principalType === 'Service') {
    keys.set('aws:principalisawsservice', 'true');
    keys.set('aws:principalservicename', caller.principal);
    if (caller.sourceAccount !== undefined) {
      keys.set('aws:sourceaccount', caller.sourceAccount);
      keys.set('aws:sourceowner', caller.sourceAccount);
    }
  } else {
    keys.set('aws:principalisawsservice', 'false');
    const account = principalAccount(caller);
    if (account !== undefined) {
      keys.set('aws:principalaccount', account);
      keys.set('kms:calleraccount', account);
    }
    if (caller.principal.startsWith('arn:')) keys.set('aws:principalarn', caller.principal);
    if (caller.sourceArn !== undefined && caller.sourceAccount !== undefined) keys.set('aws:sourceaccount', caller.sourceAccount);
  }
  return keys;
}

/** The account of an AWS principal (`arn:aws:iam::<account>:...` or a bare account id). */
export function principalAccount(caller: CallerIdentity): string | undefined {
  if (caller.principalType !== 'AWS') return undefined;
  return accountOf(caller.principal) ?? caller.sourceAccount;
}

/**
 * Condition keys the simulator sets on some request (above, plus the time keys added per evaluation). A condition on
 * any other key finds it absent, as AWS does for a key a request lacks; the simulator reports each such key once.
 */
export const KNOWN_CONDITION_KEYS: ReadonlySet<string> = new Set([
  'aws:securetransport', 'aws:sourceip', 'aws:sourcearn', 'aws:sourceaccount', 'aws:sourceowner', 'aws:principalisawsservice',
  'aws:principalservicename', 'aws:principalaccount', 'aws:principalarn', 'aws:currenttime', 'aws:epochtime',
  'kms:viaservice', 'kms:calleraccount',
]);

/** Keys whose value changes with the clock: decisions on them are not cached. */
export const TIME_CONDITION_KEYS: ReadonlySet<string> = new Set(['aws:currenttime', 'aws:epochtime']);
