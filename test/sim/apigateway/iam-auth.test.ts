/**
 * IAM authorization of REST and HTTP APIs ("Control access to an API with IAM permissions"): a request signed with
 * Signature Version 4 by credentials the test declares, or carrying the caller's identity; an unsigned request is
 * answered 403 "Missing Authentication Token".
 */
import { createHash, createHmac } from 'crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { fn, newStack } from './helpers';
import { HttpApiAuthorization, HttpApiToLambda, RestApiAuthorization, RestApiToLambda } from '../../../src/api';
import { Simulator } from '../../../src/sim';

class Sha256 {
  private readonly h;
  constructor(secret?: string | Uint8Array) {
    this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', secret);
  }
  public update(d: string | Uint8Array) { this.h.update(d); }
  public async digest() { return new Uint8Array(this.h.digest()); }
  public reset() {}
}

const CREDS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', principal: 'arn:aws:iam::123456789012:role/OrdersClient' };

/** Signs a request to `url` as the SDK would. */
async function sign(url: string, method: string, body: string | undefined, secret = CREDS.secretAccessKey, date = new Date(Date.UTC(2024, 0, 1))) {
  const u = new URL(url);
  const signer = new SignatureV4({ service: 'execute-api', region: 'us-east-1', credentials: { accessKeyId: CREDS.accessKeyId, secretAccessKey: secret }, sha256: Sha256 as any });
  const signed = (await signer.sign({
    method,
    protocol: 'https:',
    hostname: u.hostname,
    path: u.pathname,
    query: Object.fromEntries(u.searchParams),
    headers: { 'host': u.hostname, 'content-type': 'application/json' },
    body,
  } as any, { signingDate: date })) as unknown as { headers: Record<string, string> };
  return signed.headers;
}

function restIam() {
  const stack = newStack();
  const handler = fn(stack, 'Handler');
  const api = new RestApiToLambda(stack, 'Orders', { handler, webAcl: { enabled: false }, authorization: RestApiAuthorization.iam() });
  const sim = Simulator.fromStack(stack);
  sim.lambda(handler).handle(async (e: any) => ({ statusCode: 200, body: JSON.stringify(e.requestContext.identity) }));
  return { sim, api };
}

describe('REST API IAM authorization', () => {
  test('an unsigned request is answered 403 "Missing Authentication Token"', async () => {
    const { sim, api } = restIam();
    expect(await sim.api(api).request({ method: 'GET', path: '/orders' })).toMatchObject({ statusCode: 403, body: '{"message":"Missing Authentication Token"}' });
  });

  test('a SigV4-signed request with declared credentials is admitted; the identity reaches the function', async () => {
    const { sim, api } = restIam();
    const h = sim.api(api).trustCredentials(CREDS);
    const url = `${h.url()}/orders/1?x=1`;
    const headers = await sign(url, 'POST', '{"a":1}');
    const res = await h.request({ method: 'POST', path: '/orders/1', query: { x: '1' }, headers, body: '{"a":1}' });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ accessKey: 'AKIDEXAMPLE', accountId: '123456789012', userArn: CREDS.principal, caller: 'OrdersClient' });
  });

  test('a wrong secret is 403 with the signature-mismatch message; an unknown key 403 "The security token included in the request is invalid."', async () => {
    const { sim, api } = restIam();
    const h = sim.api(api).trustCredentials(CREDS);
    const bad = await h.request({ method: 'GET', path: '/o', headers: await sign(`${h.url()}/o`, 'GET', undefined, 'wrong-secret') });
    expect(bad.statusCode).toBe(403);
    expect(JSON.parse(bad.body).message).toMatch(/^The request signature we calculated does not match the signature you provided/);
    const tampered = await h.request({ method: 'GET', path: '/other', headers: await sign(`${h.url()}/o`, 'GET', undefined) });
    expect(tampered.statusCode).toBe(403);
    const { sim: sim2, api: api2 } = restIam();
    const unknown = await sim2.api(api2).request({ method: 'GET', path: '/o', headers: await sign(`${sim2.api(api2).url()}/o`, 'GET', undefined) });
    expect(unknown).toMatchObject({ statusCode: 403, body: '{"message":"The security token included in the request is invalid."}' });
  });

  test('a signature older than 5 minutes on the virtual clock is refused ("Signature expired")', async () => {
    const { sim, api } = restIam();
    const h = sim.api(api).trustCredentials(CREDS);
    const headers = await sign(`${h.url()}/o`, 'GET', undefined);
    await sim.advance(6 * 60_000);
    const res = await h.request({ method: 'GET', path: '/o', headers });
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(res.body).message).toMatch(/^Signature expired: 20240101T000000Z is now earlier than/);
  });

  test('the caller\'s identity given to request() stands for a signed request', async () => {
    const { sim, api } = restIam();
    const res = await sim.api(api).request({ method: 'GET', path: '/o', iamPrincipal: 'arn:aws:iam::123456789012:user/alice' });
    expect(JSON.parse(res.body)).toMatchObject({ userArn: 'arn:aws:iam::123456789012:user/alice', accountId: '123456789012', accessKey: null });
  });
});

describe('HTTP API IAM authorization', () => {
  test('unsigned is 403 {"message":"Forbidden"}; signed requests reach the function with requestContext.authorizer.iam', async () => {
    const stack = newStack();
    const handler = fn(stack, 'Handler');
    const api = new HttpApiToLambda(stack, 'Orders', { handler, authorization: HttpApiAuthorization.iam() });
    const sim = Simulator.fromStack(stack);
    sim.lambda(handler).handle(async (e: any) => e.requestContext.authorizer);
    const h = sim.api(api).trustCredentials(CREDS);
    expect(await h.request({ method: 'GET', path: '/o' })).toMatchObject({ statusCode: 403, body: '{"message":"Forbidden"}' });
    const res = await h.request({ method: 'GET', path: '/o', headers: await sign(`${h.url()}/o`, 'GET', undefined) });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).iam).toMatchObject({ accessKey: 'AKIDEXAMPLE', userArn: CREDS.principal });
  });
});
