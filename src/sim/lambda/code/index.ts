/**
 * Running a function's own code: where it is (locate.ts), which runtime runs it (Node.js in-process,
 * node-environment.ts; Python in a child process, python-environment.ts), and the execution environment Lambda gives
 * it (reserved environment variables, the execution role's credentials, SDK calls answered by the simulator).
 */
import { AssetIndex, FunctionCode, locateCode } from './locate';
import { NodeEnvironment, nodeUnsupportedReason, TASK_ROOT } from './node-environment';
import { PythonEnvironment, pythonUnavailableReason } from './python-environment';
import type { FunctionCodeSupport, SimContext, TemplateResource } from '../../runtime';
import type { LambdaContext } from '../context';
import type { FunctionConfig } from '../function';

/** What finding and starting code costs once per simulation: the assets manifests, the probe for python3 and boto3. */
export class CodeSources {
  public readonly assets: AssetIndex;
  private python?: { readonly reason?: string };

  constructor(assemblyDirs: readonly string[]) {
    this.assets = new AssetIndex(assemblyDirs);
  }

  /** Why Python handlers cannot run here, probed on the first Python function (it starts a python3 process). */
  public pythonUnavailable(): string | undefined {
    this.python ??= { reason: pythonUnavailableReason() };
    return this.python.reason;
  }
}

/** A function's code, ready to run: one warm execution environment at a time. */
export interface CodeRunner {
  /** `nodejs24.x from asset.<hash>` / `python3.13 inline`: what runs, for messages. */
  readonly description: string;
  /** Runs one invocation (the init phase first when cold); rejects with the function's error. */
  invoke(event: unknown, context: LambdaContext): Promise<unknown>;
  /** Drops the warm environment: the next invocation is a cold start. */
  reset(): void;
  /** The log lines of invocation `requestId` (as CloudWatch Logs shows them), handed over once when it ends. */
  takeLogs(requestId: string): readonly string[];
}

/** The function's code runner, or why its code cannot run (`runCode: false`, another runtime, no code found). */
export function codeRunner(ctx: SimContext, support: FunctionCodeSupport, config: FunctionConfig, resource: TemplateResource,
  sources: CodeSources): { readonly runner?: CodeRunner; readonly reason: string } {
  if (!support.runCode) return { reason: 'the simulator was created with runCode: false' };
  const code = locateCode(resource, sources.assets);
  if (code.location.kind === 'unavailable') return { reason: code.location.reason };
  const runtime = code.runtime ?? '';
  const where = code.location.kind === 'inline' ? 'inline code' : `code from ${code.location.dir}`;
  const description = `${runtime} ${where}`;
  const roleArn = config.roleArn ?? `arn:${ctx.env.partition}:iam::${ctx.env.account}:root`;
  // Lines of invocations in progress, for LogType Tail: taken (and dropped) by the function when each one ends.
  const lines = new Map<string, string[]>();
  const log = (requestId: string | undefined, level: string, message: string) => {
    ctx.trace.record('lambda', config.logicalId, 'log', { ...(requestId ? { requestId } : {}), level, message });
    if (requestId === undefined) return;
    const own = lines.get(requestId) ?? [];
    own.push(`${new Date(ctx.clock.now()).toISOString()}\t${requestId}\t${level}\t${message}`);
    lines.set(requestId, own);
  };
  const takeLogs = (requestId: string) => {
    const own = lines.get(requestId) ?? [];
    lines.delete(requestId);
    return own;
  };
  const timeoutMessage = (requestId: string) => `RequestId: ${requestId} Error: Task timed out after ${config.timeoutSeconds.toFixed(2)} seconds`;
  if (runtime.startsWith('nodejs')) {
    const unsupported = nodeUnsupportedReason(code);
    if (unsupported) return { reason: unsupported };
    let environment: NodeEnvironment | undefined;
    return {
      reason: '',
      runner: {
        description,
        invoke: (event, context) => {
          if (!environment) {
            ctx.trace.record('lambda', config.logicalId, 'environment-started', { runtime, code: where });
            environment = new NodeEnvironment({
              code,
              env: lambdaEnvironment(ctx, support, config, code, context.logStreamName, roleArn),
              sdkConfig: () => support.clientConfig(roleArn),
              now: () => ctx.clock.now(),
              log,
            });
          }
          return environment.invoke(event, context, config.timeoutSeconds * 1000, timeoutMessage(context.awsRequestId));
        },
        reset: () => {
          environment = undefined;
        },
        takeLogs,
      },
    };
  }
  if (runtime.startsWith('python')) {
    const unsupported = sources.pythonUnavailable();
    if (unsupported) return { reason: unsupported };
    const python = new PythonEnvironment(code, log);
    let started = false;
    return {
      reason: '',
      runner: {
        description,
        invoke: async (event, context) => {
          if (!started) {
            ctx.trace.record('lambda', config.logicalId, 'environment-started', { runtime, code: where });
            started = true;
          }
          const endpoint = await support.endpointForProcesses();
          const env = { ...lambdaEnvironment(ctx, support, config, code, context.logStreamName, roleArn), AWS_ENDPOINT_URL: endpoint };
          return python.invoke(event, context, env, config.timeoutSeconds * 1000, timeoutMessage(context.awsRequestId));
        },
        reset: () => {
          started = false;
        },
        takeLogs,
      },
    };
  }
  return { reason: `the ${runtime || 'unknown'} runtime is not run by the simulator (Node.js and Python handlers are)` };
}

/**
 * The environment variables Lambda sets (Defined runtime environment variables), over the function's own: the
 * reserved ones cannot be set by the function, so the runtime's values win. The credentials are the execution role's,
 * issued by the simulator; `AWS_ENDPOINT_URL` (not a Lambda variable) points SDKs the simulator cannot route
 * in-process (one bundled into the code, another language's) at the simulator instead of AWS.
 */
function lambdaEnvironment(ctx: SimContext, support: FunctionCodeSupport, config: FunctionConfig, code: FunctionCode, logStreamName: string,
  roleArn: string): Record<string, string> {
  const credentials = support.credentialsFor(roleArn);
  const region = ctx.env.region;
  return {
    PATH: '/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    ...config.environment,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${code.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: config.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: config.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { AWS_SESSION_TOKEN: credentials.sessionToken } : {}),
    AWS_ENDPOINT_URL: 'https://aws.simulator.invalid',
    _HANDLER: code.handler ?? '',
    LAMBDA_TASK_ROOT: code.location.kind === 'directory' ? code.location.dir : TASK_ROOT,
    LAMBDA_RUNTIME_DIR: '/var/runtime',
  };
}
