/**
 * The Batch resources as the template declares them: compute environments (capacity in vCPUs), job queues (priority
 * and compute environment order) and job definitions (container command, environment, resources, retry strategy,
 * timeout). A job definition AWS would not register fails the load with RegisterJobDefinition's ClientException.
 */
import { registerError } from './errors';
import { ContainerResources, Platform, readResourceRequirements, resourceProblem } from './resource-rules';
import { TemplateLoadError } from '../kernel';
import { TemplateResource } from '../runtime';
import { optionalInteger, optionalList, optionalNumber, optionalString, schemaError } from '../template/properties';

export interface ComputeEnvironment {
  readonly logicalId: string;
  readonly arn: string;
  readonly name: string;
  readonly platform: Platform;
  /** `FARGATE`, `FARGATE_SPOT`, `EC2`, `SPOT` (managed) or `UNMANAGED`. */
  readonly type: string;
  readonly enabled: boolean;
  /** The most vCPUs its jobs may use at once (MaxvCpus, or UnmanagedvCpus for an unmanaged environment). */
  readonly maxvCpus: number;
  /** EC2: the instance types or families it launches (`optimal` when not given). */
  readonly instanceTypes: readonly string[];
  /** vCPUs of the jobs running on it now. */
  usedVcpus: number;
}

/** A JobStateTimeLimitActions entry: cancel a job that stayed RUNNABLE for `maxTimeSeconds` with `reason`. */
export interface StateTimeLimitAction {
  readonly reason: string;
  readonly maxTimeSeconds: number;
  readonly action: string;
}

export interface JobQueueModel {
  readonly logicalId: string;
  readonly arn: string;
  readonly name: string;
  /** Higher values are scheduled first when queues share compute environments. */
  readonly priority: number;
  readonly enabled: boolean;
  /** ARNs in ComputeEnvironmentOrder order, resolved to environments when the service links. */
  readonly environmentArns: readonly string[];
  environments: ComputeEnvironment[];
  readonly timeLimitActions: readonly StateTimeLimitAction[];
}

export interface EvaluateOnExit {
  readonly action: 'RETRY' | 'EXIT';
  readonly onStatusReason?: string;
  readonly onReason?: string;
  readonly onExitCode?: string;
}

export interface RetryStrategy {
  readonly attempts: number;
  readonly evaluateOnExit: readonly EvaluateOnExit[];
}

export interface JobDefinitionModel {
  readonly logicalId: string;
  readonly arn: string;
  readonly name: string;
  readonly revision: number;
  readonly platform: Platform;
  readonly image?: string;
  readonly command: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  readonly parameters: Readonly<Record<string, string>>;
  readonly resources: ContainerResources;
  /** The definition's resourceRequirements in the API's shape, for DescribeJobs. */
  readonly resourceRequirements: readonly { type: string; value: string }[];
  readonly retryStrategy?: RetryStrategy;
  readonly attemptDurationSeconds?: number;
  readonly jobRoleArn?: string;
  readonly executionRoleArn?: string;
  readonly propagateTags: boolean;
}

/** Batch's limits: 1-10 attempts, up to 5 EvaluateOnExit conditions, a timeout of at least 60 seconds. */
export const MAX_ATTEMPTS = 10;
export const MAX_EVALUATE_ON_EXIT = 5;
export const MIN_TIMEOUT_SECONDS = 60;

export function readComputeEnvironment(r: TemplateResource, report: (reason: string) => void): ComputeEnvironment {
  const p = r.properties;
  const managed = String(p.Type ?? 'MANAGED').toUpperCase() === 'MANAGED';
  const enabled = String(p.State ?? 'ENABLED').toUpperCase() !== 'DISABLED';
  const name = r.ref.split('/').pop() ?? r.logicalId;
  if (!managed) {
    const unmanaged = optionalInteger(r.logicalId, 'UnmanagedvCpus', p.UnmanagedvCpus, 0, Number.MAX_SAFE_INTEGER);
    report('an unmanaged compute environment runs on instances you register: the simulator models its capacity as UnmanagedvCpus'
      + (unmanaged === undefined ? ' (not set: 0 vCPUs, so no job is placed)' : ''));
    return { logicalId: r.logicalId, arn: r.ref, name, platform: 'EC2', type: 'UNMANAGED', enabled, maxvCpus: unmanaged ?? 0, instanceTypes: [], usedVcpus: 0 };
  }
  const cr = p.ComputeResources ?? {};
  const type = String(cr.Type ?? '').toUpperCase();
  if (!['FARGATE', 'FARGATE_SPOT', 'EC2', 'SPOT'].includes(type)) {
    throw schemaError(r.logicalId, 'ComputeResources/Type', `${cr.Type} is not a valid enum value (EC2, SPOT, FARGATE, FARGATE_SPOT)`);
  }
  const maxvCpus = optionalInteger(r.logicalId, 'ComputeResources/MaxvCpus', cr.MaxvCpus, 0, Number.MAX_SAFE_INTEGER);
  if (maxvCpus === undefined) throw schemaError(r.logicalId, 'ComputeResources', 'required key [MaxvCpus] not found');
  if (type === 'SPOT' || type === 'FARGATE_SPOT') report(`${type}: Spot capacity is simulated as always available (no interruptions)`);
  const instanceTypes = (optionalList(r.logicalId, 'ComputeResources/InstanceTypes', cr.InstanceTypes) ?? ['optimal']).map(String);
  return {
    logicalId: r.logicalId, arn: r.ref, name, platform: type.startsWith('FARGATE') ? 'FARGATE' : 'EC2', type, enabled, maxvCpus, instanceTypes, usedVcpus: 0,
  };
}

export function readJobQueue(r: TemplateResource, report: (reason: string) => void): JobQueueModel {
  const p = r.properties;
  const priority = optionalInteger(r.logicalId, 'Priority', p.Priority, 0, 1000);
  if (priority === undefined) throw schemaError(r.logicalId, '', 'required key [Priority] not found');
  const order = (optionalList(r.logicalId, 'ComputeEnvironmentOrder', p.ComputeEnvironmentOrder) ?? [])
    .map((e: any) => ({ arn: String(e?.ComputeEnvironment), order: Number(e?.Order) }))
    .sort((a, b) => a.order - b.order);
  if (p.SchedulingPolicyArn !== undefined) report('SchedulingPolicyArn: fair-share scheduling is not simulated; jobs are placed first in, first out');
  const timeLimitActions = (optionalList(r.logicalId, 'JobStateTimeLimitActions', p.JobStateTimeLimitActions) ?? []).map((a: any) => ({
    reason: String(a?.Reason), maxTimeSeconds: Number(a?.MaxTimeSeconds), action: String(a?.Action ?? 'CANCEL').toUpperCase(),
  }));
  return {
    logicalId: r.logicalId,
    arn: r.ref,
    name: r.ref.split('/').pop() ?? r.logicalId,
    priority,
    enabled: String(p.State ?? 'ENABLED').toUpperCase() !== 'DISABLED',
    environmentArns: order.map(o => o.arn),
    environments: [],
    timeLimitActions,
  };
}

export function readJobDefinition(r: TemplateResource, report: (reason: string) => void): JobDefinitionModel {
  const p = r.properties;
  const id = r.logicalId;
  const type = String(p.Type ?? '').toLowerCase();
  if (type !== 'container') {
    report(`Type ${p.Type}: only container job definitions are simulated (multi-node parallel jobs are not)`);
  }
  if (p.EcsProperties !== undefined || p.EksProperties !== undefined) report('EcsProperties/EksProperties: only ContainerProperties are simulated');
  const capabilities = (optionalList(id, 'PlatformCapabilities', p.PlatformCapabilities) ?? ['EC2']).map(c => String(c).toUpperCase());
  const platform: Platform = capabilities.includes('FARGATE') ? 'FARGATE' : 'EC2';
  const c = p.ContainerProperties ?? {};
  const requirements = readResourceRequirements(c.ResourceRequirements);
  const legacy = { vcpus: optionalNumber(id, 'ContainerProperties/Vcpus', c.Vcpus), memoryMiB: optionalNumber(id, 'ContainerProperties/Memory', c.Memory) };
  if (platform === 'FARGATE' && (legacy.vcpus !== undefined || legacy.memoryMiB !== undefined)) {
    throw registerError(id, 'Vcpus and Memory are not supported for Fargate resources; use resourceRequirements (VCPU, MEMORY).');
  }
  const resources: ContainerResources = {
    vcpus: requirements.vcpus ?? legacy.vcpus, memoryMiB: requirements.memoryMiB ?? legacy.memoryMiB, gpus: requirements.gpus,
  };
  if (type === 'container') {
    const problem = resourceProblem(platform, resources);
    if (problem) throw registerError(id, problem);
  }
  const attemptDurationSeconds = optionalInteger(id, 'Timeout/AttemptDurationSeconds', p.Timeout?.AttemptDurationSeconds, 0, Number.MAX_SAFE_INTEGER);
  if (attemptDurationSeconds !== undefined && attemptDurationSeconds < MIN_TIMEOUT_SECONDS) {
    throw registerError(id, `The timeout must be at least ${MIN_TIMEOUT_SECONDS} seconds (got ${attemptDurationSeconds}).`);
  }
  const environment: Record<string, string> = {};
  for (const e of optionalList(id, 'ContainerProperties/Environment', c.Environment) ?? []) {
    environment[String((e as any)?.Name)] = String((e as any)?.Value ?? '');
  }
  const parameters: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.Parameters ?? {})) parameters[k] = String(v);
  const [name, revision] = definitionNameOf(r.ref);
  for (const feature of ['Volumes', 'MountPoints', 'Secrets', 'LinuxParameters', 'Ulimits', 'RepositoryCredentials']) {
    if (c[feature] !== undefined) report(`ContainerProperties/${feature}: not simulated (the job handler stands in for the container)`);
  }
  return {
    logicalId: id,
    arn: r.ref,
    name,
    revision,
    platform,
    image: optionalString(id, 'ContainerProperties/Image', c.Image),
    command: (optionalList(id, 'ContainerProperties/Command', c.Command) ?? []).map(String),
    environment,
    parameters,
    resources,
    resourceRequirements: (Array.isArray(c.ResourceRequirements) ? c.ResourceRequirements : [])
      .map((e: any) => ({ type: String(e.Type), value: String(e.Value) })),
    retryStrategy: p.RetryStrategy === undefined ? undefined : readRetryStrategy(p.RetryStrategy, message => registerError(id, message)),
    attemptDurationSeconds,
    jobRoleArn: optionalString(id, 'ContainerProperties/JobRoleArn', c.JobRoleArn),
    executionRoleArn: optionalString(id, 'ContainerProperties/ExecutionRoleArn', c.ExecutionRoleArn),
    propagateTags: String(p.PropagateTags ?? 'false').toLowerCase() === 'true',
  };
}

/** A retry strategy in either the template's (`Attempts`) or the API's (`attempts`) casing. */
export function readRetryStrategy(raw: any, fail: (message: string) => Error | TemplateLoadError): RetryStrategy {
  const attempts = Number(raw?.Attempts ?? raw?.attempts ?? 1);
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > MAX_ATTEMPTS) {
    throw fail(`The retry strategy attempts must be between 1 and ${MAX_ATTEMPTS} (got ${raw?.Attempts ?? raw?.attempts}).`);
  }
  const list: any[] = raw?.EvaluateOnExit ?? raw?.evaluateOnExit ?? [];
  if (list.length > MAX_EVALUATE_ON_EXIT) throw fail(`evaluateOnExit can contain at most ${MAX_EVALUATE_ON_EXIT} conditions (got ${list.length}).`);
  const evaluateOnExit = list.map(e => {
    const action = String(e?.Action ?? e?.action ?? '').toUpperCase();
    if (action !== 'RETRY' && action !== 'EXIT') throw fail(`evaluateOnExit action must be RETRY or EXIT (got ${e?.Action ?? e?.action}).`);
    const pick = (a: string, b: string) => (e?.[a] ?? e?.[b]) === undefined ? undefined : String(e[a] ?? e[b]);
    return {
      action, onStatusReason: pick('OnStatusReason', 'onStatusReason'), onReason: pick('OnReason', 'onReason'), onExitCode: pick('OnExitCode', 'onExitCode'),
    } as EvaluateOnExit;
  });
  return { attempts, evaluateOnExit };
}

/** `arn:...:job-definition/name:3` -> ['name', 3]. */
export function definitionNameOf(arn: string): [string, number] {
  const tail = arn.split('/').pop() ?? arn;
  const colon = tail.lastIndexOf(':');
  return colon < 0 ? [tail, 1] : [tail.slice(0, colon), Number(tail.slice(colon + 1))];
}
