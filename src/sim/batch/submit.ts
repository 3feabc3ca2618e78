/**
 * SubmitJob's input checked and merged with the job definition as Batch does (API Reference, SubmitJob; User Guide,
 * "Job definition parameters"): SubmitJob parameters override the definition's defaults, and every command element
 * that is exactly `Ref::name` is replaced by parameter `name` (an element whose parameter is not set stays as it is);
 * containerOverrides replace the command, add to or override the environment and override the resource requirements;
 * a SubmitJob retryStrategy or timeout replaces the definition's. Bad input is a ClientException and submits nothing.
 */
import { clientException } from './errors';
import { JobDependency, JobSpec } from './job';
import { fargateSizeMessage, readResourceRequirements, resourceProblem } from './resource-rules';
import { JobDefinitionModel, JobQueueModel, MIN_TIMEOUT_SECONDS, readRetryStrategy } from './resources';

/** SDK v3 `SubmitJobCommandInput` (the fields the simulator reads). */
export interface SubmitJobInput {
  readonly jobName: string;
  readonly jobQueue?: string;
  readonly jobDefinition: string;
  readonly parameters?: Record<string, string>;
  readonly containerOverrides?: {
    readonly command?: string[];
    readonly environment?: { name?: string; value?: string }[];
    readonly resourceRequirements?: { type?: string; value?: string }[];
    readonly vcpus?: number;
    readonly memory?: number;
  };
  readonly arrayProperties?: { readonly size?: number };
  readonly dependsOn?: JobDependency[];
  readonly retryStrategy?: { attempts?: number; evaluateOnExit?: any[] };
  readonly timeout?: { attemptDurationSeconds?: number };
  readonly tags?: Record<string, string>;
  readonly propagateTags?: boolean;
}

/** Batch's limits: array sizes 2-10,000, at most 20 dependencies, job names of 1-128 characters. */
export const MIN_ARRAY_SIZE = 2;
export const MAX_ARRAY_SIZE = 10_000;
export const MAX_DEPENDENCIES = 20;
const JOB_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** Fields of SubmitJob the simulator does not model: refused with a message rather than silently ignored. */
const NOT_SIMULATED = ['nodeOverrides', 'eksPropertiesOverride', 'ecsPropertiesOverride', 'consumableResourcePropertiesOverride'];

export function buildJobSpec(input: SubmitJobInput, queue: JobQueueModel, definition: JobDefinitionModel): JobSpec {
  if (typeof input.jobName !== 'string' || !JOB_NAME.test(input.jobName)) {
    throw clientException(`Job name ${JSON.stringify(input.jobName)} is not valid: it must be 1-128 letters, numbers, hyphens and underscores, starting with a letter or number.`);
  }
  for (const field of NOT_SIMULATED) {
    if ((input as unknown as Record<string, unknown>)[field] !== undefined) throw clientException(`${field} is not simulated (the simulator runs container jobs only).`);
  }
  const parameters = mergeParameters(definition.parameters, input.parameters);
  const overrides = input.containerOverrides ?? {};
  const baseCommand = overrides.command ?? definition.command;
  if (!Array.isArray(baseCommand) || baseCommand.some(c => typeof c !== 'string')) throw clientException('containerOverrides.command must be a list of strings.');
  const command = baseCommand.map(part => (part.startsWith('Ref::') && parameters[part.slice(5)] !== undefined ? parameters[part.slice(5)] : part));

  const environment: Record<string, string> = { ...definition.environment };
  for (const e of overrides.environment ?? []) {
    const name = String(e?.name ?? '');
    if (name.startsWith('AWS_BATCH')) throw clientException(`Environment variable names starting with AWS_BATCH are reserved for variables set by AWS Batch (${name}).`);
    environment[name] = String(e?.value ?? '');
  }

  const override = readResourceRequirements(overrides.resourceRequirements);
  const resources = {
    vcpus: override.vcpus ?? overrides.vcpus ?? definition.resources.vcpus ?? 1,
    memoryMiB: override.memoryMiB ?? overrides.memory ?? definition.resources.memoryMiB ?? 0,
    gpus: override.gpus ?? definition.resources.gpus ?? 0,
  };
  if (overrides.resourceRequirements !== undefined || overrides.vcpus !== undefined || overrides.memory !== undefined) {
    const problem = resourceProblem(definition.platform, resources);
    if (problem) throw clientException(definition.platform === 'FARGATE' && !problem.startsWith('GPU') ? fargateSizeMessage(resources.vcpus, resources.memoryMiB) : problem);
  }
  const resourceRequirements = [
    { type: 'VCPU', value: String(resources.vcpus) },
    { type: 'MEMORY', value: String(resources.memoryMiB) },
    ...(resources.gpus > 0 ? [{ type: 'GPU', value: String(resources.gpus) }] : []),
  ];

  const retryStrategy = input.retryStrategy === undefined ? definition.retryStrategy : readRetryStrategy(input.retryStrategy, clientException);
  let attemptDurationSeconds = definition.attemptDurationSeconds;
  if (input.timeout?.attemptDurationSeconds !== undefined) {
    attemptDurationSeconds = Number(input.timeout.attemptDurationSeconds);
    if (!Number.isInteger(attemptDurationSeconds) || attemptDurationSeconds < MIN_TIMEOUT_SECONDS) {
      throw clientException(`The timeout must be at least ${MIN_TIMEOUT_SECONDS} seconds (got ${input.timeout.attemptDurationSeconds}).`);
    }
  }

  const arraySize = input.arrayProperties?.size;
  if (arraySize !== undefined && (!Number.isInteger(arraySize) || arraySize < MIN_ARRAY_SIZE || arraySize > MAX_ARRAY_SIZE)) {
    throw clientException(`Array job size must be between ${MIN_ARRAY_SIZE} and ${MAX_ARRAY_SIZE} (got ${arraySize}).`);
  }
  const dependsOn = checkDependencies(input.dependsOn ?? [], arraySize);
  return {
    name: input.jobName,
    queue,
    definition,
    parameters,
    command,
    environment,
    resources,
    resourceRequirements,
    retryStrategy,
    attemptDurationSeconds,
    dependsOn,
    arraySize,
    tags: input.tags,
  };
}

function mergeParameters(defaults: Readonly<Record<string, string>>, given: unknown): Record<string, string> {
  if (given === undefined) return { ...defaults };
  if (given === null || typeof given !== 'object' || Array.isArray(given)) throw clientException('parameters must be a map of string keys to string values.');
  const out: Record<string, string> = { ...defaults };
  for (const [key, value] of Object.entries(given)) {
    if (typeof value !== 'string') throw clientException(`The value of parameter ${key} must be a string (got ${value === null ? 'null' : typeof value}).`);
    out[key] = value;
  }
  return out;
}

/** SEQUENTIAL takes no job id and needs an array job; N_TO_N needs a job id and an array job (User Guide, "Job dependencies"). */
function checkDependencies(list: JobDependency[], arraySize: number | undefined): JobDependency[] {
  if (!Array.isArray(list)) throw clientException('dependsOn must be a list of job dependencies.');
  if (list.length > MAX_DEPENDENCIES) throw clientException(`A job can depend upon a maximum of ${MAX_DEPENDENCIES} jobs (got ${list.length}).`);
  for (const d of list) {
    if (d.type !== undefined && d.type !== 'N_TO_N' && d.type !== 'SEQUENTIAL') throw clientException(`Dependency type ${d.type} is not valid (N_TO_N or SEQUENTIAL).`);
    if ((d.type === 'N_TO_N' || d.type === 'SEQUENTIAL') && arraySize === undefined) {
      throw clientException(`A ${d.type} dependency is only valid for array jobs.`);
    }
    if (d.type === 'SEQUENTIAL' && d.jobId !== undefined) throw clientException('A SEQUENTIAL dependency must not name a job id.');
    if (d.type !== 'SEQUENTIAL' && typeof d.jobId !== 'string') throw clientException('A job dependency must name a job id.');
  }
  return list.map(d => ({ ...d }));
}
