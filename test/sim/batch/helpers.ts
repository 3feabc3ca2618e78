import { Simulator, SimulatorOptions } from '../../../src/sim';

export interface EnvironmentSpec {
  readonly type?: string;
  readonly maxvCpus?: number;
  readonly state?: string;
  readonly instanceTypes?: string[];
}

export interface QueueSpec {
  readonly priority?: number;
  readonly environments?: string[];
  readonly timeLimitActions?: { Action: string; MaxTimeSeconds: number; Reason: string; State: string }[];
}

export interface DefinitionSpec {
  readonly platform?: 'FARGATE' | 'EC2';
  readonly vcpus?: string;
  readonly memory?: string;
  readonly gpus?: string;
  readonly command?: string[];
  readonly environment?: Record<string, string>;
  readonly parameters?: Record<string, string>;
  readonly retryStrategy?: Record<string, unknown>;
  readonly timeoutSeconds?: number;
  readonly legacy?: Record<string, unknown>;
}

/** A template of Batch resources: compute environments `CE<name>`, queues `Q<name>`, definitions `Def<name>`. */
export function batchTemplate(spec: {
  environments?: Record<string, EnvironmentSpec>;
  queues?: Record<string, QueueSpec>;
  definitions?: Record<string, DefinitionSpec>;
} = {}): object {
  const environments = spec.environments ?? { Main: {} };
  const queues = spec.queues ?? { Main: {} };
  const definitions = spec.definitions ?? { Main: {} };
  const Resources: Record<string, unknown> = {};
  for (const [name, e] of Object.entries(environments)) {
    Resources[`CE${name}`] = {
      Type: 'AWS::Batch::ComputeEnvironment',
      Properties: {
        Type: 'managed',
        State: e.state ?? 'ENABLED',
        ComputeEnvironmentName: `ce-${name.toLowerCase()}`,
        ComputeResources: {
          Type: e.type ?? 'FARGATE',
          MaxvCpus: e.maxvCpus ?? 4,
          Subnets: ['subnet-1'],
          ...(e.instanceTypes ? { InstanceTypes: e.instanceTypes } : {}),
        },
      },
    };
  }
  for (const [name, q] of Object.entries(queues)) {
    Resources[`Q${name}`] = {
      Type: 'AWS::Batch::JobQueue',
      Properties: {
        JobQueueName: `queue-${name.toLowerCase()}`,
        Priority: q.priority ?? 1,
        State: 'ENABLED',
        ComputeEnvironmentOrder: (q.environments ?? Object.keys(environments).slice(0, 1)).map((ce, i) => ({
          ComputeEnvironment: { Ref: `CE${ce}` }, Order: i + 1,
        })),
        ...(q.timeLimitActions ? { JobStateTimeLimitActions: q.timeLimitActions } : {}),
      },
    };
  }
  for (const [name, d] of Object.entries(definitions)) {
    const platform = d.platform ?? 'FARGATE';
    Resources[`Def${name}`] = {
      Type: 'AWS::Batch::JobDefinition',
      Properties: {
        Type: 'container',
        JobDefinitionName: `def-${name.toLowerCase()}`,
        PlatformCapabilities: [platform],
        ...(d.parameters ? { Parameters: d.parameters } : {}),
        ContainerProperties: {
          Image: 'public.ecr.aws/amazonlinux/amazonlinux:2023',
          Command: d.command ?? ['echo', 'hello'],
          Environment: Object.entries(d.environment ?? {}).map(([Name, Value]) => ({ Name, Value })),
          ...(d.legacy ?? {
            ResourceRequirements: [
              { Type: 'VCPU', Value: d.vcpus ?? '1' },
              { Type: 'MEMORY', Value: d.memory ?? '2048' },
              ...(d.gpus ? [{ Type: 'GPU', Value: d.gpus }] : []),
            ],
          }),
        },
        ...(d.retryStrategy ? { RetryStrategy: d.retryStrategy } : {}),
        ...(d.timeoutSeconds !== undefined ? { Timeout: { AttemptDurationSeconds: d.timeoutSeconds } } : {}),
      },
    };
  }
  return { Resources };
}

export function batchSim(spec: Parameters<typeof batchTemplate>[0] = {}, options: SimulatorOptions = {}): Simulator {
  return Simulator.fromTemplate(batchTemplate(spec), options);
}

/** The status sequence of a job from the trace. */
export function statusesOf(sim: Simulator, jobId: string): string[] {
  const changes = sim.trace.filter({ type: 'job-status-changed' }).filter(e => e.detail.jobId === jobId);
  return changes.length === 0 ? [] : [changes[0].detail.from, ...changes.map(e => e.detail.to)];
}
