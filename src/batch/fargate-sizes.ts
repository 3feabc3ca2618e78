// AWS Batch on Fargate accepts only the task sizes Fargate itself offers (AWS Batch user guide, "Fargate job
// definitions"; the same table as ECS task sizes). Kept as data so the construct validation and ComputeAdvisor
// read the same source.

/** Largest Fargate job: 16 vCPU and 120 GiB (122,880 MiB) of memory. */
export const FARGATE_MAX_VCPUS = 16;
export const FARGATE_MAX_MEMORY_MIB = 120 * 1024;
/** Fargate ephemeral storage for Batch jobs may be raised up to 200 GiB. */
export const FARGATE_MAX_EPHEMERAL_STORAGE_GIB = 200;

interface FargateMemoryRange {
  readonly vcpus: number;
  readonly minMiB: number;
  readonly maxMiB: number;
  readonly stepMiB: number;
  /** Values that do not follow one step size (0.25 vCPU offers 512, 1024 and 2048, not 1536). */
  readonly onlyMiB?: number[];
}

const FARGATE_SIZES: FargateMemoryRange[] = [
  { vcpus: 0.25, minMiB: 512, maxMiB: 2048, stepMiB: 512, onlyMiB: [512, 1024, 2048] },
  { vcpus: 0.5, minMiB: 1024, maxMiB: 4096, stepMiB: 1024 },
  { vcpus: 1, minMiB: 2048, maxMiB: 8192, stepMiB: 1024 },
  { vcpus: 2, minMiB: 4096, maxMiB: 16384, stepMiB: 1024 },
  { vcpus: 4, minMiB: 8192, maxMiB: 30720, stepMiB: 1024 },
  { vcpus: 8, minMiB: 16384, maxMiB: 61440, stepMiB: 4096 },
  { vcpus: 16, minMiB: 32768, maxMiB: 122880, stepMiB: 8192 },
];

/** The vCPU values a Fargate job may request. */
export function fargateVcpuOptions(): number[] {
  return FARGATE_SIZES.map(s => s.vcpus);
}

/** The memory values (MiB) Fargate offers for a vCPU value; empty when the vCPU value itself is not offered. */
export function fargateMemoryOptionsMiB(vcpus: number): number[] {
  const size = FARGATE_SIZES.find(s => s.vcpus === vcpus);
  if (!size) return [];
  if (size.onlyMiB) return [...size.onlyMiB];
  const options: number[] = [];
  for (let mib = size.minMiB; mib <= size.maxMiB; mib += size.stepMiB) options.push(mib);
  return options;
}

/** Human description of the memory Fargate offers for a vCPU value, for error messages. */
export function describeFargateMemoryOptions(vcpus: number): string {
  const size = FARGATE_SIZES.find(s => s.vcpus === vcpus);
  if (!size) return `no memory option: ${vcpus} vCPU is not a Fargate size`;
  const options = fargateMemoryOptionsMiB(vcpus);
  if (options.length <= 7) return `${options.join(', ')} MiB`;
  return `${size.minMiB} to ${size.maxMiB} MiB in ${size.stepMiB} MiB steps`;
}

/** The smallest Fargate size that fits the request, or undefined when nothing on Fargate is large enough. */
export function smallestFargateSizeFor(vcpus: number, memoryMiB: number): { vcpus: number; memoryMiB: number } | undefined {
  for (const size of FARGATE_SIZES) {
    if (size.vcpus < vcpus) continue;
    const memory = fargateMemoryOptionsMiB(size.vcpus).find(m => m >= memoryMiB);
    if (memory !== undefined) return { vcpus: size.vcpus, memoryMiB: memory };
  }
  return undefined;
}
