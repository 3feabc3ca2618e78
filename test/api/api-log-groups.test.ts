import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ApiLogGroups } from '../../src/api/api-log-groups';
import { newStack } from '../util/apps';

const LOGS_KEY_ACTIONS = ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'];

describe('ApiLogGroups', () => {
  test('the created key lets only the regional CloudWatch Logs service use it, for log groups of this account and Region', () => {
    const stack = newStack();
    new ApiLogGroups(stack, 'Logs', { retention: logs.RetentionDays.ONE_YEAR }).logGroup('Access');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([{
          Effect: 'Allow',
          Principal: { Service: 'logs.us-east-1.amazonaws.com' },
          Action: LOGS_KEY_ACTIONS,
          Resource: '*',
          Condition: {
            ArnLike: {
              'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:123456789012:log-group:*']] },
            },
          },
        }]),
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      RetentionInDays: 365,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^LogsKey'), 'Arn'] },
    });
  });

  test('in an environment-agnostic stack the principal and the condition follow the deployment Region', () => {
    const stack = new Stack(new App(), 'Agnostic');
    new ApiLogGroups(stack, 'Logs', { retention: logs.RetentionDays.ONE_YEAR });
    Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
          Condition: {
            ArnLike: {
              'kms:EncryptionContext:aws:logs:arn': {
                'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':log-group:*']],
              },
            },
          },
        })]),
      },
    });
  });

  test('a given key is used as it is: no key is created and its policy is left to its owner', () => {
    const stack = newStack();
    const key = kms.Key.fromKeyArn(stack, 'Given', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    const groups = new ApiLogGroups(stack, 'Logs', { retention: logs.RetentionDays.ONE_MONTH, encryptionKey: key });
    groups.logGroup('Access');
    const template = Template.fromStack(stack);
    expect(groups.encryptionKey).toBe(key);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30, KmsKeyId: key.keyArn });
  });
});
