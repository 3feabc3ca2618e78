/**
 * The SDK's side of the in-process wire: an object implementing the SDK v3 `HttpHandler` interface (what
 * `@smithy/node-http-handler` implements with sockets) that hands each request to the wire endpoint and returns its
 * answer, with no socket. The SDK serializes the request, signs it and parses the answer itself, so its own
 * serializers, error classes and checksum checks are what the test exercises. The host the request is addressed to
 * does not matter: an SQS client that followed a QueueUrl to `sqs.<region>.amazonaws.com` still reaches the simulator.
 */
import { Readable } from 'stream';
import { WireEndpoint } from './endpoint';
import { WireRequest, WireResponse } from './types';

/** The SDK v3 `HttpRequest` (`@smithy/types`), as far as the handler reads it. */
export interface SdkHttpRequest {
  readonly method: string;
  readonly protocol: string;
  readonly hostname: string;
  readonly port?: number;
  readonly path: string;
  readonly query?: Record<string, string | Array<string> | null>;
  readonly headers: Record<string, string>;
  readonly body?: any;
}

/** The SDK v3 `HttpResponse` the handler returns. */
export interface SdkHttpResponse {
  readonly statusCode: number;
  readonly reason?: string;
  readonly headers: Record<string, string>;
  readonly body?: any;
}

/** The SDK v3 `HttpHandler` interface, structurally (so the simulator needs no SDK types at run time). */
export interface SimRequestHandler {
  readonly metadata: { readonly handlerProtocol: string };
  handle(request: SdkHttpRequest, options?: { abortSignal?: { aborted: boolean; addEventListener?: (type: 'abort', fn: () => void) => void } }): Promise<{
    response: SdkHttpResponse;
  }>;
  updateHttpClientConfig(key: never, value: never): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

export class InProcessHandler implements SimRequestHandler {
  public readonly metadata = { handlerProtocol: 'in-process' };

  constructor(private readonly endpoint: () => WireEndpoint, private readonly beforeEach?: () => Promise<void>) {}

  public async handle(request: SdkHttpRequest, options: Parameters<SimRequestHandler['handle']>[1] = {}): Promise<{ response: SdkHttpResponse }> {
    const signal = options.abortSignal;
    if (signal?.aborted) throw abortError();
    const wire = await wireRequest(request);
    if (this.beforeEach) await this.beforeEach();
    const answer = this.endpoint().handle(wire, { secure: request.protocol === 'https:' });
    const response = await (signal?.addEventListener ? abortable(answer, signal) : answer);
    return { response: sdkResponse(response) };
  }

  public updateHttpClientConfig(): void {
    // The in-process handler has no connection settings to update.
  }

  public httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  public destroy(): void {
    // Nothing to release: no sockets.
  }
}

/** An SDK request as the wire endpoint reads it: lower-case header names, the body as bytes. */
async function wireRequest(request: SdkHttpRequest): Promise<WireRequest> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = String(v);
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(request.query ?? {})) if (v !== null && v !== undefined) query[k] = v;
  const { bytes, signed } = await bodyOf(request.body);
  return {
    method: request.method.toUpperCase(),
    protocol: request.protocol === 'http:' ? 'http:' : 'https:',
    hostname: request.hostname,
    port: request.port,
    path: request.path,
    query,
    headers,
    body: bytes,
    signedBody: signed,
  };
}

/** The body's bytes, and what the signer saw when that was not bytes (a stream is signed as UNSIGNED-PAYLOAD). */
async function bodyOf(body: unknown): Promise<{ bytes: Buffer; signed?: unknown }> {
  if (body === undefined || body === null) return { bytes: Buffer.alloc(0) };
  if (typeof body === 'string') return { bytes: Buffer.from(body, 'utf8'), signed: body };
  if (Buffer.isBuffer(body)) return { bytes: body };
  if (body instanceof Uint8Array) return { bytes: Buffer.from(body.buffer, body.byteOffset, body.byteLength) };
  if (body instanceof ArrayBuffer) return { bytes: Buffer.from(body) };
  const chunks: Buffer[] = [];
  if (body instanceof Readable || typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    for await (const chunk of body as AsyncIterable<unknown>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  } else if (typeof (body as Blob).arrayBuffer === 'function') {
    chunks.push(Buffer.from(await (body as Blob).arrayBuffer()));
  }
  return { bytes: Buffer.concat(chunks), signed: {} };
}

function sdkResponse(response: WireResponse): SdkHttpResponse {
  const body = response.body;
  // The SDK reads a streaming output (GetObject's Body) through its Node.js stream mixin, which wants a Readable.
  if (response.streaming) return { statusCode: response.statusCode, headers: response.headers, body: Readable.from([body]) };
  return { statusCode: response.statusCode, headers: response.headers, body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) };
}

function abortError(): Error {
  const err = new Error('Request aborted');
  err.name = 'AbortError';
  return err;
}

/** Rejects with an AbortError when the SDK's signal fires first (sqs-consumer aborts its long poll when it stops). */
function abortable<T>(promise: Promise<T>, signal: { addEventListener?: (type: 'abort', fn: () => void) => void }): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    signal.addEventListener!('abort', () => reject(abortError()));
    promise.then(resolve, reject);
  });
}
