/**
 * Raw HTTP requests to a `sim.listen()` endpoint, signed with SigV4 by @smithy/signature-v4 (or not signed at all), for
 * the protocols and failures an SDK would never send: the query protocol of older SQS clients, bad signatures.
 */
import { createHash, createHmac } from 'crypto';
import { SignatureV4 } from '@smithy/signature-v4';

export interface RawRequest {
  readonly method?: string;
  readonly path?: string;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Sent instead of `body` (which is what gets signed): a request altered after signing. */
  readonly sentBody?: string;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface Signing {
  readonly service: string;
  readonly region?: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

class Sha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }

  public update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytes(data));
  }

  public async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }

  public reset(): void {
    // One hash per instance in these tests.
  }
}

function bytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Sends `request` to `endpoint`, signed when `signing` is given. */
export async function rawRequest(endpoint: string, request: RawRequest, signing?: Signing): Promise<RawResponse> {
  const url = new URL(endpoint);
  const method = request.method ?? 'POST';
  const path = request.path ?? '/';
  let headers: Record<string, string> = { host: url.host, ...request.headers };
  if (signing) {
    const signer = new SignatureV4({ service: signing.service, region: signing.region ?? 'us-east-1', credentials: signing.credentials, sha256: Sha256 });
    const signed = await signer.sign({
      method, protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path, query: request.query ?? {}, headers, body: request.body,
    });
    headers = signed.headers;
  }
  const qs = new URLSearchParams(request.query ?? {}).toString().replace(/\+/g, '%20');
  const { host: _host, ...sendable } = headers;
  const response = await fetch(`${endpoint}${path}${qs ? `?${qs}` : ''}`, { method, headers: sendable, body: request.sentBody ?? request.body });
  const out: Record<string, string> = {};
  response.headers.forEach((v, k) => { out[k] = v; });
  return { status: response.status, headers: out, body: await response.text() };
}

/** A form body (`Action=...&...`), as query-protocol clients send it. */
export function form(params: Record<string, string>): string {
  return Object.entries(params).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
