/**
 * The API Gateway simulator: REST APIs (AWS::ApiGateway::*), HTTP and WebSocket APIs (AWS::ApiGatewayV2::*), and the
 * AWS WAF web ACLs associated with REST stages (AWS::WAFv2::*). Resources are collected as they are created and
 * assembled into APIs at link time. Its ServiceApi is the `@connections` management API (namespace `execute-api`:
 * PostToConnection, GetConnection, DeleteConnection), which finds a connection by its id in any WebSocket API.
 */
import { Gateway } from './gateway';
import { ApiHandle, ApiRuntime } from './handle';
import { AwsError, TemplateLoadError, virtualDeferred } from '../kernel';
import { CallerIdentity, ServiceApi, SimContext, SimService, TemplateResource } from '../runtime';
import type { ApiInvokeRequest, ApiInvokeResponse, ExecuteApiEndpoint } from '../wire/api-invoke';
import { HttpApiRuntime } from './http/http-api';
import {
  addAuthorizer, addGatewayResponse, addMethod, addResource, addStage, linkResources, RestApiModel, restApiModel,
} from './model/rest-model';
import { addV2Authorizer, addV2Integration, addV2Route, addV2Stage, V2ApiModel, v2ApiModel } from './model/v2-model';
import { RestApiRuntime } from './rest/rest-api';
import { stageOfArn, WebAcl } from './waf/web-acl';
import { Connection } from './websocket/connection';
import { ConnectionsApi } from './websocket/connections';
import { WebSocketApiRuntime } from './websocket/websocket-api';
import { optionalBoolean } from '../template/properties';

const REST_TYPES = [
  'AWS::ApiGateway::RestApi', 'AWS::ApiGateway::Resource', 'AWS::ApiGateway::Method', 'AWS::ApiGateway::Deployment', 'AWS::ApiGateway::Stage',
  'AWS::ApiGateway::Authorizer', 'AWS::ApiGateway::Model', 'AWS::ApiGateway::RequestValidator', 'AWS::ApiGateway::GatewayResponse',
  'AWS::ApiGateway::ApiKey', 'AWS::ApiGateway::UsagePlan', 'AWS::ApiGateway::UsagePlanKey', 'AWS::ApiGateway::Account',
];
const V2_TYPES = [
  'AWS::ApiGatewayV2::Api', 'AWS::ApiGatewayV2::Route', 'AWS::ApiGatewayV2::RouteResponse', 'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::IntegrationResponse', 'AWS::ApiGatewayV2::Authorizer', 'AWS::ApiGatewayV2::Stage', 'AWS::ApiGatewayV2::Deployment',
];
const WAF_TYPES = ['AWS::WAFv2::WebACL', 'AWS::WAFv2::WebACLAssociation', 'AWS::WAFv2::LoggingConfiguration'];

export class ApiGatewayService implements SimService, ServiceApi, ExecuteApiEndpoint {
  public readonly resourceTypes = [...REST_TYPES, ...V2_TYPES, ...WAF_TYPES];
  /** The `@connections` API. */
  public readonly actions: readonly string[] = ['PostToConnection', 'GetConnection', 'DeleteConnection'];

  private readonly gw: Gateway;
  private readonly collected = new Map<string, TemplateResource[]>();
  private readonly runtimes = new Map<string, ApiRuntime>();
  private readonly handles = new Map<string, ApiHandle>();
  private readonly connectionsApi: ConnectionsApi;

  constructor(private readonly ctx: SimContext) {
    this.gw = new Gateway(ctx);
    this.connectionsApi = new ConnectionsApi(this.gw, {
      connection: id => this.connectionById(id),
      close: c => this.closeConnection(c),
    });
  }

  public create(resource: TemplateResource): void {
    let list = this.collected.get(resource.type);
    if (!list) {
      list = [];
      this.collected.set(resource.type, list);
    }
    list.push(resource);
  }

  public link(): void {
    const of = (type: string) => this.collected.get(type) ?? [];
    const rest = new Map<string, RestApiModel>();
    for (const r of of('AWS::ApiGateway::RestApi')) {
      const model = restApiModel(r);
      rest.set(model.id, model);
      for (const p of ['Body', 'BodyS3Location']) if (r.properties[p] !== undefined) this.unsupported(r, `${p}: OpenAPI definitions are not imported; only AWS::ApiGateway::Resource/Method resources are routed`);
      if (r.properties.Policy !== undefined) this.unsupported(r, 'the API resource policy is not evaluated (execute-api:Invoke is allowed)');
      const types: unknown = r.properties.EndpointConfiguration?.Types;
      if (Array.isArray(types) && types.includes('PRIVATE')) {
        this.unsupported(r, 'PRIVATE endpoint: requests are not required to come through a VPC endpoint (aws:SourceVpce is not checked)');
      }
    }
    const restOf = (r: TemplateResource) => {
      const model = rest.get(String(r.properties.RestApiId));
      if (!model) throw new TemplateLoadError(r.logicalId, 'NotFoundException', `Invalid REST API identifier specified: ${String(r.properties.RestApiId)}`);
      return model;
    };
    for (const r of of('AWS::ApiGateway::Resource')) addResource(restOf(r), r);
    for (const model of rest.values()) linkResources(model);
    for (const r of of('AWS::ApiGateway::Method')) addMethod(restOf(r), r);
    for (const r of of('AWS::ApiGateway::Authorizer')) addAuthorizer(restOf(r), r);
    for (const r of of('AWS::ApiGateway::Model')) {
      const schema = typeof r.properties.Schema === 'string' ? JSON.parse(r.properties.Schema) : r.properties.Schema ?? {};
      restOf(r).models.set(r.ref, schema);
    }
    for (const r of of('AWS::ApiGateway::RequestValidator')) {
      restOf(r).validators.set(r.ref, {
        body: optionalBoolean(r.logicalId, 'ValidateRequestBody', r.properties.ValidateRequestBody) ?? false,
        parameters: optionalBoolean(r.logicalId, 'ValidateRequestParameters', r.properties.ValidateRequestParameters) ?? false,
      });
    }
    for (const r of of('AWS::ApiGateway::GatewayResponse')) addGatewayResponse(restOf(r), r);
    for (const r of of('AWS::ApiGateway::Stage')) {
      addStage(restOf(r), r);
      const p = r.properties;
      if (optionalBoolean(r.logicalId, 'CacheClusterEnabled', p.CacheClusterEnabled)) this.unsupported(r, 'the stage cache is not simulated: every request reaches the integration');
      if (p.CanarySetting !== undefined) this.unsupported(r, 'canary settings are not simulated: every request goes to the stage deployment');
      if (p.ClientCertificateId !== undefined) this.unsupported(r, 'the client certificate is not used (no HTTP backend is called)');
    }
    for (const r of of('AWS::ApiGateway::Account')) this.unsupported(r, 'execution logs are not written (access logs are kept on sim.api(ref).accessLog)');
    for (const r of of('AWS::ApiGateway::ApiKey')) this.gw.usage.addKey(r);
    for (const r of of('AWS::ApiGateway::UsagePlan')) this.gw.usage.addPlan(r);
    for (const r of of('AWS::ApiGateway::UsagePlanKey')) this.gw.usage.addPlanKey(r);
    this.gw.usage.link();
    for (const model of rest.values()) {
      // A REST API without a stage is deployed nowhere, but a test may still name it.
      this.runtimes.set(model.logicalId, new RestApiRuntime(this.gw, model));
    }

    const v2 = new Map<string, V2ApiModel>();
    for (const r of of('AWS::ApiGatewayV2::Api')) {
      const model = v2ApiModel(r);
      v2.set(model.id, model);
      for (const p of ['Body', 'BodyS3Location', 'Target', 'RouteKey']) {
        if (r.properties[p] !== undefined) this.unsupported(r, `${p} (quick create / OpenAPI import) is not simulated; routes come from AWS::ApiGatewayV2::Route resources`);
      }
    }
    const v2Of = (r: TemplateResource) => {
      const model = v2.get(String(r.properties.ApiId));
      if (!model) throw new TemplateLoadError(r.logicalId, 'NotFoundException', `Invalid API identifier specified: ${String(r.properties.ApiId)}`);
      return model;
    };
    for (const r of of('AWS::ApiGatewayV2::Integration')) addV2Integration(v2Of(r), r);
    for (const r of of('AWS::ApiGatewayV2::Authorizer')) addV2Authorizer(v2Of(r), r);
    for (const r of of('AWS::ApiGatewayV2::Route')) addV2Route(v2Of(r), r);
    for (const r of of('AWS::ApiGatewayV2::Stage')) addV2Stage(v2Of(r), r);
    for (const r of of('AWS::ApiGatewayV2::IntegrationResponse')) this.unsupported(r, 'WebSocket integration responses are not simulated (Lambda proxy answers go back as they are)');
    for (const model of v2.values()) {
      this.runtimes.set(model.logicalId, model.protocol === 'HTTP' ? new HttpApiRuntime(this.gw, model) : new WebSocketApiRuntime(this.gw, model));
    }

    this.linkWaf(rest);
  }

  private linkWaf(rest: Map<string, RestApiModel>): void {
    const acls = new Map<string, WebAcl>();
    for (const r of this.collected.get('AWS::WAFv2::WebACL') ?? []) {
      acls.set(r.attributes.Arn, new WebAcl(r, reason => this.unsupported(r, reason)));
    }
    for (const r of this.collected.get('AWS::WAFv2::LoggingConfiguration') ?? []) this.unsupported(r, 'WAF logs are not written');
    for (const r of this.collected.get('AWS::WAFv2::WebACLAssociation') ?? []) {
      const stage = stageOfArn(String(r.properties.ResourceArn));
      const acl = acls.get(String(r.properties.WebACLArn));
      if (!stage || !rest.has(stage.apiId)) {
        this.unsupported(r, `the association with ${String(r.properties.ResourceArn)} is not simulated (only REST API stages in the template are)`);
        continue;
      }
      if (!acl) {
        this.unsupported(r, `web ACL ${String(r.properties.WebACLArn)} is not in the template: requests to stage ${stage.stage} are not filtered`);
        continue;
      }
      this.gw.webAcls.set(`${stage.apiId}/${stage.stage}`, acl);
    }
  }

  public handle(logicalId: string): ApiHandle {
    let h = this.handles.get(logicalId);
    if (h) return h;
    const runtime = this.runtimes.get(logicalId);
    if (!runtime) throw new Error(`ApiGatewayService: no API '${logicalId}'`);
    h = new ApiHandle(this.gw, runtime, this.connectionsApi);
    this.handles.set(logicalId, h);
    return h;
  }

  /** The `@connections` API by SDK command name (ServiceApi). */
  public async call(action: string, input: Record<string, any>, _caller: CallerIdentity): Promise<Record<string, any>> {
    switch (action) {
      case 'PostToConnection': return this.connectionsApi.postToConnection(input as never);
      case 'GetConnection': return this.connectionsApi.getConnection(input as never);
      case 'DeleteConnection': return this.connectionsApi.deleteConnection(input as never);
      default: throw new AwsError('InvalidAction', `The action ${action} is not valid for this endpoint (execute-api), or the simulator does not simulate it.`);
    }
  }

  /**
   * A request that reached the wire endpoint on an execute-api path: the same path through the API as
   * `sim.api(ref).request()`, with the SigV4 signer (if any) as the IAM caller.
   */
  public async invokeApi(request: ApiInvokeRequest): Promise<ApiInvokeResponse> {
    const logicalId = [...this.runtimes.keys()].find(id => this.handle(id).apiId === request.apiId);
    if (logicalId === undefined) {
      // API Gateway answers a hostname with no API behind it with 403 {"message":"Forbidden"}.
      this.ctx.reportProblem('execute-api', `a request over the wire for API '${request.apiId}', which the template does not declare`);
      return { statusCode: 403, headers: { 'content-type': 'application/json' }, body: '{"message":"Forbidden"}' };
    }
    const handle = this.handle(logicalId);
    if (handle.protocol === 'WEBSOCKET') {
      const reason = `WebSocket API '${request.apiId}' over the wire: the simulator's HTTP endpoint does not upgrade connections; use sim.api(ref).connect()`;
      this.ctx.reportProblem(logicalId, reason);
      return { statusCode: 426, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: reason }) };
    }
    const response = await handle.request({
      method: request.method,
      path: request.path,
      headers: request.headers,
      query: request.query,
      body: request.body,
      sourceIp: request.sourceIp,
      stage: request.stage,
      iamPrincipal: request.caller?.principal,
    });
    const headers: Record<string, string> = { ...response.headers };
    for (const [name, values] of Object.entries(response.multiValueHeaders ?? {})) headers[name] = values.join(', ');
    return { statusCode: response.statusCode, headers, body: response.body };
  }

  private connectionById(id: string): Connection | undefined {
    for (const runtime of this.runtimes.values()) {
      if (runtime instanceof WebSocketApiRuntime) {
        const c = runtime.connections.get(id);
        if (c) return c;
      }
    }
    return undefined;
  }

  private closeConnection(connection: Connection): Promise<void> {
    const runtime = this.runtimes.get(connection.apiLogicalId) as WebSocketApiRuntime;
    const label = `apigateway DeleteConnection ${connection.connectionId}`;
    const d = virtualDeferred<void>(this.ctx.clock, { label });
    this.ctx.clock.spawn(label, fiber => runtime.disconnect(fiber, connection, 1000, 'DeleteConnection')).then(d.resolve, d.reject);
    return d.promise;
  }

  private unsupported(r: TemplateResource, reason: string): void {
    this.ctx.reportUnsupported(r.logicalId, r.type, reason);
  }
}
