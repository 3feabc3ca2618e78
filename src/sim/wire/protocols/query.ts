/**
 * awsQuery: `Action=<Action>&Version=<date>&...` form-encoded in a POST body (or the URL of a GET), nested members
 * flattened into dotted keys (`MessageAttribute.1.Value.StringValue`, `PublishBatchRequestEntries.member.1.Id`,
 * `MessageAttributes.entry.1.Name`); the answer is `<ActionResponse><ActionResult>...</ActionResult>
 * <ResponseMetadata><RequestId/></ResponseMetadata></ActionResponse>`, an error `<ErrorResponse><Error><Type/><Code/>
 * <Message/></Error><RequestId/></ErrorResponse>`. SNS clients and older SQS clients speak it. No library reads a
 * query request back into a structure (the SDKs only write them), so the decoding below follows the shapes of the
 * service's operation table.
 */
import { AwsError } from '../../kernel';
import { QueryProtocol, WireRequest, WireResponse, WireService } from '../types';
import { Codec, ParsedCall, utf8 } from './codec';
import { isCarried } from './operation';
import { resolved, Shape, StructShape, wireName } from './shapes';
import { scalarFromText, ValueError } from './values';
import { appendStruct, element, xmlDocument } from './xml';

/** The parameters of a query request, with the set of every dotted prefix that has parameters under it. */
class QueryParams {
  public readonly values = new Map<string, string>();
  private readonly prefixes = new Set<string>();

  public add(key: string, value: string): void {
    this.values.set(key, value);
    for (let i = key.indexOf('.'); i >= 0; i = key.indexOf('.', i + 1)) this.prefixes.add(key.slice(0, i));
  }

  /** Whether `key` has a value or members under it. */
  public has(key: string): boolean {
    return this.values.has(key) || this.prefixes.has(key);
  }
}

export class QueryCodec implements Codec {
  public readonly name = 'awsQuery';

  constructor(private readonly service: WireService, private readonly query: QueryProtocol) {}

  public parse(request: WireRequest): ParsedCall {
    const params = new QueryParams();
    for (const [k, v] of Object.entries(request.query)) params.add(k, Array.isArray(v) ? v[0] : v);
    if (request.body.length > 0) {
      for (const [k, v] of parseForm(request.body.toString('utf8'))) params.add(k, v);
    }
    const action = params.values.get('Action');
    if (action === undefined || action === '') throw new AwsError('MissingAction', 'The request must contain the parameter Action.');
    const operation = this.service.operations[action];
    if (operation === undefined) throw this.unknownOperation(action);
    if (!isCarried(operation) || operation.input === undefined) return { action, input: {}, operation };
    try {
      return { action, input: decodeStruct(params, operation.input, ''), operation };
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      throw new AwsError('InvalidParameterValue', `Value for parameter ${e.path} is invalid. Reason: ${e.message.slice(e.path.length + 2)}.`);
    }
  }

  public async serialize(call: ParsedCall, output: Record<string, any>, requestId: string): Promise<WireResponse> {
    const root = element(`${call.action}Response`).addAttribute('xmlns', this.query.xmlns);
    const shape = call.operation?.output;
    if (shape === undefined || Object.keys(shape.members).length > 0) {
      const result = element(`${call.action}Result`);
      appendStruct(result, output, shape);
      root.addChildNode(result);
    }
    root.addChildNode(element('ResponseMetadata').addChildNode(element('RequestId', requestId)));
    return { statusCode: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body: utf8(xmlDocument(root)) };
  }

  public serializeError(error: AwsError, requestId: string): WireResponse {
    const detail = element('Error')
      .addChildNode(element('Type', error.$fault === 'server' ? 'Receiver' : 'Sender'))
      .addChildNode(element('Code', error.Code))
      .addChildNode(element('Message', error.message))
      .addChildNode(element('Detail'));
    const root = element('ErrorResponse').addAttribute('xmlns', this.query.xmlns)
      .addChildNode(detail)
      .addChildNode(element('RequestId', requestId));
    return {
      statusCode: error.$metadata.httpStatusCode,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
      body: utf8(xmlDocument(root)),
    };
  }

  public unknownOperation(action: string, message?: string): AwsError {
    return new AwsError('InvalidAction', message ?? `The action ${action} is not valid for this endpoint.`);
  }
}

/**
 * `application/x-www-form-urlencoded` pairs (`+` is a space). A malformed escape is the documented
 * MalformedQueryString (HTTP 404).
 */
export function parseForm(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    try {
      out.push([decodeURIComponent(rawKey.replace(/\+/g, ' ')), decodeURIComponent(rawValue.replace(/\+/g, ' '))]);
    } catch {
      throw new AwsError('MalformedQueryString', `The query string contains a syntax error near '${rawKey.slice(0, 40)}'.`, { httpStatusCode: 404 });
    }
  }
  return out;
}

function decodeStruct(params: QueryParams, shape: StructShape, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, m] of Object.entries(shape.members)) {
    const value = decodeValue(params, m.shape, prefix + wireName(name, m));
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function decodeValue(params: QueryParams, shape: Shape, key: string): unknown {
  const s = resolved(shape);
  switch (s.kind) {
    case 'structure':
      return params.has(key) ? decodeStruct(params, s, `${key}.`) : undefined;
    case 'list': {
      if (!params.has(key)) return undefined;
      // `Name=` with no items is how the query protocol sends an empty list.
      if (params.values.get(key) === '') return [];
      const base = s.flattened ? key : `${key}.${s.memberName ?? 'member'}`;
      const items: unknown[] = [];
      for (let i = 1; params.has(`${base}.${i}`); i++) items.push(decodeValue(params, s.member, `${base}.${i}`));
      return items;
    }
    case 'map': {
      if (!params.has(key)) return undefined;
      const base = s.flattened ? key : `${key}.entry`;
      const out: Record<string, unknown> = {};
      for (let i = 1; params.has(`${base}.${i}`); i++) {
        const k = params.values.get(`${base}.${i}.${s.keyName ?? 'key'}`);
        if (k === undefined) throw new ValueError(`${base}.${i}.${s.keyName ?? 'key'}`, 'is missing');
        out[k] = decodeValue(params, s.value, `${base}.${i}.${s.valueName ?? 'value'}`);
      }
      return out;
    }
    default: {
      const text = params.values.get(key);
      return text === undefined ? undefined : scalarFromText(s, text, key);
    }
  }
}
