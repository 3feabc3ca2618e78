import { CallerIdentity, PolicyDecision } from '../runtime';
import { PrincipalGrant } from './principal';

/** What one set of policies (a resource's, a principal's, a boundary) says about a request. */
export interface Verdict {
  readonly decision: PolicyDecision;
  /** For an Allow in a resource policy: whether it names the caller itself or only its account. */
  readonly grant?: PrincipalGrant;
  /** The deciding statement (`PolicyName Sid`): the explicit Deny, or the Allow. */
  readonly by?: string;
}

/** The identity side of a request by an AWS principal. */
export type IdentitySide =
  | { readonly kind: 'root' }
  /** A principal the template does not declare: its policies are unknown and taken as allowing (reported once). */
  | { readonly kind: 'undeclared' }
  /** An unsigned request (S3 over the wire): only a resource policy naming everyone admits it. */
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'role' | 'user'; readonly policies: Verdict; readonly boundary?: Verdict };

export interface Outcome {
  readonly decision: PolicyDecision;
  /** For a denial: the deciding statement, or `no statement allows`. */
  readonly statement?: string;
  /** For a denial, the end of AWS's sentence: `with an explicit deny in ...` / `because no ... allows the <action> action`. */
  readonly because?: string;
  /** Which side refused: the resource's policy, or the caller's identity-based policies / permissions boundary. */
  readonly side?: 'resource' | 'identity';
}

const NO_STATEMENT = 'no statement allows';

/**
 * The IAM policy evaluation logic (IAM User Guide, "Policy evaluation logic", "Cross-account policy evaluation
 * logic", "Permissions boundaries for IAM entities"):
 * - an explicit Deny in any applicable policy wins;
 * - a service principal is allowed only by a resource policy naming it;
 * - within one account, an Allow in either the identity-based policies or the resource policy allows. An identity
 *   Allow is capped by the permissions boundary. A resource policy naming the caller's role ARN is capped by the
 *   role's boundary too (a boundary's implicit deny limits grants to the role ARN), one naming a user ARN is not;
 *   one naming only the account delegates to the identity-based policies;
 * - across accounts, both the resource policy (naming the caller or its account) and the caller's identity side
 *   must allow;
 * - KMS key policies must allow even within the account (`resourcePolicyRequired`): the key policy's account
 *   statement ("Enable IAM User Permissions") is what lets identity-based policies grant use of the key.
 */
export function combine(action: string, caller: CallerIdentity, sameAccount: boolean, resource: Verdict, identity: IdentitySide | undefined,
  resourcePolicyRequired: boolean): Outcome {
  if (resource.decision === 'ExplicitDeny') return explicit(resource.by, 'a resource-based policy');
  if (caller.principalType === 'Service' || identity === undefined) {
    return resource.decision === 'Allow' ? { decision: 'Allow' } : implicit(action, 'resource-based policy');
  }
  if (identity.kind === 'anonymous') {
    return resource.decision === 'Allow' && resource.grant === 'direct' ? { decision: 'Allow' } : implicit(action, 'resource-based policy');
  }
  if (identity.kind === 'role' || identity.kind === 'user') {
    if (identity.policies.decision === 'ExplicitDeny') return explicit(identity.policies.by, 'an identity-based policy');
    if (identity.boundary?.decision === 'ExplicitDeny') return explicit(identity.boundary.by, 'a permissions boundary');
  }
  const boundaryAllows = !(identity.kind === 'role' || identity.kind === 'user') || identity.boundary === undefined
    || identity.boundary.decision === 'Allow';
  const identityAllows = identity.kind === 'root' || identity.kind === 'undeclared' || (identity.policies.decision === 'Allow' && boundaryAllows);
  const direct = resource.decision === 'Allow' && resource.grant === 'direct';
  const delegated = resource.decision === 'Allow' && resource.grant === 'account';

  if (!sameAccount || resourcePolicyRequired) {
    if (direct && (sameAccount ? (identity.kind === 'user' || boundaryAllows) : identityAllows)) return { decision: 'Allow' };
    if (delegated && identityAllows) return { decision: 'Allow' };
    if (resource.decision !== 'Allow') return implicit(action, 'resource-based policy');
    return implicit(action, boundaryAllows ? 'identity-based policy' : 'permissions boundary');
  }
  if (identityAllows) return { decision: 'Allow' };
  if (direct && (identity.kind === 'user' || boundaryAllows)) return { decision: 'Allow' };
  return implicit(action, boundaryAllows ? 'identity-based policy' : 'permissions boundary');
}

function explicit(by: string | undefined, where: string): Outcome {
  const side = where === 'a resource-based policy' ? 'resource' : 'identity';
  return { decision: 'ExplicitDeny', statement: by, because: `with an explicit deny in ${where}${by ? ` (${by})` : ''}`, side };
}

function implicit(action: string, what: string): Outcome {
  const side = what === 'resource-based policy' ? 'resource' : 'identity';
  return { decision: 'ImplicitDeny', statement: NO_STATEMENT, because: `because no ${what} allows the ${action} action`, side };
}
