/**
 * `sim.stateMachine(ref)` and `sim.stepFunctions`: the Step Functions API in SDK v3 shapes (`@aws-sdk/client-sfn`),
 * run as the stack's account. `startSyncExecution` answers when the execution ends in virtual time: awaited from a
 * test, it drives the clock until then.
 */
import type { ExecutionStatus } from './execution/execution';
import type { HistoryEvent } from './execution/history';
import type { ResponseMetadata } from '../kernel/api-dispatch';

/** Every handle answer carries the SDK's `$metadata`, as the other services' handles do. */
export type WithMetadata<T> = T & { readonly $metadata: ResponseMetadata };

export interface StartExecutionInput {
  readonly input?: string;
  readonly name?: string;
  readonly traceHeader?: string;
}

export interface GetExecutionHistoryInput {
  readonly executionArn: string;
  readonly reverseOrder?: boolean;
  readonly includeExecutionData?: boolean;
}

export interface StartExecutionOutput {
  readonly executionArn: string;
  readonly startDate: Date;
}

export interface DescribeExecutionOutput {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  readonly input: string;
  readonly inputDetails: { readonly included: boolean };
  readonly output?: string;
  readonly outputDetails?: { readonly included: boolean };
  readonly error?: string;
  readonly cause?: string;
  readonly startDate: Date;
  readonly stopDate?: Date;
  readonly redriveCount?: number;
  readonly redriveDate?: Date;
  readonly redriveStatus?: 'REDRIVABLE' | 'NOT_REDRIVABLE' | 'REDRIVABLE_BY_MAP_RUN';
}

export interface StartSyncExecutionOutput {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';
  readonly input: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly startDate: Date;
  readonly stopDate: Date;
  readonly billingDetails: { readonly billedMemoryUsedInMB: number; readonly billedDurationInMilliseconds: number };
}

export interface ExecutionListItem {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: DescribeExecutionOutput['status'];
  readonly startDate: Date;
  readonly stopDate?: Date;
  readonly redriveCount?: number;
  readonly redriveDate?: Date;
}

/** What the handle needs from the service. */
export interface StateMachineOperations {
  startExecution(logicalId: string, input: StartExecutionInput): StartExecutionOutput;
  startSyncExecution(logicalId: string, input: StartExecutionInput): Promise<StartSyncExecutionOutput>;
  describeExecution(executionArn: string): DescribeExecutionOutput;
  getExecutionHistory(input: { executionArn: string; reverseOrder?: boolean; includeExecutionData?: boolean }): { events: HistoryEvent[] };
  stopExecution(input: { executionArn: string; error?: string; cause?: string }): { stopDate: Date };
  listExecutions(logicalId: string, input: { statusFilter?: string }): { executions: ExecutionListItem[] };
  redriveExecution(executionArn: string): { redriveDate: Date };
  describeStateMachine(logicalId: string): Record<string, unknown>;
  arnOf(logicalId: string): string;
  syncWait<T>(work: Promise<T>, label: string): Promise<T>;
  whenEnded(executionArn: string): Promise<DescribeExecutionOutput>;
  runToEnd(executionArn: string): Promise<DescribeExecutionOutput>;
  /** A fresh `$metadata` (status 200, a request id from the simulation's ids). */
  metadata(): ResponseMetadata;
}

export class StateMachineHandle {
  constructor(public readonly logicalId: string, private readonly ops: StateMachineOperations) {}

  public get stateMachineArn(): string {
    return this.ops.arnOf(this.logicalId);
  }

  /** StartExecution: starts now and answers at once; the execution runs as the clock moves. */
  public async startExecution(input: StartExecutionInput = {}): Promise<WithMetadata<StartExecutionOutput>> {
    return { ...this.ops.startExecution(this.logicalId, input), $metadata: this.ops.metadata() };
  }

  /** StartSyncExecution (Express only): answers when the execution ends; STANDARD rejects with StateMachineTypeNotSupported. */
  public startSyncExecution(input: StartExecutionInput = {}): Promise<WithMetadata<StartSyncExecutionOutput>> {
    return this.ops.syncWait(this.ops.startSyncExecution(this.logicalId, input), `stepfunctions StartSyncExecution of ${this.logicalId}`)
      .then(out => ({ ...out, $metadata: this.ops.metadata() }));
  }

  public async describeExecution(input: { executionArn: string }): Promise<WithMetadata<DescribeExecutionOutput>> {
    return { ...this.ops.describeExecution(input.executionArn), $metadata: this.ops.metadata() };
  }

  public async getExecutionHistory(input: GetExecutionHistoryInput): Promise<WithMetadata<{ events: HistoryEvent[] }>> {
    return { ...this.ops.getExecutionHistory(input), $metadata: this.ops.metadata() };
  }

  public async stopExecution(input: { executionArn: string; error?: string; cause?: string }): Promise<WithMetadata<{ stopDate: Date }>> {
    return { ...this.ops.stopExecution(input), $metadata: this.ops.metadata() };
  }

  public async listExecutions(input: { statusFilter?: string } = {}): Promise<WithMetadata<{ executions: ExecutionListItem[] }>> {
    return { ...this.ops.listExecutions(this.logicalId, input), $metadata: this.ops.metadata() };
  }

  public async redriveExecution(input: { executionArn: string }): Promise<WithMetadata<{ redriveDate: Date }>> {
    return { ...this.ops.redriveExecution(input.executionArn), $metadata: this.ops.metadata() };
  }

  public async describeStateMachine(): Promise<WithMetadata<Record<string, unknown>>> {
    return { ...this.ops.describeStateMachine(this.logicalId), $metadata: this.ops.metadata() };
  }

  /**
   * Runs an execution to its end and describes it: startExecution, then the clock driven until the execution ends,
   * however long that is in virtual time (a year-long Wait included).
   */
  public async run(input: StartExecutionInput = {}): Promise<WithMetadata<DescribeExecutionOutput>> {
    const { executionArn } = await this.startExecution(input);
    return { ...(await this.ops.runToEnd(executionArn)), $metadata: this.ops.metadata() };
  }
}

/** `sim.stepFunctions`: the callbacks of `.waitForTaskToken` tasks. */
export class StepFunctionsApi {
  constructor(private readonly tokens: {
    metadata(): ResponseMetadata;
    sendTaskSuccess(input: { taskToken: string; output: string }): void;
    sendTaskFailure(input: { taskToken: string; error?: string; cause?: string }): void;
    sendTaskHeartbeat(input: { taskToken: string }): void;
  }) {}

  public async sendTaskSuccess(input: { taskToken: string; output: string }): Promise<WithMetadata<{}>> {
    this.tokens.sendTaskSuccess(input);
    return { $metadata: this.tokens.metadata() };
  }

  public async sendTaskFailure(input: { taskToken: string; error?: string; cause?: string }): Promise<WithMetadata<{}>> {
    this.tokens.sendTaskFailure(input);
    return { $metadata: this.tokens.metadata() };
  }

  public async sendTaskHeartbeat(input: { taskToken: string }): Promise<WithMetadata<{}>> {
    this.tokens.sendTaskHeartbeat(input);
    return { $metadata: this.tokens.metadata() };
  }
}
