/**
 * Lambda: `arn:aws:states:::lambda:invoke` (optimized: the result wraps the function's answer in `Payload` with
 * `StatusCode`, `ExecutedVersion` and the SDK metadata) and a function ARN as Resource (the result is the payload).
 * A function error fails the task with the function's `errorType` (`Lambda.Unknown` when it has none) and the error
 * payload as the cause; Lambda's own errors are `Lambda.<Exception>`. The function runs through Lambda's Invoke path
 * as the state machine's role, so its resource policy applies.
 */
import type { IntegrationContext } from './context';
import { optimizedError, withSdkMetadata } from './sdk';
import type { InvokeOutput } from '../../lambda/handle';
import { StatesError } from '../errors';
import type { Json } from '../paths/jsonpath';

async function invoke(ic: IntegrationContext, functionName: string, payload: Json | undefined, extra: Record<string, unknown>):
Promise<InvokeOutput> {
  try {
    return await ic.ctx.services.lambda.invokeAs(functionName, {
      ...extra,
      ...(payload !== undefined ? { Payload: JSON.stringify(payload) } : {}),
    }, ic.caller);
  } catch (e) {
    throw optimizedError('Lambda', e);
  }
}

function payloadOf(out: InvokeOutput): { text: string; value: Json } {
  const text = out.Payload ? Buffer.from(out.Payload.buffer, out.Payload.byteOffset, out.Payload.byteLength).toString('utf8') : '';
  let value: Json = null;
  if (text !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      value = text;
    }
  }
  return { text, value };
}

function functionError(text: string, value: Json): StatesError {
  const type = value && typeof value === 'object' && !Array.isArray(value) && typeof value.errorType === 'string' ? value.errorType : 'Lambda.Unknown';
  return new StatesError(type, text);
}

/** `arn:aws:states:::lambda:invoke`: Parameters are InvokeCommand's (FunctionName, Payload, InvocationType, ...). */
export async function lambdaInvoke(ic: IntegrationContext): Promise<Json> {
  const p = ic.parameters;
  if (typeof p.FunctionName !== 'string') throw new StatesError('States.Runtime', 'The lambda:invoke integration needs the parameter FunctionName');
  const { FunctionName, Payload, ...rest } = p;
  const out = await invoke(ic, FunctionName, Payload, rest);
  const { text, value } = payloadOf(out);
  if (out.FunctionError) throw functionError(text, value);
  return {
    ...withSdkMetadata({ ...out, Payload: undefined, LogResult: undefined }),
    ExecutedVersion: out.ExecutedVersion ?? '$LATEST',
    Payload: value,
    StatusCode: out.StatusCode,
  };
}

/** A function ARN as Resource: the state input is the event, the function's answer is the result. */
export async function lambdaFunction(ic: IntegrationContext): Promise<Json> {
  const out = await invoke(ic, ic.call.resource, ic.call.input, {});
  const { text, value } = payloadOf(out);
  if (out.FunctionError) throw functionError(text, value);
  return value;
}
