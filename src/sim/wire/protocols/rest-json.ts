/**
 * restJson1: the operation is found by method and path (http-binding.ts); members travel in path labels, the query
 * string, headers, or the JSON body (or a blob payload: Lambda Invoke's `Payload`, PostToConnection's `Data`). Errors
 * carry their name in `X-Amzn-ErrorType` and `{ "message": ... }` in the body. The SDK v3 clients of Lambda, Batch,
 * AppFlow and the API Gateway management API speak it.
 */
import { AwsError } from '../../kernel';
import { WireRequest, WireResponse, WireService } from '../types';
import { Codec, errorFields, ParsedCall, utf8 } from './codec';
import { HttpBindings, readBoundMembers, writeBoundMembers } from './http-binding';
import { decodeJson, decodeStruct, encodeJson } from './json-values';
import { Member, resolved, StructShape } from './shapes';
import { blobBytes, ValueError } from './values';

export class RestJsonCodec implements Codec {
  public readonly name = 'restJson1';
  private readonly bindings: HttpBindings;

  constructor(private readonly service: WireService) {
    this.bindings = new HttpBindings(service.operations);
  }

  /** Whether the request's path belongs to this service (for requests routed by path alone). */
  public claims(request: WireRequest): boolean {
    return this.bindings.claims(request.path);
  }

  public parse(request: WireRequest): ParsedCall {
    const matched = this.bindings.match(request.method, request.path, request.query);
    if (!matched) throw this.unknownOperation(`${request.method} ${request.path}`);
    // An operation declared without shapes takes its JSON body as the input, unchanged.
    const shape = matched.operation.input ?? { kind: 'structure' as const, members: {} };
    try {
      const input: Record<string, any> = readBoundMembers(shape, request, matched.labels);
      const payload = payloadMember(shape);
      if (payload) {
        const [name, m] = payload;
        const s = resolved(m.shape);
        if (s.kind === 'blob') {
          if (request.body.length > 0) input[name] = new Uint8Array(request.body.buffer, request.body.byteOffset, request.body.byteLength);
        } else if (request.body.length > 0) {
          input[name] = decodeJson(parseJsonBody(request.body), s, name);
        }
      } else if (request.body.length > 0) {
        const body = parseJsonBody(request.body);
        if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new AwsError('SerializationException', 'The request body must be a JSON object.');
        Object.assign(input, decodeStruct(body as Record<string, unknown>, shape, ''));
      }
      return { action: matched.action, input, operation: matched.operation };
    } catch (e) {
      if (e instanceof ValueError) throw new AwsError('SerializationException', e.message);
      throw e;
    }
  }

  public async serialize(call: ParsedCall, output: Record<string, any>, requestId: string): Promise<WireResponse> {
    const shape = call.operation?.output;
    const headers: Record<string, string> = { 'x-amzn-requestid': requestId };
    const status = writeBoundMembers(shape, output, headers) ?? call.operation?.http?.status ?? 200;
    const payload = shape ? payloadMember(shape) : undefined;
    let body: Buffer;
    if (payload && resolved(payload[1].shape).kind === 'blob') {
      const bytes = blobBytes(output[payload[0]]);
      body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      headers['content-type'] = 'application/octet-stream';
    } else {
      const value = payload ? output[payload[0]] : output;
      body = utf8(JSON.stringify(encodeJson(value, payload ? payload[1].shape : shape) ?? {}));
      headers['content-type'] = 'application/json';
    }
    return { statusCode: status, headers, body };
  }

  public serializeError(error: AwsError, requestId: string): WireResponse {
    return {
      statusCode: error.$metadata.httpStatusCode,
      headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.name },
      body: utf8(JSON.stringify({ message: error.message, ...(encodeJson(errorFields(error)) as object) })),
    };
  }

  public unknownOperation(action: string, message?: string): AwsError {
    return new AwsError('UnknownOperationException', message ?? `${this.service.title} has no operation at ${action}.`, { httpStatusCode: 404 });
  }
}

export function payloadMember(shape: StructShape): [string, Member] | undefined {
  return Object.entries(shape.members).find(([, m]) => m.location === 'payload');
}

function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new AwsError('SerializationException', 'The request body is not valid JSON.');
  }
}
