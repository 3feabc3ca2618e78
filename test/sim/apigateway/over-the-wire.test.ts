/**
 * An API invoked over HTTP through `sim.listen()` on its execute-api path (`/_aws/execute-api/<api-id>/<stage>/<path>`):
 * the same route, integration and answer as `sim.api(ref).request()`, for clients in other processes.
 */
import { fn, newStack } from './helpers';
import { HttpApiToLambda } from '../../../src/api';
import { Simulator } from '../../../src/sim';

function httpFrontDoor() {
  const stack = newStack();
  const handler = fn(stack, 'Handler');
  const api = new HttpApiToLambda(stack, 'Orders', { handler, allowUnauthenticatedAccess: true });
  const sim = Simulator.fromStack(stack, { strict: false });
  sim.lambda(handler).handle(async (event: any) => ({
    statusCode: 201,
    headers: { 'x-route': event.routeKey },
    cookies: ['a=1', 'b=2'],
    body: JSON.stringify({ path: event.rawPath, query: event.rawQueryString, body: event.body, sourceIp: event.requestContext.http.sourceIp }),
  }));
  return { sim, api };
}

describe('invoking an API over the wire (execute-api paths on sim.listen())', () => {
  test('an HTTP API answers a real HTTP client with the Lambda proxy response: status, headers, cookies as set-cookie, body', async () => {
    const { sim, api } = httpFrontDoor();
    const server = await sim.listen();
    try {
      const apiId = sim.api(api).apiId;
      const res = await fetch(`${server.endpoint}/_aws/execute-api/${apiId}/$default/orders/7?x=1`, { method: 'POST', body: '{"n":1}' });
      expect(res.status).toBe(201);
      expect(res.headers.get('x-route')).toBe('$default');
      expect(res.headers.get('set-cookie')).toBe('a=1, b=2');
      expect(await res.json()).toEqual({ path: '/orders/7', query: 'x=1', body: '{"n":1}', sourceIp: '127.0.0.1' });
    } finally {
      await server.close();
    }
  });

  test('an API id the template does not declare is answered 403 {"message":"Forbidden"} and reported as a problem', async () => {
    const { sim } = httpFrontDoor();
    const server = await sim.listen();
    try {
      const res = await fetch(`${server.endpoint}/_aws/execute-api/nosuchapi/prod/orders`);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ message: 'Forbidden' });
      expect((await sim.runUntilIdle()).problems).toEqual([expect.stringContaining("API 'nosuchapi', which the template does not declare")]);
    } finally {
      await server.close();
    }
  });
});
