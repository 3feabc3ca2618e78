import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { IConstruct } from 'constructs';

/**
 * Lets CloudWatch Logs encrypt log groups with the key: the regional logs service principal, limited by the
 * encryption context to log groups of this account and Region (the key policy the CloudWatch Logs user guide
 * prescribes). The condition cannot name one log group's ARN: the log group names the key, which would be a cycle.
 *
 * @returns false when the key is imported and its policy cannot be changed here (the caller may warn)
 */
export function allowLogsToUseKey(scope: IConstruct, key: kms.IKey): boolean {
  const stack = Stack.of(scope);
  return key.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: {
      ArnLike: {
        'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
          service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      },
    },
  }), true).statementAdded;
}
