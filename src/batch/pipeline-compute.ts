import { Duration, Size } from 'aws-cdk-lib';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { BatchComputeType, ComputeEnvironmentManagement } from './batch-compute-type';
import { isFargate } from './validate-props';
import { acknowledgeRules, ManagedPolicyRole, NagFinding } from '../core';

/** What the compute environment needs to know, after defaults. */
export interface ComputeSettings {
  readonly computeType: BatchComputeType;
  readonly management: ComputeEnvironmentManagement;
  readonly maxvCpus: number;
  readonly gpus: number;
  readonly instanceTypes?: ec2.InstanceType[];
  readonly vpc: ec2.IVpc;
  readonly vpcSubnets: ec2.SubnetSelection;
}

/**
 * Fargate / Fargate Spot, EC2 / EC2 Spot (managed), or an unmanaged EC2 environment. EC2 instances boot the
 * Amazon Linux 2023 ECS AMI (its NVIDIA variant for GPU jobs) from a launch template that requires IMDSv2.
 */
export function createComputeEnvironment(scope: Construct, s: ComputeSettings): batch.IComputeEnvironment {
  if (s.management === ComputeEnvironmentManagement.UNMANAGED) {
    const unmanaged = new batch.UnmanagedComputeEnvironment(scope, 'ComputeEnvironment', { unmanagedvCpus: s.maxvCpus });
    const serviceRole = unmanaged.node.tryFindChild('BatchServiceRole');
    if (serviceRole) {
      acknowledgeRules(serviceRole, [{
        id: NagFinding.awsManagedPolicy('AwsSolutions-IAM4', 'service-role/AWSBatchServiceRole'),
        reason: 'aws-cdk-lib gives an unmanaged compute environment a service role with the AWS managed AWS Batch service policy, which AWS keeps in step with the Batch service.',
      }]);
    }
    return unmanaged;
  }
  const spot = s.computeType === BatchComputeType.FARGATE_SPOT || s.computeType === BatchComputeType.EC2_SPOT;
  if (isFargate(s.computeType)) {
    return new batch.FargateComputeEnvironment(scope, 'ComputeEnvironment', {
      vpc: s.vpc, vpcSubnets: s.vpcSubnets, spot, maxvCpus: s.maxvCpus,
    });
  }

  const launchTemplate = new ec2.LaunchTemplate(scope, 'LaunchTemplate', { requireImdsv2: true });
  const environment = new batch.ManagedEc2EcsComputeEnvironment(scope, 'ComputeEnvironment', {
    vpc: s.vpc,
    vpcSubnets: s.vpcSubnets,
    spot,
    maxvCpus: s.maxvCpus,
    minvCpus: 0, // scale to zero between uploads
    instanceTypes: s.instanceTypes,
    // 'optimal' (C, M, R families) has no GPUs; G5 (NVIDIA A10G, 1 to 8 GPUs) is the general-purpose GPU family.
    instanceClasses: s.gpus > 0 && !s.instanceTypes ? [ec2.InstanceClass.G5] : undefined,
    images: [{ imageType: s.gpus > 0 ? batch.EcsMachineImageType.ECS_AL2023_NVIDIA : batch.EcsMachineImageType.ECS_AL2023 }],
    launchTemplate,
  });
  const instanceRole = environment.instanceRole;
  if (instanceRole) {
    acknowledgeRules(instanceRole, [{
      id: NagFinding.awsManagedPolicy('AwsSolutions-IAM4', 'service-role/AmazonEC2ContainerServiceforEC2Role'),
      reason: 'The ECS container agent on Batch-managed instances needs the AWS managed instance policy; AWS keeps it in step with the agent.',
    }]);
  }
  return environment;
}

/** What the job definition needs to know, after defaults. */
export interface JobSettings {
  readonly computeType: BatchComputeType;
  readonly image: ecs.ContainerImage;
  readonly vcpus: number;
  readonly memory: Size;
  readonly gpus: number;
  readonly command?: string[];
  readonly environment: { [key: string]: string };
  readonly retryAttempts: number;
  readonly timeout: Duration;
  readonly jobRole: iam.IRole;
  readonly logGroup: logs.ILogGroup;
}

/** An ECS job definition for Fargate or EC2, logging to the pipeline's encrypted log group. */
export function createJobDefinition(scope: Construct, j: JobSettings): batch.EcsJobDefinition {
  const common = {
    image: j.image,
    cpu: j.vcpus,
    memory: j.memory,
    command: j.command,
    environment: j.environment,
    jobRole: j.jobRole,
    executionRole: new ManagedPolicyRole(scope, 'ExecutionRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'S3ToBatchPipeline job execution: pulls the image, writes the job log group',
    }),
    logging: ecs.LogDriver.awsLogs({ logGroup: j.logGroup, streamPrefix: 'job' }),
  };
  const container = isFargate(j.computeType)
    ? new batch.EcsFargateContainerDefinition(scope, 'Container', { ...common, fargatePlatformVersion: ecs.FargatePlatformVersion.LATEST })
    : new batch.EcsEc2ContainerDefinition(scope, 'Container', { ...common, gpu: j.gpus > 0 ? j.gpus : undefined });
  return new batch.EcsJobDefinition(scope, 'JobDefinition', {
    container,
    retryAttempts: j.retryAttempts,
    timeout: j.timeout,
    propagateTags: true,
  });
}
