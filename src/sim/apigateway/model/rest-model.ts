/**
 * A REST API as its AWS::ApiGateway::* resources describe it: the resource tree with its methods and integrations,
 * authorizers, models, request validators, gateway responses, stages (variables, throttles, access log) and the
 * usage plans and API keys bound to them. Built once at load from the template; the request pipeline reads it.
 */
import { TemplateLoadError } from '../../kernel';
import { TemplateResource } from '../../runtime';
import { optionalBoolean, optionalInteger, optionalNumber, optionalString } from '../../template/properties';

export type RestAuthorizationType = 'NONE' | 'AWS_IAM' | 'CUSTOM' | 'COGNITO_USER_POOLS';

export interface IntegrationResponseConfig {
  readonly statusCode: string;
  /** A regular expression on the backend's status (HTTP/AWS) or error message (Lambda); absent for the default response. */
  readonly selectionPattern?: string;
  readonly responseTemplates: Readonly<Record<string, string>>;
  readonly responseParameters: Readonly<Record<string, string>>;
  readonly contentHandling?: string;
}

export interface RestIntegrationConfig {
  readonly type: 'AWS' | 'AWS_PROXY' | 'HTTP' | 'HTTP_PROXY' | 'MOCK';
  readonly uri?: string;
  /** The Lambda function a `...:lambda:path/.../functions/{arn}/invocations` URI names. */
  readonly functionArn?: string;
  readonly httpMethod?: string;
  /** The role API Gateway assumes to call the AWS service (or invoke the function). */
  readonly credentials?: string;
  readonly requestTemplates: Readonly<Record<string, string>>;
  readonly requestParameters: Readonly<Record<string, string>>;
  readonly passthroughBehavior: 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES' | 'NEVER';
  readonly contentHandling?: string;
  readonly timeoutMs: number;
  readonly responses: readonly IntegrationResponseConfig[];
}

export interface RestMethodConfig {
  readonly logicalId: string;
  readonly httpMethod: string;
  readonly resource: RestResourceNode;
  readonly authorizationType: RestAuthorizationType;
  readonly authorizerId?: string;
  readonly authorizationScopes: readonly string[];
  readonly apiKeyRequired: boolean;
  /** `method.request.header.X` -> required. */
  readonly requestParameters: Readonly<Record<string, boolean>>;
  /** Content type -> model name. */
  readonly requestModels: Readonly<Record<string, string>>;
  readonly requestValidatorId?: string;
  readonly integration?: RestIntegrationConfig;
}

export interface RestResourceNode {
  readonly id: string;
  readonly pathPart: string;
  readonly parentId?: string;
  /** Full resource path, e.g. `/orders/{id}`. */
  path: string;
  readonly children: RestResourceNode[];
  readonly methods: Map<string, RestMethodConfig>;
}

export interface RestAuthorizerConfig {
  readonly id: string;
  readonly logicalId: string;
  readonly name: string;
  readonly type: 'TOKEN' | 'REQUEST' | 'COGNITO_USER_POOLS';
  readonly functionArn?: string;
  readonly credentials?: string;
  /** `method.request.header.Authorization`, comma-separated for REQUEST authorizers. */
  readonly identitySources: readonly string[];
  readonly validationRegex?: string;
  readonly ttlSeconds: number;
  readonly providerArns: readonly string[];
}

export interface ThrottleConfig {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface RestStageConfig {
  readonly logicalId: string;
  readonly name: string;
  readonly variables: Readonly<Record<string, string>>;
  /** The `/*` `*` method setting (the stage default). */
  readonly throttle?: ThrottleConfig;
  /** `resourcePath METHOD` (`/{proxy+} DELETE`, `* GET`) -> throttle. */
  readonly methodThrottles: ReadonlyMap<string, ThrottleConfig>;
  readonly accessLogFormat?: string;
  readonly accessLogDestination?: string;
}

export interface GatewayResponseConfig {
  readonly type: string;
  readonly statusCode?: number;
  readonly responseParameters: Readonly<Record<string, string>>;
  readonly responseTemplates: Readonly<Record<string, string>>;
}

export interface RestApiModel {
  readonly logicalId: string;
  readonly id: string;
  readonly name: string;
  readonly root: RestResourceNode;
  readonly resources: Map<string, RestResourceNode>;
  readonly authorizers: Map<string, RestAuthorizerConfig>;
  /** Model name -> JSON schema. */
  readonly models: Map<string, object>;
  readonly validators: Map<string, { readonly body: boolean; readonly parameters: boolean }>;
  readonly gatewayResponses: Map<string, GatewayResponseConfig>;
  readonly stages: Map<string, RestStageConfig>;
  readonly binaryMediaTypes: readonly string[];
  readonly apiKeySource: 'HEADER' | 'AUTHORIZER';
  readonly disableExecuteApiEndpoint: boolean;
}

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];

export function restApiModel(api: TemplateResource): RestApiModel {
  const p = api.properties;
  const root: RestResourceNode = { id: api.attributes.RootResourceId, pathPart: '', path: '/', children: [], methods: new Map() };
  const source = optionalString(api.logicalId, 'ApiKeySourceType', p.ApiKeySourceType) ?? 'HEADER';
  if (source !== 'HEADER' && source !== 'AUTHORIZER') {
    throw new TemplateLoadError(api.logicalId, 'BadRequestException', `Invalid API key source type: ${source}. Valid values: HEADER, AUTHORIZER`);
  }
  return {
    logicalId: api.logicalId,
    id: api.ref,
    name: String(p.Name ?? api.logicalId),
    root,
    resources: new Map([[root.id, root]]),
    authorizers: new Map(),
    models: new Map(),
    validators: new Map(),
    gatewayResponses: new Map(),
    stages: new Map(),
    binaryMediaTypes: Array.isArray(p.BinaryMediaTypes) ? p.BinaryMediaTypes.map(String).map(t => t.replace(/~1/g, '/')) : [],
    apiKeySource: source,
    disableExecuteApiEndpoint: optionalBoolean(api.logicalId, 'DisableExecuteApiEndpoint', p.DisableExecuteApiEndpoint) ?? false,
  };
}

export function addResource(model: RestApiModel, r: TemplateResource): void {
  const part = String(r.properties.PathPart ?? '');
  if (!/^(\{[A-Za-z0-9._-]+\+?\}|[A-Za-z0-9._:@~-]+)$/.test(part)) {
    throw new TemplateLoadError(r.logicalId, 'BadRequestException', `Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace. (path part '${part}')`);
  }
  model.resources.set(r.ref, { id: r.ref, pathPart: part, parentId: String(r.properties.ParentId), path: '', children: [], methods: new Map() });
}

/** Links children to parents and computes full paths; a greedy `{x+}` must be the last part. */
export function linkResources(model: RestApiModel): void {
  for (const node of model.resources.values()) {
    if (node === model.root) continue;
    const parent = model.resources.get(node.parentId ?? '');
    if (!parent) throw new TemplateLoadError(model.logicalId, 'NotFoundException', `Invalid Resource identifier specified (parent ${node.parentId} of '${node.pathPart}')`);
    parent.children.push(node);
  }
  const walk = (node: RestResourceNode, prefix: string) => {
    for (const child of node.children) {
      child.path = `${prefix === '/' ? '' : prefix}/${child.pathPart}`;
      if (/\+\}$/.test(node.pathPart)) {
        throw new TemplateLoadError(model.logicalId, 'BadRequestException', `A greedy path variable (${node.pathPart}) must be the last part of a resource path`);
      }
      walk(child, child.path);
    }
  };
  walk(model.root, '/');
}

export function addMethod(model: RestApiModel, r: TemplateResource): void {
  const p = r.properties;
  const node = model.resources.get(String(p.ResourceId));
  if (!node) throw new TemplateLoadError(r.logicalId, 'NotFoundException', 'Invalid Resource identifier specified');
  const httpMethod = String(p.HttpMethod ?? '').toUpperCase();
  if (!HTTP_METHODS.includes(httpMethod)) throw new TemplateLoadError(r.logicalId, 'BadRequestException', `Invalid HttpMethod specified. Valid options are ${HTTP_METHODS.join(',')}`);
  const authorizationType = String(p.AuthorizationType ?? 'NONE').toUpperCase() as RestAuthorizationType;
  if (!['NONE', 'AWS_IAM', 'CUSTOM', 'COGNITO_USER_POOLS'].includes(authorizationType)) {
    throw new TemplateLoadError(r.logicalId, 'BadRequestException', `Invalid authorization type ${authorizationType}`);
  }
  const requestParameters: Record<string, boolean> = {};
  for (const [k, v] of Object.entries<unknown>(p.RequestParameters ?? {})) requestParameters[k] = optionalBoolean(r.logicalId, `RequestParameters/${k}`, v) ?? false;
  const method: RestMethodConfig = {
    logicalId: r.logicalId,
    httpMethod,
    resource: node,
    authorizationType,
    authorizerId: p.AuthorizerId === undefined ? undefined : String(p.AuthorizerId),
    authorizationScopes: Array.isArray(p.AuthorizationScopes) ? p.AuthorizationScopes.map(String) : [],
    apiKeyRequired: optionalBoolean(r.logicalId, 'ApiKeyRequired', p.ApiKeyRequired) ?? false,
    requestParameters,
    requestModels: stringMap(p.RequestModels),
    requestValidatorId: p.RequestValidatorId === undefined ? undefined : String(p.RequestValidatorId),
    integration: p.Integration ? integrationConfig(r.logicalId, p.Integration) : undefined,
  };
  if (node.methods.has(httpMethod)) throw new TemplateLoadError(r.logicalId, 'ConflictException', 'Method already exists for this resource');
  node.methods.set(httpMethod, method);
}

function integrationConfig(logicalId: string, i: Record<string, any>): RestIntegrationConfig {
  const type = String(i.Type ?? '').toUpperCase() as RestIntegrationConfig['type'];
  if (!['AWS', 'AWS_PROXY', 'HTTP', 'HTTP_PROXY', 'MOCK'].includes(type)) {
    throw new TemplateLoadError(logicalId, 'BadRequestException', `Invalid integration type ${type}`);
  }
  const passthrough = String(i.PassthroughBehavior ?? 'WHEN_NO_MATCH').toUpperCase() as RestIntegrationConfig['passthroughBehavior'];
  return {
    type,
    uri: i.Uri === undefined ? undefined : String(i.Uri),
    functionArn: i.Uri === undefined ? undefined : functionArnOfUri(String(i.Uri)),
    httpMethod: i.IntegrationHttpMethod === undefined ? undefined : String(i.IntegrationHttpMethod).toUpperCase(),
    credentials: i.Credentials === undefined ? undefined : String(i.Credentials),
    requestTemplates: stringMap(i.RequestTemplates),
    requestParameters: stringMap(i.RequestParameters),
    passthroughBehavior: passthrough,
    contentHandling: i.ContentHandling,
    // 50 ms to 29 s by default (Regional APIs may raise the maximum through a quota increase).
    timeoutMs: optionalInteger(logicalId, 'Integration/TimeoutInMillis', i.TimeoutInMillis, 50, 3_600_000) ?? 29_000,
    responses: (Array.isArray(i.IntegrationResponses) ? i.IntegrationResponses : []).map((ir: Record<string, any>) => ({
      statusCode: String(ir.StatusCode),
      selectionPattern: ir.SelectionPattern === undefined || ir.SelectionPattern === '' ? undefined : String(ir.SelectionPattern),
      responseTemplates: stringMap(ir.ResponseTemplates),
      responseParameters: stringMap(ir.ResponseParameters),
      contentHandling: ir.ContentHandling,
    })),
  };
}

export function addAuthorizer(model: RestApiModel, r: TemplateResource): void {
  const p = r.properties;
  const type = String(p.Type ?? '').toUpperCase() as RestAuthorizerConfig['type'];
  if (!['TOKEN', 'REQUEST', 'COGNITO_USER_POOLS'].includes(type)) {
    throw new TemplateLoadError(r.logicalId, 'BadRequestException', `Invalid authorizer type ${type}`);
  }
  const source = optionalString(r.logicalId, 'IdentitySource', p.IdentitySource);
  if (type !== 'REQUEST' && !source) {
    throw new TemplateLoadError(r.logicalId, 'BadRequestException', 'Identity source is required for TOKEN and COGNITO_USER_POOLS authorizers');
  }
  const uri = optionalString(r.logicalId, 'AuthorizerUri', p.AuthorizerUri);
  model.authorizers.set(r.ref, {
    id: r.ref,
    logicalId: r.logicalId,
    name: String(p.Name ?? r.logicalId),
    type,
    functionArn: uri ? functionArnOfUri(uri) : undefined,
    credentials: optionalString(r.logicalId, 'AuthorizerCredentials', p.AuthorizerCredentials),
    identitySources: (source ?? '').split(',').map(s => s.trim()).filter(s => s.length > 0),
    validationRegex: optionalString(r.logicalId, 'IdentityValidationExpression', p.IdentityValidationExpression),
    ttlSeconds: optionalInteger(r.logicalId, 'AuthorizerResultTtlInSeconds', p.AuthorizerResultTtlInSeconds, 0, 3600) ?? 300,
    providerArns: Array.isArray(p.ProviderARNs) ? p.ProviderARNs.map(String) : [],
  });
}

/** `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations` -> the function ARN. */
export function functionArnOfUri(uri: string): string | undefined {
  const m = /:lambda:path\/[^/]+\/functions\/(.+)\/invocations$/.exec(uri);
  if (m) return m[1];
  return /^arn:[^:]+:lambda:/.test(uri) ? uri : undefined;
}

export function addStage(model: RestApiModel, r: TemplateResource): void {
  const p = r.properties;
  const name = r.ref;
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(name)) {
    throw new TemplateLoadError(r.logicalId, 'BadRequestException', 'Stage name only allows a-zA-Z0-9_- and must be 1 to 128 characters');
  }
  const methodThrottles = new Map<string, ThrottleConfig>();
  let stageThrottle: ThrottleConfig | undefined;
  for (const [i, s] of (Array.isArray(p.MethodSettings) ? p.MethodSettings : []).entries()) {
    const rate = optionalNumber(r.logicalId, `MethodSettings/${i}/ThrottlingRateLimit`, s.ThrottlingRateLimit);
    const burst = optionalInteger(r.logicalId, `MethodSettings/${i}/ThrottlingBurstLimit`, s.ThrottlingBurstLimit, 0, Number.MAX_SAFE_INTEGER);
    if (rate === undefined && burst === undefined) continue;
    // The account default (10,000 requests per second, burst 5,000) stands in for a limit left out.
    const throttle = { rateLimit: rate ?? 10_000, burstLimit: burst ?? 5_000 };
    // Paths in method settings escape `/` as `~1` (`/~1orders~1{id}` is `/orders/{id}`).
    const path = String(s.ResourcePath ?? '/*').replace(/~1/g, '/');
    const method = String(s.HttpMethod ?? '*').toUpperCase();
    if ((path === '/*' || path === '//*') && method === '*') stageThrottle = throttle;
    else methodThrottles.set(`${path.replace(/^\/\//, '/')} ${method}`, throttle);
  }
  const log = p.AccessLogSetting;
  model.stages.set(name, {
    logicalId: r.logicalId,
    name,
    variables: stringMap(p.Variables),
    throttle: stageThrottle,
    methodThrottles,
    accessLogFormat: log?.Format === undefined ? undefined : String(log.Format),
    accessLogDestination: log?.DestinationArn === undefined ? undefined : String(log.DestinationArn),
  });
}

export function addGatewayResponse(model: RestApiModel, r: TemplateResource): void {
  const p = r.properties;
  const type = String(p.ResponseType ?? '');
  model.gatewayResponses.set(type, {
    type,
    statusCode: p.StatusCode === undefined ? undefined : optionalInteger(r.logicalId, 'StatusCode', p.StatusCode, 100, 599),
    responseParameters: stringMap(p.ResponseParameters),
    responseTemplates: stringMap(p.ResponseTemplates),
  });
}

export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}
