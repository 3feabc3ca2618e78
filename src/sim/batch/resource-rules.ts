/**
 * The resource rules Batch applies to a container's vCPU, memory and GPU requirements (User Guide, "Job definition
 * parameters" / "Fargate job definitions"): on Fargate, VCPU and MEMORY are required resource requirements, the pair
 * must be one of Fargate's task sizes, and GPUs are not offered; on EC2, vCPUs are whole numbers of at least 1 and
 * memory at least 4 MiB. The Fargate size table is the construct library's own (src/batch/fargate-sizes.ts), so the
 * constructs, ComputeAdvisor and the simulator read one source.
 */
import { fargateMemoryOptionsMiB, fargateVcpuOptions } from '../../batch/fargate-sizes';

export type Platform = 'FARGATE' | 'EC2';

/** A container's resources after the definition's values and any SubmitJob overrides are merged. */
export interface ContainerResources {
  readonly vcpus?: number;
  readonly memoryMiB?: number;
  readonly gpus?: number;
}

/** A `resourceRequirements` list (`[{ type: 'VCPU', value: '1' }]`, either case of keys) read into numbers. */
export function readResourceRequirements(list: unknown): ContainerResources {
  const out: { vcpus?: number; memoryMiB?: number; gpus?: number } = {};
  if (!Array.isArray(list)) return out;
  for (const entry of list) {
    const type = String(entry?.type ?? entry?.Type ?? '').toUpperCase();
    const value = Number(entry?.value ?? entry?.Value);
    if (type === 'VCPU') out.vcpus = value;
    else if (type === 'MEMORY') out.memoryMiB = value;
    else if (type === 'GPU') out.gpus = value;
  }
  return out;
}

/** What is wrong with `r` on `platform` (the text Batch reports), or undefined when Batch accepts it. */
export function resourceProblem(platform: Platform, r: ContainerResources): string | undefined {
  if (r.vcpus === undefined || Number.isNaN(r.vcpus)) return 'vCPU is not provided.';
  if (r.memoryMiB === undefined || Number.isNaN(r.memoryMiB)) return 'Memory is not provided.';
  if (platform === 'FARGATE') {
    if ((r.gpus ?? 0) > 0) return 'GPU resource requirements are not supported on Fargate.';
    if (!fargateVcpuOptions().includes(r.vcpus) || !fargateMemoryOptionsMiB(r.vcpus).includes(r.memoryMiB)) {
      return fargateSizeMessage(r.vcpus, r.memoryMiB);
    }
    return undefined;
  }
  if (!Number.isInteger(r.vcpus) || r.vcpus < 1) return `vCPU value ${r.vcpus} is not valid: on EC2 resources it must be a whole number of at least 1.`;
  if (r.memoryMiB < 4) return `Memory value ${r.memoryMiB} is not valid: at least 4 MiB is required.`;
  return undefined;
}

/** Batch's SubmitJob message for a Fargate size that does not exist (`Fargate resource requirements (1.00 vCPU, 4000 MiB) not valid.`). */
export function fargateSizeMessage(vcpus: number, memoryMiB: number): string {
  return `Fargate resource requirements (${vcpus.toFixed(2)} vCPU, ${memoryMiB} MiB) not valid.`;
}

/** EC2 instance families with NVIDIA or AMD GPUs that Batch can place GPU jobs on. */
const GPU_FAMILIES = /^(p2|p3|p3dn|p4d|p4de|p5|p5e|p5en|g3|g3s|g4dn|g4ad|g5|g5g|g6|g6e|gr6|g6f)$/;

/** True when an EC2 compute environment's `InstanceTypes` (types or families; `optimal` = C, M, R) include GPUs. */
export function offersGpus(instanceTypes: readonly string[]): boolean {
  return instanceTypes.some(t => GPU_FAMILIES.test(t.split('.')[0].toLowerCase()));
}
