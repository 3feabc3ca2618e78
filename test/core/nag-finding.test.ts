import { Fn } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { NagFinding } from '../../src/core';
import { newStack } from '../util/apps';

describe('NagFinding', () => {
  const stack = newStack();
  const bucket = new s3.Bucket(stack, 'Bucket');
  const bucketId = stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket);

  test('Fn::GetAtt becomes <Id.Attribute> and Fn::Join is concatenated, as cdk-nag flattens them', () => {
    expect(NagFinding.wildcardResource(stack, 'AwsSolutions-IAM5', bucket.arnForObjects('incoming/*')))
      .toBe(`AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/incoming/*]`);
  });

  test('Ref and pseudo parameters become <Id>', () => {
    expect(NagFinding.wildcardResource(stack, 'AwsSolutions-IAM5', `arn:${stack.partition}:s3:::${bucket.bucketName}/*`))
      .toBe(`AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::<${bucketId}>/*]`);
  });

  test('${X} inside Fn::Sub becomes <X>, Fn::ImportValue its name', () => {
    expect(NagFinding.wildcardResource(stack, 'AwsSolutions-IAM5', Fn.sub('arn:${AWS::Partition}:logs:*:*:log-group:*')))
      .toBe('AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:*:*:log-group:*]');
    expect(NagFinding.wildcardResource(stack, 'AwsSolutions-IAM5', `${Fn.importValue('SharedTableArn')}/index/*`))
      .toBe('AwsSolutions-IAM5[Resource::SharedTableArn/index/*]');
  });

  test('a literal ARN is kept as it is, with the rule id given', () => {
    expect(NagFinding.wildcardResource(stack, 'NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess', '*'))
      .toBe('NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess[Resource::*]');
  });

  test('an AWS managed policy is named with the partition placeholder and its path', () => {
    expect(NagFinding.awsManagedPolicy('AwsSolutions-IAM4', 'service-role/AWSLambdaBasicExecutionRole'))
      .toBe('AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]');
  });
});
