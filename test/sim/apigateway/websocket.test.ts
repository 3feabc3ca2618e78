/**
 * WebSocket APIs through the library's WebSocketApiToLambda ("Working with WebSocket APIs"): `$connect` with its
 * authorizer, route selection on `$request.body.action`, `$default`, two-way routes, `$disconnect`, the
 * `@connections` API (PostToConnection, GetConnection, DeleteConnection; GoneException for closed connections) and
 * the idle (10 min) and maximum (2 h) connection durations.
 */
import { Duration } from 'aws-cdk-lib';
import { allowAll, fn, newStack, policy } from './helpers';
import { WebSocketApiAuthorization, WebSocketApiToLambda } from '../../../src/api';
import { Simulator } from '../../../src/sim';

function chat(options: { authorizer?: boolean } = {}) {
  const stack = newStack();
  const handler = fn(stack, 'Handler');
  const authorizer = fn(stack, 'Authorizer');
  const api = new WebSocketApiToLambda(stack, 'Chat', {
    handler,
    routes: [{ routeKey: 'sendMessage' }, { routeKey: 'echo', returnResponse: true }],
    ...(options.authorizer ? { authorization: WebSocketApiAuthorization.lambda(authorizer, { identitySource: ['route.request.querystring.token'] }) } : { allowUnauthenticatedAccess: true }),
  });
  const sim = Simulator.fromStack(stack);
  const events: any[] = [];
  sim.lambda(handler).handle(async (event: any) => {
    events.push(event);
    const { routeKey, connectionId } = event.requestContext;
    if (routeKey === 'sendMessage') await sim.api(api).connections.postToConnection({ ConnectionId: connectionId, Data: `got ${JSON.parse(event.body).text}` });
    if (routeKey === 'echo') return { statusCode: 200, body: event.body };
    return { statusCode: 200 };
  });
  sim.lambda(authorizer).handle(async (e: any) => (e.queryStringParameters?.token === 'good' ? allowAll(e.methodArn, 'u-1', { room: 'lobby' }) : policy('Deny', e.methodArn)));
  return { sim, api, events, handler, authorizer };
}

describe('WebSocket API', () => {
  test('$connect, a routed message whose backend posts through @connections, $default, and $disconnect', async () => {
    const { sim, api, events } = chat();
    const client = await sim.api(api).connect({ headers: { 'User-Agent': 'ws-test' }, sourceIp: '192.0.2.3' });
    expect(client.statusCode).toBe(101);
    expect(client.connectionId).toMatch(/=$/);
    await client.send(JSON.stringify({ action: 'sendMessage', text: 'hi' }));
    expect(client.received).toEqual(['got hi']);
    await client.send('not json');
    await client.send(JSON.stringify({ action: 'unknown' }));
    expect(events.map(e => e.requestContext.routeKey)).toEqual(['$connect', 'sendMessage', '$default', '$default']);
    expect(events[0]).toMatchObject({ headers: { 'User-Agent': 'ws-test' }, requestContext: { eventType: 'CONNECT', identity: { sourceIp: '192.0.2.3' } } });
    expect(events[1]).toMatchObject({ body: '{"action":"sendMessage","text":"hi"}', requestContext: { eventType: 'MESSAGE', connectionId: client.connectionId } });
    await client.close();
    expect(client.closed).toBe(true);
    expect(events.at(-1).requestContext).toMatchObject({ routeKey: '$disconnect', eventType: 'DISCONNECT', disconnectStatusCode: 1000 });
    expect(sim.trace.summary({ type: ['ws-connected', 'ws-message', 'ws-posted', 'ws-disconnected'] }).map(s => s.split(':')[2]))
      .toEqual(['ws-connected', 'ws-message', 'ws-posted', 'ws-message', 'ws-message', 'ws-disconnected']);
    // The stage's access log: one line per connect, message and disconnect.
    const log = sim.api(api).accessLog.map(l => JSON.parse(l));
    expect(log.map(l => `${l.eventType} ${l.routeKey} ${l.status}`)).toEqual([
      'CONNECT $connect 200', 'MESSAGE sendMessage 200', 'MESSAGE $default 200', 'MESSAGE $default 200', 'DISCONNECT $disconnect 200',
    ]);
    expect(log[0].connectionId).toBe(client.connectionId);
  });

  test('a two-way route sends the integration\'s answer back to the client', async () => {
    const { sim, api } = chat();
    const client = await sim.api(api).connect();
    await client.send(JSON.stringify({ action: 'echo', n: 1 }));
    expect(client.received).toEqual(['{"action":"echo","n":1}']);
  });

  test('the authorizer runs on $connect only: a denied client is refused (403), an allowed one carries its context on every message', async () => {
    const { sim, api, events, authorizer } = chat({ authorizer: true });
    const refused = await sim.api(api).connect({ query: { token: 'bad' } });
    expect(refused).toMatchObject({ statusCode: 403, closed: true });
    expect((await sim.api(api).connect()).statusCode).toBe(401);
    const client = await sim.api(api).connect({ query: { token: 'good' } });
    await client.send(JSON.stringify({ action: 'echo' }));
    expect(events.at(-1).requestContext.authorizer).toMatchObject({ principalId: 'u-1', room: 'lobby' });
    expect(sim.lambda(authorizer).invocations).toHaveLength(2);
  });

  test('@connections: GetConnection, DeleteConnection (runs $disconnect), and GoneException (410) for a closed connection', async () => {
    const { sim, api } = chat();
    const client = await sim.api(api).connect({ sourceIp: '192.0.2.9' });
    const connections = sim.api(api).connections;
    const info = await connections.getConnection({ ConnectionId: client.connectionId });
    expect(info).toMatchObject({ ConnectedAt: new Date(Date.UTC(2024, 0, 1)), Identity: { SourceIp: '192.0.2.9' } });
    await connections.deleteConnection({ ConnectionId: client.connectionId });
    expect(client.closed).toBe(true);
    await expect(connections.postToConnection({ ConnectionId: client.connectionId, Data: 'x' })).rejects.toMatchObject({ name: 'GoneException', $metadata: { httpStatusCode: 410 } });
    await expect(connections.postToConnection({ ConnectionId: 'never-existed', Data: 'x' })).rejects.toMatchObject({ name: 'GoneException' });
  });

  test('the @connections API is the execute-api ServiceApi other services call by SDK command name', async () => {
    const { sim, api } = chat();
    const client = await sim.api(api).connect();
    const executeApi = (sim as unknown as { context: { api(ns: string): any } }).context.api('execute-api');
    const caller = { principalType: 'AWS', principal: 'arn:aws:iam::123456789012:role/backend', secureTransport: true };
    const out = await executeApi.call('PostToConnection', { ConnectionId: client.connectionId, Data: new TextEncoder().encode('bytes') }, caller);
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(client.received).toEqual(['bytes']);
  });

  test('a connection idle for 10 minutes is closed, running $disconnect; activity keeps it open', async () => {
    const { sim, api, events } = chat();
    const client = await sim.api(api).connect();
    await sim.advance(Duration.minutes(9));
    await client.send(JSON.stringify({ action: 'echo' }));
    await sim.advance(Duration.minutes(9));
    expect(client.closed).toBe(false);
    await sim.advance(Duration.minutes(1));
    expect(client.closed).toBe(true);
    expect(events.at(-1).requestContext).toMatchObject({ routeKey: '$disconnect', disconnectStatusCode: 1001 });
    expect(sim.trace.find({ type: 'ws-disconnected' })?.detail.reason).toMatch(/idle/);
  });

  test('any connection is closed after 2 hours, active or not', async () => {
    const { sim, api } = chat();
    const client = await sim.api(api).connect();
    for (let i = 0; i < 13; i++) {
      await sim.advance(Duration.minutes(9));
      await client.send(JSON.stringify({ action: 'echo' }));
    }
    expect(client.closed).toBe(false); // 117 minutes, active
    await sim.advance(Duration.minutes(4));
    expect(client.closed).toBe(true);
    expect(sim.trace.find({ type: 'ws-disconnected' })?.detail.reason).toMatch(/maximum connection duration/);
  });

  test('a message over 128 KB closes the connection (1009); posts over 128 KB are PayloadTooLargeException', async () => {
    const { sim, api } = chat();
    const client = await sim.api(api).connect();
    await expect(sim.api(api).connections.postToConnection({ ConnectionId: client.connectionId, Data: 'x'.repeat(128 * 1024 + 1) }))
      .rejects.toMatchObject({ name: 'PayloadTooLargeException' });
    await client.send('x'.repeat(128 * 1024 + 1));
    expect(client.closed).toBe(true);
    const next = await sim.api(api).connect();
    expect(next.statusCode).toBe(101);
  });
});
