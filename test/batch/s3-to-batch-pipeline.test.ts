import { Duration, Size } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { buildPipeline, BuiltPipeline, IMAGE } from './pipeline-fixture';
import { BatchComputeType, ComputeEnvironmentManagement } from '../../src/batch';
import { StableSnapshot } from '../../src/testing';
import { newStack } from '../util/apps';

const ref = (logicalId: string) => ({ Ref: logicalId });
const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

describe('S3ToBatchPipeline defaults', () => {
  let built: BuiltPipeline;
  let template: Template;
  let id: (construct: any) => string;

  beforeAll(() => {
    built = buildPipeline();
    template = built.template;
    id = construct => built.stack.getLogicalId(construct.node.defaultChild);
  });

  const privateSubnetRefs = () => built.pipeline.vpc.privateSubnets.map(s => ref(built.stack.getLogicalId(s.node.defaultChild as ec2.CfnSubnet)));

  test('a managed Fargate compute environment of up to 256 vCPU in the private subnets', () => {
    template.hasResourceProperties('AWS::Batch::ComputeEnvironment', {
      Type: 'managed',
      State: 'ENABLED',
      ComputeResources: {
        Type: 'FARGATE',
        MaxvCpus: 256,
        Subnets: privateSubnetRefs(),
      },
    });
  });

  test('a job queue on that environment that cancels jobs no capacity can ever run after an hour', () => {
    template.hasResourceProperties('AWS::Batch::JobQueue', {
      ComputeEnvironmentOrder: [{ ComputeEnvironment: { 'Fn::GetAtt': [Match.stringLikeRegexp('ComputeEnvironment'), 'ComputeEnvironmentArn'] }, Order: 1 }],
      JobStateTimeLimitActions: [
        { Action: 'CANCEL', MaxTimeSeconds: 3600, Reason: 'MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT', State: 'RUNNABLE' },
        { Action: 'CANCEL', MaxTimeSeconds: 3600, Reason: 'MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE', State: 'RUNNABLE' },
      ],
    });
  });

  test('a Fargate job definition: 1 vCPU, 2 GiB, 3 attempts, 1-hour timeout, OUTPUT_TABLE, encrypted logs, no public IP', () => {
    template.hasResourceProperties('AWS::Batch::JobDefinition', {
      Type: 'container',
      PlatformCapabilities: ['FARGATE'],
      RetryStrategy: { Attempts: 3 },
      Timeout: { AttemptDurationSeconds: 3600 },
      PropagateTags: true,
      ContainerProperties: {
        Image: IMAGE,
        ResourceRequirements: Match.arrayEquals([{ Type: 'MEMORY', Value: '2048' }, { Type: 'VCPU', Value: '1' }]),
        Environment: [{ Name: 'OUTPUT_TABLE', Value: ref(id(built.pipeline.outputTable)) }],
        JobRoleArn: arnOf(id(built.pipeline.jobRole)),
        ExecutionRoleArn: Match.anyValue(),
        NetworkConfiguration: { AssignPublicIp: 'DISABLED' },
        LogConfiguration: { LogDriver: 'awslogs', Options: Match.objectLike({ 'awslogs-group': ref(id(built.pipeline.jobLogGroup)) }) },
      },
    });
  });

  test('the job role reads objects of the input bucket and may only BatchWriteItem to the table', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'ecs-tasks.amazonaws.com' } })] },
      Description: Match.stringLikeRegexp('reads input objects'),
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [ref(id(built.pipeline.jobRole))],
      PolicyDocument: {
        Statement: [
          { Action: 's3:GetObject', Effect: 'Allow', Resource: { 'Fn::Join': ['', [arnOf(id(built.pipeline.bucket)), '/*']] } },
          { Action: 'dynamodb:BatchWriteItem', Effect: 'Allow', Resource: [arnOf(id(built.pipeline.outputTable))] },
        ],
      },
    });
  });

  test('no role carries an inline policy: grants land in customer managed policies', () => {
    expect(Object.keys(template.findResources('AWS::IAM::Policy')).filter(k => !k.includes('HandlerPolicy'))).toEqual([]);
  });

  test('the submitter: Node.js 24 on arm64, in the VPC, reserved concurrency 10, dead-letter queue, queue and definition ARNs', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 256,
      Timeout: 30,
      ReservedConcurrentExecutions: 10,
      DeadLetterConfig: { TargetArn: arnOf(id(built.pipeline.submitterDeadLetterQueue)) },
      VpcConfig: Match.objectLike({ SubnetIds: privateSubnetRefs() }),
      Environment: {
        Variables: {
          JOB_QUEUE_ARN: { 'Fn::GetAtt': [id(built.pipeline.jobQueue), 'JobQueueArn'] },
          JOB_DEFINITION_ARN: ref(id(built.pipeline.jobDefinition)),
          JOB_NAME_PREFIX: 's3-',
        },
      },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21600 });
  });

  test('the submitter may SubmitJob to exactly this queue and this job definition revision (no wildcard)', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [ref(id(built.pipeline.submitter.role))],
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Action: 'batch:SubmitJob',
          Effect: 'Allow',
          Resource: [ref(id(built.pipeline.jobDefinition)), { 'Fn::GetAtt': [id(built.pipeline.jobQueue), 'JobQueueArn'] }],
        }]),
      },
    });
  });

  test('the dead-letter queue is encrypted, TLS-only and keeps events 14 days', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
  });

  test('every object-created event of the bucket invokes the submitter (no filter by default)', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: ref(id(built.pipeline.bucket)),
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [{ Events: ['s3:ObjectCreated:*'], LambdaFunctionArn: arnOf(id(built.pipeline.submitter)) }],
      },
    });
  });

  test('the input bucket: SSE-KMS (AWS managed key), bucket key, public access blocked, versioned, access logs, retained', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        VersioningConfiguration: { Status: 'Enabled' },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LoggingConfiguration: { DestinationBucketName: ref(id(built.pipeline.accessLogsBucket)), LogFilePrefix: 'input-bucket/' },
      },
    });
  });

  test('the access log bucket admits only S3 log delivery from the input bucket, through a bucket policy', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: ref(id(built.pipeline.accessLogsBucket)),
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Sid: 'S3ServerAccessLogsPolicy',
          Action: 's3:PutObject',
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Resource: { 'Fn::Join': ['', [arnOf(id(built.pipeline.accessLogsBucket)), '/input-bucket/*']] },
          Condition: { ArnLike: { 'aws:SourceArn': arnOf(id(built.pipeline.bucket)) }, StringEquals: { 'aws:SourceAccount': '123456789012' } },
        }]),
      },
    });
  });

  test('the output table: pk/sk strings, on-demand, point-in-time recovery, encrypted, retained', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: {
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      },
    });
  });

  test('a VPC of two AZs with one NAT gateway, no public IPs on launch, S3 and DynamoDB gateway endpoints', () => {
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    template.resourceCountIs('AWS::EC2::Subnet', 4);
    template.allResourcesProperties('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false });
    const endpoints = Object.values(template.findResources('AWS::EC2::VPCEndpoint')).map(r => JSON.stringify(r.Properties.ServiceName));
    expect(endpoints).toEqual([expect.stringContaining('.s3'), expect.stringContaining('.dynamodb')]);
    template.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
  });

  test('VPC flow logs of all traffic go to an encrypted log group', () => {
    template.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs', ResourceType: 'VPC' });
  });

  test('three log groups (flow logs, jobs, submitter), all KMS-encrypted and kept one year', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(groups).toHaveLength(3);
    for (const group of groups) {
      expect(group.Properties.KmsKeyId).toEqual(arnOf(id(built.pipeline.logEncryptionKey)));
      expect(group.Properties.RetentionInDays).toBe(365);
    }
  });

  test('the log key rotates and lets only the regional CloudWatch Logs service use it for this account\'s log groups', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: 'logs.us-east-1.amazonaws.com' },
          Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
        })]),
      },
    });
  });

  test('public fields expose the L2s', () => {
    expect(built.pipeline.accessLogsBucket).toBeDefined();
    expect(built.pipeline.computeEnvironment.node.id).toBe('ComputeEnvironment');
    expect(built.pipeline.jobDefinition.retryAttempts).toBe(3);
    expect(built.pipeline.jobDefinition.timeout?.toSeconds()).toBe(3600);
  });

  test('snapshot of the default pipeline', () => {
    expect(StableSnapshot.of(built.stack)).toMatchSnapshot();
  });
});

describe('S3ToBatchPipeline options', () => {
  test('EC2 with GPUs: G5 instances besides optimal, the NVIDIA AL2023 image, IMDSv2 launch template, GPU resource', () => {
    const { template } = buildPipeline({ computeType: BatchComputeType.EC2, gpus: 1, vcpus: 4, memory: Size.gibibytes(16) });
    template.hasResourceProperties('AWS::Batch::ComputeEnvironment', {
      Type: 'managed',
      ComputeResources: Match.objectLike({
        Type: 'EC2',
        MinvCpus: 0,
        InstanceTypes: ['g5', 'optimal'],
        Ec2Configuration: [{ ImageType: 'ECS_AL2023_NVIDIA' }],
        LaunchTemplate: Match.objectLike({ LaunchTemplateId: Match.anyValue() }),
      }),
    });
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', { LaunchTemplateData: Match.objectLike({ MetadataOptions: { HttpTokens: 'required' } }) });
    template.hasResourceProperties('AWS::Batch::JobDefinition', {
      PlatformCapabilities: ['EC2'],
      ContainerProperties: Match.objectLike({ ResourceRequirements: Match.arrayWith([{ Type: 'VCPU', Value: '4' }, { Type: 'GPU', Value: '1' }]) }),
    });
  });

  test('EC2 without GPUs uses the plain AL2023 image and your instance types when given', () => {
    const { template } = buildPipeline({ computeType: BatchComputeType.EC2, vcpus: 2, instanceTypes: [new ec2.InstanceType('c6i.large')] });
    template.hasResourceProperties('AWS::Batch::ComputeEnvironment', {
      ComputeResources: Match.objectLike({ InstanceTypes: ['c6i.large', 'optimal'], Ec2Configuration: [{ ImageType: 'ECS_AL2023' }] }),
    });
  });

  test.each([
    [BatchComputeType.FARGATE_SPOT, 'FARGATE_SPOT'],
    [BatchComputeType.EC2_SPOT, 'SPOT'],
  ])('%s runs on %s capacity', (computeType, cfnType) => {
    const { template } = buildPipeline({ computeType });
    template.hasResourceProperties('AWS::Batch::ComputeEnvironment', { ComputeResources: Match.objectLike({ Type: cfnType }) });
  });

  test('an unmanaged environment offers maxvCpus of your own instances', () => {
    const { template } = buildPipeline({ computeType: BatchComputeType.EC2, management: ComputeEnvironmentManagement.UNMANAGED, maxvCpus: 64 });
    template.hasResourceProperties('AWS::Batch::ComputeEnvironment', { Type: 'unmanaged', UnmanagedvCpus: 64 });
  });

  test('natGateways 0: isolated subnets, no internet gateway, interface endpoints for ECR, logs and Batch behind HTTPS-only security group', () => {
    const { template } = buildPipeline({ natGateways: 0 });
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    const services = Object.values(template.findResources('AWS::EC2::VPCEndpoint')).map(r => JSON.stringify(r.Properties.ServiceName));
    for (const service of ['.s3', '.dynamodb', '.ecr.api', '.ecr.dkr', '.logs', '.batch']) {
      expect(services).toContainEqual(expect.stringContaining(service));
    }
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'HTTPS from the pipeline VPC to its interface endpoints',
      SecurityGroupIngress: [{ CidrIp: '10.0.0.0/16', FromPort: 443, ToPort: 443, IpProtocol: 'tcp', Description: 'HTTPS from the pipeline VPC' }],
    });
  });

  test('an imported bucket: no bucket created, notifications on it, GetObject on the watched prefix only', () => {
    const stack = newStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Uploads', 'my-uploads');
    const { template } = buildPipeline({ bucket, objectKeyPrefix: 'incoming/', objectKeySuffix: '.csv' }, stack);
    template.resourceCountIs('AWS::S3::Bucket', 0);
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: 'my-uploads',
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [Match.objectLike({
          Filter: { Key: { FilterRules: [{ Name: 'suffix', Value: '.csv' }, { Name: 'prefix', Value: 'incoming/' }] } },
        })],
      },
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Action: 's3:GetObject',
          Effect: 'Allow',
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::my-uploads/incoming/*']] },
        }]),
      },
    });
  });

  test('a VPC and an output table you pass are used as they are', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Existing', { natGateways: 1 });
    const table = dynamodb.Table.fromTableName(stack, 'Results', 'results');
    const { template, pipeline } = buildPipeline({ vpc, outputTable: table }, stack);
    expect(pipeline.vpc).toBe(vpc);
    expect(pipeline.outputTable).toBe(table);
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.resourceCountIs('AWS::DynamoDB::Table', 0);
  });

  test('command, environment, retries, timeout, job name prefix, reserved concurrency and log retention pass through', () => {
    const { template } = buildPipeline({
      command: ['python', 'run.py', 'Ref::bucket', 'Ref::key'],
      environment: { MODE: 'full' },
      retryAttempts: 10,
      jobTimeout: Duration.minutes(1),
      jobNamePrefix: 'csv-',
      submitterReservedConcurrency: 2,
      logRetention: 30,
    });
    template.hasResourceProperties('AWS::Batch::JobDefinition', {
      RetryStrategy: { Attempts: 10 },
      Timeout: { AttemptDurationSeconds: 60 },
      ContainerProperties: Match.objectLike({
        Command: ['python', 'run.py', 'Ref::bucket', 'Ref::key'],
        Environment: [{ Name: 'MODE', Value: 'full' }, { Name: 'OUTPUT_TABLE', Value: Match.anyValue() }],
      }),
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      ReservedConcurrentExecutions: 2,
      Environment: { Variables: Match.objectLike({ JOB_NAME_PREFIX: 'csv-' }) },
    });
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });
});
