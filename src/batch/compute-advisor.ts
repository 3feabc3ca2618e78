import { Duration, Size } from 'aws-cdk-lib';
import { BatchComputeType } from './batch-compute-type';
import {
  FARGATE_MAX_EPHEMERAL_STORAGE_GIB, FARGATE_MAX_MEMORY_MIB, FARGATE_MAX_VCPUS,
  fargateMemoryOptionsMiB, smallestFargateSizeFor,
} from './fargate-sizes';
import { PropValidationError } from '../core/validation';

/**
 * What a job needs, as far as the owner knows it. Used by `ComputeAdvisor` to choose between Lambda and Batch and
 * between Fargate and EC2 (the decision rules of the pattern notes).
 */
export interface JobRequirements {
  /**
   * vCPUs one run needs.
   * @default 1
   */
  readonly vcpus?: number;

  /**
   * Memory one run needs.
   * @default 2 GiB
   */
  readonly memory?: Size;

  /**
   * Physical GPUs one run needs. Neither Lambda nor Fargate offers GPUs.
   * @default 0
   */
  readonly gpus?: number;

  /**
   * How long the longest run takes. Lambda stops a run at 15 minutes; Batch has no such limit.
   * @default - not stated: Lambda is not recommended, because nothing guarantees a run ends within 15 minutes
   */
  readonly expectedDuration?: Duration;

  /**
   * Local scratch disk one run needs. Lambda's /tmp holds at most 10,240 MB; Fargate ephemeral storage at most 200 GiB.
   * @default - no scratch space beyond the defaults
   */
  readonly scratchSpace?: Size;

  /**
   * The job needs a runtime Lambda cannot provide: a language, OS package or long-running tool outside Lambda's
   * managed runtimes and container-image limits. Batch runs any Docker image.
   * @default false
   */
  readonly needsCustomRuntime?: boolean;

  /**
   * The job needs an Elastic Fabric Adapter (tightly coupled HPC / MPI). Only EC2 offers it.
   * @default false
   */
  readonly needsElasticFabricAdapter?: boolean;

  /**
   * The job needs a custom AMI (drivers, kernel modules, pre-baked data). Only EC2 runs your own AMI.
   * @default false
   */
  readonly needsCustomAmi?: boolean;

  /**
   * The job needs Linux parameters (devices, shared memory size, swap, tmpfs). Only EC2 exposes them.
   * @default false
   */
  readonly needsLinuxParameters?: boolean;

  /**
   * The job tolerates being interrupted and retried, so Spot capacity (Fargate Spot or EC2 Spot) may run it at a
   * discount.
   * @default false
   */
  readonly interruptible?: boolean;
}

/** Where a job should run. */
export enum RecommendedService {
  /** AWS Lambda: short runs within Lambda's limits, no servers, no container image to maintain. */
  LAMBDA = 'LAMBDA',
  /** AWS Batch: long, large or GPU runs in containers, on Fargate or EC2. */
  BATCH = 'BATCH',
}

/** The advice `ComputeAdvisor.recommend` gives, with the reasons behind it. */
export interface ComputeRecommendation {
  /** Lambda or Batch. */
  readonly service: RecommendedService;

  /**
   * The Batch compute environment that fits the job (Fargate unless a Fargate limit rules it out; Spot when the job
   * is interruptible). Given even when Lambda is recommended, for the day the job outgrows Lambda.
   */
  readonly computeType: BatchComputeType;

  /** Why: one sentence per rule that decided. */
  readonly reasons: string[];

  /** Lambda limits the job exceeds (empty when it fits Lambda). */
  readonly lambdaBlockers: string[];

  /** Fargate limits the job exceeds (empty when it fits Fargate). */
  readonly fargateBlockers: string[];

  /**
   * The smallest Fargate size (vCPU) that fits the job, when Fargate fits.
   * @default - Fargate does not fit
   */
  readonly fargateVcpus?: number;

  /**
   * The smallest Fargate memory (MiB) for `fargateVcpus` that fits the job, when Fargate fits.
   * @default - Fargate does not fit
   */
  readonly fargateMemoryMiB?: number;
}

/**
 * Chooses Lambda vs Batch and Fargate vs EC2 from stated job requirements, following the pattern notes:
 * Lambda stops at 15 minutes, 10,240 MB of memory (about 6 vCPU) and 10,240 MB of /tmp, has no GPUs and only its
 * managed runtimes; Fargate is the default for Batch unless the job needs GPUs, more than 16 vCPU, more than 120 GiB
 * of memory, more than 200 GiB of scratch disk, an Elastic Fabric Adapter, a custom AMI or Linux parameters.
 */
export class ComputeAdvisor {
  /** Lambda's hard limit on one invocation. */
  public static readonly LAMBDA_MAX_DURATION_SECONDS = 900;
  /** Lambda's largest memory setting, in MB (Lambda's MB are MiB). */
  public static readonly LAMBDA_MAX_MEMORY_MB = 10240;
  /** Lambda's largest /tmp, in MB. */
  public static readonly LAMBDA_MAX_EPHEMERAL_STORAGE_MB = 10240;
  /** vCPUs Lambda allocates at its largest memory setting. */
  public static readonly LAMBDA_MAX_VCPUS = 6;
  /** Largest Fargate job: vCPU. */
  public static readonly FARGATE_MAX_VCPUS = FARGATE_MAX_VCPUS;
  /** Largest Fargate job: memory in MiB (120 GiB). */
  public static readonly FARGATE_MAX_MEMORY_MIB = FARGATE_MAX_MEMORY_MIB;

  /** Recommends Lambda or Batch, and the Batch compute type, with the reasons. */
  public static recommend(requirements: JobRequirements): ComputeRecommendation {
    const job = normalize(requirements);
    const lambdaBlockers = ComputeAdvisor.lambdaBlockers(requirements);
    const fargateBlockers = ComputeAdvisor.fargateBlockers(requirements);
    const reasons: string[] = [];

    const fargateSize = fargateBlockers.length === 0 ? smallestFargateSizeFor(job.vcpus, job.memoryMiB) : undefined;
    let computeType: BatchComputeType;
    if (fargateBlockers.length === 0) {
      computeType = job.interruptible ? BatchComputeType.FARGATE_SPOT : BatchComputeType.FARGATE;
      reasons.push(`Batch compute: Fargate fits (${fargateSize!.vcpus} vCPU, ${fargateSize!.memoryMiB} MiB): no instances to manage and fast start`);
    } else {
      computeType = job.interruptible ? BatchComputeType.EC2_SPOT : BatchComputeType.EC2;
      reasons.push(`Batch compute: EC2, because ${fargateBlockers.join('; ')}`);
    }
    if (job.interruptible) reasons.push('the job tolerates interruption, so Spot capacity runs it at a discount');

    let service: RecommendedService;
    if (lambdaBlockers.length > 0) {
      service = RecommendedService.BATCH;
      reasons.unshift(`Batch, because ${lambdaBlockers.join('; ')}`);
    } else if (job.durationSeconds === undefined) {
      service = RecommendedService.BATCH;
      reasons.unshift('Batch, because the expected duration is not stated and Lambda stops every run at 15 minutes');
    } else if (job.durationSeconds > ComputeAdvisor.LAMBDA_MAX_DURATION_SECONDS * 0.8) {
      service = RecommendedService.BATCH;
      reasons.unshift(`Batch, because a ${job.durationSeconds}-second run leaves less than 20% headroom below Lambda's 15-minute limit`);
    } else {
      service = RecommendedService.LAMBDA;
      reasons.unshift(`Lambda, because a ${job.durationSeconds}-second run with ${job.memoryMiB} MiB fits Lambda's limits (15 minutes, 10,240 MB)`
        + ' and needs no container image or compute environment');
    }

    return {
      service,
      computeType,
      reasons,
      lambdaBlockers,
      fargateBlockers,
      fargateVcpus: fargateSize?.vcpus,
      fargateMemoryMiB: fargateSize?.memoryMiB,
    };
  }

  /** The Lambda limits the job exceeds, one sentence each (empty when it fits Lambda). */
  public static lambdaBlockers(requirements: JobRequirements): string[] {
    const job = normalize(requirements);
    const blockers: string[] = [];
    if (job.durationSeconds !== undefined && job.durationSeconds > ComputeAdvisor.LAMBDA_MAX_DURATION_SECONDS) {
      blockers.push(`a run takes ${job.durationSeconds} seconds and Lambda stops every run at 15 minutes (900 seconds)`);
    }
    if (job.memoryMiB > ComputeAdvisor.LAMBDA_MAX_MEMORY_MB) {
      blockers.push(`the job needs ${job.memoryMiB} MiB of memory and Lambda offers at most 10,240 MB`);
    }
    if (job.vcpus > ComputeAdvisor.LAMBDA_MAX_VCPUS) {
      blockers.push(`the job needs ${job.vcpus} vCPU and Lambda allocates at most 6 vCPU`);
    }
    if (job.gpus > 0) blockers.push(`the job needs ${job.gpus} GPU(s) and Lambda has none`);
    if (job.scratchMiB !== undefined && job.scratchMiB > ComputeAdvisor.LAMBDA_MAX_EPHEMERAL_STORAGE_MB) {
      blockers.push(`the job needs ${job.scratchMiB} MiB of scratch disk and Lambda's /tmp holds at most 10,240 MB`);
    }
    if (job.needsCustomRuntime) blockers.push('the job needs a runtime Lambda does not offer, and Batch runs any Docker image');
    if (job.needsElasticFabricAdapter) blockers.push('the job needs an Elastic Fabric Adapter, which Lambda does not offer');
    if (job.needsCustomAmi) blockers.push('the job needs a custom AMI, which Lambda does not run');
    if (job.needsLinuxParameters) blockers.push('the job needs Linux parameters, which Lambda does not expose');
    return blockers;
  }

  /** The Fargate limits the job exceeds, one sentence each naming the limit (empty when it fits Fargate). */
  public static fargateBlockers(requirements: JobRequirements): string[] {
    const job = normalize(requirements);
    const blockers: string[] = [];
    if (job.gpus > 0) blockers.push(`the job needs ${job.gpus} GPU(s) and Fargate offers no GPUs`);
    if (job.vcpus > FARGATE_MAX_VCPUS) blockers.push(`the job needs ${job.vcpus} vCPU and Fargate offers at most 16 vCPU`);
    if (job.memoryMiB > FARGATE_MAX_MEMORY_MIB) {
      blockers.push(`the job needs ${job.memoryMiB} MiB of memory and Fargate offers at most 120 GiB (122,880 MiB)`);
    }
    if (job.scratchMiB !== undefined && job.scratchMiB > FARGATE_MAX_EPHEMERAL_STORAGE_GIB * 1024) {
      blockers.push(`the job needs ${job.scratchMiB} MiB of scratch disk and Fargate ephemeral storage holds at most 200 GiB`);
    }
    if (job.needsElasticFabricAdapter) blockers.push('the job needs an Elastic Fabric Adapter, which only EC2 offers');
    if (job.needsCustomAmi) blockers.push('the job needs a custom AMI, which only EC2 runs');
    if (job.needsLinuxParameters) blockers.push('the job needs Linux parameters, which only EC2 exposes');
    return blockers;
  }

  /**
   * The memory values (MiB) Fargate offers for a vCPU value (0.25, 0.5, 1, 2, 4, 8 or 16); empty for any other value.
   */
  public static fargateMemoryOptionsMiB(vcpus: number): number[] {
    return fargateMemoryOptionsMiB(vcpus);
  }

  /** Whether Fargate offers this vCPU / memory (MiB) combination. */
  public static isFargateSize(vcpus: number, memoryMiB: number): boolean {
    return fargateMemoryOptionsMiB(vcpus).includes(memoryMiB);
  }

  private constructor() {}
}

interface NormalizedJob {
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly gpus: number;
  readonly durationSeconds?: number;
  readonly scratchMiB?: number;
  readonly needsCustomRuntime: boolean;
  readonly needsElasticFabricAdapter: boolean;
  readonly needsCustomAmi: boolean;
  readonly needsLinuxParameters: boolean;
  readonly interruptible: boolean;
}

function normalize(requirements: JobRequirements): NormalizedJob {
  const vcpus = requirements.vcpus ?? 1;
  const gpus = requirements.gpus ?? 0;
  if (!(vcpus > 0)) throw new PropValidationError('ComputeAdvisor', 'vcpus', vcpus, 'a number of vCPU greater than 0');
  if (!Number.isInteger(gpus) || gpus < 0) throw new PropValidationError('ComputeAdvisor', 'gpus', gpus, 'a whole number of GPUs, 0 or more');
  return {
    vcpus,
    memoryMiB: (requirements.memory ?? Size.gibibytes(2)).toMebibytes(),
    gpus,
    durationSeconds: requirements.expectedDuration?.toSeconds({ integral: false }),
    scratchMiB: requirements.scratchSpace?.toMebibytes(),
    needsCustomRuntime: requirements.needsCustomRuntime ?? false,
    needsElasticFabricAdapter: requirements.needsElasticFabricAdapter ?? false,
    needsCustomAmi: requirements.needsCustomAmi ?? false,
    needsLinuxParameters: requirements.needsLinuxParameters ?? false,
    interruptible: requirements.interruptible ?? false,
  };
}
