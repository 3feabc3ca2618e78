/**
 * restXml (Amazon S3): the bucket comes from the host (virtual-hosted style, `<bucket>.s3.<region>.amazonaws.com` or
 * `<bucket>.<simulator endpoint>`) or from the first path segment (path style, as clients use against an IP address
 * endpoint); the operation from method, path and query (http-binding.ts). Object bodies are the raw payload
 * (aws-chunked decoded when the client streamed it); results are XML documents; errors are
 * `<Error><Code/><Message/>...<RequestId/></Error>`, except that a HEAD answer has no body (the SDK then names the
 * error by its status: `NotFound`).
 */
import { Readable } from 'stream';
import { AwsError } from '../../kernel';
import { WireRequest, WireResponse, WireService } from '../types';
import { decodeAwsChunked, isAwsChunked } from './aws-chunked';
import { Codec, errorFields, ParsedCall, utf8 } from './codec';
import { HttpBindings, readBoundMembers, writeBoundMembers } from './http-binding';
import { payloadMember } from './rest-json';
import { resolved } from './shapes';
import { blobBytes, ValueError } from './values';
import { appendStruct, element, xmlDocument } from './xml';

const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

export class RestXmlCodec implements Codec {
  public readonly name = 'restXml';
  private readonly bindings: HttpBindings;

  /** @param bucketOf the bucket a virtual-hosted request's host names, or undefined for a path-style host */
  constructor(service: WireService, private readonly bucketOf: (hostname: string) => string | undefined) {
    this.bindings = new HttpBindings(service.operations);
  }

  public parse(request: WireRequest): ParsedCall {
    const bucket = this.bucketOf(request.hostname);
    const path = bucket === undefined ? request.path : `/${encodeURIComponent(bucket)}${request.path}`;
    const matched = this.bindings.match(request.method, path, request.query);
    if (!matched) throw this.unknownOperation(`${request.method} ${path}`);
    const shape = matched.operation.input;
    if (!shape) return { action: matched.action, input: {}, operation: matched.operation };
    try {
      const input: Record<string, any> = readBoundMembers(shape, request, matched.labels);
      const payload = payloadMember(shape);
      if (payload && resolved(payload[1].shape).kind === 'blob') {
        input[payload[0]] = isAwsChunked(request.headers) ? decodeAwsChunked(request.body) : request.body;
      }
      return { action: matched.action, input, operation: matched.operation };
    } catch (e) {
      if (e instanceof ValueError) throw new AwsError('InvalidArgument', e.message);
      throw e;
    }
  }

  public async serialize(call: ParsedCall, raw: Record<string, any>, requestId: string): Promise<WireResponse> {
    const op = call.operation;
    const output = op?.wireOutput ? op.wireOutput(call.input, raw) : raw;
    const shape = op?.output;
    const headers: Record<string, string> = { 'x-amz-request-id': requestId, 'x-amz-id-2': hostId(requestId) };
    const status = writeBoundMembers(shape, output, headers) ?? op?.http?.status ?? output.$metadata?.httpStatusCode ?? 200;
    const payload = shape ? payloadMember(shape) : undefined;
    let body: Buffer = Buffer.alloc(0);
    if (payload) {
      body = await bytesOf(output[payload[0]]);
      return { statusCode: status, headers, body, streaming: true };
    }
    if (shape && Object.values(shape.members).some(m => m.location === undefined)) {
      const root = element(op?.xmlRoot ?? `${call.action}Result`).addAttribute('xmlns', S3_XMLNS);
      appendStruct(root, output, shape);
      body = utf8(xmlDocument(root));
      headers['content-type'] = 'application/xml';
    }
    return { statusCode: status, headers, body };
  }

  public serializeError(error: AwsError, requestId: string, request: WireRequest): WireResponse {
    const headers: Record<string, string> = { 'x-amz-request-id': requestId, 'x-amz-id-2': hostId(requestId) };
    if (request.method === 'HEAD') return { statusCode: error.$metadata.httpStatusCode, headers, body: Buffer.alloc(0) };
    const root = element('Error').addChildNode(element('Code', error.Code)).addChildNode(element('Message', error.message));
    for (const [k, v] of Object.entries(errorFields(error))) if (typeof v !== 'object') root.addChildNode(element(k, String(v)));
    root.addChildNode(element('RequestId', requestId)).addChildNode(element('HostId', hostId(requestId)));
    headers['content-type'] = 'application/xml';
    return { statusCode: error.$metadata.httpStatusCode, headers, body: utf8(xmlDocument(root)) };
  }

  public unknownOperation(action: string, message?: string): AwsError {
    return new AwsError('NotImplemented', message ?? `A header you provided implies functionality that is not implemented (${action}).`,
      { httpStatusCode: 501, fault: 'server' });
  }
}

/** S3's x-amz-id-2, derived from the request id (deterministic). */
function hostId(requestId: string): string {
  return Buffer.from(requestId).toString('base64');
}

/** A payload as bytes: a blob, a string, or a stream (GetObject's Body). */
async function bytesOf(value: unknown): Promise<Buffer> {
  if (value === undefined || value === null) return Buffer.alloc(0);
  if (value instanceof Readable) {
    const chunks: Buffer[] = [];
    for await (const chunk of value) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  const bytes = blobBytes(value);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
