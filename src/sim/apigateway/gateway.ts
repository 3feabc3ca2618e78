/**
 * What every API of the simulation shares: the simulator context, the template engine, compiled request models,
 * trusted JWT issuers and SigV4 credentials, the integration deadline queue, API keys and usage plans, the web ACLs
 * on stages, the account-level throttle, registered HTTP backends, and the trace/log helpers.
 */
import { CredentialLookup, SimCredentials } from './authorizers/iam';
import { TrustStore } from './authorizers/jwt';
import { clockWaiter, Deadlines, Waiter } from './clock-waits';
import { CallerIdentity, SimContext } from '../runtime';
import type { SimEvents } from '../trace-events';
import { TokenBucket } from './throttling/token-bucket';
import { UsagePlans } from './throttling/usage-plans';
import { SchemaValidators } from './validation/request-validator';
import { VtlEngine } from './vtl/engine';
import { WebAcl } from './waf/web-acl';

/** The account-level throttle per Region ("Amazon API Gateway quotas"): 10,000 requests per second, burst 5,000. */
export const ACCOUNT_RATE_LIMIT = 10_000;
export const ACCOUNT_BURST_LIMIT = 5_000;

/** A request an HTTP integration would send, as the simulator records it. */
export interface HttpIntegrationRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export interface HttpIntegrationResponse {
  readonly statusCode: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export type HttpBackend = (request: HttpIntegrationRequest) => HttpIntegrationResponse | Promise<HttpIntegrationResponse>;

export class Gateway {
  public readonly vtl = new VtlEngine();
  public readonly schemas = new SchemaValidators();
  public readonly trust = new TrustStore();
  public readonly deadlines: Deadlines;
  /** How requests wait in virtual time (see clock-waits.ts). */
  public readonly waiter: Waiter;
  public readonly usage: UsagePlans;
  /** `apiId/stage` -> its web ACL. */
  public readonly webAcls = new Map<string, WebAcl>();
  public readonly accountBucket: TokenBucket;
  /** Backends of HTTP integrations by URL prefix (longest first). */
  public readonly httpBackends: { readonly prefix: string; readonly backend: HttpBackend }[] = [];
  /** Every request an HTTP integration sent, in order. */
  public readonly httpRequests: HttpIntegrationRequest[] = [];
  /** Caller identities of the gateway's calls to other services, by source ARN and role (integrations/lambda.ts). */
  public readonly callers = new Map<string, CallerIdentity>();
  private readonly credentials = new Map<string, SimCredentials>();

  constructor(public readonly ctx: SimContext) {
    this.deadlines = new Deadlines(ctx.clock, 'apigateway integration timeout');
    this.waiter = clockWaiter(ctx.clock);
    this.usage = new UsagePlans(ctx.ids, ctx.clock.now());
    this.accountBucket = new TokenBucket(ACCOUNT_RATE_LIMIT, ACCOUNT_BURST_LIMIT, ctx.clock.now());
  }

  /** The one place SigV4 access keys are looked up (a simulator-wide credential mapping can replace it). */
  public readonly lookupCredentials: CredentialLookup = accessKeyId => this.credentials.get(accessKeyId);

  public trustCredentials(credentials: SimCredentials): void {
    if (!credentials || typeof credentials.accessKeyId !== 'string' || typeof credentials.secretAccessKey !== 'string' || typeof credentials.principal !== 'string') {
      throw new TypeError('trustCredentials({ accessKeyId, secretAccessKey, principal }): all three are required strings');
    }
    this.credentials.set(credentials.accessKeyId, credentials);
  }

  /** False when the simulator runs without a trace (benchmarks): hot paths then skip building event details. */
  public get tracing(): boolean {
    return this.ctx.trace.isEnabled;
  }

  public record<K extends keyof SimEvents>(logicalId: string, type: K, detail: SimEvents[K]): void {
    this.ctx.trace.record('apigateway', logicalId, type, detail);
  }

  public executeApiArn(apiId: string, rest: string): string {
    const { env } = this.ctx;
    return `arn:${env.partition}:execute-api:${env.region}:${env.account}:${apiId}/${rest}`;
  }
}
