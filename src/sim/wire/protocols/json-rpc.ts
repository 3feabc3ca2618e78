/**
 * awsJson1_0 / awsJson1_1: `POST /` with `X-Amz-Target: <prefix>.<Action>` and the input as a JSON document; the
 * output is a JSON document, an error a JSON document whose `__type` names it (`com.amazonaws.sqs#QueueDoesNotExist`),
 * plus, for a query-compatible service, `x-amzn-query-error: <query code>;<Sender|Receiver>` from which the SDK
 * recovers the query-era code. The SDK v3 clients of SQS, Step Functions, DynamoDB and Firehose speak it.
 */
import { AwsError } from '../../kernel';
import { JsonProtocol, WireRequest, WireResponse, WireService } from '../types';
import { Codec, errorFields, ParsedCall, utf8 } from './codec';
import { decodeStruct, encodeJson } from './json-values';
import { ValueError } from './values';

export class JsonRpcCodec implements Codec {
  public readonly name: string;
  private readonly contentType: string;

  constructor(private readonly service: WireService, private readonly json: JsonProtocol) {
    this.name = `awsJson${json.version.replace('.', '_')}`;
    this.contentType = `application/x-amz-json-${json.version}`;
  }

  public parse(request: WireRequest): ParsedCall {
    const target = request.headers['x-amz-target'] ?? '';
    const dot = target.lastIndexOf('.');
    const action = dot < 0 ? target : target.slice(dot + 1);
    if (dot < 0 || target.slice(0, dot) !== this.json.targetPrefix || action === '') {
      throw this.unknownOperation(action || '(none)', target === '' ? 'The request has no X-Amz-Target header.' : undefined);
    }
    let body: unknown = {};
    if (request.body.length > 0) {
      try {
        body = JSON.parse(request.body.toString('utf8'));
      } catch {
        throw serializationError('Start of structure or map found where not expected.');
      }
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw serializationError('The request body must be a JSON object.');
    const operation = this.service.operations[action];
    let input = body as Record<string, any>;
    if (operation?.input) {
      try {
        input = decodeStruct(input, operation.input, '');
      } catch (e) {
        if (e instanceof ValueError) throw serializationError(e.message);
        throw e;
      }
    }
    return { action, input, operation };
  }

  public async serialize(call: ParsedCall, output: Record<string, any>, requestId: string): Promise<WireResponse> {
    const body = JSON.stringify(encodeJson(output, call.operation?.output) ?? {});
    return { statusCode: 200, headers: { 'content-type': this.contentType, 'x-amzn-requestid': requestId }, body: utf8(body) };
  }

  public serializeError(error: AwsError, requestId: string): WireResponse {
    const headers: Record<string, string> = { 'content-type': this.contentType, 'x-amzn-requestid': requestId };
    if (this.json.queryCompatible) headers['x-amzn-query-error'] = `${error.Code};${error.$fault === 'server' ? 'Receiver' : 'Sender'}`;
    const body = { __type: `${this.json.errorNamespace}#${error.name}`, message: error.message, ...(encodeJson(errorFields(error)) as object) };
    return { statusCode: error.$metadata.httpStatusCode, headers, body: utf8(JSON.stringify(body)) };
  }

  public unknownOperation(action: string, message?: string): AwsError {
    // Query-compatible services answer with the query protocol's InvalidAction; the others with Coral's
    // UnknownOperationException.
    if (this.json.queryCompatible) {
      return new AwsError('InvalidAction', message ?? `The action ${action} is not valid for this endpoint.`);
    }
    return new AwsError('UnknownOperationException', message ?? `The operation ${action} is not supported by ${this.service.title}.`);
  }
}

function serializationError(message: string): AwsError {
  return new AwsError('SerializationException', message);
}
