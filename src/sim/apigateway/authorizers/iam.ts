/**
 * IAM authorization (AWS_IAM): the caller proves its identity with a Signature Version 4 signed request, which is
 * verified here by signing the same canonical request again with `@smithy/signature-v4` (what the AWS SDK signs
 * with, loaded on first use) and the secret of the access key. Which secret belongs to which key, and to which
 * principal, comes from one small lookup (`CredentialLookup`) that tests fill with `trustCredentials`; a later,
 * simulator-wide mapping of credentials to principals can replace it. A test may also name the caller directly
 * (`iamPrincipal`). Identity-based policies (execute-api:Invoke) are not evaluated: a known principal is allowed.
 */
import { createHash, createHmac, timingSafeEqual } from 'crypto';
import type * as SigV4 from '@smithy/signature-v4';
import { IncomingRequest } from '../request';

export interface SimCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** Who signs with these credentials: a role, user or account root ARN. */
  readonly principal: string;
}

export type CredentialLookup = (accessKeyId: string) => SimCredentials | undefined;

export interface IamIdentity {
  readonly principal: string;
  readonly accountId: string;
  readonly accessKey: string | null;
  /** `$context.identity.caller` / `user`: the principal id (the role session or user name part). */
  readonly caller: string;
}

export type IamOutcome =
  | { readonly ok: true; readonly identity: IamIdentity }
  | { readonly ok: false; readonly type: 'MISSING_AUTHENTICATION_TOKEN' | 'INVALID_SIGNATURE' | 'EXPIRED_TOKEN'; readonly message?: string };

/** SigV4 wants a hash constructor; node's crypto, synchronous behind the async interface. */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: string | Uint8Array) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', secret);
  }

  public update(data: string | Uint8Array): void {
    this.hash.update(data);
  }

  public async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }

  public reset(): void {}
}

const MAX_SKEW_MS = 5 * 60 * 1000;

export function identityOfPrincipal(principal: string, accessKey: string | null): IamIdentity {
  const account = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1] ?? (/^\d{12}$/.test(principal) ? principal : '');
  const name = principal.split('/').slice(1).join('/') || principal;
  return { principal, accountId: account, accessKey, caller: name };
}

/**
 * Verifies the request's SigV4 signature. `canonicalPath` is the URL path the client signed (`/{stage}/orders/1`),
 * `host` the API's host when the request carries none.
 */
export async function verifySignature(req: IncomingRequest, opts: {
  readonly canonicalPath: string;
  readonly host: string;
  readonly region: string;
  readonly now: number;
  readonly lookup: CredentialLookup;
}): Promise<IamOutcome> {
  const authorization = req.header('authorization');
  if (authorization === undefined || !authorization.startsWith('AWS4-HMAC-SHA256')) return { ok: false, type: 'MISSING_AUTHENTICATION_TOKEN' };
  const credential = /Credential=([^,\s]+)/.exec(authorization)?.[1];
  const signedHeaders = /SignedHeaders=([^,\s]+)/.exec(authorization)?.[1];
  const signature = /Signature=([0-9a-f]+)/.exec(authorization)?.[1];
  if (!credential || !signedHeaders || !signature) {
    return { ok: false, type: 'INVALID_SIGNATURE', message: `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization=${authorization}` };
  }
  const [accessKeyId, , scopeRegion, scopeService] = credential.split('/');
  const creds = opts.lookup(accessKeyId);
  if (!creds) return { ok: false, type: 'INVALID_SIGNATURE', message: 'The security token included in the request is invalid.' };
  if (scopeService !== 'execute-api' || scopeRegion !== opts.region) {
    return { ok: false, type: 'INVALID_SIGNATURE', message: `Credential should be scoped to correct service: 'execute-api' and region '${opts.region}'.` };
  }
  const amzDate = req.header('x-amz-date');
  const signingDate = amzDate ? parseAmzDate(amzDate) : undefined;
  if (signingDate === undefined) return { ok: false, type: 'INVALID_SIGNATURE', message: 'Authorization header requires existence of either a \'X-Amz-Date\' or a \'Date\' header.' };
  if (Math.abs(opts.now - signingDate.getTime()) > MAX_SKEW_MS) {
    const fmt = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    return { ok: false, type: 'INVALID_SIGNATURE', message: `Signature expired: ${amzDate} is now earlier than ${fmt(opts.now - MAX_SKEW_MS)} (${fmt(opts.now)} - 5 min.)` };
  }
  if (creds.sessionToken !== undefined && req.header('x-amz-security-token') !== creds.sessionToken) {
    return { ok: false, type: 'INVALID_SIGNATURE', message: 'The security token included in the request is invalid.' };
  }
  const names = signedHeaders.split(';');
  const headers: Record<string, string> = {};
  for (const name of names) {
    const value = name === 'host' ? req.header('host') ?? opts.host : req.headerValues(name)?.join(',');
    if (value !== undefined) headers[name] = value;
  }
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of req.query) query[k] = v.length === 1 ? v[0] : v.slice();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SignatureV4 } = require('@smithy/signature-v4') as typeof SigV4;
  const signer = new SignatureV4({
    service: 'execute-api',
    region: opts.region,
    credentials: { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, sessionToken: creds.sessionToken },
    sha256: NodeSha256 as unknown as NonNullable<SigV4.SignatureV4Init['sha256']>,
  });
  const signed = await signer.sign({
    method: req.method,
    protocol: 'https:',
    hostname: headers.host ?? opts.host,
    path: opts.canonicalPath,
    query,
    headers,
    body: req.body,
  } as never, { signingDate, signableHeaders: new Set(names) });
  const expected = /Signature=([0-9a-f]+)/.exec(String((signed as { headers: Record<string, string> }).headers.authorization))?.[1] ?? '';
  if (expected.length !== signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    return { ok: false, type: 'INVALID_SIGNATURE' };
  }
  return { ok: true, identity: identityOfPrincipal(creds.principal, accessKeyId) };
}

function parseAmzDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}
