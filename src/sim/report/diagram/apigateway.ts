/**
 * API Gateway REST APIs: each method is an edge from the API to its integration's target, labelled with the route
 * (`POST /orders`). The target comes from the integration URI (`...:lambda:path/2015-03-31/functions/<arn>/invocations`,
 * `...:sqs:path/<account>/<queue>`) or, for AWS service actions, from the resource names in its request parameters and
 * mapping templates; HTTP integrations go to an external node for their host. Lambda authorizers are side paths.
 * HTTPS clients are drawn as the API's entry.
 */
import type { GraphBuilder } from './builder';
import { asList, EdgeExtractor, stringsIn } from './extractor';
import type { TemplateResource } from '../../runtime';

export const apiGatewayExtractor: EdgeExtractor = {
  types: ['AWS::ApiGateway::RestApi', 'AWS::ApiGateway::Method', 'AWS::ApiGateway::Authorizer'],
  extract(r, g) {
    const p = r.properties;
    if (r.type === 'AWS::ApiGateway::RestApi') {
      g.edge(g.external('clients', 'clients', 'HTTPS callers'), g.node(r), 'flow');
      return;
    }
    const api = g.nodeOf(p.RestApiId);
    if (r.type === 'AWS::ApiGateway::Authorizer') {
      g.edge(api, integrationTarget(g, p.AuthorizerUri, [], 'AWS_PROXY'), 'side', `authorizer ${p.Name ?? ''}`.trim());
      return;
    }
    const integration = p.Integration ?? {};
    if (String(p.HttpMethod).toUpperCase() === 'OPTIONS' && integration.Type === 'MOCK') return; // CORS preflight
    const route = `${String(p.HttpMethod ?? 'ANY').toUpperCase()} ${resourcePath(g, p.RestApiId, p.ResourceId)}`;
    const target = integration.Type === 'MOCK'
      ? g.external('mock', 'mock response', 'API Gateway MOCK integration')
      : integrationTarget(g, integration.Uri, [integration.RequestParameters, integration.RequestTemplates], integration.Type);
    g.edge(api, target, 'flow', route);
  },
};

/** The path of a REST API resource: its PathPart under its parent's path, `/` for the API's root resource. */
function resourcePath(g: GraphBuilder, restApiId: unknown, resourceId: unknown): string {
  const api = g.find(restApiId);
  const parts: string[] = [];
  let current = resourceId;
  for (let depth = 0; depth < 50; depth++) {
    if (current === undefined || (api && current === api.attributes.RootResourceId)) break;
    const resource: TemplateResource | undefined = g.index.ofType('AWS::ApiGateway::Resource').find(x => x.ref === current);
    if (!resource) break;
    parts.unshift(String(resource.properties.PathPart));
    current = resource.properties.ParentId;
  }
  return `/${parts.join('/')}`;
}

/**
 * What an integration calls. `uri` is an `arn:aws:apigateway:<region>:<service>:<path|action>/...` ARN or a URL;
 * `extra` holds request parameters and templates, where AWS service integrations name their target.
 */
export function integrationTarget(g: GraphBuilder, uri: unknown, extra: unknown[], type: unknown): string | undefined {
  const text = typeof uri === 'string' ? uri : '';
  const lambda = /:lambda:path\/[^/]+\/functions\/(.+?)\/invocations/.exec(text);
  if (lambda) return g.nodeOf(lambda[1]);
  if (/^https?:\/\//.test(text) || type === 'HTTP' || type === 'HTTP_PROXY') {
    const host = /^https?:\/\/([^/:]+)/.exec(text)?.[1] ?? 'HTTP backend';
    return g.external(`http_${host}`, host, 'HTTP backend');
  }
  const service = /^arn:[^:]+:apigateway:[^:]*:([^:]+):(.*)$/.exec(text);
  const candidates = [
    ...(service ? service[2].split(/[/&=?]/) : [text]),
    ...stringsIn(extra).flatMap(s => [s.value, ...s.value.match(/arn:[A-Za-z0-9:/._*${}-]+/g) ?? [], ...quoted(s.value)]),
  ];
  for (const c of candidates) {
    const node = g.nodeOf(c.replace(/^'|'$/g, ''));
    if (node !== undefined) return node;
  }
  return service ? g.external(`service_${service[1]}`, service[1], 'AWS service') : undefined;
}

function quoted(text: string): string[] {
  return asList<RegExpMatchArray>([...text.matchAll(/["']([^"']{3,})["']/g)]).map(m => m[1]);
}
