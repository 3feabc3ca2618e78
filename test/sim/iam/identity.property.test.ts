import * as fc from 'fast-check';
import { IamIdentity, ResourcePolicyEvaluator } from '../../../src/sim/iam';
import { AccessRequest, CallerIdentity, PolicyDocumentLike } from '../../../src/sim/runtime';

const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:orders';
const ROLE = 'arn:aws:iam::123456789012:role/Worker';
const caller: CallerIdentity = { principalType: 'AWS', principal: ROLE, sourceAccount: '123456789012', secureTransport: true };

const identityStatement = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  Action: fc.constantFrom<unknown>('sqs:SendMessage', 'sqs:*', '*', ['sqs:ReceiveMessage', 'sqs:Send*'], 'sns:Publish'),
  Resource: fc.constantFrom<unknown>(QUEUE, '*', 'arn:aws:sqs:*:*:ord*', 'arn:aws:sqs:us-east-1:123456789012:other'),
  Condition: fc.constantFrom<unknown>(undefined, { Bool: { 'aws:SecureTransport': 'true' } }, { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/W*' } }),
});
const resourceStatement = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  Principal: fc.constantFrom<unknown>('*', { AWS: ROLE }, { AWS: '123456789012' }, { Service: 'sns.amazonaws.com' }),
  Action: fc.constantFrom<unknown>('sqs:SendMessage', 'sqs:*'),
  Resource: fc.constantFrom<unknown>(QUEUE, '*'),
});
const doc = (Statement: object[]): PolicyDocumentLike => ({ Version: '2012-10-17', Statement });

function evaluator(mode: 'enforce' | 'report', policies: PolicyDocumentLike[], boundary?: PolicyDocumentLike) {
  const identity: IamIdentity = {
    kind: 'role',
    arn: ROLE,
    name: 'Worker',
    logicalId: 'Role',
    policies: policies.map((document, i) => ({ name: `P${i}`, document })),
    boundary: boundary && { name: 'B', document: boundary },
  };
  return new ResourcePolicyEvaluator('123456789012', { mode, identities: () => ({ identity: arn => (arn === ROLE ? identity : undefined) }) });
}

const request = (resourcePolicies: PolicyDocumentLike[]): AccessRequest => ({
  action: 'sqs:SendMessage', resource: QUEUE, caller, resourcePolicies, service: 'sqs', logicalId: 'Q',
});

describe('IAM evaluation with identity-based policies (fast-check)', () => {
  const arbitrary = fc.tuple(
    fc.array(fc.array(identityStatement, { maxLength: 4 }), { maxLength: 3 }),
    fc.array(resourceStatement, { maxLength: 4 }),
    fc.option(fc.array(identityStatement, { maxLength: 3 }), { nil: undefined }),
  );

  test('an explicit Deny added to any identity-based policy, the boundary or the resource policy always decides', () => {
    const deny = { Effect: 'Deny', Principal: '*', Action: 'sqs:SendMessage', Resource: QUEUE };
    fc.assert(fc.property(arbitrary, fc.constantFrom('identity', 'boundary', 'resource'), ([identity, resource, boundary], where) => {
      const { Principal: _p, ...identityDeny } = deny;
      const policies = identity.map(doc);
      const boundaryDoc = boundary ? doc(boundary) : undefined;
      if (where === 'identity') policies.push(doc([identityDeny]));
      const b = where === 'boundary' ? doc([...(boundary ?? []), identityDeny]) : boundaryDoc;
      const r = where === 'resource' ? [...resource, deny] : resource;
      expect(evaluator('enforce', policies, b).authorize(request([doc(r)])).decision).toBe('ExplicitDeny');
    }));
  });

  test('iam: report lets every request through and reports exactly what enforce refuses, with the same decision', () => {
    fc.assert(fc.property(arbitrary, ([identity, resource, boundary]) => {
      const policies = identity.map(doc);
      const b = boundary ? doc(boundary) : undefined;
      const enforced = evaluator('enforce', policies, b).authorize(request([doc(resource)]));
      const reported = evaluator('report', policies, b).authorize(request([doc(resource)]));
      expect(reported.allowed).toBe(true);
      expect(reported.decision).toBe(enforced.decision);
      expect(reported.statement).toBe(enforced.statement);
    }));
  });

  test('a permissions boundary never widens access: with one, nothing is allowed that is not allowed without it', () => {
    fc.assert(fc.property(arbitrary, ([identity, resource, boundary]) => {
      const policies = identity.map(doc);
      const without = evaluator('enforce', policies).authorize(request([doc(resource)])).allowed;
      const withBoundary = evaluator('enforce', policies, doc(boundary ?? [])).authorize(request([doc(resource)])).allowed;
      if (withBoundary) expect(without).toBe(true);
    }));
  });
});
