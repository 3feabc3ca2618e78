/**
 * AWS service integrations (Type AWS): the rendered request goes to the service's API as the integration's
 * credentials role, through the same `ServiceApi` path every other caller uses, so the target's resource policy
 * applies (`ctx.api('sqs').call('SendMessage', ..., role)`). URIs are `arn:aws:apigateway:{region}:{service}:path/...`
 * (SQS: `path/{account}/{queue}`) or `...:{service}:action/{Action}`. Query-protocol services (SQS, SNS) take the
 * form-encoded body the template renders and answer in their JSON form (`{"SendMessageResponse": {...}}`); others
 * take the rendered JSON as the action's input.
 */
import { AwsError } from '../../kernel';
import { CallerIdentity } from '../../runtime';
import { Gateway } from '../gateway';
import { BackendAnswer } from './mapping';

export interface AwsServiceCall {
  readonly uri: string;
  readonly body: string;
  readonly querystring: Readonly<Record<string, string>>;
  readonly credentials?: string;
  readonly requestId: string;
  /** The API's logical id (where problems are reported). */
  readonly logicalId: string;
}

export async function callAwsService(gw: Gateway, call: AwsServiceCall): Promise<BackendAnswer> {
  const m = /^arn:[^:]+:apigateway:([^:]*):([^:]+):(path|action)\/(.+)$/.exec(call.uri);
  if (!m) return failure(500, 'InternalFailure', `Invalid integration URI ${call.uri}`);
  const [, region, serviceSpec, kind, rest] = m;
  const service = serviceSpec.split('.')[0];
  if (call.credentials === undefined) {
    return failure(500, 'AccessDenied', 'Execution failed due to configuration error: the integration has no credentials role to call the service');
  }
  const caller: CallerIdentity = { principalType: 'AWS', principal: call.credentials, sourceAccount: gw.ctx.env.account, secureTransport: true };
  const api = gw.ctx.api(service);
  if (!api) {
    gw.ctx.reportProblem(call.logicalId, `an AWS integration calls ${service}, which the simulator does not simulate (${call.uri})`);
    return failure(500, 'InternalFailure', `${service} is not simulated`);
  }
  if (service === 'sqs' || service === 'sns') {
    const params = { ...call.querystring, ...parseForm(call.body) };
    const action = kind === 'action' ? rest : params.Action;
    if (service === 'sqs' && kind === 'path') {
      const [account, queue] = rest.split('/');
      params.QueueUrl ??= `https://sqs.${region || gw.ctx.env.region}.${gw.ctx.env.urlSuffix}/${account}/${queue}`;
    }
    if (action !== 'SendMessage' && action !== 'Publish') {
      gw.ctx.reportProblem(call.logicalId, `the AWS integration calls ${service} ${action ?? '(no Action)'}; only SQS SendMessage and SNS Publish are mapped from query form`);
      return failure(400, 'InvalidAction', `The action ${action} is not valid for this endpoint.`);
    }
    try {
      const out = await api.call(action, queryInput(params), caller);
      const { $metadata: _m, ...result } = out;
      return {
        status: 200,
        headers: { 'content-type': 'application/json', 'x-amzn-requestid': call.requestId },
        body: JSON.stringify({ [`${action}Response`]: { [`${action}Result`]: queryResult(action, result), ResponseMetadata: { RequestId: call.requestId } } }),
      };
    } catch (e) {
      return errorAnswer(e, call.requestId);
    }
  }
  if (kind !== 'action') {
    gw.ctx.reportProblem(call.logicalId, `the AWS integration path form of ${service} is not simulated (${call.uri}); use the action form`);
    return failure(500, 'InternalFailure', `${service} path integrations are not simulated`);
  }
  let input: Record<string, any>;
  try {
    input = call.body === '' ? {} : JSON.parse(call.body);
  } catch {
    return failure(400, 'SerializationException', 'The request body is not valid JSON');
  }
  try {
    const out = await api.call(rest, input, caller);
    const { $metadata: _m, ...result } = out;
    return { status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify(result) };
  } catch (e) {
    if (!(e instanceof AwsError)) throw e;
    return { status: e.$metadata.httpStatusCode, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify({ __type: e.name, message: e.message }) };
  }
}

function failure(status: number, code: string, message: string): BackendAnswer {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Error: { Code: code, Message: message, Type: status >= 500 ? 'Receiver' : 'Sender' } }) };
}

function errorAnswer(e: unknown, requestId: string): BackendAnswer {
  if (!(e instanceof AwsError)) throw e;
  const status = e.$metadata.httpStatusCode;
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ Error: { Code: e.Code, Message: e.message, Type: e.$fault === 'server' ? 'Receiver' : 'Sender' }, RequestId: requestId }),
  };
}

/** `a=1&b=x+y` -> `{ a: '1', b: 'x y' }`. */
export function parseForm(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const dec = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    out[dec(eq >= 0 ? pair.slice(0, eq) : pair)] = dec(eq >= 0 ? pair.slice(eq + 1) : '');
  }
  return out;
}

/** Query-protocol parameters (`MessageAttribute.1.Name`, ...) as the SDK v3 input shape. */
function queryInput(params: Record<string, string>): Record<string, any> {
  const input: Record<string, any> = {};
  const attributes: Record<string, Record<string, string>> = {};
  for (const [k, v] of Object.entries(params)) {
    const a = /^(?:MessageAttribute|MessageAttributes\.entry)\.(\d+)\.(Name|Value\.DataType|Value\.StringValue|Value\.BinaryValue)$/.exec(k);
    if (a) {
      (attributes[a[1]] ??= {})[a[2]] = v;
      continue;
    }
    if (k === 'Action' || k === 'Version') continue;
    input[k] = k === 'DelaySeconds' ? Number(v) : v;
  }
  const attrs: Record<string, any> = {};
  for (const a of Object.values(attributes)) {
    if (!a.Name) continue;
    attrs[a.Name] = {
      DataType: a['Value.DataType'],
      ...(a['Value.StringValue'] !== undefined ? { StringValue: a['Value.StringValue'] } : {}),
      ...(a['Value.BinaryValue'] !== undefined ? { BinaryValue: Buffer.from(a['Value.BinaryValue'], 'base64') } : {}),
    };
  }
  if (Object.keys(attrs).length > 0) input.MessageAttributes = attrs;
  return input;
}

/** The result element of the query-protocol JSON answer (absent fields as null, as SQS writes them). */
function queryResult(action: string, result: Record<string, any>): Record<string, unknown> {
  if (action === 'SendMessage') {
    return {
      MD5OfMessageAttributes: result.MD5OfMessageAttributes ?? null,
      MD5OfMessageBody: result.MD5OfMessageBody ?? null,
      MD5OfMessageSystemAttributes: result.MD5OfMessageSystemAttributes ?? null,
      MessageId: result.MessageId ?? null,
      SequenceNumber: result.SequenceNumber ?? null,
    };
  }
  return { MessageId: result.MessageId ?? null, SequenceNumber: result.SequenceNumber ?? null };
}
