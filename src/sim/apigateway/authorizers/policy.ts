/**
 * The IAM policy a Lambda authorizer returns, evaluated against the ARN of the method being called
 * (`arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{resource path}`): an explicit Deny wins, then an
 * Allow, else the request is implicitly denied. `*` and `?` wildcards match as in IAM. Condition blocks are not
 * evaluated: a statement with one is reported as a problem and does not apply.
 */
import { globMatcher } from '../../iam/glob';

export type PolicyOutcome = 'Allow' | 'Deny' | 'ImplicitDeny';

export class PolicyShapeError extends Error {}

export function evaluateAuthorizerPolicy(policy: unknown, methodArn: string, onCondition: (sid: string) => void): PolicyOutcome {
  if (!policy || typeof policy !== 'object') throw new PolicyShapeError('policyDocument is missing or not an object');
  const raw = (policy as Record<string, unknown>).Statement;
  if (raw === undefined) throw new PolicyShapeError('policyDocument has no Statement');
  const statements = Array.isArray(raw) ? raw : [raw];
  let allowed = false;
  for (const [i, s] of statements.entries()) {
    if (!s || typeof s !== 'object') throw new PolicyShapeError(`Statement ${i} is not an object`);
    const st = s as Record<string, unknown>;
    const effect = String(st.Effect ?? '');
    if (effect !== 'Allow' && effect !== 'Deny') throw new PolicyShapeError(`Statement ${i} has an invalid Effect '${effect}'`);
    if (st.Condition !== undefined) {
      onCondition(String(st.Sid ?? i));
      continue;
    }
    const actionOk = st.Action !== undefined ? listOf(st.Action).some(a => globMatcher(a, true)('execute-api:Invoke'))
      : st.NotAction !== undefined ? !listOf(st.NotAction).some(a => globMatcher(a, true)('execute-api:Invoke')) : false;
    const resourceOk = st.Resource !== undefined ? listOf(st.Resource).some(r => globMatcher(r)(methodArn))
      : st.NotResource !== undefined ? !listOf(st.NotResource).some(r => globMatcher(r)(methodArn)) : false;
    if (!actionOk || !resourceOk) continue;
    if (effect === 'Deny') return 'Deny';
    allowed = true;
  }
  return allowed ? 'Allow' : 'ImplicitDeny';
}

function listOf(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map(String);
}
