/**
 * REST API authorizers ("Use API Gateway Lambda authorizers", "Control access to REST APIs using Amazon Cognito user
 * pools"): identity sources checked before the function runs, the documented 401 / 403 / 500 answers, the result
 * cache on the virtual clock, and the policy checked against each request's method ARN.
 */
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { allowAll, fn, newStack, policy, restFrontDoor, tokenIssuer } from './helpers';
import { RestApiAuthorization, RestApiToLambda } from '../../../src/api';
import { Simulator } from '../../../src/sim';

describe('Lambda TOKEN authorizer', () => {
  test('a request without the token header is answered 401 "Unauthorized" without invoking the authorizer', async () => {
    const { sim, api, authorizer } = restFrontDoor();
    const res = await sim.api(api).request({ method: 'GET', path: '/orders' });
    expect(res).toMatchObject({ statusCode: 401, body: '{"message":"Unauthorized"}' });
    expect(sim.lambda(authorizer).invocations).toHaveLength(0);
  });

  test('the event is { type: TOKEN, authorizationToken, methodArn } with the method ARN of the request', async () => {
    const { sim, api, authorizer } = restFrontDoor();
    await sim.api(api).request({ method: 'DELETE', path: '/orders/9', headers: { Authorization: 'allow' } });
    expect(sim.lambda(authorizer).invocations[0].event).toEqual({
      type: 'TOKEN', authorizationToken: 'allow', methodArn: `arn:aws:execute-api:us-east-1:123456789012:${sim.api(api).apiId}/prod/DELETE/orders/9`,
    });
  });

  test('the function failing with "Unauthorized" is a 401; any other error a 500 {"message": null}', async () => {
    const { sim, api, authorizer } = restFrontDoor();
    sim.lambda(authorizer).handle(async (e: any) => {
      throw new Error(e.authorizationToken === 'bad' ? 'Unauthorized' : 'database down');
    });
    expect(await sim.api(api).request({ method: 'GET', path: '/o', headers: { Authorization: 'bad' } })).toMatchObject({ statusCode: 401, body: '{"message":"Unauthorized"}' });
    expect(await sim.api(api).request({ method: 'GET', path: '/o', headers: { Authorization: 'other' } })).toMatchObject({ statusCode: 500, body: '{"message":null}' });
  });

  test('an explicit Deny is a 403 "... with an explicit deny"; a policy that does not cover the method an implicit deny 403', async () => {
    const { sim, api, authorizer } = restFrontDoor();
    sim.lambda(authorizer).handle(async (e: any) => (e.authorizationToken === 'deny' ? policy('Deny', e.methodArn) : policy('Allow', `${e.methodArn.split('/')[0]}/prod/GET/other`)));
    const deny = await sim.api(api).request({ method: 'GET', path: '/o', headers: { Authorization: 'deny' } });
    expect(deny).toMatchObject({ statusCode: 403, body: '{"message":"User is not authorized to access this resource with an explicit deny"}' });
    const implicit = await sim.api(api).request({ method: 'GET', path: '/o', headers: { Authorization: 'narrow' } });
    expect(implicit).toMatchObject({ statusCode: 403, body: '{"message":"User is not authorized to access this resource"}' });
    expect(sim.trace.filter({ type: 'authorizer-denied' }).map(e => e.detail.status)).toEqual([403, 403]);
  });

  test('the result is cached per token for the TTL (300 s default) on the virtual clock, then the authorizer runs again', async () => {
    const { sim, api, authorizer } = restFrontDoor();
    const call = () => sim.api(api).request({ method: 'GET', path: '/o', headers: { Authorization: 'allow' } });
    await call();
    await call();
    expect(sim.lambda(authorizer).invocations).toHaveLength(1);
    expect(sim.trace.count({ type: 'authorizer-cached' })).toBe(1);
    await sim.advance(299_000);
    await call();
    expect(sim.lambda(authorizer).invocations).toHaveLength(1);
    await sim.advance(1_000);
    await call();
    expect(sim.lambda(authorizer).invocations).toHaveLength(2);
  });

  test('a cached policy naming one method denies another method within the TTL (the cache holds the policy, not the decision)', async () => {
    const { sim, api, authorizer } = restFrontDoor();
    sim.lambda(authorizer).handle(async (e: any) => policy('Allow', e.methodArn));
    const h = sim.api(api);
    expect((await h.request({ method: 'GET', path: '/orders/1', headers: { Authorization: 't' } })).statusCode).toBe(200);
    const other = await h.request({ method: 'GET', path: '/orders/2', headers: { Authorization: 't' } });
    expect(other).toMatchObject({ statusCode: 403, body: '{"message":"User is not authorized to access this resource"}' });
    expect(sim.lambda(authorizer).invocations).toHaveLength(1);
  });

  test('a token that fails the validation expression is refused 401 without invoking the function', async () => {
    const stack = newStack();
    const handler = fn(stack, 'Handler');
    const authorizer = fn(stack, 'Authorizer');
    const api = new RestApiToLambda(stack, 'Orders', {
      handler, webAcl: { enabled: false }, authorization: RestApiAuthorization.lambdaToken(authorizer, { validationRegex: '^Bearer [a-z]+$' }),
    });
    const sim = Simulator.fromStack(stack);
    sim.lambda(authorizer).handle(async (e: any) => allowAll(e.methodArn));
    sim.lambda(handler).handle(async () => ({ statusCode: 200, body: 'ok' }));
    expect((await sim.api(api).request({ method: 'GET', path: '/', headers: { Authorization: 'Bearer 123' } })).statusCode).toBe(401);
    expect(sim.lambda(authorizer).invocations).toHaveLength(0);
    expect((await sim.api(api).request({ method: 'GET', path: '/', headers: { Authorization: 'Bearer abc' } })).statusCode).toBe(200);
  });

  test('an output without principalId, or with an object in its context, is a 500 authorizer configuration error', async () => {
    const { sim, api, authorizer } = restFrontDoor();
    sim.lambda(authorizer).handle(async (e: any) => (e.authorizationToken === 'a' ? { policyDocument: allowAll(e.methodArn).policyDocument } : allowAll(e.methodArn, 'u', { nested: { no: 1 } })));
    expect((await sim.api(api).request({ method: 'GET', path: '/', headers: { Authorization: 'a' } })).statusCode).toBe(500);
    expect((await sim.api(api).request({ method: 'GET', path: '/', headers: { Authorization: 'b' } })).statusCode).toBe(500);
  });
});

describe('Lambda REQUEST authorizer', () => {
  function requestStack() {
    const stack = newStack();
    const handler = fn(stack, 'Handler');
    const authorizer = fn(stack, 'Authorizer');
    const api = new RestApiToLambda(stack, 'Orders', {
      handler,
      webAcl: { enabled: false },
      authorization: RestApiAuthorization.lambdaRequest(authorizer, { identitySources: [apigw.IdentitySource.header('X-Tenant'), apigw.IdentitySource.queryString('key')] }),
    });
    const sim = Simulator.fromStack(stack);
    sim.lambda(handler).handle(async (e: any) => ({ statusCode: 200, body: JSON.stringify(e.requestContext.authorizer) }));
    sim.lambda(authorizer).handle(async (e: any) => allowAll(e.methodArn, e.headers['X-Tenant'], { key: e.queryStringParameters.key }));
    return { sim, api, authorizer };
  }

  test('every identity source must be present, else 401 without invoking; the event carries headers, query and the method ARN', async () => {
    const { sim, api, authorizer } = requestStack();
    expect((await sim.api(api).request({ method: 'GET', path: '/a', headers: { 'X-Tenant': 'acme' } })).statusCode).toBe(401);
    expect(sim.lambda(authorizer).invocations).toHaveLength(0);
    const ok = await sim.api(api).request({ method: 'GET', path: '/a', headers: { 'X-Tenant': 'acme' }, query: { key: 'k1' } });
    expect(JSON.parse(ok.body)).toEqual({ principalId: 'acme', key: 'k1', integrationLatency: 0 });
    expect(sim.lambda(authorizer).invocations[0].event).toMatchObject({ type: 'REQUEST', httpMethod: 'GET', path: '/a', resource: '/{proxy+}' });
  });

  test('the cache key is the identity source values: another value invokes the authorizer again', async () => {
    const { sim, api, authorizer } = requestStack();
    const call = (tenant: string) => sim.api(api).request({ method: 'GET', path: '/a', headers: { 'X-Tenant': tenant }, query: { key: 'k' } });
    await call('a');
    await call('a');
    await call('b');
    expect(sim.lambda(authorizer).invocations).toHaveLength(2);
  });
});

describe('Cognito user pool authorizer', () => {
  async function cognitoStack(scopes?: string[]) {
    const stack = newStack();
    const handler = fn(stack, 'Handler');
    const pool = new cognito.UserPool(stack, 'Users');
    const api = new RestApiToLambda(stack, 'Orders', {
      handler, webAcl: { enabled: false }, authorization: RestApiAuthorization.cognito([pool], { authorizationScopes: scopes }),
    });
    const sim = Simulator.fromStack(stack);
    sim.lambda(handler).handle(async (e: any) => ({ statusCode: 200, body: JSON.stringify(e.requestContext.authorizer) }));
    const issuer = await tokenIssuer(sim.resource(pool).attributes.ProviderURL);
    sim.api(api).trustIssuer(issuer);
    return { sim, api, issuer, poolId: sim.resource(pool).ref };
  }

  test('the issuer is the pool\'s cognito-idp URL; a valid ID token is admitted and its claims reach the function as strings', async () => {
    const { sim, api, issuer, poolId } = await cognitoStack();
    expect(issuer.issuer).toBe(`https://cognito-idp.us-east-1.amazonaws.com/${poolId}`);
    const token = await issuer.sign({ sub: 'u-1', token_use: 'id', aud: 'client-1', email_verified: true });
    const res = await sim.api(api).request({ method: 'GET', path: '/me', headers: { Authorization: token } });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).claims).toMatchObject({ sub: 'u-1', token_use: 'id', email_verified: 'true' });
  });

  test('an expired token, a token of another issuer, or a forged signature is a 401', async () => {
    const { sim, api, issuer } = await cognitoStack();
    const expired = await issuer.sign({ sub: 'u', token_use: 'id' }, { expiresIn: Math.floor(Date.UTC(2023, 11, 31) / 1000) });
    const foreign = await issuer.sign({ sub: 'u', token_use: 'id' }, { issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other' });
    const other = await tokenIssuer(issuer.issuer);
    const forged = await other.sign({ sub: 'u', token_use: 'id' });
    for (const token of [expired, foreign, forged, 'not-a-jwt']) {
      expect(await sim.api(api).request({ method: 'GET', path: '/me', headers: { Authorization: token } })).toMatchObject({ statusCode: 401, body: '{"message":"Unauthorized"}' });
    }
  });

  test('with authorization scopes, an access token carrying one of them is required', async () => {
    const { sim, api, issuer } = await cognitoStack(['orders/read']);
    const idToken = await issuer.sign({ sub: 'u', token_use: 'id' });
    const noScope = await issuer.sign({ sub: 'u', token_use: 'access', scope: 'profile' });
    const scoped = await issuer.sign({ sub: 'u', token_use: 'access', scope: 'profile orders/read' });
    expect((await sim.api(api).request({ method: 'GET', path: '/', headers: { Authorization: idToken } })).statusCode).toBe(401);
    expect((await sim.api(api).request({ method: 'GET', path: '/', headers: { Authorization: noScope } })).statusCode).toBe(401);
    expect((await sim.api(api).request({ method: 'GET', path: '/', headers: { Authorization: scoped } })).statusCode).toBe(200);
  });

  test('a token of a pool whose keys the test did not trust is a problem the strict run reports', async () => {
    const stack = newStack();
    const handler = fn(stack, 'Handler');
    const pool = new cognito.UserPool(stack, 'Users');
    const api = new RestApiToLambda(stack, 'Orders', { handler, webAcl: { enabled: false }, authorization: RestApiAuthorization.cognito([pool]) });
    const sim = Simulator.fromStack(stack, { strict: false });
    const issuer = await tokenIssuer(sim.resource(pool).attributes.ProviderURL);
    const res = await sim.api(api).request({ method: 'GET', path: '/', headers: { Authorization: await issuer.sign({ token_use: 'id' }) } });
    expect(res.statusCode).toBe(401);
    expect(sim.trace.find({ type: 'problem' })?.detail.message).toMatch(/trustIssuer/);
  });
});
