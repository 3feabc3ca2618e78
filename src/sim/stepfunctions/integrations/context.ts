/**
 * What an integration gets: the task call, its parsed resource, the identity it acts as (the state machine's role,
 * or the Task's `Credentials.RoleArn`), and the APIs of the other simulated services. A service the simulator does
 * not simulate (or that offers no API yet) is reported through `reportProblem` naming the integration, and the task
 * fails with `<Service>.SdkClientException` ("Unable to execute HTTP request"), the error the AWS SDK Step Functions
 * runs raises when it cannot reach a service endpoint, so Retry and Catch behave as for an unreachable service.
 *
 * An integration returns a plain promise: the Task state waits for it through its fiber, so an integration never
 * waits through the fiber itself.
 */
import type { ResourceDescription } from './resource';
import type { CallerIdentity, ServiceApi, SimContext } from '../../runtime';
import { StatesError } from '../errors';
import type { TaskCall } from '../execution/env';
import type { Json } from '../paths/jsonpath';

/** What the Step Functions service offers its own integration (`states:startExecution`). */
export interface IntegrationHost {
  /** Resolves with DescribeExecution's answer once the execution has ended (at that virtual time). */
  whenExecutionEnds(executionArn: string): Promise<Record<string, any>>;
}

export interface IntegrationContext {
  readonly ctx: SimContext;
  readonly call: TaskCall;
  readonly resource: ResourceDescription;
  readonly caller: CallerIdentity;
  readonly host: IntegrationHost;
  /** The Task's input as an object of parameters (a non-object input is a States.Runtime error). */
  readonly parameters: Record<string, Json>;
  /** The API of a simulated service by ARN namespace; absent: reported, and the task fails as described above. */
  api(namespace: string, errorPrefix: string): ServiceApi;
}

/**
 * The identity a task acts as, one object per role: resource-policy decisions are cached per caller object (the
 * evaluator's cache), so a new object per task would evaluate every target's policy again on every call.
 */
export class TaskCallers {
  private readonly byRole = new Map<string, CallerIdentity>();

  constructor(private readonly account: string) {}

  public of(role: string): CallerIdentity {
    let caller = this.byRole.get(role);
    if (caller === undefined) {
      caller = { principalType: 'AWS', principal: role, sourceAccount: this.account, secureTransport: true };
      this.byRole.set(role, caller);
    }
    return caller;
  }
}

export function makeIntegrationContext(ctx: SimContext, call: TaskCall, resource: ResourceDescription, host: IntegrationHost,
  callers: TaskCallers): IntegrationContext {
  const machine = call.env.machine;
  const credentials = call.credentials as { RoleArn?: unknown } | undefined;
  const role = typeof credentials?.RoleArn === 'string' ? credentials.RoleArn : machine.roleArn;
  const caller = callers.of(role);
  const input = call.input;
  return {
    ctx,
    call,
    resource,
    caller,
    host,
    get parameters(): Record<string, Json> {
      if (input === null || typeof input !== 'object' || Array.isArray(input)) {
        throw new StatesError('States.Runtime', `The ${resource.resourceType}:${resource.action} integration needs an object of parameters, got ${JSON.stringify(input)}`);
      }
      return input;
    },
    api(namespace, errorPrefix) {
      const api = ctx.api(namespace);
      if (api) return api;
      ctx.reportProblem(machine.logicalId,
        `state '${call.stateName}' calls ${resource.resourceType}:${resource.resourceName}, but the ${namespace} service is not simulated; `
        + `the task fails with ${errorPrefix}.SdkClientException`);
      throw new StatesError(`${errorPrefix}.SdkClientException`, `Unable to execute HTTP request: the simulator does not simulate the ${namespace} service`);
    },
  };
}
