import { CallerIdentity } from '../runtime';
import { CompiledCondition, compileCondition } from './conditions/block';
import { globMatcher, Matcher } from './glob';
import { asList, RawStatement } from './policy-shape';
import { compilePrincipalGrant, GrantMatcher, PrincipalGrant } from './principal';

/** A statement ready to evaluate many times. */
export interface CompiledStatement {
  readonly effect: 'Allow' | 'Deny';
  /** Its Sid, or its position (`#1`), for the trace and the report. */
  readonly sid: string;
  /** Whether the statement applies to this request (principal, action, resource and condition all match). */
  applies(action: string, resource: string, caller: CallerIdentity, context: () => ReadonlyMap<string, string>): boolean;
  /** How the statement names the caller when it applies to the request (see `PrincipalGrant`), else undefined. */
  grant(action: string, resource: string, caller: CallerIdentity, context: () => ReadonlyMap<string, string>): PrincipalGrant | undefined;
}

/** How a statement is read: a resource policy names its principal; an identity-based policy applies to its holder. */
export type PolicyKind = 'resource' | 'identity';

/**
 * Compiles one statement. Actions match case-insensitively with wildcards (`sqs:Send*`, `SQS:*`); resources match
 * case-sensitively with wildcards. `NotAction`, `NotResource` and `NotPrincipal` match what is not listed. A
 * statement without Resource applies to the resource the policy is attached to.
 */
export function compileStatement(s: RawStatement, index = 0, kind: PolicyKind = 'resource'): CompiledStatement | undefined {
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return undefined;
  const actions = listMatcher(s.Action ?? s.NotAction, true, s.Action === undefined && s.NotAction !== undefined);
  const resources = s.Resource === undefined && s.NotResource === undefined
    ? () => true
    : listMatcher(s.Resource ?? s.NotResource, false, s.Resource === undefined);
  const principal = kind === 'identity' ? () => 'direct' as const : resourcePrincipal(s);
  const condition: CompiledCondition = compileCondition(s.Condition);
  const grant: CompiledStatement['grant'] = (action, resource, caller, context) => {
    if (!actions(action) || !resources(resource)) return undefined;
    const g = principal(caller);
    return g !== undefined && condition(context()) ? g : undefined;
  };
  return {
    effect: s.Effect,
    sid: typeof s.Sid === 'string' && s.Sid !== '' ? s.Sid : `#${index + 1}`,
    grant,
    applies: (action, resource, caller, context) => grant(action, resource, caller, context) !== undefined,
  };
}

function resourcePrincipal(s: RawStatement): GrantMatcher {
  if (s.Principal !== undefined) return compilePrincipalGrant(s.Principal);
  if (s.NotPrincipal !== undefined) {
    const notNamed = compilePrincipalGrant(s.NotPrincipal);
    return c => (notNamed(c) === undefined ? 'direct' : undefined);
  }
  return () => undefined; // a resource policy statement names its principal; without one it grants nothing
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
