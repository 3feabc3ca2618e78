/** `sim.flow(ref)`: the SaaS source's records, StartFlow, and the runs with the SDK v3 AppFlow shapes. */
import { ExecutionRecord, SimFlow } from './flow';
import { AwsError } from '../kernel';

export class FlowHandle {
  constructor(private readonly flow: SimFlow) {}

  public get logicalId(): string {
    return this.flow.config.logicalId;
  }

  public get flowName(): string {
    return this.flow.config.name;
  }

  public get flowArn(): string {
    return this.flow.config.arn;
  }

  /** Active, Suspended or Draft (a scheduled or event flow created without FlowStatus is a Draft). */
  public get flowStatus(): string {
    return this.flow.status;
  }

  /** What the SaaS source returns on the next runs; an Active event-triggered flow runs with them now. */
  public setSourceRecords(records: object[]): this {
    if (!Array.isArray(records)) throw new TypeError(`sim.flow('${this.flowName}').setSourceRecords(records): records must be an array of objects`);
    this.flow.setSourceRecords(records);
    return this;
  }

  /** StartFlow: an on-demand flow runs (on the clock) and the result has its executionId; other flows are activated. */
  public async startFlow(
    input: FlowNameInput = {},
  ): Promise<{ flowArn: string; flowStatus: string; executionId?: string; $metadata: { httpStatusCode: number } }> {
    this.checkName(input);
    const { executionId } = this.flow.start();
    return { flowArn: this.flowArn, flowStatus: this.flow.status, ...(executionId ? { executionId } : {}), $metadata: { httpStatusCode: 200 } };
  }

  /** StopFlow: deactivates a scheduled or event-triggered flow. */
  public async stopFlow(input: FlowNameInput = {}): Promise<{ flowArn: string; flowStatus: string; $metadata: { httpStatusCode: number } }> {
    this.checkName(input);
    if (this.flow.config.triggerType === 'OnDemand') {
      throw new AwsError('UnsupportedOperationException', `Flow ${this.flowName} is an on-demand flow; only schedule- and event-triggered flows can be stopped`);
    }
    this.flow.stop();
    return { flowArn: this.flowArn, flowStatus: this.flow.status, $metadata: { httpStatusCode: 200 } };
  }

  /** DescribeFlowExecutionRecords: the runs, most recent first. */
  public async describeFlowExecutionRecords(
    input: FlowNameInput & { maxResults?: number } = {},
  ): Promise<{ flowExecutions: ExecutionRecord[]; $metadata: { httpStatusCode: number } }> {
    this.checkName(input);
    const all = [...this.flow.executions].reverse().map(e => structuredClone(e));
    return { flowExecutions: input.maxResults ? all.slice(0, input.maxResults) : all, $metadata: { httpStatusCode: 200 } };
  }

  /** DescribeFlow: the flow's status, trigger and last run. */
  public async describeFlow(input: FlowNameInput = {}): Promise<Record<string, any>> {
    this.checkName(input);
    const last = this.flow.executions.at(-1);
    return {
      flowArn: this.flowArn,
      flowName: this.flowName,
      flowStatus: this.flow.status,
      triggerConfig: { triggerType: this.flow.config.triggerType },
      sourceFlowConfig: { connectorType: this.flow.config.sourceConnector },
      ...(last ? {
        lastRunExecutionDetails: {
          mostRecentExecutionStatus: last.executionStatus,
          mostRecentExecutionTime: last.lastUpdatedAt,
          ...(last.executionResult.errorInfo ? { mostRecentExecutionMessage: last.executionResult.errorInfo.executionMessage } : {}),
        },
      } : {}),
      $metadata: { httpStatusCode: 200 },
    };
  }

  /** The handle fills in its own flow name; a different one is refused, as the other handles refuse another resource. */
  private checkName(input: FlowNameInput): void {
    if (input.flowName !== undefined && input.flowName !== this.flowName) {
      throw new AwsError('ValidationException', `flowName ${input.flowName} does not match this handle's flow (${this.flowName}); the handle fills in its own flowName.`);
    }
  }
}

/** The SDK input's flowName, optional on a handle (it names its own flow). */
export interface FlowNameInput {
  readonly flowName?: string;
}
