import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ManagedPolicyRole } from '../../src/core';
import { newStack } from '../util/apps';

function role(stack = newStack()): ManagedPolicyRole {
  return new ManagedPolicyRole(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
}

describe('ManagedPolicyRole', () => {
  test('grants land in one customer managed policy attached to the role, described by the role path, not in an inline policy', () => {
    const r = role();
    const stack = r.stack;
    s3.Bucket.fromBucketName(stack, 'Bucket', 'some-bucket').grantRead(r);
    r.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:us-east-1:123456789012:q'] }));
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 1);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Description: 'Permissions of TestStack/Role',
      Roles: [{ Ref: stack.getLogicalId(r.node.defaultChild as iam.CfnRole) }],
    });
    const [policy] = Object.values<any>(template.findResources('AWS::IAM::ManagedPolicy'));
    expect(policy.Properties.PolicyDocument.Statement.map((s: any) => s.Action)).toEqual([
      ['s3:GetObject*', 's3:GetBucket*', 's3:List*'],
      'sqs:SendMessage',
    ]);
    expect(r.node.findChild('GrantsPolicy')).toBe(r.grantsPolicy);
  });

  test('a role without grants has no managed policy (IAM rejects an empty one)', () => {
    const r = role();
    Template.fromStack(r.stack).resourceCountIs('AWS::IAM::ManagedPolicy', 0);
  });

  test('addToPrincipalPolicy reports the managed policy as what dependents must wait for', () => {
    const r = role();
    const result = r.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] }));
    expect(result).toEqual({ statementAdded: true, policyDependable: r.grantsPolicy });
  });
});
