/**
 * Running a Task's Resource: the integration it names, in the pattern it asks for. Request-response answers when the
 * service does; `.waitForTaskToken` sends the request and then waits for the token's callback (the Task state
 * waits); `.sync` waits for the job or execution. Resources the simulator does not run are reported.
 */
import { awsSdkCall } from './aws-sdk';
import { batchSubmitJob } from './batch';
import { IntegrationContext, IntegrationHost, makeIntegrationContext, TaskCallers } from './context';
import { DYNAMODB_ACTIONS, dynamoDbItem } from './dynamodb';
import { eventsPutEvents } from './events';
import { lambdaFunction, lambdaInvoke } from './lambda';
import { describeResource, IntegrationPattern, ResourceDescription } from './resource';
import { snsPublish } from './sns';
import { sqsSendMessage } from './sqs';
import { statesStartExecution } from './states';
import type { SimContext } from '../../runtime';
import { StatesError } from '../errors';
import type { TaskCall, TaskRunner } from '../execution/env';
import type { Json } from '../paths/jsonpath';

export type { IntegrationHost } from './context';
export { describeResource } from './resource';

type Integration = (ic: IntegrationContext) => Promise<Json>;

/** Optimized integrations: `service:action` -> the integration and the patterns it supports. */
const OPTIMIZED: Readonly<Record<string, { run: Integration; patterns: readonly IntegrationPattern[] }>> = {
  'lambda:invoke': { run: lambdaInvoke, patterns: ['request-response', 'waitForTaskToken'] },
  'sns:publish': { run: snsPublish, patterns: ['request-response', 'waitForTaskToken'] },
  'sqs:sendMessage': { run: sqsSendMessage, patterns: ['request-response', 'waitForTaskToken'] },
  ...Object.fromEntries(Object.keys(DYNAMODB_ACTIONS).map(a => [`dynamodb:${a}`, { run: dynamoDbItem, patterns: ['request-response'] as const }])),
  'batch:submitJob': { run: batchSubmitJob, patterns: ['request-response', 'sync'] },
  'states:startExecution': { run: statesStartExecution, patterns: ['request-response', 'sync', 'sync:2', 'waitForTaskToken'] },
  'events:putEvents': { run: eventsPutEvents, patterns: ['request-response', 'waitForTaskToken'] },
};

/** Why the simulator cannot run `resource`, or undefined when it can (checked when the template loads). */
export function unsupportedResource(resource: string): string | undefined {
  const d = describeResource(resource);
  if (d.kind === 'lambda-function' || d.kind === 'aws-sdk') return undefined;
  if (d.kind === 'activity') return `activities (${resource}) are not simulated: no worker polls them`;
  if (d.kind === 'unknown') return `the resource ${resource} is not an integration Step Functions knows`;
  const entry = OPTIMIZED[`${d.service}:${d.action}`];
  if (!entry) return `the optimized integration ${d.service}:${d.action} is not simulated (use aws-sdk:${d.service}:${d.action} for a simulated service)`;
  if (!entry.patterns.includes(d.pattern)) return `${d.service}:${d.action} does not support the .${d.pattern} pattern`;
  return undefined;
}

export class Integrations implements TaskRunner {
  private readonly callers: TaskCallers;

  constructor(private readonly ctx: SimContext, private readonly host: IntegrationHost) {
    this.callers = new TaskCallers(ctx.env.account);
  }

  public async run(call: TaskCall): Promise<Json> {
    const d = call.env.machine.paths.memoIn('resource', call.resource, () => describeResource(call.resource));
    const ic = makeIntegrationContext(this.ctx, call, d, this.host, this.callers);
    const integration = this.integrationOf(d, call);
    const result = await integration(ic);
    if (d.pattern === 'waitForTaskToken') {
      call.event('TaskSubmitted', 'taskSubmittedEventDetails', { output: result, outputDetails: { truncated: false } });
    }
    return result;
  }

  private integrationOf(d: ResourceDescription, call: TaskCall): Integration {
    if (d.kind === 'lambda-function') return lambdaFunction;
    if (d.kind === 'aws-sdk') return awsSdkCall;
    const entry = d.kind === 'optimized' ? OPTIMIZED[`${d.service}:${d.action}`] : undefined;
    if (entry && entry.patterns.includes(d.pattern)) return entry.run;
    const why = unsupportedResource(call.resource);
    {
      this.ctx.reportProblem(call.env.machine.logicalId, `state '${call.stateName}': ${why}`);
      throw new StatesError('States.TaskFailed', `The simulator cannot run the resource ${call.resource}: ${why}`);
    }
  }
}
