import { Duration, Size } from 'aws-cdk-lib';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BatchComputeType, ComputeEnvironmentManagement } from './batch-compute-type';
import { createComputeEnvironment, createJobDefinition } from './pipeline-compute';
import { createEncryptedLogGroup, createLogEncryptionKey } from './pipeline-logs';
import { createOutputTable } from './pipeline-output-table';
import { createSubmitter } from './pipeline-submitter';
import { createPipelineVpc } from './pipeline-vpc';
import { validatePipelineProps } from './validate-props';
import { acknowledgeBucketNotificationsHandler, acknowledgeRules, createSecureBucket, ManagedPolicyRole, NagFinding } from '../core';

/** Props of `S3ToBatchPipeline`. */
export interface S3ToBatchPipelineProps {
  /**
   * The container image the job runs. Its command can read the object as `Ref::bucket` and `Ref::key` (job
   * parameters) or from the INPUT_BUCKET and INPUT_KEY environment variables; OUTPUT_TABLE names the output table.
   */
  readonly containerImage: ecs.ContainerImage;

  /**
   * The bucket whose uploads start jobs; may be an imported bucket.
   * @default - a new bucket: SSE-KMS with the AWS managed key, SSL only, public access blocked, versioned, server
   * access logs to a second bucket, both retained when the stack is deleted
   */
  readonly bucket?: s3.IBucket;

  /**
   * Only keys starting with this prefix start a job (S3 notification filter, up to 1,024 characters); the job role
   * may read only keys with this prefix.
   * @default - every key
   */
  readonly objectKeyPrefix?: string;

  /**
   * Only keys ending with this suffix start a job, e.g. `.csv` (S3 notification filter, up to 1,024 characters).
   * @default - every key
   */
  readonly objectKeySuffix?: string;

  /**
   * vCPUs per job. Fargate: 0.25, 0.5, 1, 2, 4, 8 or 16. EC2: a whole number, 1 or more.
   * @default 1
   */
  readonly vcpus?: number;

  /**
   * Memory per job. Fargate accepts only the sizes it offers for the vCPU value (1 vCPU: 2 to 8 GiB in 1 GiB steps;
   * up to 120 GiB at 16 vCPU; see `ComputeAdvisor.fargateMemoryOptionsMiB`). EC2: at least 4 MiB.
   * @default 2 GiB
   */
  readonly memory?: Size;

  /**
   * Physical GPUs per job. Fargate has none: any GPU requires `computeType` EC2 or EC2_SPOT.
   * @default 0
   */
  readonly gpus?: number;

  /**
   * The command the container runs, e.g. `['python', 'process.py', 'Ref::bucket', 'Ref::key']`.
   * @default - the image's CMD
   */
  readonly command?: string[];

  /**
   * Extra environment variables for the job container.
   * @default - only INPUT_BUCKET, INPUT_KEY (set per job by the submitter) and OUTPUT_TABLE
   */
  readonly environment?: { [key: string]: string };

  /**
   * Attempts per job, the first run included (AWS Batch allows 1 to 10).
   * @default 3
   */
  readonly retryAttempts?: number;

  /**
   * Batch stops a job attempt that runs longer than this (at least 60 seconds).
   * @default Duration.hours(1)
   */
  readonly jobTimeout?: Duration;

  /**
   * Prefix of the job names the submitter gives (the rest is the sanitized object key; 128 characters at most).
   * @default 's3-'
   */
  readonly jobNamePrefix?: string;

  /**
   * Capacity the jobs run on. Use `ComputeAdvisor.recommend` to choose.
   * @default BatchComputeType.FARGATE
   */
  readonly computeType?: BatchComputeType;

  /**
   * Managed (Batch scales the capacity) or unmanaged (you run the ECS instances; EC2 only).
   * @default ComputeEnvironmentManagement.MANAGED
   */
  readonly management?: ComputeEnvironmentManagement;

  /**
   * The most vCPUs the compute environment runs at once, across all jobs (at least the job's `vcpus`).
   * For an unmanaged environment, the vCPUs you provide.
   * @default 256
   */
  readonly maxvCpus?: number;

  /**
   * EC2 instance types the compute environment may launch (EC2 and EC2_SPOT only).
   * @default - Batch's 'optimal' C, M and R families; G5 added when the job needs GPUs
   */
  readonly instanceTypes?: ec2.InstanceType[];

  /**
   * The VPC the jobs and the submitter run in (private subnets).
   * @default - a new VPC: two AZs, private subnets, `natGateways` NAT gateways, S3 and DynamoDB gateway endpoints,
   * flow logs to an encrypted log group
   */
  readonly vpc?: ec2.IVpc;

  /**
   * Subnets of `vpc` for the jobs and the submitter.
   * @default - the VPC's private subnets with egress, or its isolated subnets when it has none
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * NAT gateways of the VPC the construct creates (0 to 3; only without `vpc`). With 0 the subnets are isolated and
   * interface endpoints reach ECR, CloudWatch Logs and Batch, so images must come from ECR in the same region.
   * @default 1
   */
  readonly natGateways?: number;

  /**
   * The table the jobs batch-write results to; may be an imported table.
   * @default - a new table: `pk` and `sk` string keys, on-demand, point-in-time recovery, AWS managed KMS
   * encryption, retained when the stack is deleted
   */
  readonly outputTable?: dynamodb.ITable;

  /**
   * Reserved concurrency of the submitter Lambda. It also caps the SubmitJob rate. Reserving needs at least this
   * much unreserved concurrency left in the account (new accounts with a quota of 10 cannot reserve any).
   * @default 10
   */
  readonly submitterReservedConcurrency?: number;

  /**
   * How long the flow logs, job logs and submitter logs are kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The Batch architecture of the pattern notes: an upload to S3 invokes a small Lambda that submits an AWS Batch job
 * with the bucket name and object key as parameters; the job runs a container on Fargate (default), Fargate Spot,
 * EC2 or EC2 Spot inside a VPC, reads the object and batch-writes its results to a DynamoDB table.
 */
export class S3ToBatchPipeline extends Construct {
  /** The bucket whose uploads start jobs. */
  public readonly bucket: s3.IBucket;
  /** The bucket receiving the input bucket's server access logs (only when the construct created the input bucket). */
  public readonly accessLogsBucket?: s3.IBucket;
  /** The VPC the jobs and the submitter run in. */
  public readonly vpc: ec2.IVpc;
  /** The compute environment the job queue sends jobs to. */
  public readonly computeEnvironment: batch.IComputeEnvironment;
  /** The job queue the submitter submits to. */
  public readonly jobQueue: batch.JobQueue;
  /** The job definition every submitted job uses. */
  public readonly jobDefinition: batch.EcsJobDefinition;
  /**
   * The role the job's container runs with: read the input objects, batch-write the output table. Grants you add
   * land in its customer managed policy (not an inline one).
   */
  public readonly jobRole: iam.Role;
  /** The table the jobs write results to. */
  public readonly outputTable: dynamodb.ITable;
  /** The submitter Lambda S3 invokes. */
  public readonly submitter: lambda.Function;
  /** Events the submitter could not turn into jobs after Lambda's retries. */
  public readonly submitterDeadLetterQueue: sqs.Queue;
  /** The customer managed key encrypting the pipeline's log groups. */
  public readonly logEncryptionKey: kms.Key;
  /** The log group of the job containers. */
  public readonly jobLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: S3ToBatchPipelineProps) {
    super(scope, id);
    const computeType = props.computeType ?? BatchComputeType.FARGATE;
    const management = props.management ?? ComputeEnvironmentManagement.MANAGED;
    const vcpus = props.vcpus ?? 1;
    const memory = props.memory ?? Size.gibibytes(2);
    const gpus = props.gpus ?? 0;
    const maxvCpus = props.maxvCpus ?? 256;
    const retryAttempts = props.retryAttempts ?? 3;
    const jobTimeout = props.jobTimeout ?? Duration.hours(1);
    const submitterReservedConcurrency = props.submitterReservedConcurrency ?? 10;
    const retention = props.logRetention ?? logs.RetentionDays.ONE_YEAR;
    validatePipelineProps({
      computeType,
      management,
      vcpus,
      memory,
      gpus,
      maxvCpus,
      retryAttempts,
      jobTimeout,
      submitterReservedConcurrency,
      hasInstanceTypes: props.instanceTypes !== undefined,
      natGateways: props.natGateways,
      vpcGiven: props.vpc !== undefined,
    });

    this.logEncryptionKey = createLogEncryptionKey(this, 'LogEncryptionKey');

    if (props.bucket) {
      this.bucket = props.bucket;
    } else {
      // SSE-KMS with the AWS managed key (readers need no key grant); the bucket ids and log prefix of earlier versions.
      const buckets = createSecureBucket(this, 'InputBucket', { accessLogsBucketId: 'AccessLogsBucket', accessLogsPrefix: 'input-bucket/' });
      this.bucket = buckets.bucket;
      this.accessLogsBucket = buckets.accessLogsBucket;
    }
    this.outputTable = props.outputTable ?? createOutputTable(this);

    this.vpc = props.vpc ?? createPipelineVpc(this, props.natGateways ?? 1, this.logEncryptionKey, retention);
    const vpcSubnets = props.vpcSubnets ?? { subnets: this.vpc.privateSubnets.length > 0 ? this.vpc.privateSubnets : this.vpc.isolatedSubnets };

    this.computeEnvironment = createComputeEnvironment(this, {
      computeType, management, maxvCpus, gpus, instanceTypes: props.instanceTypes, vpc: this.vpc, vpcSubnets,
    });
    this.jobQueue = new batch.JobQueue(this, 'JobQueue', {
      computeEnvironments: [{ computeEnvironment: this.computeEnvironment, order: 1 }],
      // A job no instance can ever place stays RUNNABLE forever and blocks the queue behind it: cancel it.
      jobStateTimeLimitActions: [
        batch.JobStateTimeLimitActionsReason.JOB_RESOURCE_REQUIREMENT,
        batch.JobStateTimeLimitActionsReason.COMPUTE_ENVIRONMENT_MAX_RESOURCE,
      ].map(reason => ({ reason, maxTime: Duration.hours(1), action: batch.JobStateTimeLimitActionsAction.CANCEL })),
    });

    this.jobRole = new ManagedPolicyRole(this, 'JobRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'S3ToBatchPipeline job: reads input objects, batch-writes the output table',
    });
    this.grantJobAccess(props.objectKeyPrefix);

    this.jobLogGroup = createEncryptedLogGroup(this, 'JobLogGroup', this.logEncryptionKey, retention);
    this.jobDefinition = createJobDefinition(this, {
      computeType,
      image: props.containerImage,
      vcpus,
      memory,
      gpus,
      command: props.command,
      environment: { ...props.environment, OUTPUT_TABLE: this.outputTable.tableName },
      retryAttempts,
      timeout: jobTimeout,
      jobRole: this.jobRole,
      logGroup: this.jobLogGroup,
    });

    const submitter = createSubmitter(this, {
      jobQueue: this.jobQueue,
      jobDefinition: this.jobDefinition,
      jobNamePrefix: props.jobNamePrefix ?? 's3-',
      reservedConcurrency: submitterReservedConcurrency,
      vpc: this.vpc,
      vpcSubnets,
      logGroup: createEncryptedLogGroup(this, 'SubmitterLogGroup', this.logEncryptionKey, retention),
    });
    this.submitter = submitter.function;
    this.submitterDeadLetterQueue = submitter.deadLetterQueue;

    const filters: s3.NotificationKeyFilter[] = props.objectKeyPrefix || props.objectKeySuffix
      ? [{ prefix: props.objectKeyPrefix, suffix: props.objectKeySuffix }]
      : [];
    this.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(this.submitter), ...filters);
    acknowledgeBucketNotificationsHandler(this.bucket);
  }

  // Least privilege for the job: GetObject on the watched keys only, BatchWriteItem on the table only.
  private grantJobAccess(objectKeyPrefix: string | undefined): void {
    const objects = this.bucket.arnForObjects(`${objectKeyPrefix ?? ''}*`);
    this.jobRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [objects] }));
    acknowledgeRules(this.jobRole, [{
      id: NagFinding.wildcardResource(this, 'AwsSolutions-IAM5', objects),
      reason: 'The job reads whichever object was uploaded, so GetObject covers the watched key prefix; the key of one run is known only at run time.',
    }]);
    this.bucket.encryptionKey?.grantDecrypt(this.jobRole);
    this.outputTable.grant(this.jobRole, 'dynamodb:BatchWriteItem');
    this.outputTable.encryptionKey?.grantEncryptDecrypt(this.jobRole);
  }
}
