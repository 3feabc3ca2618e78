import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeRules, allowLogsToUseKey, ManagedPolicyRole } from '../src/core';

/** How an example function is set up. */
export interface ExampleFunctionOptions {
  /** Encrypts the log group (and the dead-letter queue); default: a new rotating key. */
  readonly key?: kms.IKey;
  /**
   * Set for a function an SQS event source mapping invokes, to the mapping's maximum concurrency. That bound stands in
   * for reserved concurrency, and failed messages go to the queue's own dead-letter queue, so the function gets
   * neither (the reasons are acknowledged on it).
   */
  readonly sqsMaxConcurrency?: number;
  /** The body is a whole module (`exports.handler = ...`), not the body of the handler. @default false */
  readonly code?: boolean;
  /** The function's environment variables. */
  readonly environment?: Record<string, string>;
}

/**
 * The example stacks' own application code: a small inline Node.js function configured the way the four
 * compliance packs ask of a production function (latest runtime, own role with a managed policy, encrypted log
 * group with retention, X-Ray, reserved concurrency, an encrypted TLS-only dead-letter queue). The library's
 * constructs take the user's function as it is; this only keeps the examples honest under cdk-nag.
 * @param handlerBody the body of `async (event) => { ... }` (or, with `code: true`, the whole module)
 */
export function exampleFunction(scope: Construct, id: string, handlerBody: string, options: ExampleFunctionOptions = {}): lambda.Function {
  const encryptionKey = options.key ?? new kms.Key(scope, `${id}Key`, { enableKeyRotation: true });
  allowLogsToUseKey(scope, encryptionKey);
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, { retention: logs.RetentionDays.ONE_YEAR, encryptionKey });
  const role = new ManagedPolicyRole(scope, `${id}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  role.grantsPolicy.addStatements(new iam.PolicyStatement({
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [logGroup.logGroupArn],
  }));
  const sqsInvoked = options.sqsMaxConcurrency !== undefined;
  const fn = new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(options.code ? handlerBody : `exports.handler = async (event) => { ${handlerBody} };`),
    environment: options.environment,
    timeout: Duration.seconds(10),
    reservedConcurrentExecutions: sqsInvoked ? undefined : 10,
    tracing: lambda.Tracing.ACTIVE,
    deadLetterQueue: sqsInvoked ? undefined : deadLetterQueue(scope, `${id}Dlq`, encryptionKey),
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
  if (sqsInvoked) {
    acknowledgeRules(fn, ['NIST.800.53.R5', 'HIPAA.Security'].flatMap(pack => [
      {
        id: `${pack}-LambdaConcurrency`,
        reason: `The SQS event source mapping caps concurrency at ${options.sqsMaxConcurrency}; reserving function concurrency would fail on `
          + 'accounts whose unreserved concurrency is already at its minimum.',
      },
      {
        id: `${pack}-LambdaDLQ`,
        reason: 'Invoked synchronously by the SQS event source mapping, so a Lambda DLQ (asynchronous invocations only) never receives '
          + 'anything; failed messages go to the queue\'s own dead-letter queue after maxReceiveCount receives.',
      },
    ]));
  }
  return fn;
}

/** The dead-letter queue of a function's asynchronous invocations: encrypted with the function's key, TLS only. */
function deadLetterQueue(scope: Construct, id: string, encryptionKey: kms.IKey): sqs.Queue {
  const dlq = new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: encryptionKey,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledgeRules(dlq, [{ id: 'AwsSolutions-SQS3', reason: 'This queue is the function\'s dead-letter queue.' }]);
  return dlq;
}
