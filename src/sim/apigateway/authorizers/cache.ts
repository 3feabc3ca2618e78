/**
 * The authorizer result cache: one entry per authorizer and identity (the token for TOKEN authorizers, the identity
 * source values for REQUEST authorizers), kept for the authorizer's TTL on the virtual clock. The cached output is
 * the policy, not the decision: each request's method ARN is checked against it again, which is why a policy naming
 * one method denies the next method within the TTL (the pitfall the Developer Guide warns about).
 */
import { CompiledPolicy, compileAuthorizerPolicy } from './policy';

export interface AuthorizerOutput {
  readonly principalId?: string;
  readonly policyDocument?: unknown;
  readonly context: Record<string, unknown>;
  readonly usageIdentifierKey?: string;
  /** HTTP API simple responses: `isAuthorized`. */
  readonly isAuthorized?: boolean;
}

export class AuthorizerCache {
  private readonly entries = new Map<string, { readonly output: AuthorizerOutput; readonly expiresAt: number }>();
  /** Each cached output's policy, compiled once for all the requests the entry serves. */
  private readonly policies = new WeakMap<AuthorizerOutput, CompiledPolicy>();

  public policyOf(output: AuthorizerOutput): CompiledPolicy {
    let policy = this.policies.get(output);
    if (policy === undefined) this.policies.set(output, policy = compileAuthorizerPolicy(output.policyDocument));
    return policy;
  }

  public get(key: string, now: number): AuthorizerOutput | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return e.output;
  }

  public set(key: string, output: AuthorizerOutput, now: number, ttlSeconds: number): void {
    if (ttlSeconds <= 0) return;
    this.entries.set(key, { output, expiresAt: now + ttlSeconds * 1000 });
  }
}
