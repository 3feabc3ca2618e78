import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeRules } from '../../src/core';

/**
 * A Lambda function that passes the four cdk-nag packs on its own (encrypted log group with retention, customer
 * managed policies only), so tests can show that QueueConsumer adds no finding of its own.
 */
export function compliantHandler(scope: Construct, id: string, timeout?: Duration): lambda.Function {
  const logKey = new kms.Key(scope, `${id}LogKey`, { enableKeyRotation: true, removalPolicy: RemovalPolicy.DESTROY });
  logKey.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${Stack.of(scope).region}.amazonaws.com`));
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
    retention: logs.RetentionDays.ONE_YEAR, encryptionKey: logKey, removalPolicy: RemovalPolicy.DESTROY,
  });
  const role = new iam.Role(scope, `${id}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  new iam.ManagedPolicy(scope, `${id}LogPolicy`, {
    roles: [role],
    statements: [new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] })],
  });
  const fn = new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'),
    timeout,
    role,
    logGroup,
  });
  acknowledgeRules(fn, [
    ...['NIST.800.53.R5', 'HIPAA.Security'].flatMap(pack => [
      { id: `${pack}-LambdaConcurrency`, reason: 'test fixture' },
      { id: `${pack}-LambdaDLQ`, reason: 'test fixture' },
    ]),
    ...['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].map(pack => ({ id: `${pack}-LambdaInsideVPC`, reason: 'test fixture' })),
  ]);
  return fn;
}
