/**
 * `sim.stateMachine(ref)` and `sim.stepFunctions`: the Step Functions API in SDK v3 shapes (`@aws-sdk/client-sfn`),
 * run as the stack's account. `startSyncExecution` answers when the execution ends in virtual time: awaited from a
 * test, it drives the clock until then.
 */
import type { ExecutionStatus } from './execution/execution';
import type { HistoryEvent } from './execution/history';

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
}

export class StateMachineHandle {
  constructor(public readonly logicalId: string, private readonly ops: StateMachineOperations) {}

  public get stateMachineArn(): string {
    return this.ops.arnOf(this.logicalId);
  }

  /** StartExecution: starts now and answers at once; the execution runs as the clock moves. */
  public async startExecution(input: StartExecutionInput = {}): Promise<StartExecutionOutput> {
    return this.ops.startExecution(this.logicalId, input);
  }

  /** StartSyncExecution (Express only): answers when the execution ends; STANDARD rejects with StateMachineTypeNotSupported. */
  public startSyncExecution(input: StartExecutionInput = {}): Promise<StartSyncExecutionOutput> {
    return this.ops.syncWait(this.ops.startSyncExecution(this.logicalId, input), `stepfunctions StartSyncExecution of ${this.logicalId}`);
  }

  public async describeExecution(input: { executionArn: string }): Promise<DescribeExecutionOutput> {
    return this.ops.describeExecution(input.executionArn);
  }

  public async getExecutionHistory(input: GetExecutionHistoryInput): Promise<{ events: HistoryEvent[] }> {
    return this.ops.getExecutionHistory(input);
  }

  public async stopExecution(input: { executionArn: string; error?: string; cause?: string }): Promise<{ stopDate: Date }> {
    return this.ops.stopExecution(input);
  }

  public async listExecutions(input: { statusFilter?: string } = {}): Promise<{ executions: ExecutionListItem[] }> {
    return this.ops.listExecutions(this.logicalId, input);
  }

  public async redriveExecution(input: { executionArn: string }): Promise<{ redriveDate: Date }> {
    return this.ops.redriveExecution(input.executionArn);
  }

  public async describeStateMachine(): Promise<Record<string, unknown>> {
    return this.ops.describeStateMachine(this.logicalId);
  }

  /**
   * Runs an execution to its end and describes it: startExecution, then the clock driven until the execution ends,
   * however long that is in virtual time (a year-long Wait included).
   */
  public async run(input: StartExecutionInput = {}): Promise<DescribeExecutionOutput> {
    const { executionArn } = await this.startExecution(input);
    return this.ops.runToEnd(executionArn);
  }
}

/** `sim.stepFunctions`: the callbacks of `.waitForTaskToken` tasks. */
export class StepFunctionsApi {
  constructor(private readonly tokens: {
    sendTaskSuccess(input: { taskToken: string; output: string }): void;
    sendTaskFailure(input: { taskToken: string; error?: string; cause?: string }): void;
    sendTaskHeartbeat(input: { taskToken: string }): void;
  }) {}

  public async sendTaskSuccess(input: { taskToken: string; output: string }): Promise<Record<string, never>> {
    this.tokens.sendTaskSuccess(input);
    return {};
  }

  public async sendTaskFailure(input: { taskToken: string; error?: string; cause?: string }): Promise<Record<string, never>> {
    this.tokens.sendTaskFailure(input);
    return {};
  }

  public async sendTaskHeartbeat(input: { taskToken: string }): Promise<Record<string, never>> {
    this.tokens.sendTaskHeartbeat(input);
    return {};
  }
}
