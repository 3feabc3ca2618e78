/**
 * One WebSocket API at run time ("Working with WebSocket APIs"): `$connect` runs the API's authorizer (only there)
 * and its integration, whose non-2xx answer refuses the connection; each message is routed by the API's route
 * selection expression (`$request.body.action`) to its route, else `$default`, else answered with a "Forbidden"
 * error frame; a two-way route's integration answer goes back to the client; `$disconnect` runs when either side
 * closes or the connection expires. Backends reach connections through the `@connections` API (connections.ts).
 */
import { AccessLog } from '../access-log';
import { AuthorizerCache } from '../authorizers/cache';
import { identityOfPrincipal, verifySignature } from '../authorizers/iam';
import { runLambdaAuthorizer } from '../authorizers/lambda-authorizer';
import type { Waiter } from '../clock-waits';
import { ContextVars, newContextVars } from '../context';
import { Gateway } from '../gateway';
import { headerMaps, IncomingRequest, queryMaps } from '../request';
import { Connection, MAX_MESSAGE_BYTES } from './connection';
import { gatewayCaller, invokeLambda } from '../integrations/lambda';
import { V2ApiModel, V2RouteConfig } from '../model/v2-model';

export interface ConnectInput {
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  readonly sourceIp?: string;
  readonly stage?: string;
  /** IAM authorization of `$connect`: the caller's identity (see `request`). */
  readonly iamPrincipal?: string;
}

export class WebSocketApiRuntime {
  public readonly connections = new Map<string, Connection>();
  public readonly accessLog = new AccessLog();
  private readonly cache = new AuthorizerCache();

  constructor(private readonly gw: Gateway, public readonly model: V2ApiModel) {}

  public get defaultStage(): string | undefined {
    return this.model.stages.keys().next().value;
  }

  private route(key: string): V2RouteConfig | undefined {
    return this.model.routes.find(r => r.routeKey === key);
  }

  /** Runs `$connect`; returns the connection and the status of the handshake (101 accepted, else the refusal). */
  public async connect(fiber: Waiter, input: ConnectInput): Promise<{ connection: Connection; statusCode: number }> {
    const { gw, model } = this;
    const now = gw.ctx.clock.now();
    const req = new IncomingRequest({ method: 'GET', path: '/', headers: input.headers, query: input.query, sourceIp: input.sourceIp });
    const stage = input.stage ?? this.defaultStage ?? '';
    const connectionId = `${gw.ctx.ids.token(15).replace(/[+/]/g, 'A')}=`;
    const connection = new Connection(connectionId, model.logicalId, stage, req.sourceIp, req.userAgent, now);
    const ctx = this.context(req, connection, '$connect', 'CONNECT');
    const refuse = (statusCode: number) => {
      connection.open = false;
      gw.record(model.logicalId, 'ws-connect-refused', { connectionId, status: statusCode });
      this.log(connection, ctx, statusCode);
      return { connection, statusCode };
    };
    if (!model.stages.has(stage)) return refuse(403);
    const route = this.route('$connect');
    if (route && route.authorizationType !== 'NONE') {
      const denied = await this.authorize(fiber, route, req, ctx, connection, input.iamPrincipal);
      if (denied !== undefined) return refuse(denied);
    }
    if (route) {
      const status = await this.invoke(fiber, route, connection, ctx, this.event(req, ctx, connection));
      if (status.error || status.statusCode < 200 || status.statusCode > 299) return refuse(status.error ? 500 : status.statusCode);
    }
    this.connections.set(connectionId, connection);
    gw.record(model.logicalId, 'ws-connected', { connectionId });
    this.log(connection, ctx, 200);
    connection.arm(gw.ctx.clock, reason => { void this.expire(connection, reason); });
    return { connection, statusCode: 101 };
  }

  /** A message from the client. */
  public async message(fiber: Waiter, connection: Connection, body: string): Promise<void> {
    const { gw, model } = this;
    if (!connection.open) return;
    const now = gw.ctx.clock.now();
    connection.touch(now);
    if (Buffer.byteLength(body) > MAX_MESSAGE_BYTES) {
      // Larger messages are refused by closing the connection (1009, message too big).
      await this.disconnect(fiber, connection, 1009, 'Message too big');
      return;
    }
    const req = new IncomingRequest({ method: 'POST', path: '/', body, sourceIp: connection.sourceIp });
    const key = this.selectRoute(body);
    const route = (key !== undefined ? this.route(key) : undefined) ?? this.route('$default');
    const ctx = this.context(req, connection, route?.routeKey ?? key ?? '$default', 'MESSAGE');
    ctx.messageId = `${gw.ctx.ids.token(15).replace(/[+/]/g, 'A')}=`;
    if (!route) {
      connection.received.push(JSON.stringify({ message: 'Forbidden', connectionId: connection.connectionId, requestId: ctx.requestId }));
      this.log(connection, ctx, 403);
      return;
    }
    gw.record(model.logicalId, 'ws-message', { connectionId: connection.connectionId, routeKey: route.routeKey });
    const event = { ...this.event(req, ctx, connection), body, isBase64Encoded: false };
    const result = await this.invoke(fiber, route, connection, ctx, event);
    this.log(connection, ctx, result.error ? 500 : 200);
    if (result.error) {
      connection.received.push(JSON.stringify({ message: 'Internal server error', connectionId: connection.connectionId, requestId: ctx.requestId }));
    } else if (route.twoWay && result.body !== undefined && connection.open) {
      connection.received.push(result.body);
    }
  }

  /** Closes the connection (client close, DeleteConnection, expiry) and runs `$disconnect`. */
  public async disconnect(fiber: Waiter, connection: Connection, code: number, reason: string): Promise<void> {
    if (!connection.open) return;
    connection.open = false;
    connection.closeCode = code;
    this.connections.delete(connection.connectionId);
    this.gw.record(this.model.logicalId, 'ws-disconnected', { connectionId: connection.connectionId, reason });
    const route = this.route('$disconnect');
    if (!route) return;
    const req = new IncomingRequest({ method: 'GET', path: '/', sourceIp: connection.sourceIp });
    const ctx = this.context(req, connection, '$disconnect', 'DISCONNECT');
    const event = { ...this.event(req, ctx, connection) } as Record<string, any>;
    event.requestContext.disconnectStatusCode = code;
    event.requestContext.disconnectReason = reason;
    await this.invoke(fiber, route, connection, ctx, event);
    this.log(connection, ctx, 200);
  }

  /** One access log line per connect, message and disconnect, from the stage's format. */
  private log(connection: Connection, ctx: ContextVars, status: number): void {
    const format = this.model.stages.get(connection.stage)?.accessLogFormat;
    if (!format) return;
    ctx.status = status;
    this.accessLog.write(format, ctx);
  }

  private expire(connection: Connection, reason: 'idle' | 'max-duration'): Promise<void> {
    return this.gw.ctx.clock.spawn(`apigateway websocket ${connection.connectionId} ${reason}`,
      fiber => this.disconnect(fiber, connection, 1001, reason === 'idle' ? 'Going away (idle timeout)' : 'Going away (maximum connection duration)'),
      { background: true });
  }

  /** `$request.body.<path>` of a JSON message; undefined when the message is not JSON or has no such field. */
  private selectRoute(body: string): string | undefined {
    const m = /^\$\{?request\.body\.([A-Za-z0-9_.-]+)\}?$/.exec(this.model.routeSelectionExpression);
    if (!m) return undefined;
    let v: unknown;
    try {
      v = JSON.parse(body);
    } catch {
      return undefined;
    }
    for (const part of m[1].split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  }

  private async authorize(fiber: Waiter, route: V2RouteConfig, req: IncomingRequest, ctx: ContextVars, connection: Connection,
    iamPrincipal: string | undefined): Promise<number | undefined> {
    const { gw, model } = this;
    const routeArn = gw.executeApiArn(model.id, `${connection.stage}/$connect`);
    if (route.authorizationType === 'AWS_IAM') {
      if (iamPrincipal !== undefined) {
        connection.authorizer = { principalId: identityOfPrincipal(iamPrincipal, null).principal };
        return undefined;
      }
      const outcome = await fiber.wait(verifySignature(req, {
        canonicalPath: `/${connection.stage}`, host: ctx.domainName, region: gw.ctx.env.region, now: gw.ctx.clock.now(), lookup: gw.lookupCredentials,
      }));
      return outcome.ok ? undefined : 403;
    }
    const config = model.authorizers.get(route.authorizerId ?? '');
    if (!config || config.type !== 'REQUEST') return 500;
    const stageVariables = model.stages.get(connection.stage)?.variables ?? {};
    const outcome = await runLambdaAuthorizer(gw, fiber, {
      id: config.id,
      name: config.name,
      apiId: model.id,
      apiLogicalId: model.logicalId,
      functionArn: config.functionArn,
      ttlSeconds: config.ttlSeconds,
      identitySources: config.identitySources,
      kind: 'REQUEST',
    }, this.cache, {
      req,
      ctx,
      stageVariables,
      methodArn: routeArn,
      event: () => ({ ...this.event(req, ctx, connection), type: 'REQUEST', methodArn: routeArn, stageVariables }),
    });
    if (outcome.ok) {
      const principal = outcome.output.principalId !== undefined ? { principalId: outcome.output.principalId } : {};
      connection.authorizer = { ...outcome.output.context, ...principal };
      return undefined;
    }
    const status = outcome.type === 'UNAUTHORIZED' ? 401 : outcome.type === 'ACCESS_DENIED' ? 403 : 500;
    gw.record(model.logicalId, 'authorizer-denied', { requestId: ctx.requestId, authorizer: config.name, status, reason: outcome.reason });
    return status;
  }

  private async invoke(fiber: Waiter, route: V2RouteConfig, connection: Connection, ctx: ContextVars, event: Record<string, unknown>)
    : Promise<{ statusCode: number; body?: string; error?: string }> {
    const { gw, model } = this;
    const integration = route.integrationId === undefined ? undefined : model.integrations.get(route.integrationId);
    if (!integration?.functionArn || integration.type !== 'AWS_PROXY') {
      if (integration) gw.ctx.reportProblem(model.logicalId, `WebSocket integration ${integration.type} of ${route.routeKey} is not simulated (Lambda proxy integrations are)`);
      return integration ? { statusCode: 500, error: 'not simulated' } : { statusCode: 200 };
    }
    gw.record(model.logicalId, 'integration-called', { requestId: ctx.requestId, integration: 'AWS_PROXY', target: integration.functionArn });
    const sourceArn = gw.executeApiArn(model.id, `${connection.stage}/${route.routeKey}`);
    const caller = gatewayCaller(gw, sourceArn, integration.credentials);
    const result = await invokeLambda(gw, fiber, integration.functionArn, event, caller, integration.timeoutMs);
    const fail = (error: string, status: number) => {
      gw.record(model.logicalId, 'integration-failed', { requestId: ctx.requestId, integration: 'AWS_PROXY', error, status });
      return { statusCode: status, error };
    };
    ctx.integrationStatus = result.kind === 'ok' ? 200 : undefined;
    if (result.kind === 'timeout') return fail('the integration timed out', 504);
    if (result.kind === 'failed') return fail(`${result.errorName}: ${result.message}`, 500);
    if (result.functionError) return fail(`the function failed: ${result.payload}`, 502);
    let out: unknown;
    try {
      out = JSON.parse(result.payload || 'null');
    } catch {
      return { statusCode: 200, body: result.payload };
    }
    if (out && typeof out === 'object' && !Array.isArray(out) && 'statusCode' in out) {
      const o = out as { statusCode: unknown; body?: unknown };
      return { statusCode: Number(o.statusCode), body: o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body) };
    }
    return { statusCode: 200, body: typeof out === 'string' ? out : result.payload };
  }

  private context(req: IncomingRequest, connection: Connection, routeKey: string, eventType: string): ContextVars {
    const { gw, model } = this;
    const ctx = newContextVars(req, {
      requestId: `${gw.ctx.ids.token(14).replace(/[+/]/g, 'A')}=`,
      extendedRequestId: '',
      now: gw.ctx.clock.now(),
      accountId: gw.ctx.env.account,
      apiId: model.id,
      stage: connection.stage,
      region: gw.ctx.env.region,
      urlSuffix: gw.ctx.env.urlSuffix,
      pathWithStage: `/${connection.stage}`,
    });
    ctx.extendedRequestId = ctx.requestId;
    ctx.routeKey = routeKey;
    ctx.eventType = eventType;
    ctx.connectionId = connection.connectionId;
    return ctx;
  }

  /** The Lambda proxy event of a WebSocket route. */
  private event(req: IncomingRequest, ctx: ContextVars, connection: Connection): Record<string, unknown> {
    const requestContext: Record<string, unknown> = {
      routeKey: ctx.routeKey,
      eventType: ctx.eventType,
      extendedRequestId: ctx.extendedRequestId,
      requestTime: ctx.requestTime,
      messageDirection: 'IN',
      stage: ctx.stage,
      connectedAt: connection.connectedAt,
      requestTimeEpoch: ctx.requestTimeEpoch,
      identity: { sourceIp: connection.sourceIp, ...(connection.userAgent ? { userAgent: connection.userAgent } : {}) },
      requestId: ctx.requestId,
      domainName: ctx.domainName,
      connectionId: connection.connectionId,
      apiId: ctx.apiId,
    };
    if (ctx.messageId) requestContext.messageId = ctx.messageId;
    if (Object.keys(connection.authorizer).length > 0) requestContext.authorizer = { ...connection.authorizer };
    const event: Record<string, unknown> = { requestContext, isBase64Encoded: false };
    if (ctx.eventType !== 'MESSAGE') {
      const headers = headerMaps(req);
      const query = queryMaps(req);
      if (headers.single) Object.assign(event, { headers: headers.single, multiValueHeaders: headers.multi });
      if (query.single) Object.assign(event, { queryStringParameters: query.single, multiValueQueryStringParameters: query.multi });
    }
    return event;
  }
}
