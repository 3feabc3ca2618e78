/**
 * API Gateway HTTP and WebSocket APIs: each route is an edge from the API to what its integration calls, labelled
 * with the route key (`POST /orders`, `$connect`). AWS service integrations (`SQS-SendMessage`,
 * `StepFunctions-StartExecution`, ...) name their target in their request parameters.
 */
import { integrationTarget } from './apigateway';
import { EdgeExtractor } from './extractor';

export const apiGatewayV2Extractor: EdgeExtractor = {
  types: ['AWS::ApiGatewayV2::Api', 'AWS::ApiGatewayV2::Route', 'AWS::ApiGatewayV2::Authorizer'],
  extract(r, g) {
    const p = r.properties;
    if (r.type === 'AWS::ApiGatewayV2::Api') {
      const api = g.node(r);
      const websocket = p.ProtocolType === 'WEBSOCKET';
      g.retitle(api, websocket ? 'WebSocket API' : 'HTTP API');
      g.edge(g.external(websocket ? 'ws_clients' : 'clients', 'clients', websocket ? 'WebSocket callers' : 'HTTPS callers'), api, 'flow');
      if (p.Target) g.edge(api, integrationTarget(g, p.Target, [], 'AWS_PROXY'), 'flow', p.RouteKey ?? '$default');
      return;
    }
    const api = g.nodeOf(p.ApiId);
    if (r.type === 'AWS::ApiGatewayV2::Authorizer') {
      if (p.AuthorizerUri) g.edge(api, integrationTarget(g, p.AuthorizerUri, [], 'AWS_PROXY'), 'side', `authorizer ${p.Name ?? ''}`.trim());
      return;
    }
    const integrationId = /^integrations\/(.+)$/.exec(String(p.Target ?? ''))?.[1];
    const integration = g.index.ofType('AWS::ApiGatewayV2::Integration').find(i => i.ref === integrationId);
    if (!integration) return;
    const ip = integration.properties;
    const target = integrationTarget(g, ip.IntegrationUri, [ip.RequestParameters, ip.RequestTemplates], ip.IntegrationType)
      ?? (ip.IntegrationSubtype ? g.external(`service_${ip.IntegrationSubtype}`, String(ip.IntegrationSubtype), 'AWS service') : undefined);
    g.edge(api, target, 'flow', String(p.RouteKey ?? ''));
  },
};
