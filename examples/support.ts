import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ManagedPolicyRole } from '../src/core/managed-policy-role';
import { acknowledgeRules } from '../src/core/nag';

/**
 * The example stacks' own application code: a small inline Node.js function configured the way the four
 * compliance packs ask of a production function (latest runtime, own role with a managed policy, encrypted log
 * group with retention, X-Ray, reserved concurrency, an encrypted TLS-only dead-letter queue). The library's
 * constructs take the user's function as it is; this only keeps the examples honest under cdk-nag.
 */
export function exampleFunction(scope: Construct, id: string, handlerBody: string, key?: kms.IKey): lambda.Function {
  const encryptionKey = key ?? new kms.Key(scope, `${id}Key`, { enableKeyRotation: true });
  allowLogsToUseKey(encryptionKey, scope);
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, { retention: logs.RetentionDays.ONE_YEAR, encryptionKey });
  const role = new ManagedPolicyRole(scope, `${id}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  role.grantsPolicy.addStatements(new iam.PolicyStatement({
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [logGroup.logGroupArn],
  }));
  const dlq = new sqs.Queue(scope, `${id}Dlq`, {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: encryptionKey,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledgeRules(dlq, [{ id: 'AwsSolutions-SQS3', reason: 'This queue is the function\'s dead-letter queue.' }]);
  const fn = new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(`exports.handler = async (event) => { ${handlerBody} };`),
    timeout: Duration.seconds(10),
    reservedConcurrentExecutions: 10,
    tracing: lambda.Tracing.ACTIVE,
    deadLetterQueue: dlq,
    role,
    logGroup,
  });
  acknowledgeRules(role.grantsPolicy, [{
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) has no resource-level permissions.',
  }]);
  acknowledgeRules(fn, ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].map(pack => ({
    id: `${pack}-LambdaInsideVPC`,
    reason: 'Example function: it reaches no private resource, so a VPC adds nothing.',
  })));
  return fn;
}

function allowLogsToUseKey(key: kms.IKey, scope: Construct): void {
  const stack = Stack.of(scope);
  key.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*` } },
  }));
}
