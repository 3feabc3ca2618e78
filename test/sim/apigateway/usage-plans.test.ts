/**
 * API keys, usage plans and throttling ("Usage plans and API keys for REST APIs", "Throttle requests to your REST
 * APIs"): token buckets on the virtual clock in the documented order (usage plan per method, usage plan, stage
 * method, account), quotas per period, 403 "Forbidden" without a valid key.
 */
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as fc from 'fast-check';
import { allowAll, fn, newStack, restFrontDoor } from './helpers';
import { Simulator } from '../../../src/sim';
import { QuotaCounter } from '../../../src/sim/apigateway/throttling/quota';
import { TokenBucket } from '../../../src/sim/apigateway/throttling/token-bucket';

const AUTH = { Authorization: 'allow' };

describe('API keys', () => {
  test('a method that requires a key answers 403 "Forbidden" without one, with an unknown one, and admits the generated key', async () => {
    const { sim, api } = restFrontDoor({ usagePlans: [{ name: 'partners', clientIds: ['acme', 'globex'] }] });
    const h = sim.api(api);
    expect(h.apiKeys.map(k => k.customerId).sort()).toEqual(['acme', 'globex']);
    const key = h.apiKey('acme');
    expect(key).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(await h.request({ method: 'GET', path: '/o', headers: AUTH })).toMatchObject({ statusCode: 403, body: '{"message":"Forbidden"}' });
    expect((await h.request({ method: 'GET', path: '/o', headers: { ...AUTH, 'x-api-key': 'nope' } })).statusCode).toBe(403);
    const ok = await h.request({ method: 'GET', path: '/o', headers: { ...AUTH, 'x-api-key': key } });
    expect(ok.statusCode).toBe(200);
    expect(JSON.parse(ok.body).requestContext.identity).toMatchObject({ apiKey: key, apiKeyId: h.apiKeys.find(k => k.customerId === 'acme')!.id });
  });

  test('the authorizer runs before the key check: a bad token is 401 even with a valid key', async () => {
    const { sim, api } = restFrontDoor({ usagePlans: [{ name: 'p' }] });
    const res = await sim.api(api).request({ method: 'GET', path: '/o', headers: { 'x-api-key': sim.api(api).apiKey() } });
    expect(res.statusCode).toBe(401);
  });
});

describe('API key source AUTHORIZER', () => {
  test('the key comes from the authorizer\'s usageIdentifierKey, not the x-api-key header', async () => {
    const stack = newStack();
    const handler = fn(stack, 'Handler');
    const authorizer = fn(stack, 'Authorizer');
    const api = new apigw.RestApi(stack, 'Api', { apiKeySourceType: apigw.ApiKeySourceType.AUTHORIZER, cloudWatchRole: false });
    api.root.addMethod('GET', new apigw.LambdaIntegration(handler), {
      apiKeyRequired: true, authorizer: new apigw.TokenAuthorizer(stack, 'Auth', { handler: authorizer }),
    });
    const key = api.addApiKey('Key', { value: 'key-from-the-authorizer-0001' });
    api.addUsagePlan('Plan', { apiStages: [{ stage: api.deploymentStage }] }).addApiKey(key);
    const sim = Simulator.fromStack(stack);
    sim.lambda(handler).handle(async () => ({ statusCode: 200, body: 'ok' }));
    sim.lambda(authorizer).handle(async (e: any) => ({ ...allowAll(e.methodArn), usageIdentifierKey: e.authorizationToken === 'a' ? 'key-from-the-authorizer-0001' : 'unknown' }));
    expect((await sim.api(api).request({ method: 'GET', path: '/', headers: { Authorization: 'a' } })).statusCode).toBe(200);
    expect((await sim.api(api).request({ method: 'GET', path: '/', headers: { 'Authorization': 'b', 'x-api-key': 'key-from-the-authorizer-0001' } })).statusCode).toBe(403);
  });
});

describe('throttling', () => {
  test('a usage plan throttle (rate 10/s, burst 3) answers 429 "Too Many Requests" past the burst, and refills at the rate on the clock', async () => {
    const { sim, api } = restFrontDoor({ usagePlans: [{ name: 'p', throttle: { rateLimit: 10, burstLimit: 3 } }] });
    const h = sim.api(api);
    const call = () => h.request({ method: 'GET', path: '/o', headers: { ...AUTH, 'x-api-key': h.apiKey() } });
    const burst = await Promise.all([call(), call(), call(), call()]);
    expect(burst.map(r => r.statusCode)).toEqual([200, 200, 200, 429]);
    expect(burst[3].body).toBe('{"message":"Too Many Requests"}');
    await sim.advance(100); // one token at 10 per second
    expect((await call()).statusCode).toBe(200);
    expect((await call()).statusCode).toBe(429);
    expect(sim.trace.count({ type: 'request-throttled' })).toBe(2);
  });

  test('each API key has its own plan buckets', async () => {
    const { sim, api } = restFrontDoor({ usagePlans: [{ name: 'p', throttle: { rateLimit: 1, burstLimit: 1 }, clientIds: ['a', 'b'] }] });
    const h = sim.api(api);
    const call = (k: string) => h.request({ method: 'GET', path: '/o', headers: { ...AUTH, 'x-api-key': h.apiKey(k) } });
    expect([(await call('a')).statusCode, (await call('a')).statusCode, (await call('b')).statusCode]).toEqual([200, 429, 200]);
  });

  test('the stage throttle applies per method; a method throttle overrides it for its method only', async () => {
    const { sim, api } = restFrontDoor({
      throttle: { rateLimit: 100, burstLimit: 2 },
      methodThrottles: [{ resourcePath: '/{proxy+}', httpMethod: 'DELETE', rateLimit: 1, burstLimit: 1 }],
    });
    const h = sim.api(api);
    const call = (method: string) => h.request({ method, path: '/o', headers: AUTH });
    expect([(await call('DELETE')).statusCode, (await call('DELETE')).statusCode]).toEqual([200, 429]);
    expect([(await call('GET')).statusCode, (await call('GET')).statusCode, (await call('GET')).statusCode]).toEqual([200, 200, 429]);
    expect((await call('POST')).statusCode).toBe(200);
  });
});

describe('quotas', () => {
  test('a DAY quota answers 429 "Limit Exceeded" once used up, until the next day starts at 00:00 UTC', async () => {
    const { sim, api } = restFrontDoor({ usagePlans: [{ name: 'p', quota: { limit: 2, period: apigw.Period.DAY } }] });
    const h = sim.api(api);
    const call = () => h.request({ method: 'GET', path: '/o', headers: { ...AUTH, 'x-api-key': h.apiKey() } });
    expect([(await call()).statusCode, (await call()).statusCode]).toEqual([200, 200]);
    expect(await call()).toMatchObject({ statusCode: 429, body: '{"message":"Limit Exceeded"}' });
    expect(sim.trace.find({ type: 'quota-exceeded' })?.detail.usagePlan).toBe('p');
    await sim.advance(24 * 3600_000);
    expect((await call()).statusCode).toBe(200);
  });

  test('WEEK periods start on Sunday, MONTH periods on the 1st (UTC); the offset counts in the first period only', () => {
    const start = Date.UTC(2024, 0, 1); // a Monday
    const week = new QuotaCounter({ limit: 1, period: 'WEEK', offset: 0 }, start);
    expect(week.tryUse(start)).toBe(true);
    expect(week.tryUse(Date.UTC(2024, 0, 6, 23))).toBe(false); // Saturday, same week
    expect(week.tryUse(Date.UTC(2024, 0, 7))).toBe(true); // Sunday
    const month = new QuotaCounter({ limit: 3, period: 'MONTH', offset: 2 }, start);
    expect(month.tryUse(start)).toBe(true);
    expect(month.tryUse(start + 1)).toBe(false);
    expect(month.remaining(Date.UTC(2024, 1, 1))).toBe(3);
  });
});

describe('token bucket (property)', () => {
  test('for any sequence of request times, a bucket never admits more than burst + rate x elapsed requests', () => {
    fc.assert(fc.property(
      fc.double({ min: 0, max: 1000, noNaN: true }),
      fc.integer({ min: 0, max: 50 }),
      fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 300 }),
      (rate, burst, gaps) => {
        const start = 1_700_000_000_000;
        const bucket = new TokenBucket(rate, burst, start);
        let now = start;
        let admitted = 0;
        for (const gap of gaps) {
          now += gap;
          if (bucket.hasToken(now)) {
            bucket.take();
            admitted++;
          }
          expect(admitted).toBeLessThanOrEqual(Math.floor(burst + (rate * (now - start)) / 1000 + 1e-9));
        }
      },
    ), { numRuns: 300 });
  });

  test('for any sequence of request times, a usage plan of the front door never admits more than burst + rate x elapsed requests', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 1, max: 20 }),
      fc.integer({ min: 1, max: 5 }),
      fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 25 }),
      async (rate, burst, gaps) => {
        const { sim, api } = restFrontDoor({ usagePlans: [{ name: 'p', throttle: { rateLimit: rate, burstLimit: burst } }] });
        const h = sim.api(api);
        const start = sim.now();
        let admitted = 0;
        for (const gap of gaps) {
          await sim.advance(gap);
          const res = await h.request({ method: 'GET', path: '/o', headers: { ...AUTH, 'x-api-key': h.apiKey() } });
          if (res.statusCode === 200) admitted++;
          expect(admitted).toBeLessThanOrEqual(Math.floor(burst + (rate * (sim.now() - start)) / 1000 + 1e-9));
        }
      },
    ), { numRuns: 15 });
  });
});
