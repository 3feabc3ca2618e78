/**
 * Which service and protocol a request is for, whatever host it was sent to: in-process, an SDK client may have
 * followed a QueueUrl to `sqs.<region>.amazonaws.com` (or any host), so the host is the last thing consulted. In order:
 * API Gateway `execute-api` hosts and paths; the SigV4 credential scope's service (what every signed request names);
 * `X-Amz-Target` (the JSON protocols); the AWS host name; a query `Action` (SQS or SNS by `Version` or action name);
 * and finally the REST paths the services bind.
 */
import { scopeService } from './auth/sigv4';
import { Codec } from './protocols/codec';
import { JsonRpcCodec } from './protocols/json-rpc';
import { parseForm, QueryCodec } from './protocols/query';
import { RestJsonCodec } from './protocols/rest-json';
import { RestXmlCodec } from './protocols/rest-xml';
import { EXECUTE_API_WIRE, S3_WIRE } from './services';
import { WireRequest, WireService } from './types';

export type Route =
  | { readonly kind: 'service'; readonly service: WireService; readonly codec: Codec; readonly request: WireRequest; readonly extraInput?: Record<string, string> }
  | { readonly kind: 'execute-api'; readonly apiId: string; readonly stage: string; readonly path: string }
  | { readonly kind: 'unknown'; readonly reason: string; readonly signingName?: string };

interface Codecs {
  readonly json?: JsonRpcCodec;
  readonly query?: QueryCodec;
  readonly rest?: RestJsonCodec | RestXmlCodec;
}

const EXECUTE_API_HOST = /^([a-z0-9]+)\.execute-api\./;
const EXECUTE_API_PATH = /^\/_aws\/execute-api\/([^/]+)\/([^/]+)(\/.*)?$/;

export class Router {
  private readonly codecs = new Map<WireService, Codecs>();
  private readonly bySigningName = new Map<string, WireService>();
  private readonly byTarget = new Map<string, WireService>();

  /** @param endpointHosts host names that stand for the simulator itself (a virtual-hosted S3 bucket is a prefix of one) */
  constructor(private readonly services: readonly WireService[], private readonly endpointHosts: () => readonly string[]) {
    for (const service of services) {
      this.codecs.set(service, {
        json: service.json ? new JsonRpcCodec(service, service.json) : undefined,
        query: service.query ? new QueryCodec(service, service.query) : undefined,
        rest: service.rest === 'json' ? new RestJsonCodec(service)
          : service.rest === 'xml' ? new RestXmlCodec(service, host => this.bucketOf(host)) : undefined,
      });
      this.bySigningName.set(service.signingName, service);
      if (service.json) this.byTarget.set(service.json.targetPrefix, service);
    }
  }

  public route(request: WireRequest): Route {
    const executeApi = this.executeApi(request);
    if (executeApi) return executeApi;
    const signingName = scopeService(request);
    if (signingName !== undefined) {
      const service = this.bySigningName.get(signingName);
      if (!service) return { kind: 'unknown', signingName, reason: `requests signed for '${signingName}' are for a service the simulator does not simulate` };
      return this.serviceRoute(service, request);
    }
    const target = request.headers['x-amz-target'];
    if (target !== undefined) {
      const service = this.byTarget.get(target.slice(0, target.lastIndexOf('.')));
      if (service) return this.serviceRoute(service, request);
      return { kind: 'unknown', reason: `X-Amz-Target '${target.slice(0, 100)}' names no simulated service` };
    }
    const byHost = this.services.find(s => s.hostPattern?.test(request.hostname));
    if (byHost) return this.serviceRoute(byHost, request);
    const query = this.queryService(request);
    if (query) return this.serviceRoute(query, request);
    for (const service of this.services) {
      const rest = this.codecs.get(service)!.rest;
      if (rest instanceof RestJsonCodec && rest.claims(request)) return this.serviceRoute(service, request);
    }
    // Anything else on the simulator's own endpoint is path-style S3 (`/bucket/key`), the one REST service whose
    // paths start with a name of the user's.
    if (this.endpointHosts().includes(request.hostname) || this.bucketOf(request.hostname) !== undefined) return this.serviceRoute(S3_WIRE, request);
    return { kind: 'unknown', reason: `${request.method} ${request.path.slice(0, 100)} names no simulated service` };
  }

  /** The bucket a virtual-hosted S3 host names (`<bucket>.s3.<region>.amazonaws.com`, `<bucket>.<simulator host>`). */
  public bucketOf(hostname: string): string | undefined {
    const aws = /^(.+)\.s3([.-][a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/.exec(hostname);
    if (aws) return aws[1];
    for (const host of this.endpointHosts()) {
      if (hostname.length > host.length + 1 && hostname.endsWith(`.${host}`)) return hostname.slice(0, -host.length - 1);
    }
    return undefined;
  }

  private serviceRoute(service: WireService, request: WireRequest): Route {
    const codecs = this.codecs.get(service)!;
    const codec = codecs.json && request.headers['x-amz-target'] !== undefined ? codecs.json
      : codecs.query && !codecs.json ? codecs.query
        : codecs.query && (request.headers['content-type'] ?? '').includes('x-www-form-urlencoded') ? codecs.query
          : codecs.query && request.query.Action !== undefined ? codecs.query
            : codecs.rest ?? codecs.json ?? codecs.query!;
    return { kind: 'service', service, codec, request };
  }

  /** SQS or SNS for an unsigned query request, by its `Version` (or, failing that, its action). */
  private queryService(request: WireRequest): WireService | undefined {
    const isForm = (request.headers['content-type'] ?? '').includes('x-www-form-urlencoded');
    if (!isForm && request.query.Action === undefined) return undefined;
    let params: Map<string, string>;
    try {
      params = new Map([...Object.entries(request.query).map(([k, v]) => [k, String(v)] as [string, string]),
        ...(isForm ? parseForm(request.body.toString('utf8')) : [])]);
    } catch {
      return this.services.find(s => s.query);
    }
    const version = params.get('Version');
    const action = params.get('Action') ?? '';
    return this.services.find(s => s.query && s.query.version === version)
      ?? this.services.find(s => s.query && s.operations[action] !== undefined)
      ?? this.services.find(s => s.query);
  }

  /**
   * API Gateway traffic: `<api-id>.execute-api.<region>.amazonaws.com/<stage>/...` or, on the simulator's own endpoint,
   * `/_aws/execute-api/<api-id>/<stage>/...`. `/@connections/...` is the management API; anything else invokes the API.
   */
  private executeApi(request: WireRequest): Route | undefined {
    let apiId: string;
    let stage: string;
    let rest: string;
    const byPath = EXECUTE_API_PATH.exec(request.path);
    const byHost = EXECUTE_API_HOST.exec(request.hostname);
    if (byPath) {
      [, apiId, stage] = byPath;
      rest = byPath[3] ?? '/';
    } else if (byHost) {
      apiId = byHost[1];
      const parts = request.path.split('/');
      stage = parts[1] ?? '';
      rest = `/${parts.slice(2).join('/')}`;
      // The management API may be called without a stage (a custom domain's base path).
      if (stage === '@connections') {
        stage = '';
        rest = request.path;
      }
    } else if (scopeService(request) === 'execute-api') {
      const at = request.path.indexOf('/@connections/');
      if (at < 0) return { kind: 'unknown', signingName: 'execute-api', reason: 'a request signed for execute-api on a host that names no API' };
      apiId = '';
      stage = request.path.slice(1, at);
      rest = request.path.slice(at);
    } else {
      return undefined;
    }
    if (rest.startsWith('/@connections/')) {
      const codec = this.codecs.get(EXECUTE_API_WIRE)!.rest!;
      return { kind: 'service', service: EXECUTE_API_WIRE, codec, request: { ...request, path: rest }, extraInput: { ApiId: apiId, Stage: stage } };
    }
    return { kind: 'execute-api', apiId, stage, path: rest };
  }
}
