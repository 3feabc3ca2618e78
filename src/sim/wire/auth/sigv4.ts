/**
 * Signature Version 4 verification. The request's `Authorization` header (or a presigned URL's `X-Amz-*` query
 * parameters) names the access key, the credential scope and the headers the client signed; the signature is computed
 * again over exactly those headers with the key's secret by `@smithy/signature-v4` (the signer the SDK itself uses, so
 * canonicalization is the SDK's: double-encoded paths except for S3, sorted query, trimmed header values) and
 * compared. The request time is not compared with the clock: clients sign with the real time while the simulation
 * runs on virtual time, so AWS's 15-minute skew rule (RequestTimeTooSkewed) is not applied, except that a presigned
 * URL past its X-Amz-Expires (by the real clock) is refused.
 */
import { createHash, createHmac, Hash, Hmac } from 'crypto';
import type { SignatureV4 as SignatureV4Type } from '@smithy/signature-v4';
import { WireRequest } from '../types';
import { CredentialStore, SimCredentials } from './credentials';

/** Why a request failed authentication; each service names the failure its own way (../errors.ts). */
export type AuthFailure = 'missing' | 'malformed' | 'unknown-key' | 'bad-token' | 'bad-signature' | 'wrong-scope' | 'expired' | 'payload-hash';

export type AuthOutcome =
  | { readonly kind: 'unsigned' }
  | { readonly kind: 'signed'; readonly principal: string; readonly accessKeyId: string }
  | { readonly kind: 'failed'; readonly failure: AuthFailure; readonly message: string; readonly accessKeyId?: string; readonly principal?: string };

/** What the `Authorization` header or presigned query says. */
export interface SignatureClaim {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  readonly presigned: boolean;
  /** `x-amz-date` / `X-Amz-Date` (yyyyMMddTHHmmssZ). */
  readonly amzDate?: string;
  readonly expires?: number;
}

/** The credential scope's service of a request, read without verifying anything (used to route unsigned-looking requests). */
export function scopeService(request: WireRequest): string | undefined {
  const credential = /Credential=[^/,\s]*\/\d{8}\/[^/]*\/([^/,\s]+)\//.exec(request.headers.authorization ?? '')?.[1];
  if (credential) return credential;
  const presigned = request.query['X-Amz-Credential'];
  return typeof presigned === 'string' ? presigned.split('/')[3] : undefined;
}

/**
 * Reads the claim of a request: undefined when it carries no signature at all; a string (the reason) when it carries
 * one that does not conform to SigV4.
 */
export function readClaim(request: WireRequest): SignatureClaim | string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    if (!header.startsWith('AWS4-HMAC-SHA256 ')) {
      return `Authorization header uses an unsupported scheme '${header.split(' ')[0]}' (only AWS4-HMAC-SHA256 is simulated).`;
    }
    const parts: Record<string, string> = {};
    for (const part of header.slice('AWS4-HMAC-SHA256 '.length).split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) parts[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
    const missing = ['Credential', 'SignedHeaders', 'Signature'].filter(k => !parts[k]);
    if (missing.length > 0) {
      return `Authorization header requires ${missing.map(k => `'${k}'`).join(', ')} parameter${missing.length > 1 ? 's' : ''}. Authorization=${header}`;
    }
    return claimOf(parts.Credential, parts.SignedHeaders, parts.Signature, false, request.headers['x-amz-date']);
  }
  const q = (name: string) => {
    const v = request.query[name];
    return Array.isArray(v) ? v[0] : v;
  };
  if (q('X-Amz-Algorithm') === undefined && q('X-Amz-Signature') === undefined) return undefined;
  if (q('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"';
  const credential = q('X-Amz-Credential');
  const signedHeaders = q('X-Amz-SignedHeaders');
  const signature = q('X-Amz-Signature');
  if (!credential || !signedHeaders || !signature || !q('X-Amz-Date')) {
    return 'Query-string authentication requires the X-Amz-Credential, X-Amz-SignedHeaders, X-Amz-Signature and X-Amz-Date parameters.';
  }
  const claim = claimOf(credential, signedHeaders, signature, true, q('X-Amz-Date'));
  if (typeof claim === 'string') return claim;
  return { ...claim, expires: Number(q('X-Amz-Expires') ?? 3600) };
}

function claimOf(credential: string, signedHeaders: string, signature: string, presigned: boolean, amzDate?: string): SignatureClaim | string {
  const scope = credential.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request' || !/^\d{8}$/.test(scope[1])) {
    return `Credential should be scoped to a valid region, service and date, and end with aws4_request: '${credential}'.`;
  }
  if (amzDate === undefined || !/^\d{8}T\d{6}Z$/.test(amzDate)) return 'Authorization requires an X-Amz-Date (yyyyMMddTHHmmssZ).';
  if (!/^[0-9a-f]{64}$/.test(signature)) return `The signature '${signature.slice(0, 80)}' is not a SigV4 signature.`;
  return {
    accessKeyId: scope[0],
    date: scope[1],
    region: scope[2],
    service: scope[3],
    signedHeaders: signedHeaders.split(';'),
    signature,
    presigned,
    amzDate,
  };
}

/** node:crypto's SHA-256 and HMAC-SHA256 behind the `Checksum` interface the signer takes. */
class NodeSha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: string | ArrayBufferView | ArrayBuffer) {
    this.hash = this.create();
  }

  public update(data: string | ArrayBufferView | ArrayBuffer): void {
    this.hash.update(typeof data === 'string' ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : data as Uint8Array);
  }

  public async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }

  public reset(): void {
    this.hash = this.create();
  }

  private create(): Hash | Hmac {
    if (this.secret === undefined) return createHash('sha256');
    const key = typeof this.secret === 'string' ? this.secret : this.secret instanceof ArrayBuffer ? new Uint8Array(this.secret) : this.secret as Uint8Array;
    return createHmac('sha256', key);
  }
}

type SignatureV4Module = typeof import('@smithy/signature-v4');

/** Verifies signatures against the keys of a credential store. */
export class SignatureVerifier {
  private signerModule?: SignatureV4Module;
  private readonly signers = new Map<string, SignatureV4Type>();

  constructor(private readonly credentials: CredentialStore, private readonly region: string) {}

  /**
   * Checks `request`, signed for the service whose signing name is `service`. The scope's region must be the
   * simulation's and its service the one the request went to, as AWS requires.
   */
  public async verify(request: WireRequest, service: string): Promise<AuthOutcome> {
    const claim = readClaim(request);
    if (claim === undefined) return { kind: 'unsigned' };
    if (typeof claim === 'string') return { kind: 'failed', failure: 'malformed', message: claim };
    const known = this.credentials.lookup(claim.accessKeyId);
    const accessKeyId = claim.accessKeyId;
    if (known === undefined) {
      return { kind: 'failed', failure: 'unknown-key', message: 'The security token included in the request is invalid.', accessKeyId };
    }
    const principal = known.principal;
    const presentedToken = request.headers['x-amz-security-token'] ?? first(request.query['X-Amz-Security-Token']);
    if (presentedToken !== known.credentials.sessionToken) {
      return { kind: 'failed', failure: 'bad-token', message: 'The security token included in the request is invalid.', accessKeyId, principal };
    }
    if (claim.region !== this.region) {
      return {
        kind: 'failed',
        failure: 'wrong-scope',
        accessKeyId,
        principal,
        message: `Credential should be scoped to a valid region, not '${claim.region}'; this simulation is in '${this.region}'.`,
      };
    }
    if (claim.service !== service) {
      return { kind: 'failed', failure: 'wrong-scope', message: `Credential should be scoped to correct service: '${service}'.`, accessKeyId, principal };
    }
    if (claim.presigned && Date.parse(isoOf(claim.amzDate!)) + (claim.expires ?? 0) * 1000 < Date.now()) {
      return { kind: 'failed', failure: 'expired', message: 'Request has expired', accessKeyId, principal };
    }
    // A declared payload hash must be the body's: a signature over the header alone would let the body change.
    const declared = request.headers['x-amz-content-sha256'];
    if (declared !== undefined && /^[0-9a-f]{64}$/.test(declared) && request.signedBody === undefined
      && createHash('sha256').update(request.body).digest('hex') !== declared) {
      return {
        kind: 'failed',
        failure: 'payload-hash',
        accessKeyId,
        principal,
        message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
      };
    }
    const expected = await this.signatureOf(request, claim, known.credentials);
    if (expected !== claim.signature) {
      return {
        kind: 'failed',
        failure: 'bad-signature',
        accessKeyId,
        principal,
        message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. '
          + 'Consult the service documentation for details.',
      };
    }
    return { kind: 'signed', principal, accessKeyId };
  }

  /** The signature of `request` over the headers the claim lists, with `credentials`. */
  private async signatureOf(request: WireRequest, claim: SignatureClaim, credentials: SimCredentials): Promise<string | undefined> {
    const headers: Record<string, string> = {};
    for (const name of claim.signedHeaders) {
      const value = request.headers[name];
      if (value === undefined) return undefined; // a signed header the request does not carry cannot verify
      headers[name] = value;
    }
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(request.query)) {
      if (claim.presigned && /^X-Amz-(Algorithm|Credential|Date|Expires|SignedHeaders|Signature|Security-Token)$/.test(k)) continue;
      query[k] = v;
    }
    const toSign = {
      method: request.method,
      protocol: request.protocol,
      hostname: request.hostname,
      port: request.port,
      path: request.path,
      query,
      headers,
      body: request.signedBody ?? request.body,
    };
    const signer = this.signerFor(claim, credentials);
    const signingDate = new Date(isoOf(claim.amzDate!));
    const signableHeaders = new Set(claim.signedHeaders);
    if (claim.presigned) {
      const presigned = await signer.presign(toSign, {
        signingDate,
        expiresIn: claim.expires,
        signableHeaders,
        unhoistableHeaders: signableHeaders,
        signingRegion: claim.region,
        signingService: claim.service,
      });
      return first(presigned.query?.['X-Amz-Signature'] ?? undefined);
    }
    const signed = await signer.sign(toSign, { signingDate, signableHeaders, signingRegion: claim.region, signingService: claim.service });
    return /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization))?.[1];
  }

  private signerFor(claim: SignatureClaim, credentials: SimCredentials): SignatureV4Type {
    // Unsigned headers are left out before signing, so the signer may add x-amz-content-sha256 only when it was signed.
    const applyChecksum = claim.signedHeaders.includes('x-amz-content-sha256');
    const key = `${claim.accessKeyId}\u0000${claim.service}\u0000${claim.region}\u0000${applyChecksum}`;
    let signer = this.signers.get(key);
    if (signer === undefined) {
      // Loaded on the first signed request: loading a stack must stay cheap.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      this.signerModule ??= require('@smithy/signature-v4') as SignatureV4Module;
      signer = new this.signerModule.SignatureV4({
        credentials,
        region: claim.region,
        service: claim.service,
        sha256: NodeSha256,
        // S3 signs the path as sent; every other service double-encodes it.
        uriEscapePath: claim.service !== 's3',
        applyChecksum,
      });
      this.signers.set(key, signer);
    }
    return signer;
  }
}

function first(v: string | string[] | null | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v ?? undefined;
}

/** `20240101T000000Z` -> `2024-01-01T00:00:00Z`. */
function isoOf(amzDate: string): string {
  return `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13)}`;
}
