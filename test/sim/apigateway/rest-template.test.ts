/**
 * REST APIs from raw templates, for rules the front doors do not exercise: what Ref / GetAtt return, routing
 * precedence, stage variables, MOCK integrations with integration responses (the CORS preflight the CDK synthesizes),
 * mapping templates, gateway response overrides and binary media types.
 */
import { Simulator } from '../../../src/sim';

const FN = { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'backend', Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'x' }, Role: 'arn:aws:iam::123456789012:role/r' } };
const PERMISSION = {
  Type: 'AWS::Lambda::Permission',
  Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'Fn' }, Principal: 'apigateway.amazonaws.com', SourceArn: { 'Fn::Sub': 'arn:aws:execute-api:us-east-1:123456789012:${Api}/*/*/*' } },
};
const PROXY = { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST', Uri: { 'Fn::Sub': 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations' } };

function method(resource: object, httpMethod: string, extra: object = {}) {
  return { Type: 'AWS::ApiGateway::Method', Properties: { RestApiId: { Ref: 'Api' }, ResourceId: resource, HttpMethod: httpMethod, AuthorizationType: 'NONE', Integration: PROXY, ...extra } };
}

const TEMPLATE = {
  Resources: {
    Fn: FN,
    Permission: PERMISSION,
    Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'shop', BinaryMediaTypes: ['image~1png'] } },
    Orders: { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] }, PathPart: 'orders' } },
    OrderId: { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: { Ref: 'Orders' }, PathPart: '{id}' } },
    Latest: { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: { Ref: 'Orders' }, PathPart: 'latest' } },
    Proxy: { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] }, PathPart: '{proxy+}' } },
    OrderGet: method({ Ref: 'OrderId' }, 'GET'),
    LatestGet: method({ Ref: 'Latest' }, 'GET'),
    ProxyAny: method({ Ref: 'Proxy' }, 'ANY'),
    OrdersOptions: method({ Ref: 'Orders' }, 'OPTIONS', {
      Integration: {
        Type: 'MOCK',
        RequestTemplates: { 'application/json': '{ statusCode: 200 }' },
        IntegrationResponses: [{
          StatusCode: '204',
          ResponseParameters: { 'method.response.header.Access-Control-Allow-Origin': "'https://shop.example.com'", 'method.response.header.Access-Control-Allow-Methods': "'GET,POST'" },
        }],
      },
    }),
    OrdersPost: method({ Ref: 'Orders' }, 'POST', {
      Integration: {
        Type: 'MOCK',
        RequestTemplates: { 'application/json': '#if($input.path(\'$.fail\')){"statusCode": 500}#else{"statusCode": 200}#end' },
        IntegrationResponses: [
          { StatusCode: '201', ResponseTemplates: { 'application/json': '{"stage":"$context.stage","env":"$stageVariables.env","id":"$context.requestId"}' } },
          { StatusCode: '503', SelectionPattern: '5\\d{2}', ResponseTemplates: { 'application/json': '{"error":true}' } },
        ],
      },
    }),
    Deployment: { Type: 'AWS::ApiGateway::Deployment', DependsOn: ['OrderGet', 'LatestGet', 'ProxyAny', 'OrdersOptions', 'OrdersPost'], Properties: { RestApiId: { Ref: 'Api' } } },
    Stage: { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: { Ref: 'Api' }, DeploymentId: { Ref: 'Deployment' }, StageName: 'v1', Variables: { env: 'test' } } },
    NotFound: {
      Type: 'AWS::ApiGateway::GatewayResponse',
      Properties: {
        RestApiId: { Ref: 'Api' },
        ResponseType: 'MISSING_AUTHENTICATION_TOKEN',
        StatusCode: '404',
        ResponseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'", 'gatewayresponse.header.X-Path': 'method.request.header.x-probe' },
        ResponseTemplates: { 'application/json': '{"error":"no such route","type":"$context.error.responseType","stage":"$context.stage"}' },
      },
    },
    Default5xx: { Type: 'AWS::ApiGateway::GatewayResponse', Properties: { RestApiId: { Ref: 'Api' }, ResponseType: 'DEFAULT_5XX', ResponseParameters: { 'gatewayresponse.header.X-Fault': "'yes'" } } },
    Plan: { Type: 'AWS::ApiGateway::UsagePlan', Properties: { ApiStages: [{ ApiId: { Ref: 'Api' }, Stage: { Ref: 'Stage' } }] } },
  },
  Outputs: {
    StageRef: { Value: { Ref: 'Stage' } },
    Root: { Value: { 'Fn::GetAtt': ['Api', 'RootResourceId'] } },
  },
};

function load() {
  const sim = Simulator.fromTemplate(TEMPLATE);
  sim.lambda('Fn').handle(async (e: any) => ({ statusCode: 200, body: JSON.stringify({ resource: e.resource, params: e.pathParameters, vars: e.stageVariables, body: e.body, b64: e.isBase64Encoded }) }));
  return sim;
}

describe('REST API from a template', () => {
  test('Ref of a Stage is its name and RootResourceId the root resource id (what usage-plan bindings and permission ARNs are built from)', () => {
    const sim = load();
    expect(sim.outputs.StageRef).toBe('v1');
    expect(sim.outputs.Root).toMatch(/^[a-z0-9]{10}$/);
    expect(sim.resource('Api').ref).toMatch(/^[a-z0-9]{10}$/);
    expect(sim.unsupported.placeholders.filter(p => /ApiGateway/.test(p.type))).toEqual([]);
  });

  test('a literal path part wins over {param}, {param} over {proxy+}; path parameters are passed', async () => {
    const sim = load();
    const h = sim.api('Api');
    expect(JSON.parse((await h.request({ method: 'GET', path: '/orders/latest' })).body).resource).toBe('/orders/latest');
    expect(JSON.parse((await h.request({ method: 'GET', path: '/orders/42' })).body)).toMatchObject({ resource: '/orders/{id}', params: { id: '42' } });
    expect(JSON.parse((await h.request({ method: 'PUT', path: '/a/b/c' })).body)).toMatchObject({ resource: '/{proxy+}', params: { proxy: 'a/b/c' } });
  });

  test('stage variables reach the event; a method a resource lacks gets the gateway response the template overrides (404 + headers + template)', async () => {
    const sim = load();
    const h = sim.api('Api');
    expect(JSON.parse((await h.request({ method: 'GET', path: '/orders/1' })).body).vars).toEqual({ env: 'test' });
    const res = await h.request({ method: 'DELETE', path: '/orders/1', headers: { 'x-probe': 'p1' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers).toMatchObject({ 'access-control-allow-origin': '*', 'x-path': 'p1' });
    expect(JSON.parse(res.body)).toEqual({ error: 'no such route', type: 'MISSING_AUTHENTICATION_TOKEN', stage: 'v1' });
  });

  test('the CORS preflight the CDK synthesizes is a MOCK OPTIONS method whose integration response sets the allow headers', async () => {
    const sim = load();
    const res = await sim.api('Api').request({ method: 'OPTIONS', path: '/orders', headers: { Origin: 'https://shop.example.com' } });
    expect(res.statusCode).toBe(204);
    expect(res.headers).toMatchObject({ 'access-control-allow-origin': 'https://shop.example.com', 'access-control-allow-methods': 'GET,POST' });
  });

  test('MOCK integration: the request template picks the status, the integration response by selection pattern, templates see $context and $stageVariables', async () => {
    const sim = load();
    const h = sim.api('Api');
    const ok = await h.request({ method: 'POST', path: '/orders', headers: { 'content-type': 'application/json' }, body: '{"fail":false}' });
    expect(ok.statusCode).toBe(201);
    expect(JSON.parse(ok.body)).toEqual({ stage: 'v1', env: 'test', id: ok.headers['x-amzn-requestid'] });
    const failed = await h.request({ method: 'POST', path: '/orders', headers: { 'content-type': 'application/json' }, body: '{"fail":true}' });
    expect(failed).toMatchObject({ statusCode: 503, body: '{"error":true}' });
  });

  test('binary media types: a matching request body reaches the function base64-encoded', async () => {
    const sim = load();
    const body = JSON.parse((await sim.api('Api').request({ method: 'POST', path: '/upload', headers: { 'content-type': 'image/png' }, body: 'PNG' })).body);
    expect(body).toMatchObject({ b64: true, body: Buffer.from('PNG').toString('base64') });
  });

  test('DEFAULT_5XX overrides apply to 5xx answers of types not named (a function that throws gets X-Fault)', async () => {
    const sim = load();
    sim.lambda('Fn').handle(async () => {
      throw new Error('x');
    });
    const res = await sim.api('Api').request({ method: 'GET', path: '/orders/1' });
    expect(res).toMatchObject({ statusCode: 502, body: '{"message":"Internal server error"}' });
    expect(res.headers['x-fault']).toBe('yes');
  });

  test('an integration TimeoutInMillis shorter than the default answers 504 at that virtual time', async () => {
    const t = JSON.parse(JSON.stringify(TEMPLATE));
    t.Resources.OrderGet.Properties.Integration = { ...PROXY, TimeoutInMillis: 1_000 };
    const sim = Simulator.fromTemplate(t);
    sim.lambda('Fn').handle(async () => ({ statusCode: 200, body: 'slow' }), { durationMs: 2_000 });
    const start = sim.now();
    expect(await sim.api('Api').request({ method: 'GET', path: '/orders/1' })).toMatchObject({ statusCode: 504, body: '{"message":"Endpoint request timed out"}' });
    expect(sim.now() - start).toBe(1_000);
    // The API keeps serving: the next request with a quick backend answers.
    sim.lambda('Fn').handle(async () => ({ statusCode: 200, body: 'quick' }));
    expect((await sim.api('Api').request({ method: 'GET', path: '/orders/1' })).body).toBe('quick');
  });

  test('HTTP_PROXY integrations: a registered backend answers (the request is recorded); without one the run reports a problem and answers 500', async () => {
    const t = JSON.parse(JSON.stringify(TEMPLATE));
    t.Resources.LatestGet.Properties.Integration = { Type: 'HTTP_PROXY', IntegrationHttpMethod: 'ANY', Uri: 'https://backend.example.com/latest' };
    const sim = Simulator.fromTemplate(t, { strict: false });
    const h = sim.api('Api');
    const missing = await h.request({ method: 'GET', path: '/orders/latest' });
    expect(missing).toMatchObject({ statusCode: 500, body: '{"message":"Internal server error"}' });
    expect(sim.trace.find({ type: 'problem' })?.detail.message).toMatch(/not reachable offline/);
    h.httpBackend('https://backend.example.com/', req => ({ statusCode: 203, headers: { 'X-Backend': 'yes' }, body: `${req.method} ${req.url}` }));
    const res = await h.request({ method: 'GET', path: '/orders/latest', query: { q: '1' }, headers: { 'X-Trace': 't' } });
    expect(res).toMatchObject({ statusCode: 203, body: 'GET https://backend.example.com/latest?q=1' });
    expect(res.headers['x-backend']).toBe('yes');
    expect(h.httpRequests.at(-1)).toMatchObject({ method: 'GET', headers: { 'x-trace': 't' } });
  });

  test('a path part with characters API Gateway refuses fails the load', () => {
    const bad = JSON.parse(JSON.stringify(TEMPLATE));
    bad.Resources.Orders.Properties.PathPart = 'or ders';
    expect(() => Simulator.fromTemplate(bad)).toThrow(/path part/);
  });
});
