import { Duration } from 'aws-cdk-lib';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { submitterCode } from './submitter-code';
import { acknowledgeRules, ManagedPolicyRole } from '../core';

/** What the submitter needs to know. */
export interface SubmitterSettings {
  readonly jobQueue: batch.IJobQueue;
  readonly jobDefinition: batch.EcsJobDefinition;
  readonly jobNamePrefix: string;
  readonly reservedConcurrency: number;
  readonly vpc: ec2.IVpc;
  readonly vpcSubnets: ec2.SubnetSelection;
  readonly logGroup: logs.ILogGroup;
}

/** The submitter function, its role and the dead-letter queue of its asynchronous invocations. */
export interface Submitter {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly deadLetterQueue: sqs.Queue;
}

/**
 * The Lambda S3 invokes for each upload. S3 invokes it asynchronously, so a failed submission is retried twice by
 * Lambda and then lands in the dead-letter queue with the original event. It runs inside the VPC, reaching the Batch
 * API through the NAT gateway or the Batch interface endpoint.
 *
 * The code is lib/batch/submitter/index.js (compiled by jsii from src/batch/submitter/index.ts, no dependencies
 * beyond the AWS SDK v3 in the Node.js runtime); see submitter-code.ts for runs from source.
 */
export function createSubmitter(scope: Construct, s: SubmitterSettings): Submitter {
  const deadLetterQueue = new sqs.Queue(scope, 'SubmitterDeadLetterQueue', {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });

  // A role written out instead of the AWS managed basic/VPC execution policies: logs only to this function's group.
  const role = new ManagedPolicyRole(scope, 'SubmitterRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: 'S3ToBatchPipeline submitter: writes its own logs, manages its VPC interfaces, submits jobs to one queue and definition',
  });
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [s.logGroup.logGroupArn],
  }));
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: [
      'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
      'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses',
    ],
    resources: ['*'],
  }));
  acknowledgeRules(role, [{
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'Lambda manages the network interfaces of a VPC function with these EC2 actions; the Describe actions support no resource-level permissions and the interface ids are not known in advance (the same actions as the AWS managed AWSLambdaVPCAccessExecutionRole).',
  }]);
  // SubmitJob is allowed on exactly this queue and this revision of the job definition (the Ref of the definition
  // is its ARN with the revision, and the function submits that same ARN): no revision wildcard is needed.
  s.jobDefinition.grantSubmitJob(role, s.jobQueue);

  const fn = new lambda.Function(scope, 'Submitter', {
    description: 'Submits one AWS Batch job per S3 object-created record (S3ToBatchPipeline)',
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    handler: 'index.handler',
    code: submitterCode(),
    role,
    memorySize: 256,
    timeout: Duration.seconds(30),
    reservedConcurrentExecutions: s.reservedConcurrency,
    retryAttempts: 2,
    maxEventAge: Duration.hours(6),
    deadLetterQueue,
    vpc: s.vpc,
    vpcSubnets: s.vpcSubnets,
    logGroup: s.logGroup,
    environment: {
      JOB_QUEUE_ARN: s.jobQueue.jobQueueArn,
      JOB_DEFINITION_ARN: s.jobDefinition.jobDefinitionArn,
      JOB_NAME_PREFIX: s.jobNamePrefix,
    },
  });
  return { function: fn, role, deadLetterQueue };
}
