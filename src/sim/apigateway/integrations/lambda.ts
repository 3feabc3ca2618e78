/**
 * Invoking a Lambda function as API Gateway does: a synchronous Invoke as the service principal
 * `apigateway.amazonaws.com` with the execute-api ARN of the method as `aws:SourceArn`, so the function's resource
 * policy (AWS::Lambda::Permission) decides, or as the integration's credentials role when one is set. The call is
 * raced against the integration timeout on the virtual clock.
 */
import { payloadText } from '../../lambda/blob';
import { CallerIdentity } from '../../runtime';
import type { Waiter } from '../clock-waits';
import { TIMED_OUT } from '../clock-waits';
import { Gateway } from '../gateway';

export type InvokeResult =
  | { readonly kind: 'ok'; readonly payload: string; readonly functionError?: string; readonly requestId?: string }
  | { readonly kind: 'failed'; readonly errorName: string; readonly message: string }
  | { readonly kind: 'timeout' };

const MAX_REMEMBERED_CALLERS = 10_000;

/**
 * The identity a call acts as: one object per source ARN and role, reused across requests, since resource-policy
 * decisions are cached per caller object (a new object per request evaluated the function's policy every time).
 */
export function gatewayCaller(gw: Gateway, sourceArn: string, credentialsRole?: string): CallerIdentity {
  const role = credentialsRole !== undefined && credentialsRole.startsWith('arn:') ? credentialsRole : undefined;
  const key = role === undefined ? sourceArn : `${sourceArn} ${role}`;
  let caller = gw.callers.get(key);
  if (caller === undefined) {
    const { env } = gw.ctx;
    caller = role !== undefined
      ? { principalType: 'AWS', principal: role, sourceArn, sourceAccount: env.account, secureTransport: true }
      : { principalType: 'Service', principal: 'apigateway.amazonaws.com', sourceArn, sourceAccount: env.account, secureTransport: true };
    // Source ARNs carry the request path: keep the set bounded when a run sends requests to very many paths.
    if (gw.callers.size >= MAX_REMEMBERED_CALLERS) gw.callers.clear();
    gw.callers.set(key, caller);
  }
  return caller;
}

export async function invokeLambda(gw: Gateway, fiber: Waiter, functionArn: string, event: unknown, caller: CallerIdentity,
  timeoutMs: number): Promise<InvokeResult> {
  let call: Promise<InvokeResult>;
  try {
    call = gw.ctx.services.lambda.invokeAs(functionArn, { Payload: JSON.stringify(event) }, caller).then(
      out => ({ kind: 'ok' as const, payload: payloadText(out.Payload) ?? '', functionError: out.FunctionError, requestId: out.$metadata.requestId }),
      (err: Error) => ({ kind: 'failed' as const, errorName: err.name, message: err.message }),
    );
  } catch (err) {
    call = Promise.resolve({ kind: 'failed', errorName: (err as Error).name, message: (err as Error).message });
  }
  const result = await fiber.wait(gw.deadlines.race(call, timeoutMs));
  return result === TIMED_OUT ? { kind: 'timeout' } : result;
}
