import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { allowLogsToUseKey } from '../../src/core';
import { newStack } from '../util/apps';

describe('allowLogsToUseKey', () => {
  test('admits the regional CloudWatch Logs principal for this account\'s log groups only', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key');
    expect(allowLogsToUseKey(stack, key)).toBe(true);
    Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([{
          Effect: 'Allow',
          Principal: { Service: 'logs.us-east-1.amazonaws.com' },
          Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
          Resource: '*',
          Condition: {
            ArnLike: {
              'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:123456789012:log-group:*']] },
            },
          },
        }]),
      },
    });
  });

  test('an imported key cannot be changed here: false, so the caller can warn', () => {
    const stack = newStack();
    const key = kms.Key.fromKeyArn(stack, 'Imported', 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555');
    expect(allowLogsToUseKey(stack, key)).toBe(false);
  });
});
