/**
 * `arn:aws:states:::aws-sdk:<service>:<action>`: the action of any simulated service's API (ServiceApi), by the SDK
 * command name (`getObject` -> `GetObject`), with PascalCase parameters, as the state machine's role. The result is
 * the response's fields (a streamed S3 Body read as text); errors are `<Service>.<Name>Exception` (sdk.ts).
 */
import type { IntegrationContext } from './context';
import { responseFields, sdkError, sdkServiceName } from './sdk';
import { StatesError } from '../errors';
import type { Json } from '../paths/jsonpath';

/** Resource service names whose ARN namespace differs. */
const NAMESPACES: Readonly<Record<string, string>> = { sfn: 'states', eventbridge: 'events', cloudwatchlogs: 'logs' };

export async function awsSdkCall(ic: IntegrationContext): Promise<Json> {
  const service = ic.resource.service;
  const namespace = NAMESPACES[service] ?? service;
  const command = ic.resource.action.charAt(0).toUpperCase() + ic.resource.action.slice(1);
  const api = ic.api(namespace, sdkServiceName(service));
  if (!api.actions.includes(command)) {
    ic.ctx.reportProblem(ic.call.env.machine.logicalId, `state '${ic.call.stateName}' calls aws-sdk:${service}:${ic.resource.action}, which the simulated ${namespace} service does not offer (it offers ${api.actions.join(', ')})`);
    throw new StatesError(`${sdkServiceName(service)}.SdkClientException`, `The simulator does not simulate ${command} of ${namespace}`);
  }
  let out: Record<string, any>;
  try {
    out = await api.call(command, ic.parameters, ic.caller);
  } catch (e) {
    throw sdkError(service, e);
  }
  const body = out.Body as { transformToString?: () => Promise<string> } | undefined;
  if (body && typeof body.transformToString === 'function') out = { ...out, Body: await body.transformToString() };
  return responseFields(out);
}
