import { combine, IdentitySide, Verdict } from '../../../src/sim/iam/access-logic';
import { CallerIdentity } from '../../../src/sim/runtime';

const ROLE: CallerIdentity = { principalType: 'AWS', principal: 'arn:aws:iam::123456789012:role/Worker', secureTransport: true };
const SNS: CallerIdentity = { principalType: 'Service', principal: 'sns.amazonaws.com', secureTransport: true };
const allow = (grant?: 'direct' | 'account'): Verdict => ({ decision: 'Allow', grant, by: 'P Allow' });
const none: Verdict = { decision: 'ImplicitDeny' };
const deny: Verdict = { decision: 'ExplicitDeny', by: 'P NoWay' };
const role = (policies: Verdict, boundary?: Verdict): IdentitySide => ({ kind: 'role', policies, boundary });
const user = (policies: Verdict, boundary?: Verdict): IdentitySide => ({ kind: 'user', policies, boundary });
const decide = (resource: Verdict, identity: IdentitySide | undefined, sameAccount = true, keyPolicy = false, caller = ROLE) =>
  combine('sqs:SendMessage', caller, sameAccount, resource, identity, keyPolicy).decision;

describe('IAM policy evaluation logic (combine)', () => {
  test('an explicit deny in the resource policy, an identity-based policy or the boundary wins over any allow', () => {
    expect(decide(deny, role(allow()))).toBe('ExplicitDeny');
    expect(decide(allow('direct'), role(deny))).toBe('ExplicitDeny');
    expect(decide(allow('direct'), role(allow(), deny))).toBe('ExplicitDeny');
  });

  test('same account: the identity-based policy or the resource policy naming the caller suffices', () => {
    expect(decide(none, role(allow()))).toBe('Allow');
    expect(decide(allow('direct'), role(none))).toBe('Allow');
    expect(decide(none, role(none))).toBe('ImplicitDeny');
  });

  test('same account: a resource policy naming only the account delegates to the identity-based policies', () => {
    expect(decide(allow('account'), role(none))).toBe('ImplicitDeny');
    expect(decide(allow('account'), role(allow()))).toBe('Allow');
  });

  test('permissions boundary: caps identity grants and grants to the role ARN, not grants to a user ARN', () => {
    expect(decide(none, role(allow(), none))).toBe('ImplicitDeny');
    expect(decide(allow('direct'), role(none, none))).toBe('ImplicitDeny');
    expect(decide(allow('direct'), user(none, none))).toBe('Allow');
    expect(decide(none, role(allow(), allow()))).toBe('Allow');
  });

  test('cross-account: the resource policy and the identity side must both allow', () => {
    expect(decide(allow('direct'), role(none), false)).toBe('ImplicitDeny');
    expect(decide(none, role(allow()), false)).toBe('ImplicitDeny');
    expect(decide(allow('account'), role(allow()), false)).toBe('Allow');
    expect(decide(allow('direct'), { kind: 'undeclared' }, false)).toBe('Allow');
  });

  test('KMS key policies must allow even within the account; identity-based policies count only through the account statement', () => {
    expect(decide(none, role(allow()), true, true)).toBe('ImplicitDeny');
    expect(decide(allow('account'), role(allow()), true, true)).toBe('Allow');
    expect(decide(allow('account'), role(none), true, true)).toBe('ImplicitDeny');
    expect(decide(allow('direct'), role(none), true, true)).toBe('Allow');
  });

  test('service principals: only the resource policy counts; anonymous requests need a policy naming everyone', () => {
    expect(decide(none, undefined, true, false, SNS)).toBe('ImplicitDeny');
    expect(decide(allow('direct'), undefined, true, false, SNS)).toBe('Allow');
    expect(decide(allow('account'), { kind: 'anonymous' })).toBe('ImplicitDeny');
    expect(decide(allow('direct'), { kind: 'anonymous' })).toBe('Allow');
  });

  test('the account root has full access within its account, subject to explicit denies', () => {
    expect(decide(none, { kind: 'root' })).toBe('Allow');
    expect(decide(deny, { kind: 'root' })).toBe('ExplicitDeny');
  });
});
