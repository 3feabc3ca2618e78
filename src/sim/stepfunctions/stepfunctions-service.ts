/**
 * The Step Functions simulator: AWS::StepFunctions::StateMachine (definition validated when the template loads),
 * executions as fibers on the virtual clock, the Step Functions API (ServiceApi, the handles), task-token callbacks,
 * and the AWS/States execution metrics alarms read.
 */
import {
  executionAlreadyExists, executionDoesNotExist, executionNotRedrivable, invalidArn, invalidExecutionInput, invalidName, stateMachineDoesNotExist,
  typeNotSupported,
} from './api-errors';
import { AwsError, virtualDeferred } from '../kernel';
import { CallerIdentity, ServiceApi, SimContext, SimService, StateMachineMetrics, TemplateResource } from '../runtime';
import { stepFunctionsPermissions } from './authorization';
import { loadStateMachine, StateMachineModel } from './definition/load';
import type { MachineRuntime } from './execution/env';
import { Execution, ExecutionStatus } from './execution/execution';
import type { HistoryEvent } from './execution/history';
import { TaskTokens } from './execution/task-tokens';
import {
  DescribeExecutionOutput, ExecutionListItem, StartExecutionInput, StartExecutionOutput, StartSyncExecutionOutput, StateMachineHandle,
  StateMachineOperations, StepFunctionsApi,
} from './handle';
import { Integrations } from './integrations';
import type { Json } from './paths/jsonpath';
import { accessDeniedException, authorizeApiCall } from '../iam/api-authorization';
import { ResponseMetadata, responseMetadata } from '../kernel/api-dispatch';
import { parseArn } from '../kernel/arn';

/** StartExecution input is limited to 256 KiB of UTF-8 ("Step Functions service quotas"). */
const MAX_INPUT_BYTES = 256 * 1024;
/** Executions can be redriven within 14 days of their end ("Redriving executions"). */
const REDRIVE_WINDOW_MS = 14 * 24 * 3600 * 1000;
const METRICS = ['ExecutionsStarted', 'ExecutionsSucceeded', 'ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted'] as const;
type MetricName = typeof METRICS[number];

const API_ACTIONS = [
  'StartExecution', 'StartSyncExecution', 'DescribeExecution', 'GetExecutionHistory', 'StopExecution', 'ListExecutions', 'RedriveExecution',
  'SendTaskSuccess', 'SendTaskFailure', 'SendTaskHeartbeat', 'DescribeStateMachine',
];

interface SimStateMachine {
  readonly model: StateMachineModel;
  readonly runtime: MachineRuntime;
  readonly executions: Execution[];
  readonly counters: Record<MetricName, number>;
  readonly listeners: Array<() => void>;
}

export class StepFunctionsService implements SimService, ServiceApi, StateMachineOperations, StateMachineMetrics {
  public readonly resourceTypes = ['AWS::StepFunctions::StateMachine', 'AWS::StepFunctions::Activity'] as const;
  public readonly actions: readonly string[] = API_ACTIONS;

  private readonly machines = new Map<string, SimStateMachine>();
  private readonly byArn = new Map<string, SimStateMachine>();
  private readonly executions = new Map<string, Execution>();
  private readonly handles = new Map<string, StateMachineHandle>();
  private readonly tokens: TaskTokens;
  private readonly integrations: Integrations;
  private apiHandle?: StepFunctionsApi;

  constructor(private readonly ctx: SimContext) {
    this.tokens = new TaskTokens(ctx.ids);
    this.integrations = new Integrations(ctx, { whenExecutionEnds: arn => this.whenEnded(arn) });
  }

  public create(resource: TemplateResource): void {
    if (resource.type === 'AWS::StepFunctions::Activity') {
      this.ctx.reportUnsupported(resource.logicalId, resource.type, 'activities are not simulated: no worker polls them (GetActivityTask)');
      return;
    }
    const model = loadStateMachine(resource, this.ctx);
    const runtime: MachineRuntime = {
      ...model.runtimeParts,
      ctx: this.ctx,
      tasks: this.integrations,
      tokens: this.tokens,
      observe: this.ctx.trace.isEnabled ? (run, outcome) => {
        this.ctx.trace.record('stepfunctions', model.logicalId, 'state-run', {
          executionArn: run.env.execution.arn,
          state: run.name,
          stateType: String(run.state.Type),
          inspection: { ...run.inspection },
          ...(outcome.next !== undefined ? { next: outcome.next } : {}),
          ...(outcome.error ? { error: outcome.error.error, cause: outcome.error.cause } : {}),
          ...(run.retryCount > 0 ? { retries: run.retryCount } : {}),
        });
      } : undefined,
    };
    const machine: SimStateMachine = {
      model,
      runtime,
      executions: [],
      listeners: [],
      counters: { ExecutionsStarted: 0, ExecutionsSucceeded: 0, ExecutionsFailed: 0, ExecutionsTimedOut: 0, ExecutionsAborted: 0 },
    };
    this.machines.set(resource.logicalId, machine);
    this.byArn.set(model.arn, machine);
  }

  public handle(accessor: string, logicalId: string): unknown {
    if (accessor === 'stepFunctions') return this.api;
    this.machine(logicalId);
    let h = this.handles.get(logicalId);
    if (!h) {
      h = new StateMachineHandle(logicalId, this);
      this.handles.set(logicalId, h);
    }
    return h;
  }

  /** `sim.stepFunctions`. */
  public get api(): StepFunctionsApi {
    this.apiHandle ??= new StepFunctionsApi({
      metadata: () => this.metadata(),
      sendTaskSuccess: i => this.callback('SendTaskSuccess', this.tokens.succeed(i.taskToken, i.output)),
      sendTaskFailure: i => this.callback('SendTaskFailure', this.tokens.fail(i.taskToken, i.error, i.cause)),
      sendTaskHeartbeat: i => this.callback('SendTaskHeartbeat', this.tokens.heartbeat(i.taskToken)),
    });
    return this.apiHandle;
  }

  private callback(action: 'SendTaskSuccess' | 'SendTaskFailure' | 'SendTaskHeartbeat', executionArn: string): void {
    const machine = this.executions.get(executionArn)?.machine.logicalId ?? 'stepfunctions';
    this.ctx.trace.record('stepfunctions', machine, 'task-callback', { action, executionArn });
  }

  // ---- StateMachineOperations (handles) ---------------------------------------------------------------------

  public metadata(): ResponseMetadata {
    return responseMetadata(this.ctx.ids);
  }

  public arnOf(logicalId: string): string {
    return this.machine(logicalId).model.arn;
  }

  public syncWait<T>(work: Promise<T>, label: string): Promise<T> {
    const d = virtualDeferred<T>(this.ctx.clock, { label });
    work.then(v => d.resolve(v), e => d.reject(e));
    return d.promise;
  }

  public startExecution(logicalId: string, input: StartExecutionInput): StartExecutionOutput {
    const execution = this.start(this.machine(logicalId), input);
    return { executionArn: execution.arn, startDate: new Date(execution.startDate.getTime()) };
  }

  public startSyncExecution(logicalId: string, input: StartExecutionInput): Promise<StartSyncExecutionOutput> {
    const machine = this.machine(logicalId);
    if (machine.model.type !== 'EXPRESS') {
      return Promise.reject(typeNotSupported(`This operation is not supported by this type of state machine: StartSyncExecution requires an EXPRESS state machine; ${machine.model.arn} is STANDARD`));
    }
    let execution: Execution;
    try {
      execution = this.start(machine, input);
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise(resolve => execution.whenEnded(() => {
      const d = this.describe(execution);
      resolve({
        executionArn: d.executionArn,
        stateMachineArn: d.stateMachineArn,
        name: d.name,
        status: d.status as StartSyncExecutionOutput['status'],
        input: d.input,
        ...(d.output !== undefined ? { output: d.output } : {}),
        ...(d.error !== undefined ? { error: d.error } : {}),
        ...(d.cause !== undefined ? { cause: d.cause } : {}),
        startDate: d.startDate,
        stopDate: d.stopDate!,
        billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: billedMs(d.stopDate!.getTime() - d.startDate.getTime()) },
      });
    }));
  }

  public describeExecution(executionArn: string): DescribeExecutionOutput {
    return this.describe(this.execution(executionArn));
  }

  public whenEnded(executionArn: string): Promise<DescribeExecutionOutput> {
    const execution = this.execution(executionArn);
    return new Promise(resolve => execution.whenEnded(() => resolve(this.describe(execution))));
  }

  public async runToEnd(executionArn: string): Promise<DescribeExecutionOutput> {
    const execution = this.execution(executionArn);
    if (this.ctx.clock.isRunning) return this.whenEnded(executionArn);
    await this.ctx.clock.driveUntil(Number.MAX_SAFE_INTEGER, () => !execution.running);
    return this.describe(execution);
  }

  public getExecutionHistory(input: { executionArn: string; reverseOrder?: boolean; includeExecutionData?: boolean }): { events: HistoryEvent[] } {
    const execution = this.execution(input.executionArn);
    return { events: execution.history.view(input) };
  }

  public stopExecution(input: { executionArn: string; error?: string; cause?: string }): { stopDate: Date } {
    const execution = this.execution(input.executionArn);
    execution.stop(input.error, input.cause);
    return { stopDate: new Date((execution.stopDate ?? new Date(this.ctx.clock.now())).getTime()) };
  }

  public listExecutions(logicalId: string, input: { statusFilter?: string }): { executions: ExecutionListItem[] } {
    const machine = this.machine(logicalId);
    if (machine.model.type === 'EXPRESS') throw typeNotSupported('This operation is not supported by this type of state machine: ListExecutions does not list EXPRESS executions');
    const list = machine.executions
      .filter(e => input.statusFilter === undefined || e.status === input.statusFilter)
      .slice()
      .reverse()
      .map(e => ({
        executionArn: e.arn,
        stateMachineArn: machine.model.arn,
        name: e.name,
        status: e.status,
        startDate: new Date(e.startDate.getTime()),
        ...(e.stopDate ? { stopDate: new Date(e.stopDate.getTime()) } : {}),
        ...(e.info.redriveCount > 0 ? { redriveCount: e.info.redriveCount, redriveDate: e.redriveDate } : {}),
      }));
    return { executions: list };
  }

  public redriveExecution(executionArn: string): { redriveDate: Date } {
    const execution = this.execution(executionArn);
    if (execution.machine.type === 'EXPRESS') throw executionNotRedrivable(executionArn, 'Express executions cannot be redriven');
    if (!['FAILED', 'TIMED_OUT', 'ABORTED'].includes(execution.status)) throw executionNotRedrivable(executionArn, `its status is ${execution.status}`);
    if (execution.stopDate && this.ctx.clock.now() - execution.stopDate.getTime() > REDRIVE_WINDOW_MS) {
      throw executionNotRedrivable(executionArn, 'it ended more than 14 days ago');
    }
    execution.redrive();
    const machine = this.byArn.get(execution.machine.arn)!;
    this.ctx.trace.record('stepfunctions', machine.model.logicalId, 'execution-started', {
      executionArn, name: execution.name, input: execution.input, redriveCount: execution.info.redriveCount,
    });
    return { redriveDate: new Date(execution.redriveDate!.getTime()) };
  }

  public describeStateMachine(logicalId: string): Record<string, unknown> {
    const m = this.machine(logicalId).model;
    return {
      stateMachineArn: m.arn,
      name: m.name,
      status: 'ACTIVE',
      definition: m.definitionText,
      roleArn: m.roleArn,
      type: m.type,
      creationDate: new Date(m.createdAt),
      loggingConfiguration: m.loggingConfiguration,
      tracingConfiguration: m.tracingConfiguration,
    };
  }

  // ---- ServiceApi ---------------------------------------------------------------------------------------------

  /**
   * Answers one API call. State machines have no resource policy, and identity policies are not evaluated (as for
   * every service of the simulator), so the caller is not checked.
   */
  public async call(action: string, input: Record<string, any>, caller: CallerIdentity): Promise<Record<string, any>> {
    authorizeApiCall(this.ctx, 'stepfunctions', caller, stepFunctionsPermissions(action, input, arn => this.byArn.get(arn)?.model.logicalId),
      accessDeniedException);
    const meta = { $metadata: { httpStatusCode: 200, requestId: this.ctx.ids.uuid() } };
    const byArn = (arn: unknown) => {
      const machine = this.byArn.get(String(arn));
      if (!machine) throw parseArn(arn)?.service === 'states' ? stateMachineDoesNotExist(String(arn)) : invalidArn(arn);
      return machine.model.logicalId;
    };
    switch (action) {
      case 'StartExecution': return { ...this.startExecution(byArn(input.stateMachineArn ?? input.StateMachineArn), lower(input)), ...meta };
      case 'StartSyncExecution': return { ...(await this.startSyncExecution(byArn(input.stateMachineArn ?? input.StateMachineArn), lower(input))), ...meta };
      case 'DescribeExecution': return { ...this.describeExecution(input.executionArn ?? input.ExecutionArn), ...meta };
      case 'GetExecutionHistory': return { ...this.getExecutionHistory({ ...lower(input), executionArn: input.executionArn ?? input.ExecutionArn }), ...meta };
      case 'StopExecution': return { ...this.stopExecution({ ...lower(input), executionArn: input.executionArn ?? input.ExecutionArn }), ...meta };
      case 'ListExecutions': return { ...this.listExecutions(byArn(input.stateMachineArn ?? input.StateMachineArn), lower(input)), ...meta };
      case 'RedriveExecution': return { ...this.redriveExecution(input.executionArn ?? input.ExecutionArn), ...meta };
      case 'SendTaskSuccess': await this.api.sendTaskSuccess(lower(input) as any); return meta;
      case 'SendTaskFailure': await this.api.sendTaskFailure(lower(input) as any); return meta;
      case 'SendTaskHeartbeat': await this.api.sendTaskHeartbeat(lower(input) as any); return meta;
      case 'DescribeStateMachine': return { ...this.describeStateMachine(byArn(input.stateMachineArn ?? input.StateMachineArn)), ...meta };
      default:
        throw new AwsError('InvalidAction', `The action ${action} is not valid for this endpoint (states), or the simulator does not simulate it.`);
    }
  }

  // ---- StateMachineMetrics ------------------------------------------------------------------------------------

  public stateMachineMetric(stateMachineArn: string, metricName: string): number | undefined {
    const m = this.byArn.get(stateMachineArn);
    if (!m || !(METRICS as readonly string[]).includes(metricName)) return undefined;
    return m.counters[metricName as MetricName];
  }

  public onStateMachineMetricChange(stateMachineArn: string, listener: () => void): () => void {
    const m = this.byArn.get(stateMachineArn);
    if (!m) return () => undefined;
    m.listeners.push(listener);
    return () => {
      const i = m.listeners.indexOf(listener);
      if (i >= 0) m.listeners.splice(i, 1);
    };
  }

  // ---- internals ----------------------------------------------------------------------------------------------

  private machine(logicalId: string): SimStateMachine {
    const m = this.machines.get(logicalId);
    if (!m) throw new Error(`StepFunctionsService: no AWS::StepFunctions::StateMachine '${logicalId}'`);
    return m;
  }

  private execution(arn: unknown): Execution {
    if (typeof arn !== 'string' || !parseArn(arn)) throw invalidArn(arn);
    const e = this.executions.get(arn);
    if (!e) throw executionDoesNotExist(arn);
    return e;
  }

  private start(machine: SimStateMachine, request: StartExecutionInput): Execution {
    const model = machine.model;
    const input = request.input ?? '{}';
    if (typeof input !== 'string') throw invalidExecutionInput('the input must be a string of JSON');
    if (Buffer.byteLength(input) > MAX_INPUT_BYTES) throw invalidExecutionInput(`the input exceeds the maximum of ${MAX_INPUT_BYTES} bytes`);
    let parsedInput: Json;
    try {
      parsedInput = JSON.parse(input);
    } catch (e) {
      throw invalidExecutionInput((e as Error).message);
    }
    const name = request.name ?? this.ctx.ids.uuid();
    if (name.length < 1 || name.length > 80 || /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/.test(name)) throw invalidName(name);
    const { partition, region, account } = this.ctx.env;
    const arn = model.type === 'EXPRESS'
      ? `arn:${partition}:states:${region}:${account}:express:${model.name}:${name}:${this.ctx.ids.uuid()}`
      : `arn:${partition}:states:${region}:${account}:execution:${model.name}:${name}`;
    const existing = this.executions.get(arn);
    if (existing) {
      // StartExecution is idempotent for STANDARD: the same name and input while it runs gives the same answer.
      if (existing.running && existing.input === input) return existing;
      throw executionAlreadyExists(arn);
    }
    const execution = new Execution(machine.runtime, arn, name, input, parsedInput, e => this.ended(machine, e));
    this.executions.set(arn, execution);
    machine.executions.push(execution);
    this.count(machine, 'ExecutionsStarted');
    this.ctx.trace.record('stepfunctions', model.logicalId, 'execution-started', { executionArn: arn, name, input });
    execution.start();
    return execution;
  }

  private ended(machine: SimStateMachine, e: Execution): void {
    const status = e.status as Exclude<ExecutionStatus, 'RUNNING'>;
    if (this.ctx.trace.isEnabled) {
      this.ctx.trace.record('stepfunctions', machine.model.logicalId, 'execution-ended', {
        executionArn: e.arn, status, ...(e.error !== undefined ? { error: e.error } : {}), ...(e.cause !== undefined ? { cause: e.cause } : {}),
      });
    }
    const metric: Record<typeof status, MetricName> = {
      SUCCEEDED: 'ExecutionsSucceeded', FAILED: 'ExecutionsFailed', TIMED_OUT: 'ExecutionsTimedOut', ABORTED: 'ExecutionsAborted',
    };
    this.count(machine, metric[status]);
  }

  private count(machine: SimStateMachine, metric: MetricName): void {
    machine.counters[metric]++;
    for (const l of machine.listeners) l();
  }

  private describe(e: Execution): DescribeExecutionOutput {
    const redrivable = e.machine.type === 'STANDARD' && ['FAILED', 'TIMED_OUT', 'ABORTED'].includes(e.status);
    return {
      executionArn: e.arn,
      stateMachineArn: e.machine.arn,
      name: e.name,
      status: e.status as DescribeExecutionOutput['status'],
      input: e.input,
      inputDetails: { included: true },
      ...(e.output !== undefined ? { output: e.output, outputDetails: { included: true } } : {}),
      ...(e.error !== undefined ? { error: e.error } : {}),
      ...(e.cause !== undefined ? { cause: e.cause } : {}),
      startDate: new Date(e.startDate.getTime()),
      ...(e.stopDate ? { stopDate: new Date(e.stopDate.getTime()) } : {}),
      ...(e.info.redriveCount > 0 ? { redriveCount: e.info.redriveCount, redriveDate: e.redriveDate } : {}),
      ...(e.machine.type === 'STANDARD' && e.status !== 'RUNNING' ? { redriveStatus: redrivable ? 'REDRIVABLE' as const : 'NOT_REDRIVABLE' as const } : {}),
    };
  }
}

/** SDK field names are camelCase; `aws-sdk:sfn:` integrations pass PascalCase: accept both. */
function lower(input: Record<string, any>): any {
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), v]));
}

/** Express executions are billed in 100 ms increments, at least 100 ms. */
function billedMs(durationMs: number): number {
  return Math.max(100, Math.ceil(durationMs / 100) * 100);
}
