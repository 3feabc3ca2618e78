/**
 * The Amazon AppFlow simulator: AWS::AppFlow::Flow resources with an S3 destination, run on the clock (flow.ts).
 * The SaaS source is the test's: `sim.flow(ref).setSourceRecords(records)`. Connector profiles carry credentials only
 * and are accepted without simulation. ServiceApi `appflow`: StartFlow, StopFlow, DescribeFlow,
 * DescribeFlowExecutionRecords, each naming the flow by `flowName`.
 */
import { SimFlow } from './flow';
import { readFlow } from './flow-config';
import { FlowHandle } from './handle';
import { authorizeApiCall } from '../iam/api-authorization';
import { AwsError, dispatch } from '../kernel';
import { CallerIdentity, ServiceApi, SimContext, SimService, TemplateResource } from '../runtime';

const FLOW = 'AWS::AppFlow::Flow';
const CONNECTOR_PROFILE = 'AWS::AppFlow::ConnectorProfile';

export class AppFlowService implements SimService, ServiceApi {
  public readonly resourceTypes: readonly string[] = [FLOW, CONNECTOR_PROFILE];
  public readonly actions: readonly string[] = ['StartFlow', 'StopFlow', 'DescribeFlow', 'DescribeFlowExecutionRecords'];
  private readonly flows = new Map<string, SimFlow>();
  private readonly byName = new Map<string, SimFlow>();
  private readonly handles = new Map<string, FlowHandle>();

  constructor(private readonly ctx: SimContext) {}

  public create(r: TemplateResource): void {
    if (r.type === CONNECTOR_PROFILE) return; // credentials for the SaaS connection: nothing to simulate
    const flow = new SimFlow(this.ctx, readFlow(r, reason => this.ctx.reportUnsupported(r.logicalId, FLOW, reason)));
    this.flows.set(r.logicalId, flow);
    this.byName.set(flow.config.name, flow);
  }

  public handle(logicalId: string): FlowHandle {
    return this.handleOf(logicalId);
  }

  public async call(action: string, input: Record<string, any>, caller: CallerIdentity): Promise<Record<string, any>> {
    const flow = this.byName.get(String(input.flowName));
    if (!flow) throw new AwsError('ResourceNotFoundException', `Flow ${input.flowName} does not exist`, { httpStatusCode: 404 });
    // Flows have no resource policy: the caller's identity-based policies decide (appflow:StartFlow on the flow).
    if (this.actions.includes(action)) {
      authorizeApiCall(this.ctx, 'appflow', caller, [{ action: `appflow:${action}`, resource: flow.config.arn, logicalId: flow.config.logicalId }],
        message => new AwsError('AccessDeniedException', message, { httpStatusCode: 403 }));
    }
    return dispatch('appflow', this.actions, this.handleOf(flow.config.logicalId), action, input);
  }

  /** (`handle` is rebound by the registry's single-accessor adapter; calls from inside use this.) */
  private handleOf(logicalId: string): FlowHandle {
    let handle = this.handles.get(logicalId);
    if (!handle) {
      const flow = this.flows.get(logicalId);
      if (!flow) throw new Error(`AppFlowService: no flow with logical id '${logicalId}'`);
      handle = new FlowHandle(flow);
      this.handles.set(logicalId, handle);
    }
    return handle;
  }
}
