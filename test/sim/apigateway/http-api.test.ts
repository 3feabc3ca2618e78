/**
 * HTTP APIs through the library's HttpApiToLambda and raw templates: payload format 2.0 events and responses
 * ("Working with AWS Lambda proxy integrations for HTTP APIs"), routes and `$default`, JWT authorizers, CORS, and
 * the HTTP API error answers.
 */
import { Duration } from 'aws-cdk-lib';
import { HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { fn, newStack, tokenIssuer } from './helpers';
import { HttpApiAuthorization, HttpApiToLambda, HttpApiToLambdaProps } from '../../../src/api';
import { Simulator } from '../../../src/sim';

function httpFrontDoor(props: Partial<HttpApiToLambdaProps> = {}) {
  const stack = newStack();
  const handler = fn(stack, 'Handler');
  const api = new HttpApiToLambda(stack, 'Orders', { handler, allowUnauthenticatedAccess: props.authorization === undefined, ...props });
  const sim = Simulator.fromStack(stack);
  sim.lambda(handler).handle(async (event: any) => ({ statusCode: 200, body: JSON.stringify(event) }));
  return { sim, api, handler };
}

describe('HTTP API Lambda proxy integration (payload 2.0)', () => {
  test('the event: lower-case headers with repeated values joined by commas, cookies, joined query values, requestContext.http', async () => {
    const { sim, api } = httpFrontDoor();
    const res = await sim.api(api).request({
      method: 'POST',
      path: '/orders/7',
      query: { a: ['1', '2'], b: 'x' },
      body: '{"n":1}',
      sourceIp: '203.0.113.5',
      headers: { 'Content-Type': 'application/json', 'X-Multi': ['p', 'q'], 'Cookie': 'a=1; b=2', 'User-Agent': 'jest' },
    });
    const event = JSON.parse(res.body);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/orders/7',
      rawQueryString: 'a=1&a=2&b=x',
      cookies: ['a=1', 'b=2'],
      headers: { 'content-type': 'application/json', 'x-multi': 'p,q', 'user-agent': 'jest' },
      queryStringParameters: { a: '1,2', b: 'x' },
      body: '{"n":1}',
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'POST', path: '/orders/7', protocol: 'HTTP/1.1', sourceIp: '203.0.113.5', userAgent: 'jest' },
        routeKey: '$default',
        stage: '$default',
        time: '01/Jan/2024:00:00:00 +0000',
        timeEpoch: Date.UTC(2024, 0, 1),
        accountId: '123456789012',
      },
    });
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext.requestId).toBe(res.headers['apigw-requestid']);
  });

  test('a binary body is base64-encoded in the event', async () => {
    const { sim, api } = httpFrontDoor();
    const event = JSON.parse((await sim.api(api).request({ method: 'POST', path: '/', headers: { 'content-type': 'image/png' }, body: 'PNG' })).body);
    expect(event).toMatchObject({ isBase64Encoded: true, body: Buffer.from('PNG').toString('base64') });
  });

  test('a function returning a plain object (no statusCode) is a 200 application/json answer of that JSON', async () => {
    const { sim, api, handler } = httpFrontDoor();
    sim.lambda(handler).handle(async () => ({ orders: [1, 2] }));
    expect(await sim.api(api).request({ method: 'GET', path: '/' })).toMatchObject({
      statusCode: 200, body: '{"orders":[1,2]}', headers: { 'content-type': 'application/json' },
    });
  });

  test('cookies in the answer become set-cookie headers; a base64 body is decoded', async () => {
    const { sim, api, handler } = httpFrontDoor();
    sim.lambda(handler).handle(async () => ({ statusCode: 202, cookies: ['s=1', 't=2'], isBase64Encoded: true, body: Buffer.from('hi').toString('base64') }));
    const res = await sim.api(api).request({ method: 'GET', path: '/' });
    expect(res).toMatchObject({ statusCode: 202, body: 'hi' });
    expect(res.multiValueHeaders?.['set-cookie']).toEqual(['s=1', 't=2']);
  });

  test('a function that throws is a 500 {"message":"Internal Server Error"}', async () => {
    const { sim, api, handler } = httpFrontDoor();
    sim.lambda(handler).handle(async () => {
      throw new Error('x');
    });
    expect(await sim.api(api).request({ method: 'GET', path: '/' })).toMatchObject({ statusCode: 500, body: '{"message":"Internal Server Error"}' });
  });

  test('an integration longer than 30 s is answered 503 {"message":"Service Unavailable"} at 30 virtual seconds', async () => {
    const { sim, api, handler } = httpFrontDoor();
    sim.lambda(handler).handle(async () => ({ statusCode: 200 }), { durationMs: 45_000 });
    const start = sim.now();
    expect(await sim.api(api).request({ method: 'GET', path: '/' })).toMatchObject({ statusCode: 503, body: '{"message":"Service Unavailable"}' });
    expect(sim.now() - start).toBe(30_000);
  });

  test('the stage throttle answers 429 {"message":"Too Many Requests"}', async () => {
    const { sim, api } = httpFrontDoor({ throttle: { rateLimit: 1, burstLimit: 2 } });
    const codes = (await Promise.all([1, 2, 3].map(() => sim.api(api).request({ method: 'GET', path: '/' })))).map(r => r.statusCode);
    expect(codes).toEqual([200, 200, 429]);
  });
});

describe('HTTP API JWT authorizer', () => {
  test('Bearer tokens of the trusted issuer for the audience are admitted; claims reach requestContext.authorizer.jwt', async () => {
    const issuer = await tokenIssuer('https://login.example.com/');
    const { sim, api } = httpFrontDoor({ authorization: HttpApiAuthorization.jwt('https://login.example.com/', ['orders-app']) });
    sim.api(api).trustIssuer(issuer);
    const token = await issuer.sign({ sub: 'u-9', aud: 'orders-app' });
    const res = await sim.api(api).request({ method: 'GET', path: '/', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).requestContext.authorizer.jwt.claims).toMatchObject({ sub: 'u-9', aud: 'orders-app' });
  });

  test('no token, another audience or an expired token is 401 {"message":"Unauthorized"} with a www-authenticate header', async () => {
    const issuer = await tokenIssuer('https://login.example.com/');
    const { sim, api, handler } = httpFrontDoor({ authorization: HttpApiAuthorization.jwt('https://login.example.com/', ['orders-app']) });
    sim.api(api).trustIssuer(issuer);
    expect(await sim.api(api).request({ method: 'GET', path: '/' })).toMatchObject({ statusCode: 401, body: '{"message":"Unauthorized"}' });
    const other = await issuer.sign({ aud: 'another-app' });
    const wrongAudience = await sim.api(api).request({ method: 'GET', path: '/', headers: { authorization: `Bearer ${other}` } });
    expect(wrongAudience.statusCode).toBe(401);
    expect(wrongAudience.headers['www-authenticate']).toMatch(/^Bearer scope="" error="invalid_token"/);
    await sim.advance(Duration.hours(2));
    const late = await sim.api(api).request({ method: 'GET', path: '/', headers: { authorization: `Bearer ${await issuer.sign({ aud: 'orders-app' })}` } });
    expect(late.headers['www-authenticate']).toContain('the token has expired');
    expect(sim.lambda(handler).invocations).toHaveLength(0);
  });

  test('route scopes: a token without one of them is 403 {"message":"Forbidden"}', async () => {
    const issuer = await tokenIssuer('https://login.example.com/');
    const { sim, api } = httpFrontDoor({ authorization: HttpApiAuthorization.jwt('https://login.example.com/', ['app'], { authorizationScopes: ['orders:write'] }) });
    sim.api(api).trustIssuer(issuer);
    const call = async (scope: string) => sim.api(api).request({ method: 'GET', path: '/', headers: { authorization: `Bearer ${await issuer.sign({ aud: 'app', scope })}` } });
    expect(await call('orders:read')).toMatchObject({ statusCode: 403, body: '{"message":"Forbidden"}' });
    expect((await call('orders:read orders:write')).statusCode).toBe(200);
  });
});

describe('HTTP API CORS', () => {
  const cors = { allowOrigins: ['https://shop.example.com'], allowHeaders: ['authorization', 'content-type'], maxAge: Duration.hours(1) };

  test('a preflight is answered 204 by API Gateway before routes and authorizers', async () => {
    const { sim, api, handler } = httpFrontDoor({ authorization: HttpApiAuthorization.jwt('https://login.example.com/', ['a']), corsPreflight: cors });
    const res = await sim.api(api).request({
      method: 'OPTIONS', path: '/orders', headers: { 'Origin': 'https://shop.example.com', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'Content-Type, X-Other' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers).toMatchObject({ 'access-control-allow-origin': 'https://shop.example.com', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '3600' });
    expect(sim.lambda(handler).invocations).toHaveLength(0);
  });

  test('answers to an allowed origin carry access-control-allow-origin; other origins do not', async () => {
    const { sim, api } = httpFrontDoor({ corsPreflight: cors });
    const allowed = await sim.api(api).request({ method: 'GET', path: '/', headers: { Origin: 'https://shop.example.com' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    const other = await sim.api(api).request({ method: 'GET', path: '/', headers: { Origin: 'https://evil.example.com' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('HTTP API routes', () => {
  const template = {
    Resources: {
      Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'routes', ProtocolType: 'HTTP' } },
      Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'routes', Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'x' }, Role: 'arn:aws:iam::123456789012:role/r' } },
      Perm: { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'Fn' }, Principal: 'apigateway.amazonaws.com', SourceArn: { 'Fn::Sub': 'arn:aws:execute-api:us-east-1:123456789012:${Api}/*' } } },
      Int: { Type: 'AWS::ApiGatewayV2::Integration', Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::GetAtt': ['Fn', 'Arn'] }, PayloadFormatVersion: '2.0' } },
      One: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Api' }, RouteKey: 'GET /orders/{id}', Target: { 'Fn::Sub': 'integrations/${Int}' } } },
      Literal: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Api' }, RouteKey: 'GET /orders/latest', Target: { 'Fn::Sub': 'integrations/${Int}' } } },
      Greedy: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Api' }, RouteKey: 'ANY /files/{path+}', Target: { 'Fn::Sub': 'integrations/${Int}' } } },
      Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: 'v1', StageVariables: { env: 'test' } } },
    },
  };

  test('the most specific route wins; path parameters and the stage in rawPath; no route and no $default is 404 {"message":"Not Found"}', async () => {
    const sim = Simulator.fromTemplate(template);
    sim.lambda('Fn').handle(async (e: any) => ({ routeKey: e.routeKey, params: e.pathParameters ?? null, rawPath: e.rawPath, vars: e.stageVariables }));
    const h = sim.api('Api');
    expect(JSON.parse((await h.request({ method: 'GET', path: '/orders/latest' })).body)).toMatchObject({ routeKey: 'GET /orders/latest', params: null });
    expect(JSON.parse((await h.request({ method: 'GET', path: '/orders/42' })).body)).toMatchObject({ routeKey: 'GET /orders/{id}', params: { id: '42' }, rawPath: '/v1/orders/42', vars: { env: 'test' } });
    expect(JSON.parse((await h.request({ method: 'DELETE', path: '/files/a/b.txt' })).body)).toMatchObject({ routeKey: 'ANY /files/{path+}', params: { path: 'a/b.txt' } });
    expect(await h.request({ method: 'POST', path: '/orders/42' })).toMatchObject({ statusCode: 404, body: '{"message":"Not Found"}' });
  });
});

describe('HTTP API Lambda authorizer', () => {
  test('payload 2.0 with simple responses: { isAuthorized } decides; the context reaches requestContext.authorizer.lambda; a missing identity source is 401', async () => {
    const stack = newStack();
    const handler = fn(stack, 'Handler');
    const authorizer = fn(stack, 'Authorizer');
    const api = new HttpApiToLambda(stack, 'Orders', {
      handler,
      authorization: HttpApiAuthorization.lambda(authorizer, { responseTypes: [HttpLambdaResponseType.SIMPLE], identitySource: ['$request.header.X-Token'] }),
    });
    const sim = Simulator.fromStack(stack);
    sim.lambda(handler).handle(async (e: any) => e.requestContext.authorizer);
    sim.lambda(authorizer).handle(async (e: any) => ({ isAuthorized: e.identitySource[0] === 'good', context: { tenant: 't-1' } }));
    const h = sim.api(api);
    expect(await h.request({ method: 'GET', path: '/' })).toMatchObject({ statusCode: 401, body: '{"message":"Unauthorized"}' });
    expect(await h.request({ method: 'GET', path: '/', headers: { 'x-token': 'bad' } })).toMatchObject({ statusCode: 403, body: '{"message":"Forbidden"}' });
    const ok = await h.request({ method: 'GET', path: '/', headers: { 'x-token': 'good' } });
    expect(JSON.parse(ok.body)).toEqual({ lambda: { tenant: 't-1' } });
    expect(sim.lambda(authorizer).invocations[0].event).toMatchObject({ version: '2.0', type: 'REQUEST', identitySource: ['bad'], routeKey: '$default' });
  });
});

describe('HTTP API access log', () => {
  test('one line per request from the stage format, with the route key and status', async () => {
    const { sim, api } = httpFrontDoor();
    await sim.api(api).request({ method: 'GET', path: '/orders', sourceIp: '192.0.2.4' });
    const [line] = sim.api(api).accessLog.map(l => JSON.parse(l));
    expect(line).toMatchObject({ httpMethod: 'GET', routeKey: '$default', path: '/orders', status: '200', sourceIp: '192.0.2.4', integrationStatus: '200' });
  });
});
