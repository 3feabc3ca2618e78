import { CfnParameter, Duration, Size, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { construct, IMAGE } from './pipeline-fixture';
import { BatchComputeType, ComputeEnvironmentManagement, S3ToBatchPipeline } from '../../src/batch';
import { newStack } from '../util/apps';

describe('S3ToBatchPipeline: the Fargate limits of the pattern notes, naming the limit and suggesting EC2', () => {
  test('GPUs on Fargate', () => {
    expect(construct({ gpus: 1 })).toThrow(
      'S3ToBatchPipeline: invalid gpus (1); allowed: 0 on FARGATE: Fargate has no GPUs; use computeType BatchComputeType.EC2 or BatchComputeType.EC2_SPOT with GPU instance types');
  });

  test('GPUs on Fargate Spot', () => {
    expect(construct({ gpus: 2, computeType: BatchComputeType.FARGATE_SPOT })).toThrow(/invalid gpus \(2\); allowed: 0 on FARGATE_SPOT: Fargate has no GPUs/);
  });

  test('more than 16 vCPU', () => {
    expect(construct({ vcpus: 32, memory: Size.gibibytes(64) })).toThrow(
      /invalid vcpus \(32\); allowed: at most 16 vCPU on FARGATE \(the Fargate limit\); use computeType BatchComputeType.EC2/);
  });

  test('more than 120 GiB of memory', () => {
    expect(construct({ vcpus: 16, memory: Size.gibibytes(128) })).toThrow(
      /invalid memory \("131072 MiB"\); allowed: at most 120 GiB \(122880 MiB\) on FARGATE \(the Fargate limit\); use computeType BatchComputeType.EC2/);
  });

  test('the same sizes are accepted on EC2', () => {
    expect(construct({ computeType: BatchComputeType.EC2, gpus: 1, vcpus: 32, memory: Size.gibibytes(128) })).not.toThrow();
  });
});

describe('S3ToBatchPipeline: Fargate vCPU / memory combinations', () => {
  test('a vCPU value Fargate does not offer', () => {
    expect(construct({ vcpus: 3, memory: Size.gibibytes(8) })).toThrow(
      'S3ToBatchPipeline: invalid vcpus (3); allowed: one of the Fargate sizes 0.25, 0.5, 1, 2, 4, 8, 16 vCPU');
  });

  test('memory outside the list for small sizes lists the values', () => {
    expect(construct({ vcpus: 1, memory: Size.gibibytes(10) })).toThrow(
      'S3ToBatchPipeline: invalid memory ("10240 MiB"); allowed: for 1 vCPU on Fargate: 2048, 3072, 4096, 5120, 6144, 7168, 8192 MiB (ComputeAdvisor.fargateMemoryOptionsMiB lists them)');
    expect(construct({ vcpus: 0.25, memory: Size.mebibytes(1536) })).toThrow(/for 0.25 vCPU on Fargate: 512, 1024, 2048 MiB/);
  });

  test('memory off the step for large sizes names the range and the step', () => {
    expect(construct({ vcpus: 8, memory: Size.gibibytes(18) })).toThrow(/invalid memory \("18432 MiB"\); allowed: for 8 vCPU on Fargate: 16384 to 61440 MiB in 4096 MiB steps/);
    expect(construct({ vcpus: 16, memory: Size.gibibytes(30) })).toThrow(/for 16 vCPU on Fargate: 32768 to 122880 MiB in 8192 MiB steps/);
  });

  test.each([
    [0.25, 512], [0.5, 4096], [1, 8192], [2, 16384], [4, 30720], [8, 61440], [16, 122880],
  ])('%s vCPU with %s MiB is a valid Fargate size', (vcpus, mib) => {
    expect(construct({ vcpus, memory: Size.mebibytes(mib) })).not.toThrow();
  });

  test('memory must be whole MiB', () => {
    expect(construct({ memory: Size.kibibytes(2048 * 1024 + 512) })).toThrow(/invalid memory \("2048.5 MiB"\); allowed: a whole number of MiB/);
  });
});

describe('S3ToBatchPipeline: EC2 sizes', () => {
  test('whole vCPUs only', () => {
    expect(construct({ computeType: BatchComputeType.EC2, vcpus: 0.5 })).toThrow(/invalid vcpus \(0.5\); allowed: a whole number of vCPU, 1 or more, on EC2/);
  });

  test('at least 4 MiB of memory', () => {
    expect(construct({ computeType: BatchComputeType.EC2, memory: Size.mebibytes(2) })).toThrow(/invalid memory \("2 MiB"\); allowed: at least 4 MiB/);
  });

  test('GPUs are whole numbers', () => {
    expect(construct({ computeType: BatchComputeType.EC2, gpus: 1.5 })).toThrow(/invalid gpus \("1.5 GPUs"\); allowed: an integer from 0 to 64 GPUs/);
  });
});

describe('S3ToBatchPipeline: job definition rules', () => {
  test.each([0, 11])('retryAttempts %s is outside 1..10', attempts => {
    expect(construct({ retryAttempts: attempts })).toThrow(
      `S3ToBatchPipeline: invalid retryAttempts ("${attempts} attempts"); allowed: an integer from 1 to 10 attempts`);
  });

  test('retryAttempts 1 and 10 are accepted', () => {
    expect(construct({ retryAttempts: 1 })).not.toThrow();
    expect(construct({ retryAttempts: 10 })).not.toThrow();
  });

  test('a timeout under 60 seconds', () => {
    expect(construct({ jobTimeout: Duration.seconds(59) })).toThrow(/invalid jobTimeout \(59 seconds\); allowed: at least 60 seconds/);
  });

  test('a timeout of 60 seconds is accepted, and a token timeout is left to CloudFormation', () => {
    expect(construct({ jobTimeout: Duration.seconds(60) })).not.toThrow();
    const stack = newStack();
    const seconds = new CfnParameter(stack, 'TimeoutSeconds', { type: 'Number' }).valueAsNumber;
    expect(Token.isUnresolved(seconds)).toBe(true);
    expect(() => new S3ToBatchPipeline(stack, 'Pipeline', {
      containerImage: ecs.ContainerImage.fromRegistry(IMAGE), jobTimeout: Duration.seconds(seconds),
    })).not.toThrow();
  });
});

describe('S3ToBatchPipeline: compute environment rules', () => {
  test('an unmanaged environment cannot be Fargate', () => {
    expect(construct({ management: ComputeEnvironmentManagement.UNMANAGED })).toThrow(
      /invalid management \("UNMANAGED"\); allowed: MANAGED with Fargate \(unmanaged compute environments run only on EC2 instances you manage\)/);
  });

  test('instance types are for EC2 only', () => {
    expect(construct({ instanceTypes: [new ec2.InstanceType('c6i.large')] })).toThrow(/invalid instanceTypes \("set"\); allowed: no instance types on Fargate/);
  });

  test('maxvCpus below the job\'s vCPUs would leave jobs RUNNABLE forever', () => {
    expect(construct({ vcpus: 4, memory: Size.gibibytes(8), maxvCpus: 2 })).toThrow(/invalid maxvCpus \(2\); allowed: at least the job's vcpus \(4\)/);
  });

  test('natGateways only for the VPC the construct creates, and 0 to 3', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Existing');
    expect(() => new S3ToBatchPipeline(stack, 'Pipeline', { containerImage: ecs.ContainerImage.fromRegistry(IMAGE), vpc, natGateways: 1 }))
      .toThrow(/invalid natGateways \(1\); allowed: only when the construct creates the VPC/);
    expect(construct({ natGateways: 4 })).toThrow(/invalid natGateways \("4 NAT gateways"\); allowed: an integer from 0 to 3 NAT gateways/);
  });

  test('the submitter needs a reserved concurrency of at least 1', () => {
    expect(construct({ submitterReservedConcurrency: 0 })).toThrow(/invalid submitterReservedConcurrency \("0 concurrent executions"\); allowed: an integer from 1 to 100000/);
  });
});
