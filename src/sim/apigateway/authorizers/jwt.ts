/**
 * JSON Web Tokens for Cognito user pool authorizers (REST) and JWT authorizers (HTTP APIs), verified with `jose`
 * (loaded on first use): the signature against the issuer's keys, `iss`, `exp` / `nbf` on the virtual clock, the
 * audience (`aud`, or `client_id` for access tokens) and, where the method or route names scopes, the `scope` claim.
 * API Gateway fetches an issuer's keys from its JWKS endpoint; offline, a test tells the simulator which keys to
 * trust for an issuer (`trustIssuer`): the keys live in one store per simulation.
 */
import type * as Jose from 'jose';

export interface TrustedIssuer {
  /** The `iss` of the tokens, e.g. `https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123` or `https://login.example.com/`. */
  readonly issuer: string;
  /** Its JSON Web Key Set (the public keys, as the issuer's jwks_uri serves them). */
  readonly jwks: { readonly keys: readonly object[] };
}

export class TrustStore {
  private readonly keySets = new Map<string, Jose.JWTVerifyGetKey>();
  private readonly jwks = new Map<string, TrustedIssuer['jwks']>();
  private jose?: typeof Jose;

  public trust(issuer: TrustedIssuer): void {
    if (!issuer || typeof issuer.issuer !== 'string' || !issuer.jwks || !Array.isArray(issuer.jwks.keys)) {
      throw new TypeError('trustIssuer({ issuer, jwks }): issuer must be a string and jwks a JSON Web Key Set ({ keys: [...] })');
    }
    this.jwks.set(issuer.issuer, issuer.jwks);
    this.keySets.delete(issuer.issuer);
  }

  public isTrusted(issuer: string): boolean {
    return this.jwks.has(issuer);
  }

  /** `jose`, loaded on first use. */
  public lib(): typeof Jose {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.jose ??= require('jose') as typeof Jose;
    return this.jose;
  }

  public keySet(issuer: string): Jose.JWTVerifyGetKey | undefined {
    let set = this.keySets.get(issuer);
    if (set) return set;
    const jwks = this.jwks.get(issuer);
    if (!jwks) return undefined;
    set = this.lib().createLocalJWKSet(jwks as Jose.JSONWebKeySet);
    this.keySets.set(issuer, set);
    return set;
  }
}

export interface JwtRules {
  /** Accepted issuers (a Cognito authorizer may name several pools). */
  readonly issuers: readonly string[];
  /** Accepted audiences (`aud`, or `client_id` when the token has no `aud`); empty accepts any. */
  readonly audiences: readonly string[];
  /** Scopes of which the token must carry one (`scope`, space-separated); empty requires none. */
  readonly scopes: readonly string[];
  /** Cognito: `id` without scopes, `access` with scopes. */
  readonly tokenUse?: 'id' | 'access';
  readonly now: number;
}

export type JwtOutcome =
  | { readonly ok: true; readonly claims: Record<string, unknown>; readonly scopes: string[] }
  | { readonly ok: false; readonly status: 401 | 403; readonly reason: string; readonly untrustedIssuer?: string };

export async function verifyJwt(store: TrustStore, token: string, rules: JwtRules): Promise<JwtOutcome> {
  const jose = store.lib();
  let unverified: Jose.JWTPayload;
  try {
    unverified = jose.decodeJwt(token);
  } catch {
    return { ok: false, status: 401, reason: 'the token is not a JWT' };
  }
  const iss = String(unverified.iss ?? '');
  if (!rules.issuers.includes(iss)) return { ok: false, status: 401, reason: `the token's issuer '${iss}' is not the authorizer's` };
  const keys = store.keySet(iss);
  if (!keys) return { ok: false, status: 401, reason: `no keys are trusted for issuer ${iss}`, untrustedIssuer: iss };
  let claims: Jose.JWTPayload;
  try {
    ({ payload: claims } = await jose.jwtVerify(token, keys, { issuer: iss, currentDate: new Date(rules.now) }));
  } catch (e) {
    const code = (e as { code?: string }).code;
    const reason = code === 'ERR_JWT_EXPIRED' ? 'the token has expired' : code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' ? 'signature verification failed' : (e as Error).message;
    return { ok: false, status: 401, reason };
  }
  if (rules.tokenUse !== undefined && claims.token_use !== rules.tokenUse) {
    return { ok: false, status: 401, reason: `the token_use is '${String(claims.token_use)}', expected '${rules.tokenUse}'` };
  }
  if (rules.audiences.length > 0) {
    const aud = claims.aud === undefined ? [] : Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    const candidates = aud.length > 0 ? aud : claims.client_id !== undefined ? [String(claims.client_id)] : [];
    if (!candidates.some(a => rules.audiences.includes(a))) return { ok: false, status: 401, reason: 'the token is not for this audience' };
  }
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(s => s.length > 0) : Array.isArray(claims.scp) ? claims.scp.map(String) : [];
  if (rules.scopes.length > 0 && !rules.scopes.some(s => scopes.includes(s))) {
    return { ok: false, status: rules.tokenUse === 'access' ? 401 : 403, reason: 'the token has none of the required scopes' };
  }
  return { ok: true, claims: claims as Record<string, unknown>, scopes };
}
