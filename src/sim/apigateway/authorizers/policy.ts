/**
 * The IAM policy a Lambda authorizer returns, evaluated against the ARN of the method being called
 * (`arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{resource path}`): an explicit Deny wins, then an
 * Allow, else the request is implicitly denied. `*` and `?` wildcards match as in IAM. Condition blocks are not
 * evaluated: a statement with one is reported as a problem and does not apply.
 */
import { globMatcher } from '../../iam/glob';

export type PolicyOutcome = 'Allow' | 'Deny' | 'ImplicitDeny';

export class PolicyShapeError extends Error {}

/** A returned policy compiled once (the cache keeps the output for its TTL): the method ARN is checked per request. */
export type CompiledPolicy = (methodArn: string, onCondition: (sid: string) => void) => PolicyOutcome;

/** One statement, checked in order when evaluated: a shape error is raised only if evaluation reaches it. */
type CompiledStatement =
  | { readonly error: PolicyShapeError }
  | { readonly condition: string }
  | { readonly deny: boolean; readonly actionOk: boolean; readonly resourceOk: (methodArn: string) => boolean };

export function compileAuthorizerPolicy(policy: unknown): CompiledPolicy {
  if (!policy || typeof policy !== 'object') return fails(new PolicyShapeError('policyDocument is missing or not an object'));
  const raw = (policy as Record<string, unknown>).Statement;
  if (raw === undefined) return fails(new PolicyShapeError('policyDocument has no Statement'));
  const statements = (Array.isArray(raw) ? raw : [raw]).map(compileStatement);
  return (methodArn, onCondition) => {
    let allowed = false;
    for (const st of statements) {
      if ('error' in st) throw st.error;
      if ('condition' in st) {
        onCondition(st.condition);
        continue;
      }
      if (!st.actionOk || !st.resourceOk(methodArn)) continue;
      if (st.deny) return 'Deny';
      allowed = true;
    }
    return allowed ? 'Allow' : 'ImplicitDeny';
  };
}

function compileStatement(s: unknown, i: number): CompiledStatement {
  if (!s || typeof s !== 'object') return { error: new PolicyShapeError(`Statement ${i} is not an object`) };
  const st = s as Record<string, unknown>;
  const effect = String(st.Effect ?? '');
  if (effect !== 'Allow' && effect !== 'Deny') return { error: new PolicyShapeError(`Statement ${i} has an invalid Effect '${effect}'`) };
  if (st.Condition !== undefined) return { condition: String(st.Sid ?? i) };
  const actionOk = st.Action !== undefined ? listOf(st.Action).some(a => globMatcher(a, true)('execute-api:Invoke'))
    : st.NotAction !== undefined ? !listOf(st.NotAction).some(a => globMatcher(a, true)('execute-api:Invoke')) : false;
  const resources = listOf(st.Resource ?? st.NotResource ?? []).map(r => globMatcher(r));
  const resourceOk = st.Resource !== undefined ? (arn: string) => resources.some(m => m(arn))
    : st.NotResource !== undefined ? (arn: string) => !resources.some(m => m(arn)) : () => false;
  return { deny: effect === 'Deny', actionOk, resourceOk };
}

function fails(error: PolicyShapeError): CompiledPolicy {
  return () => {
    throw error;
  };
}

function listOf(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map(String);
}
