import { Duration, Size, SizeRoundingBehavior, Token } from 'aws-cdk-lib';
import { BatchComputeType, ComputeEnvironmentManagement } from './batch-compute-type';
import {
  describeFargateMemoryOptions, FARGATE_MAX_MEMORY_MIB, FARGATE_MAX_VCPUS, fargateMemoryOptionsMiB, fargateVcpuOptions,
} from './fargate-sizes';
import { PropValidationError, validateNumberRange } from '../core/validation';

const CONSTRUCT = 'S3ToBatchPipeline';
const USE_EC2 = 'use computeType BatchComputeType.EC2 or BatchComputeType.EC2_SPOT';

/** The job and compute props after defaults, as the validation sees them. */
export interface PipelineSizing {
  readonly computeType: BatchComputeType;
  readonly management: ComputeEnvironmentManagement;
  readonly vcpus: number;
  readonly memory: Size;
  readonly gpus: number;
  readonly maxvCpus: number;
  readonly retryAttempts: number;
  readonly jobTimeout: Duration;
  readonly submitterReservedConcurrency: number;
  readonly hasInstanceTypes: boolean;
  readonly natGateways?: number;
  readonly vpcGiven: boolean;
}

export function isFargate(type: BatchComputeType): boolean {
  return type === BatchComputeType.FARGATE || type === BatchComputeType.FARGATE_SPOT;
}

export function validatePipelineProps(p: PipelineSizing): void {
  validateNumberRange(CONSTRUCT, 'retryAttempts', p.retryAttempts, 1, 10, 'attempts');
  validateJobTimeout(p.jobTimeout);
  validateNumberRange(CONSTRUCT, 'gpus', p.gpus, 0, 64, 'GPUs');
  validateNumberRange(CONSTRUCT, 'maxvCpus', p.maxvCpus, 1, 100000, 'vCPU');
  validateNumberRange(CONSTRUCT, 'submitterReservedConcurrency', p.submitterReservedConcurrency, 1, 100000, 'concurrent executions');
  if (p.natGateways !== undefined) {
    if (p.vpcGiven) throw new PropValidationError(CONSTRUCT, 'natGateways', p.natGateways, 'only when the construct creates the VPC (leave it out when you pass vpc)');
    validateNumberRange(CONSTRUCT, 'natGateways', p.natGateways, 0, 3, 'NAT gateways');
  }
  const memoryMiB = memoryInMiB(p.memory);

  if (p.management === ComputeEnvironmentManagement.UNMANAGED && isFargate(p.computeType)) {
    throw new PropValidationError(CONSTRUCT, 'management', 'UNMANAGED', `MANAGED with Fargate (unmanaged compute environments run only on EC2 instances you manage); ${USE_EC2}`);
  }

  if (isFargate(p.computeType)) {
    validateFargateJob(p.computeType, p.vcpus, memoryMiB, p.gpus);
    if (p.hasInstanceTypes) {
      throw new PropValidationError(CONSTRUCT, 'instanceTypes', 'set', `no instance types on Fargate (Fargate chooses the capacity); ${USE_EC2} to pick instances`);
    }
  } else {
    validateEc2Job(p.vcpus, memoryMiB);
  }
  if (!Token.isUnresolved(p.vcpus) && !Token.isUnresolved(p.maxvCpus) && p.maxvCpus < p.vcpus) {
    throw new PropValidationError(CONSTRUCT, 'maxvCpus', p.maxvCpus, `at least the job's vcpus (${p.vcpus}), or the job can never be placed and stays RUNNABLE`);
  }
}

// Fargate rules of the pattern notes first (GPU, 16 vCPU, 120 GiB: each says which limit and suggests EC2),
// then the exact task sizes Fargate offers.
function validateFargateJob(type: BatchComputeType, vcpus: number, memoryMiB: number, gpus: number): void {
  if (gpus > 0) {
    throw new PropValidationError(CONSTRUCT, 'gpus', gpus, `0 on ${type}: Fargate has no GPUs; ${USE_EC2} with GPU instance types`);
  }
  if (Token.isUnresolved(vcpus)) return;
  if (vcpus > FARGATE_MAX_VCPUS) {
    throw new PropValidationError(CONSTRUCT, 'vcpus', vcpus, `at most 16 vCPU on ${type} (the Fargate limit); ${USE_EC2} for larger jobs`);
  }
  if (memoryMiB > FARGATE_MAX_MEMORY_MIB) {
    throw new PropValidationError(CONSTRUCT, 'memory', `${memoryMiB} MiB`,
      `at most 120 GiB (122880 MiB) on ${type} (the Fargate limit); ${USE_EC2} for larger jobs`);
  }
  if (!fargateVcpuOptions().includes(vcpus)) {
    throw new PropValidationError(CONSTRUCT, 'vcpus', vcpus, `one of the Fargate sizes ${fargateVcpuOptions().join(', ')} vCPU`);
  }
  if (!fargateMemoryOptionsMiB(vcpus).includes(memoryMiB)) {
    throw new PropValidationError(CONSTRUCT, 'memory', `${memoryMiB} MiB`,
      `for ${vcpus} vCPU on Fargate: ${describeFargateMemoryOptions(vcpus)} (ComputeAdvisor.fargateMemoryOptionsMiB lists them)`);
  }
}

function validateEc2Job(vcpus: number, memoryMiB: number): void {
  if (!Token.isUnresolved(vcpus) && (!Number.isInteger(vcpus) || vcpus < 1)) {
    throw new PropValidationError(CONSTRUCT, 'vcpus', vcpus, 'a whole number of vCPU, 1 or more, on EC2 (fractions of a vCPU exist only on Fargate)');
  }
  if (memoryMiB < 4) {
    throw new PropValidationError(CONSTRUCT, 'memory', `${memoryMiB} MiB`, 'at least 4 MiB (the AWS Batch minimum)');
  }
}

function validateJobTimeout(timeout: Duration): void {
  let seconds: number;
  try {
    seconds = timeout.toSeconds({ integral: false });
  } catch {
    return; // a token Duration: CloudFormation checks it at deploy time
  }
  if (Token.isUnresolved(seconds)) return;
  if (!Number.isInteger(seconds) || seconds < 60) {
    throw new PropValidationError(CONSTRUCT, 'jobTimeout', timeout, 'at least 60 seconds, whole seconds (AWS Batch stops a job after its timeout; the minimum is 60 seconds)');
  }
}

function memoryInMiB(memory: Size): number {
  const mib = memory.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
  if (!Number.isInteger(mib)) throw new PropValidationError(CONSTRUCT, 'memory', `${mib} MiB`, 'a whole number of MiB');
  return mib;
}
