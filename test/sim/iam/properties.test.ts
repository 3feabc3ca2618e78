import * as fc from 'fast-check';
import { ResourcePolicyEvaluator } from '../../../src/sim/iam';
import { globMatcher } from '../../../src/sim/iam/glob';
import { CallerIdentity } from '../../../src/sim/runtime';

const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:orders';
const callers: CallerIdentity[] = [
  { principalType: 'Service', principal: 'sns.amazonaws.com', sourceArn: 'arn:aws:sns:us-east-1:123456789012:t', sourceAccount: '123456789012', secureTransport: true },
  { principalType: 'Service', principal: 's3.amazonaws.com', sourceArn: 'arn:aws:s3:::b', sourceAccount: '123456789012', secureTransport: false },
  { principalType: 'AWS', principal: 'arn:aws:iam::123456789012:root', sourceAccount: '123456789012', secureTransport: true },
  { principalType: 'AWS', principal: 'arn:aws:iam::999999999999:role/x', secureTransport: true },
];

const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  Principal: fc.constantFrom<unknown>('*', { AWS: '*' }, { Service: 'sns.amazonaws.com' }, { AWS: '999999999999' }, { Service: ['s3.amazonaws.com'] }),
  Action: fc.constantFrom<unknown>('sqs:SendMessage', 'sqs:*', '*', ['sqs:ReceiveMessage', 'sqs:Send*'], 'sns:Publish'),
  Resource: fc.constantFrom<unknown>(QUEUE, '*', 'arn:aws:sqs:*:*:ord*', 'arn:aws:sqs:us-east-1:123456789012:other'),
  Condition: fc.constantFrom<unknown>(undefined, { Bool: { 'aws:SecureTransport': 'false' } }, { StringEquals: { 'aws:SourceAccount': '123456789012' } },
    { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:t' } }, { StringNotEqualsIfExists: { 'aws:SourceAccount': '1' } }),
});

describe('IAM evaluation properties (fast-check)', () => {
  const iam = new ResourcePolicyEvaluator('123456789012');

  test('an explicit Deny that matches the request wins over any set of Allow statements, in any order', () => {
    fc.assert(fc.property(fc.array(statement, { maxLength: 8 }), fc.nat(), fc.constantFrom(...callers), (statements, at, caller) => {
      const deny = { Effect: 'Deny', Principal: '*', Action: 'sqs:SendMessage', Resource: QUEUE };
      const list: object[] = [...statements];
      list.splice(at % (list.length + 1), 0, deny);
      const request = { action: 'sqs:SendMessage', resource: QUEUE, caller };
      expect(iam.evaluate([{ Statement: list }], request)).toBe('ExplicitDeny');
      expect(iam.isAllowed([{ Statement: list }], request)).toBe(false);
    }));
  });

  test('splitting statements across several policies does not change the decision', () => {
    fc.assert(fc.property(fc.array(statement, { maxLength: 8 }), fc.nat(), fc.constantFrom(...callers), (statements, cut, caller) => {
      const at = cut % (statements.length + 1);
      const request = { action: 'sqs:SendMessage', resource: QUEUE, caller };
      const whole = iam.evaluate([{ Statement: statements }], request);
      const split = iam.evaluate([{ Statement: statements.slice(0, at) }, { Statement: statements.slice(at) }], request);
      expect(split).toBe(whole);
    }));
  });

  test('statement order does not change the decision', () => {
    fc.assert(fc.property(fc.array(statement, { maxLength: 8 }), fc.constantFrom(...callers), (statements, caller) => {
      const request = { action: 'sqs:SendMessage', resource: QUEUE, caller };
      expect(iam.evaluate([{ Statement: [...statements].reverse() }], request)).toBe(iam.evaluate([{ Statement: statements }], request));
    }));
  });

  test('wildcard matching agrees with a reference matcher (* any run, ? one character)', () => {
    const reference = (p: string, v: string): boolean => {
      if (p === '') return v === '';
      if (p[0] === '*') return reference(p.slice(1), v) || (v !== '' && reference(p, v.slice(1)));
      if (v === '') return false;
      return (p[0] === '?' || p[0] === v[0]) && reference(p.slice(1), v.slice(1));
    };
    const chars = fc.constantFrom('a', 'b', ':', '.', '*', '?', '/');
    const text = (unit: fc.Arbitrary<string>) => fc.array(unit, { maxLength: 7 }).map(a => a.join(''));
    fc.assert(fc.property(text(chars), text(fc.constantFrom('a', 'b', ':', '.', '/')), (pattern, value) => {
      expect(globMatcher(pattern)(value)).toBe(reference(pattern, value));
    }), { numRuns: 2000 });
  });
});
