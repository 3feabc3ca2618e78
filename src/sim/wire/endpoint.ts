/**
 * One request, end to end, whichever way it came (the in-process SDK handler or a socket): route it to a service and
 * protocol, authenticate it (signature -> access key -> the principal the test declared), parse it into the call a
 * handle makes, answer it through `ctx.api(namespace).call(action, input, caller)` — the same method handles, other
 * services and Step Functions use — and write the output or the `AwsError` back in the protocol's shape. The wire
 * layer holds no service state: nothing it does changes a resource except through that call.
 */
import { AwsError, virtualDeferred } from '../kernel';
import { CallerIdentity, ServiceApi, SimContext } from '../runtime';
import { executeApiEndpoint } from './api-invoke';
import { CredentialStore } from './auth/credentials';
import { AuthOutcome, SignatureVerifier } from './auth/sigv4';
import { authenticationError, internalFailure } from './errors';
import { Codec, ParsedCall, utf8 } from './protocols/codec';
import { Route, Router } from './router';
import { WIRE_SERVICES } from './services';
import { Connection, IamMode, WireRequest, WireResponse, WireService } from './types';

/** The principal of anonymous (unsigned) S3 requests: no account's, so only a policy naming `*` admits it. */
export const ANONYMOUS_PRINCIPAL = 'anonymous';

export class WireEndpoint {
  private readonly router: Router;
  private readonly verifier: SignatureVerifier;
  private readonly callers = new Map<string, CallerIdentity>();

  constructor(
    private readonly ctx: SimContext,
    private readonly credentials: CredentialStore,
    private readonly mode: IamMode,
    endpointHosts: () => readonly string[],
  ) {
    this.router = new Router(WIRE_SERVICES, endpointHosts);
    this.verifier = new SignatureVerifier(credentials, ctx.env.region);
  }

  /** Answers one request. Never throws: a failure of the simulator itself is answered as InternalFailure (HTTP 500). */
  public async handle(request: WireRequest, connection: Connection): Promise<WireResponse> {
    let route: Route | undefined;
    try {
      route = this.router.route(request);
      if (route.kind === 'unknown') return this.unrouted(route.reason, route.signingName);
      if (route.kind === 'execute-api') return await this.invokeApi(route, request, connection);
      return await this.answer(route, request, connection);
    } catch (err) {
      // A bug of the simulator, not the client's fault: reported (a strict run fails on it) and answered as AWS would.
      this.ctx.reportProblem('wire', `${request.method} ${request.path.slice(0, 100)}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      const failure = internalFailure(err);
      const codec = route?.kind === 'service' ? route.codec : undefined;
      return codec ? codec.serializeError(failure, this.ctx.ids.uuid(), request) : jsonError(failure, this.ctx.ids.uuid());
    }
  }

  /** `route.request` is what the service reads (the management API's without its stage); `sent` is what was signed. */
  private async answer(route: Extract<Route, { kind: 'service' }>, sent: WireRequest, connection: Connection): Promise<WireResponse> {
    const { service, codec, request, extraInput: extra } = route;
    // AWS authenticates a request before it reads it.
    const caller = await this.authenticate(service, sent, connection);
    if (caller instanceof AwsError) return codec.serializeError(caller, this.ctx.ids.uuid(), request);
    let call: ParsedCall;
    try {
      call = codec.parse(request);
    } catch (err) {
      if (!(err instanceof AwsError)) throw err;
      return codec.serializeError(err, this.ctx.ids.uuid(), request);
    }
    const api = this.ctx.api(service.namespace);
    const refusal = this.notCarried(service, codec, call, api);
    if (refusal) return codec.serializeError(refusal, this.ctx.ids.uuid(), request);
    try {
      const output = await this.call(api!, service, call, extra ? { ...call.input, ...extra } : call.input, caller);
      return await codec.serialize(call, output, output.$metadata?.requestId ?? this.ctx.ids.uuid());
    } catch (err) {
      if (!(err instanceof AwsError)) throw err;
      return codec.serializeError(err, err.$metadata.requestId ?? this.ctx.ids.uuid(), request);
    }
  }

  /**
   * Runs the call. A call that completes in virtual time (a long poll, a synchronous invoke that lasts) settles through a
   * virtual wait, so the SDK awaiting it drives the clock as an awaited handle call does (or, while `sim.listen()`
   * serves, waits for the clock to follow real time).
   */
  private call(
    api: ServiceApi, service: WireService, call: ParsedCall, input: Record<string, any>, caller: CallerIdentity,
  ): Promise<Record<string, any>> {
    const result = virtualDeferred<Record<string, any>>(this.ctx.clock, { label: `${service.namespace} ${call.action} (over the wire)` });
    api.call(call.action, input, caller).then(result.resolve, result.reject);
    return result.promise;
  }

  /** The error for an operation the simulator cannot answer, reported when the operation exists in AWS. */
  private notCarried(service: WireService, codec: Codec, call: ParsedCall, api: ServiceApi | undefined): AwsError | undefined {
    if (!api) {
      const reason = `${service.title} is not simulated (no simulated service answers '${service.namespace}' yet)`;
      this.report(service.namespace, call.action, reason);
      return codec.unknownOperation(call.action, `${call.action}: ${reason}.`);
    }
    if (call.operation?.notSimulated || !api.actions.includes(call.action)) {
      if (call.operation !== undefined) {
        this.report(service.namespace, call.action, `${service.title} ${call.action} is not simulated`);
        return codec.unknownOperation(call.action, `The simulator does not simulate ${service.title} ${call.action}.`);
      }
      return codec.unknownOperation(call.action);
    }
    return undefined;
  }

  /** The caller a request runs as, or the error AWS refuses it with. */
  private async authenticate(service: WireService, request: WireRequest, connection: Connection): Promise<CallerIdentity | AwsError> {
    if (this.mode === 'off') {
      const key = /Credential=([^/,\s]+)\//.exec(request.headers.authorization ?? '')?.[1];
      return this.callerOf(this.credentials.lookup(key ?? '')?.principal ?? this.credentials.root, connection);
    }
    const outcome: AuthOutcome = await this.verifier.verify(request, service.signingName);
    if (outcome.kind === 'signed') return this.callerOf(outcome.principal, connection);
    const failure = outcome.kind === 'unsigned' ? 'missing' : outcome.failure;
    const message = outcome.kind === 'unsigned' ? 'The request is not signed.' : outcome.message;
    const error = authenticationError(service.auth, failure, message);
    if (error === undefined) return this.callerOf(ANONYMOUS_PRINCIPAL, connection);
    const enforced = this.mode === 'enforce';
    const accessKeyId = outcome.kind === 'failed' ? outcome.accessKeyId : undefined;
    const principal = outcome.kind === 'failed' ? outcome.principal : undefined;
    this.ctx.trace.record('wire', service.namespace, 'authentication-failed', { errorName: error.name, reason: error.message, accessKeyId, principal, enforced });
    if (enforced) return error;
    return this.callerOf(principal ?? this.credentials.root, connection);
  }

  /**
   * One identity object per principal and connection kind: policy decisions are cached by identity, so a caller that
   * sends many requests is evaluated once per policy and action.
   */
  private callerOf(principal: string, connection: Connection): CallerIdentity {
    const owner = this.ctx.ownerIdentity;
    if (principal === owner.principal && connection.secure === owner.secureTransport && connection.sourceIp === undefined) return owner;
    const key = `${principal}\u0000${connection.secure}\u0000${connection.sourceIp ?? ''}`;
    let caller = this.callers.get(key);
    if (caller === undefined) {
      const account = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
      caller = Object.freeze({
        principalType: 'AWS' as const,
        principal,
        sourceAccount: account,
        secureTransport: connection.secure,
        sourceIp: connection.sourceIp,
      });
      this.callers.set(key, caller);
    }
    return caller;
  }

  private async invokeApi(route: Extract<Route, { kind: 'execute-api' }>, request: WireRequest, connection: Connection): Promise<WireResponse> {
    const endpoint = executeApiEndpoint(this.ctx.api('execute-api'));
    if (!endpoint) {
      const reason = `API Gateway is not simulated yet: ${request.method} ${route.path} on API '${route.apiId}' stage '${route.stage}' was not invoked`;
      this.report('execute-api', undefined, reason);
      return jsonError(new AwsError('NotFoundException', reason, { httpStatusCode: 404 }), this.ctx.ids.uuid());
    }
    const outcome = await this.verifier.verify(request, 'execute-api');
    const response = await endpoint.invokeApi({
      apiId: route.apiId,
      stage: route.stage,
      method: request.method,
      path: route.path,
      headers: request.headers,
      query: request.query,
      body: request.body.length > 0 ? request.body.toString('utf8') : undefined,
      sourceIp: connection.sourceIp,
      caller: outcome.kind === 'signed' ? this.callerOf(outcome.principal, connection) : undefined,
    });
    return { statusCode: response.statusCode, headers: { ...response.headers }, body: utf8(response.body) };
  }

  private unrouted(reason: string, signingName?: string): WireResponse {
    if (signingName !== undefined) this.report(signingName, undefined, reason);
    return jsonError(new AwsError('UnknownOperationException', `The simulator cannot tell which service this request is for: ${reason}.`), this.ctx.ids.uuid());
  }

  private report(namespace: string, action: string | undefined, reason: string): void {
    this.ctx.trace.record('wire', namespace, 'not-simulated', { action, reason });
    this.ctx.reportProblem(namespace, `${reason} (a request over the wire${action ? ` for ${action}` : ''})`);
  }
}

/** A JSON error for a request no service's protocol answers. */
function jsonError(error: AwsError, requestId: string): WireResponse {
  return {
    statusCode: error.$metadata.httpStatusCode,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.name },
    body: utf8(JSON.stringify({ __type: error.name, message: error.message })),
  };
}
