import { CallerIdentity } from '../runtime';
import { CompiledCondition, compileCondition } from './conditions/block';
import { globMatcher, Matcher } from './glob';
import { asList, RawStatement } from './policy-shape';
import { compilePrincipal } from './principal';

/** A statement ready to evaluate many times. */
export interface CompiledStatement {
  readonly effect: 'Allow' | 'Deny';
  /** Whether the statement applies to this request (principal, action, resource and condition all match). */
  applies(action: string, resource: string, caller: CallerIdentity, context: () => ReadonlyMap<string, string>): boolean;
}

/**
 * Compiles one statement. Actions match case-insensitively with wildcards (`sqs:Send*`, `SQS:*`); resources match
 * case-sensitively with wildcards. `NotAction`, `NotResource` and `NotPrincipal` match what is not listed. A
 * statement without Resource applies to the resource the policy is attached to.
 */
export function compileStatement(s: RawStatement): CompiledStatement | undefined {
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return undefined;
  const actions = listMatcher(s.Action ?? s.NotAction, true, s.Action === undefined && s.NotAction !== undefined);
  const resources = s.Resource === undefined && s.NotResource === undefined
    ? () => true
    : listMatcher(s.Resource ?? s.NotResource, false, s.Resource === undefined);
  const named = s.Principal !== undefined ? compilePrincipal(s.Principal) : undefined;
  const notNamed = s.NotPrincipal !== undefined ? compilePrincipal(s.NotPrincipal) : undefined;
  const principal = named ?? (notNamed
    ? (c: CallerIdentity) => !notNamed(c)
    : () => false); // a resource policy statement names its principal; without one it grants nothing
  const condition: CompiledCondition = compileCondition(s.Condition);
  return {
    effect: s.Effect,
    applies: (action, resource, caller, context) =>
      actions(action) && resources(resource) && principal(caller) && condition(context()),
  };
}

/**
 * Matches any of a list of patterns. Patterns without wildcards go in a Set, so a statement listing many ARNs (one
 * queue policy for a thousand queues) costs one lookup rather than a comparison per ARN.
 */
function listMatcher(value: unknown, ignoreCase: boolean, negate: boolean): Matcher {
  const exact = new Set<string>();
  const wildcards: Matcher[] = [];
  for (const p of asList(value)) {
    if (/[*?]/.test(p)) wildcards.push(globMatcher(p, ignoreCase));
    else exact.add(ignoreCase ? p.toLowerCase() : p);
  }
  const any = (v: string): boolean => exact.has(ignoreCase ? v.toLowerCase() : v) || wildcards.some(m => m(v));
  return negate ? v => !any(v) : any;
}
