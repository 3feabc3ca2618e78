import { PolicyDocumentLike, SimEnvironment } from '../runtime';

/**
 * The key policy of an AWS managed key (`alias/aws/sqs`, `alias/aws/sns`): principals of the account may use it only
 * through its service (kms:ViaService and kms:CallerAccount conditions). A service principal has no caller account,
 * so SNS, S3 or EventBridge cannot use it: a queue encrypted with `alias/aws/sqs` cannot receive from SNS (Amazon SNS
 * Developer Guide, "Encryption at rest": use a customer managed key).
 */
export function awsManagedKeyPolicy(service: string, env: SimEnvironment): PolicyDocumentLike {
  return {
    Version: '2012-10-17',
    Statement: [{
      Sid: `Allow access through ${service} for all principals in the account that are authorized to use ${service}`,
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:CallerAccount': env.account, 'kms:ViaService': `${service}.${env.region}.amazonaws.com` } },
    }],
  };
}
