/**
 * `sim.api(ref)`: a REST API (AWS::ApiGateway::RestApi) or an HTTP / WebSocket API (AWS::ApiGatewayV2::Api) as a
 * client reaches it. `request` for REST and HTTP APIs, `connect` for WebSocket APIs; the `@connections` API; the
 * keys, issuers, credentials and backends a test provides; the access log.
 */
import { SimCredentials } from './authorizers/iam';
import { TrustedIssuer } from './authorizers/jwt';
import { Gateway, HttpBackend, HttpIntegrationRequest } from './gateway';
import { HttpApiRuntime } from './http/http-api';
import { ApiRequestInput, ApiResponse } from './request';
import { virtualDeferred } from '../kernel';
import { RestApiRuntime } from './rest/rest-api';
import { ApiKeyRecord } from './throttling/usage-plans';
import { Connection } from './websocket/connection';
import { ConnectionsApi } from './websocket/connections';
import { ConnectInput, WebSocketApiRuntime } from './websocket/websocket-api';

export type ApiRuntime = RestApiRuntime | HttpApiRuntime | WebSocketApiRuntime;

/** A WebSocket client connected through `sim.api(ref).connect()`. */
export interface WebSocketClient {
  readonly connectionId: string;
  /** 101 when the connection was accepted, else the status `$connect` refused it with (401, 403, 500, ...). */
  readonly statusCode: number;
  /** What backends posted to this connection (and two-way routes answered), oldest first. */
  readonly received: string[];
  readonly closed: boolean;
  /** Sends a message; settles when its route's integration has answered. */
  send(body: string): Promise<void>;
  /** Closes the connection from the client side (runs `$disconnect`). */
  close(): Promise<void>;
}

export class ApiHandle {
  /** The `@connections` API (ApiGatewayManagementApi shapes), for tests and backends. */
  public readonly connections: ConnectionsApi;

  constructor(private readonly gw: Gateway, private readonly runtime: ApiRuntime, connections: ConnectionsApi) {
    this.connections = connections;
  }

  public get logicalId(): string {
    return this.runtime.model.logicalId;
  }

  /** The API id (the RestApi or Api Ref). */
  public get apiId(): string {
    return this.runtime.model.id;
  }

  public get protocol(): 'REST' | 'HTTP' | 'WEBSOCKET' {
    return this.runtime instanceof RestApiRuntime ? 'REST' : this.runtime.model.protocol;
  }

  public get stages(): string[] {
    return [...this.runtime.model.stages.keys()];
  }

  /** The invoke URL of a stage (the default stage unless named): what a SigV4 signer signs. */
  public url(stage?: string): string {
    const s = stage ?? this.runtime.defaultStage ?? '';
    const { env } = this.gw.ctx;
    const scheme = this.protocol === 'WEBSOCKET' ? 'wss' : 'https';
    return `${scheme}://${this.apiId}.execute-api.${env.region}.${env.urlSuffix}${s === '$default' ? '' : `/${s}`}`;
  }

  /**
   * Sends a request to a REST or HTTP API and resolves with the answer when it is complete in virtual time (a
   * backend with a duration answers after it; awaiting the call drives the clock).
   */
  public request(input: ApiRequestInput): Promise<ApiResponse> {
    const runtime = this.runtime;
    if (runtime instanceof WebSocketApiRuntime) return Promise.reject(new Error(`sim.api('${this.logicalId}').request(): a WebSocket API takes connect()`));
    if (!input || typeof input.method !== 'string' || typeof input.path !== 'string') {
      return Promise.reject(new TypeError(`sim.api('${this.logicalId}').request({ method, path }): method and path are required strings`));
    }
    if (input.body !== undefined && typeof input.body !== 'string') {
      return Promise.reject(new TypeError(`sim.api('${this.logicalId}').request(): body must be a string`));
    }
    const d = virtualDeferred<ApiResponse>(this.gw.ctx.clock, { label: `apigateway ${input.method} ${input.path} on ${this.logicalId}` });
    runtime.run(this.gw.waiter, input).then(d.resolve, d.reject);
    return d.promise;
  }

  /** Opens a WebSocket connection (runs `$connect`, with its authorizer). */
  public connect(input: ConnectInput = {}): Promise<WebSocketClient> {
    const runtime = this.runtime;
    if (!(runtime instanceof WebSocketApiRuntime)) return Promise.reject(new Error(`sim.api('${this.logicalId}').connect(): only WebSocket APIs take connections`));
    const clock = this.gw.ctx.clock;
    const d = virtualDeferred<WebSocketClient>(clock, { label: `apigateway connect to ${this.logicalId}` });
    clock.spawn(`apigateway $connect ${this.logicalId}`, fiber => runtime.connect(fiber, input))
      .then(({ connection, statusCode }) => d.resolve(client(this.gw, runtime, connection, statusCode)), d.reject);
    return d.promise;
  }

  /** The value of an API key of this API's usage plans, by logical id, name, customer id or key id (none: the only key). */
  public apiKey(name?: string): string {
    const keys = this.apiKeys;
    const found = name === undefined
      ? (keys.length === 1 ? keys[0] : undefined)
      : keys.find(k => k.logicalId === name || k.name === name || k.customerId === name || k.id === name || k.logicalId.endsWith(`/${name}`));
    if (!found) {
      const known = keys.map(k => `${k.logicalId} (customer ${k.customerId ?? '-'})`).join(', ') || 'none';
      throw new Error(`sim.api('${this.logicalId}').apiKey(${name === undefined ? '' : `'${name}'`}): ${name === undefined ? 'name one of the keys' : 'no such key'}; keys: ${known}`);
    }
    return found.value;
  }

  /** API keys bound to this API through usage plans. */
  public get apiKeys(): ApiKeyRecord[] {
    const out = new Set<ApiKeyRecord>();
    for (const plan of this.gw.usage.plans.values()) {
      if (!plan.stages.some(s => s.apiId === this.apiId)) continue;
      for (const id of plan.keyIds) {
        const k = this.gw.usage.keys.get(id);
        if (k) out.add(k);
      }
    }
    return [...out];
  }

  /** Trusts the keys of a JWT issuer (Cognito: `https://cognito-idp.{region}.amazonaws.com/{poolId}`), for every API. */
  public trustIssuer(issuer: TrustedIssuer): this {
    this.gw.trust.trust(issuer);
    return this;
  }

  /** Declares SigV4 credentials and the principal they sign as, for every API. */
  public trustCredentials(credentials: SimCredentials): this {
    this.gw.trustCredentials(credentials);
    return this;
  }

  /** Answers HTTP integrations whose URL starts with `urlPrefix` (for every API). */
  public httpBackend(urlPrefix: string, backend: HttpBackend): this {
    this.gw.httpBackends.push({ prefix: urlPrefix, backend });
    this.gw.httpBackends.sort((a, b) => b.prefix.length - a.prefix.length);
    return this;
  }

  /** Requests HTTP integrations sent, in order. */
  public get httpRequests(): readonly HttpIntegrationRequest[] {
    return this.gw.httpRequests;
  }

  /** Access log lines of this API's stages (rendered from their access log format), oldest first. */
  public get accessLog(): readonly string[] {
    return this.runtime.accessLog.lines;
  }
}

function client(gw: Gateway, runtime: WebSocketApiRuntime, connection: Connection, statusCode: number): WebSocketClient {
  const clock = gw.ctx.clock;
  const run = (label: string, body: (fiber: Parameters<Parameters<typeof clock.spawn>[1]>[0]) => Promise<void>) => {
    const d = virtualDeferred<void>(clock, { label });
    clock.spawn(label, body).then(d.resolve, d.reject);
    return d.promise;
  };
  return {
    connectionId: connection.connectionId,
    statusCode,
    received: connection.received,
    get closed() {
      return !connection.open;
    },
    send: (body: string) => {
      if (!connection.open) return Promise.reject(new Error(`WebSocket connection ${connection.connectionId} is closed`));
      return run(`apigateway websocket message on ${connection.connectionId}`, fiber => runtime.message(fiber, connection, String(body)));
    },
    close: () => run(`apigateway websocket close of ${connection.connectionId}`, fiber => runtime.disconnect(fiber, connection, 1000, 'Client closed the connection')),
  };
}
