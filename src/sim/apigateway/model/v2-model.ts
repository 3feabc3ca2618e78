/**
 * An HTTP or WebSocket API as its AWS::ApiGatewayV2::* resources describe it: routes (route keys), integrations,
 * authorizers, CORS and stages. Built once at load from the template.
 */
import { functionArnOfUri, stringMap, ThrottleConfig } from './rest-model';
import { TemplateLoadError } from '../../kernel';
import { TemplateResource } from '../../runtime';
import { optionalBoolean, optionalInteger, optionalNumber, optionalString } from '../../template/properties';

export interface V2IntegrationConfig {
  readonly id: string;
  readonly logicalId: string;
  readonly type: 'AWS_PROXY' | 'HTTP_PROXY' | 'AWS' | 'HTTP' | 'MOCK';
  readonly uri?: string;
  /** The Lambda function of an AWS_PROXY integration. */
  readonly functionArn?: string;
  readonly payloadFormatVersion: '1.0' | '2.0';
  readonly timeoutMs: number;
  readonly credentials?: string;
  readonly requestTemplates: Readonly<Record<string, string>>;
  readonly templateSelectionExpression?: string;
}

export interface V2AuthorizerConfig {
  readonly id: string;
  readonly logicalId: string;
  readonly name: string;
  readonly type: 'JWT' | 'REQUEST';
  readonly functionArn?: string;
  readonly identitySources: readonly string[];
  readonly ttlSeconds: number;
  readonly issuer?: string;
  readonly audience: readonly string[];
  readonly payloadFormatVersion: '1.0' | '2.0';
  readonly simpleResponses: boolean;
}

export interface V2RouteConfig {
  readonly logicalId: string;
  readonly id: string;
  readonly routeKey: string;
  /** HTTP APIs: `GET` or `ANY`; absent for `$default` and WebSocket routes. */
  readonly method?: string;
  /** HTTP APIs: the path with its `{param}` / `{proxy+}` parts. */
  readonly path?: string;
  readonly authorizationType: 'NONE' | 'AWS_IAM' | 'JWT' | 'CUSTOM';
  readonly authorizerId?: string;
  readonly authorizationScopes: readonly string[];
  readonly apiKeyRequired: boolean;
  readonly integrationId?: string;
  /** WebSocket: a two-way route (its integration's answer goes back to the client). */
  readonly twoWay: boolean;
}

export interface V2CorsConfig {
  readonly allowOrigins: readonly string[];
  readonly allowMethods: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly allowCredentials: boolean;
  readonly maxAge?: number;
}

export interface V2StageConfig {
  readonly logicalId: string;
  readonly name: string;
  readonly variables: Readonly<Record<string, string>>;
  readonly throttle?: ThrottleConfig;
  /** Route key -> throttle. */
  readonly routeThrottles: ReadonlyMap<string, ThrottleConfig>;
  readonly accessLogFormat?: string;
  readonly accessLogDestination?: string;
}

export interface V2ApiModel {
  readonly logicalId: string;
  readonly id: string;
  readonly name: string;
  readonly protocol: 'HTTP' | 'WEBSOCKET';
  readonly routeSelectionExpression: string;
  readonly cors?: V2CorsConfig;
  readonly routes: V2RouteConfig[];
  readonly integrations: Map<string, V2IntegrationConfig>;
  readonly authorizers: Map<string, V2AuthorizerConfig>;
  readonly stages: Map<string, V2StageConfig>;
  readonly disableExecuteApiEndpoint: boolean;
}

export function v2ApiModel(api: TemplateResource): V2ApiModel {
  const p = api.properties;
  const protocol = String(p.ProtocolType ?? '').toUpperCase();
  if (protocol !== 'HTTP' && protocol !== 'WEBSOCKET') {
    throw new TemplateLoadError(api.logicalId, 'BadRequestException', `Invalid protocol type ${protocol}: HTTP or WEBSOCKET`);
  }
  const c = p.CorsConfiguration;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  return {
    logicalId: api.logicalId,
    id: api.ref,
    name: String(p.Name ?? api.logicalId),
    protocol,
    routeSelectionExpression: String(p.RouteSelectionExpression ?? (protocol === 'HTTP' ? '${request.method} ${request.path}' : '')),
    cors: c ? {
      allowOrigins: list(c.AllowOrigins),
      allowMethods: list(c.AllowMethods).map(m => m.toUpperCase()),
      allowHeaders: list(c.AllowHeaders).map(h => h.toLowerCase()),
      exposeHeaders: list(c.ExposeHeaders).map(h => h.toLowerCase()),
      allowCredentials: optionalBoolean(api.logicalId, 'CorsConfiguration/AllowCredentials', c.AllowCredentials) ?? false,
      maxAge: optionalInteger(api.logicalId, 'CorsConfiguration/MaxAge', c.MaxAge, -1, 86400),
    } : undefined,
    routes: [],
    integrations: new Map(),
    authorizers: new Map(),
    stages: new Map(),
    disableExecuteApiEndpoint: optionalBoolean(api.logicalId, 'DisableExecuteApiEndpoint', p.DisableExecuteApiEndpoint) ?? false,
  };
}

export function addV2Integration(model: V2ApiModel, r: TemplateResource): void {
  const p = r.properties;
  const type = String(p.IntegrationType ?? '').toUpperCase() as V2IntegrationConfig['type'];
  const uri = optionalString(r.logicalId, 'IntegrationUri', p.IntegrationUri);
  const version = String(p.PayloadFormatVersion ?? '1.0');
  if (version !== '1.0' && version !== '2.0') throw new TemplateLoadError(r.logicalId, 'BadRequestException', `Invalid payload format version ${version}: 1.0 or 2.0`);
  const maxTimeout = model.protocol === 'HTTP' ? 30_000 : 29_000;
  model.integrations.set(r.ref, {
    id: r.ref,
    logicalId: r.logicalId,
    type,
    uri,
    functionArn: type === 'AWS_PROXY' && uri ? functionArnOfUri(uri) : undefined,
    payloadFormatVersion: version,
    timeoutMs: optionalInteger(r.logicalId, 'TimeoutInMillis', p.TimeoutInMillis, 50, maxTimeout) ?? maxTimeout,
    credentials: optionalString(r.logicalId, 'CredentialsArn', p.CredentialsArn),
    requestTemplates: stringMap(p.RequestTemplates),
    templateSelectionExpression: optionalString(r.logicalId, 'TemplateSelectionExpression', p.TemplateSelectionExpression),
  });
}

export function addV2Authorizer(model: V2ApiModel, r: TemplateResource): void {
  const p = r.properties;
  const type = String(p.AuthorizerType ?? '').toUpperCase() as V2AuthorizerConfig['type'];
  if (type !== 'JWT' && type !== 'REQUEST') throw new TemplateLoadError(r.logicalId, 'BadRequestException', `Invalid authorizer type ${type}: JWT or REQUEST`);
  const uri = optionalString(r.logicalId, 'AuthorizerUri', p.AuthorizerUri);
  const jwt = p.JwtConfiguration ?? {};
  model.authorizers.set(r.ref, {
    id: r.ref,
    logicalId: r.logicalId,
    name: String(p.Name ?? r.logicalId),
    type,
    functionArn: uri ? functionArnOfUri(uri) : undefined,
    identitySources: Array.isArray(p.IdentitySource) ? p.IdentitySource.map(String) : typeof p.IdentitySource === 'string' ? [p.IdentitySource] : [],
    ttlSeconds: optionalInteger(r.logicalId, 'AuthorizerResultTtlInSeconds', p.AuthorizerResultTtlInSeconds, 0, 3600) ?? (model.protocol === 'HTTP' ? 300 : 0),
    issuer: jwt.Issuer === undefined ? undefined : String(jwt.Issuer),
    audience: Array.isArray(jwt.Audience) ? jwt.Audience.map(String) : [],
    payloadFormatVersion: String(p.AuthorizerPayloadFormatVersion ?? '1.0') === '2.0' ? '2.0' : '1.0',
    simpleResponses: optionalBoolean(r.logicalId, 'EnableSimpleResponses', p.EnableSimpleResponses) ?? false,
  });
}

export function addV2Route(model: V2ApiModel, r: TemplateResource): void {
  const p = r.properties;
  const routeKey = String(p.RouteKey ?? '');
  let method: string | undefined;
  let path: string | undefined;
  if (model.protocol === 'HTTP' && routeKey !== '$default') {
    const m = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) (\/\S*)$/.exec(routeKey);
    if (!m) throw new TemplateLoadError(r.logicalId, 'BadRequestException', `Invalid route key ${routeKey}: expected "$default" or "METHOD /path"`);
    method = m[1];
    path = m[2];
  }
  const target = optionalString(r.logicalId, 'Target', p.Target);
  model.routes.push({
    logicalId: r.logicalId,
    id: r.ref,
    routeKey,
    method,
    path,
    authorizationType: String(p.AuthorizationType ?? 'NONE').toUpperCase() as V2RouteConfig['authorizationType'],
    authorizerId: p.AuthorizerId === undefined ? undefined : String(p.AuthorizerId),
    authorizationScopes: Array.isArray(p.AuthorizationScopes) ? p.AuthorizationScopes.map(String) : [],
    apiKeyRequired: optionalBoolean(r.logicalId, 'ApiKeyRequired', p.ApiKeyRequired) ?? false,
    integrationId: target?.startsWith('integrations/') ? target.slice('integrations/'.length) : undefined,
    twoWay: p.RouteResponseSelectionExpression !== undefined,
  });
}

export function addV2Stage(model: V2ApiModel, r: TemplateResource): void {
  const p = r.properties;
  const settings = p.DefaultRouteSettings ?? {};
  const throttleOf = (s: Record<string, unknown>, where: string): ThrottleConfig | undefined => {
    const rate = optionalNumber(r.logicalId, `${where}/ThrottlingRateLimit`, s.ThrottlingRateLimit);
    const burst = optionalInteger(r.logicalId, `${where}/ThrottlingBurstLimit`, s.ThrottlingBurstLimit, 0, Number.MAX_SAFE_INTEGER);
    return rate === undefined && burst === undefined ? undefined : { rateLimit: rate ?? 10_000, burstLimit: burst ?? 5_000 };
  };
  const routeThrottles = new Map<string, ThrottleConfig>();
  for (const [key, s] of Object.entries<Record<string, unknown>>(p.RouteSettings ?? {})) {
    const t = throttleOf(s, `RouteSettings/${key}`);
    if (t) routeThrottles.set(key, t);
  }
  const log = p.AccessLogSettings;
  model.stages.set(r.ref, {
    logicalId: r.logicalId,
    name: r.ref,
    variables: stringMap(p.StageVariables),
    throttle: throttleOf(settings, 'DefaultRouteSettings'),
    routeThrottles,
    accessLogFormat: log?.Format === undefined ? undefined : String(log.Format),
    accessLogDestination: log?.DestinationArn === undefined ? undefined : String(log.DestinationArn),
  });
}
