/**
 * REST API + Lambda proxy integration (payload 1.0), through the library's RestApiToLambda: the event and response
 * mapping as the Developer Guide documents them, and the documented failure answers.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { allowAll, restFrontDoor } from './helpers';
import { Simulator } from '../../../src/sim';

const AUTH = { Authorization: 'allow' };

describe('REST API Lambda proxy integration (payload 1.0)', () => {
  test('the event carries the resource template, path, multi-value headers and query, path parameters and requestContext with virtual times', async () => {
    const { sim, api } = restFrontDoor();
    const res = await sim.api(api).request({
      method: 'GET', path: '/orders/42', headers: { ...AUTH, 'X-Tag': ['a', 'b'], 'User-Agent': 'jest' }, query: { page: '2', tag: ['x', 'y'] }, sourceIp: '203.0.113.9',
    });
    expect(res.statusCode).toBe(200);
    const event = JSON.parse(res.body);
    expect(event).toMatchObject({
      resource: '/{proxy+}',
      path: '/orders/42',
      httpMethod: 'GET',
      pathParameters: { proxy: 'orders/42' },
      queryStringParameters: { page: '2', tag: 'y' },
      multiValueQueryStringParameters: { page: ['2'], tag: ['x', 'y'] },
      stageVariables: null,
      body: null,
      isBase64Encoded: false,
    });
    expect(event.headers['X-Tag']).toBe('b');
    expect(event.multiValueHeaders['X-Tag']).toEqual(['a', 'b']);
    expect(event.requestContext).toMatchObject({
      resourcePath: '/{proxy+}',
      httpMethod: 'GET',
      path: '/prod/orders/42',
      stage: 'prod',
      accountId: '123456789012',
      protocol: 'HTTP/1.1',
      requestTime: '01/Jan/2024:00:00:00 +0000',
      requestTimeEpoch: Date.UTC(2024, 0, 1),
      apiId: sim.api(api).apiId,
      identity: { sourceIp: '203.0.113.9', userAgent: 'jest' },
      authorizer: { principalId: 'user-1', tenant: 'acme' },
    });
    expect(event.requestContext.requestId).toBe(res.headers['x-amzn-requestid']);
  });

  test('the root resource is `ANY /`; an unknown stage or method is 403 "Missing Authentication Token"', async () => {
    const { sim, api } = restFrontDoor();
    const root = await sim.api(api).request({ method: 'POST', path: '/', headers: AUTH, body: '{}' });
    expect(JSON.parse(root.body).resource).toBe('/');
    const wrongStage = await sim.api(api).request({ method: 'GET', path: '/x', headers: AUTH, stage: 'dev' });
    expect(wrongStage).toMatchObject({ statusCode: 403, body: '{"message":"Missing Authentication Token"}' });
  });

  test('response mapping: statusCode, headers and multiValueHeaders, body', async () => {
    const { sim, api, handler } = restFrontDoor();
    sim.lambda(handler).handle(async () => ({ statusCode: 201, headers: { 'X-One': '1' }, multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] }, body: 'created' }));
    const res = await sim.api(api).request({ method: 'POST', path: '/orders', headers: AUTH, body: '{}' });
    expect(res.statusCode).toBe(201);
    expect(res.body).toBe('created');
    expect(res.headers['x-one']).toBe('1');
    expect(res.multiValueHeaders?.['set-cookie']).toEqual(['a=1', 'b=2']);
  });

  test('a function that throws is answered 502 {"message": "Internal server error"}', async () => {
    const { sim, api, handler } = restFrontDoor();
    sim.lambda(handler).handle(async () => {
      throw new Error('boom');
    });
    const res = await sim.api(api).request({ method: 'GET', path: '/orders', headers: AUTH });
    expect(res).toMatchObject({ statusCode: 502, body: '{"message":"Internal server error"}' });
    expect(sim.trace.find({ type: 'integration-failed' })?.detail.error).toMatch(/customer function error/);
  });

  test.each([
    ['a body that is not a string', { statusCode: 200, body: { a: 1 } }],
    ['no statusCode', { body: 'x' }],
    ['an unexpected field', { statusCode: 200, body: 'x', extra: true }],
    ['not an object', 'just text'],
  ])('a malformed proxy response (%s) is answered 502', async (_what, result) => {
    const { sim, api, handler } = restFrontDoor();
    sim.lambda(handler).handle(async () => result);
    const res = await sim.api(api).request({ method: 'GET', path: '/orders', headers: AUTH });
    expect(res).toMatchObject({ statusCode: 502, body: '{"message":"Internal server error"}' });
    expect(sim.trace.find({ type: 'integration-failed' })?.detail.error).toMatch(/Malformed Lambda proxy response/);
  });

  test('without an AWS::Lambda::Permission for the API the invocation is refused and answered 500 (the resource policy is evaluated)', async () => {
    const { stack, api } = restFrontDoor();
    const t = Template.fromStack(stack).toJSON();
    const permissionId = Object.keys(t.Resources).find(id => t.Resources[id].Type === 'AWS::Lambda::Permission'
      && JSON.stringify(t.Resources[id].Properties.FunctionName).includes('Handler'))!;
    delete t.Resources[permissionId];
    const sim = Simulator.fromTemplate(t, { stack });
    sim.lambda(api.handler).handle(async () => ({ statusCode: 200, body: 'ok' }));
    sim.lambda('Authorizer').handle(async (e: any) => allowAll(e.methodArn));
    const res = await sim.api(api).request({ method: 'GET', path: '/orders', headers: AUTH });
    expect(res).toMatchObject({ statusCode: 500, body: '{"message":"Internal server error"}' });
    expect(sim.trace.some(e => e.type === 'denied' && e.service === 'lambda')).toBe(true);
    expect(sim.lambda(api.handler).invocations).toHaveLength(0);
  });

  test('an integration that outlasts the 29 s timeout is answered 504 "Endpoint request timed out" at 29 virtual seconds', async () => {
    const { sim, api, handler } = restFrontDoor();
    sim.lambda(handler).handle(async () => ({ statusCode: 200, body: 'late' }), { durationMs: 40_000 });
    const start = sim.now();
    const res = await sim.api(api).request({ method: 'GET', path: '/orders', headers: AUTH });
    expect(res).toMatchObject({ statusCode: 504, body: '{"message":"Endpoint request timed out"}' });
    expect(sim.now() - start).toBe(29_000);
  });

  test('a backend with a duration answers after it, in virtual time', async () => {
    const { sim, api, handler } = restFrontDoor();
    sim.lambda(handler).handle(async () => ({ statusCode: 200, body: 'ok' }), { durationMs: 1_500 });
    const start = sim.now();
    const res = await sim.api(api).request({ method: 'GET', path: '/orders', headers: AUTH });
    expect(res.statusCode).toBe(200);
    expect(sim.now() - start).toBe(1_500);
    expect(sim.trace.find({ type: 'request-answered' })?.detail.latencyMs).toBe(1_500);
  });

  test('binary media types: a matching request body is base64-encoded; a base64 answer is decoded for a binary Accept', async () => {
    const { sim, api, handler } = restFrontDoor();
    const t = sim.api(api);
    // RestApiToLambda sets no BinaryMediaTypes: the body stays text.
    const text = await t.request({ method: 'POST', path: '/img', headers: { ...AUTH, 'content-type': 'image/png' }, body: 'PNG' });
    expect(JSON.parse(text.body).isBase64Encoded).toBe(false);
    sim.lambda(handler).handle(async () => ({ statusCode: 200, isBase64Encoded: true, body: Buffer.from('bytes').toString('base64') }));
    const encoded = await t.request({ method: 'GET', path: '/img', headers: { ...AUTH, accept: 'image/png' } });
    expect(encoded).toMatchObject({ isBase64Encoded: true, body: Buffer.from('bytes').toString('base64') });
  });

  test('oversize payloads (over 10 MB) are answered 413 "Request Too Long" and the API keeps serving', async () => {
    const { sim, api } = restFrontDoor();
    const big = await sim.api(api).request({ method: 'POST', path: '/orders', headers: AUTH, body: 'x'.repeat(10 * 1024 * 1024 + 1) });
    expect(big).toMatchObject({ statusCode: 413, body: '{"message":"Request Too Long"}' });
    expect((await sim.api(api).request({ method: 'GET', path: '/orders', headers: AUTH })).statusCode).toBe(200);
  });

  test('the stage access log gets one JSON line per request from the stage format', async () => {
    const { sim, api } = restFrontDoor();
    await sim.api(api).request({ method: 'GET', path: '/orders/7', headers: AUTH, sourceIp: '192.0.2.1' });
    await sim.api(api).request({ method: 'GET', path: '/orders/7' });
    const lines = sim.api(api).accessLog.map(l => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ httpMethod: 'GET', resourcePath: '/{proxy+}', path: '/prod/orders/7', status: '200', sourceIp: '192.0.2.1', integrationStatus: '200' });
    expect(lines[1]).toMatchObject({ status: '401', errorMessage: 'Unauthorized', integrationStatus: '-' });
  });
});

describe('bad input', () => {
  test('a header no HTTP client could send (CR/LF in a value, a name that is not a token) is 400 "Bad Request"; the API keeps serving', async () => {
    const { sim, api, handler } = restFrontDoor();
    const h = sim.api(api);
    expect(await h.request({ method: 'GET', path: '/o', headers: { ...AUTH, 'X-Evil': 'a\r\nInjected: 1' } })).toMatchObject({ statusCode: 400, body: '{"message":"Bad Request"}' });
    expect((await h.request({ method: 'GET', path: '/o', headers: { ...AUTH, 'Bad Name': 'x' } })).statusCode).toBe(400);
    expect(sim.lambda(handler).invocations).toHaveLength(0);
    expect((await h.request({ method: 'GET', path: '/o', headers: AUTH })).statusCode).toBe(200);
  });
});
