// The API front doors of examples/api.ts, run offline in the simulator (part of `npm run examples`, called from
// simulate.ts): IAM-signed orders through RestApiToLambda with its usage plan, RestApiToQueue validating and queueing
// orders, the JWT-protected HTTP API, and the WebSocket chat. Lambda backends run their own inline code.
import * as jose from 'jose';
import { finish, loadExample as load, Scenario } from './scenario';


const CLIENT = 'arn:aws:iam::123456789012:role/OrdersClient';

/** REST API -> Lambda: IAM authorization, the partners usage plan (10 requests/s, burst 20) and its API keys. */
const restApiToLambda: Scenario = async outdir => {
  const sim = load(outdir, 'RestApiToLambdaExample');
  const start = sim.now();
  const api = sim.api('OrdersApi/Api/RestApi');
  const acme = api.apiKey('acme');
  const order = (headers: Record<string, string>, iamPrincipal?: string) =>
    api.request({ method: 'POST', path: '/orders', headers: { 'content-type': 'application/json', ...headers }, body: '{"orderId":"o-1"}', iamPrincipal });
  const accepted = await order({ 'x-api-key': acme }, CLIENT);
  const unsigned = await order({ 'x-api-key': acme });
  const noKey = await order({}, CLIENT);
  await sim.advance(5_000); // the bucket refills
  const burst = await Promise.all(Array.from({ length: 25 }, () => order({ 'x-api-key': api.apiKey('globex') }, CLIENT)));
  const throttled = burst.filter(r => r.statusCode === 429);
  return finish('REST API -> Lambda, IAM + usage plan (RestApiToLambdaExample)', sim, start, [
    [`an IAM-authorized order with an API key is accepted (${accepted.statusCode} ${accepted.body})`, accepted.statusCode === 200 && JSON.parse(accepted.body).path === '/orders'],
    [`an unsigned order is refused (${unsigned.statusCode} ${unsigned.body})`, unsigned.statusCode === 403 && unsigned.body === '{"message":"Missing Authentication Token"}'],
    [`an order without an API key is refused (${noKey.statusCode} ${noKey.body})`, noKey.statusCode === 403 && noKey.body === '{"message":"Forbidden"}'],
    [`a burst of 25 is answered 429 past the plan's burst of 20 (${throttled.length} throttled)`,
      throttled.length === 5 && throttled.every(r => r.body === '{"message":"Too Many Requests"}')],
  ]);
};

/** REST API -> SQS: API Gateway validates the order against the model and sends it to the queue as its role. */
const restApiToQueue: Scenario = async outdir => {
  const sim = load(outdir, 'RestApiToQueueExample');
  const start = sim.now();
  const api = sim.api('OrderIntake/Api/RestApi');
  const post = (body: string) => api.request({ method: 'POST', path: '/orders', headers: { 'content-type': 'application/json' }, body, iamPrincipal: CLIENT });
  const invalid = await post('{"orderId":"o-2","items":[]}');
  const valid = await post('{"orderId":"o-1","items":[{"sku":"book","qty":1}]}');
  const received = await sim.queue('OrderIntake/Queue/Queue').receiveMessage({ MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] });
  const messages = received.Messages ?? [];
  const answer = valid.statusCode === 200 ? JSON.parse(valid.body) : {};
  return finish('REST API -> SQS (RestApiToQueueExample)', sim, start, [
    [`an order failing the model is answered 400 (${invalid.body})`, invalid.statusCode === 400 && /too short/.test(JSON.parse(invalid.body).message)],
    [`a valid order is accepted with the SQS message id (${valid.statusCode})`, valid.statusCode === 200 && messages[0]?.MessageId === answer.messageId],
    [`exactly the valid order lands in the queue, tagged with the API request id (${messages.length} message)`,
      messages.length === 1 && JSON.parse(messages[0].Body!).orderId === 'o-1' && messages[0].MessageAttributes?.apiRequestId?.StringValue === answer.requestId],
  ]);
};

/** HTTP API -> Lambda behind the JWT authorizer: the test trusts its own key for the issuer. */
const httpApiJwt: Scenario = async outdir => {
  const sim = load(outdir, 'HttpApiToLambdaExample');
  const start = sim.now();
  const api = sim.api('OrdersHttpApi/HttpApi');
  const { privateKey, publicKey } = await jose.generateKeyPair('RS256');
  api.trustIssuer({ issuer: 'https://login.example.com/', jwks: { keys: [{ ...(await jose.exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }] } });
  const token = await new jose.SignJWT({ sub: 'customer-7' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer('https://login.example.com/')
    .setAudience('orders-app').setIssuedAt(sim.now() / 1000).setExpirationTime(sim.now() / 1000 + 300).sign(privateKey);
  const ok = await api.request({ method: 'GET', path: '/orders', headers: { authorization: `Bearer ${token}` } });
  const anonymous = await api.request({ method: 'GET', path: '/orders' });
  const preflight = await api.request({ method: 'OPTIONS', path: '/orders', headers: { 'origin': 'https://shop.example.com', 'access-control-request-method': 'GET' } });
  return finish('HTTP API -> Lambda, JWT (HttpApiToLambdaExample)', sim, start, [
    [`a request with a valid token is answered by the function (${ok.statusCode} ${ok.body})`, ok.statusCode === 200 && JSON.parse(ok.body).path === '/orders'],
    [`a request without a token is 401 (${anonymous.body})`, anonymous.statusCode === 401 && anonymous.body === '{"message":"Unauthorized"}'],
    [`the CORS preflight is answered 204 for the shop origin (${preflight.headers['access-control-allow-origin']})`,
      preflight.statusCode === 204 && preflight.headers['access-control-allow-origin'] === 'https://shop.example.com'],
  ]);
};

/** WebSocket chat: an IAM-authorized client sends a message; the handler echoes it through @connections. */
const webSocketChat: Scenario = async outdir => {
  const sim = load(outdir, 'WebSocketApiToLambdaExample');
  const start = sim.now();
  const api = sim.api('Chat/WebSocketApi');
  const refused = await api.connect();
  const client = await api.connect({ iamPrincipal: CLIENT });
  await client.send(JSON.stringify({ action: 'sendMessage', message: 'hello' }));
  await client.close();
  return finish('WebSocket chat (WebSocketApiToLambdaExample)', sim, start, [
    [`an unsigned $connect is refused (${refused.statusCode})`, refused.statusCode === 403],
    [`a signed client connects and gets its message echoed (${client.received.join(', ')})`, client.received.join() === '{"echo":"hello"}'],
    ['closing runs $disconnect', client.closed && sim.trace.some({ type: 'ws-disconnected' })],
  ]);
};

export const API_SCENARIOS: readonly Scenario[] = [restApiToLambda, restApiToQueue, httpApiJwt, webSocketChat];
