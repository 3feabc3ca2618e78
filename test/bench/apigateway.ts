/**
 * API Gateway benchmark (issue #12): requests per second through a REST API with a cached Lambda TOKEN authorizer, an
 * API key in a usage plan, a request validator with a body model and a Lambda proxy integration:
 * - the simulator, in-process: RestApiToLambda synthesized once, a fresh Simulator per run, requests in batches of
 *   100 with 10 virtual ms between batches (the plan's 10,000 requests per second);
 * - serverless-offline 13 (with the serverless framework v3 it needs) over HTTP on 127.0.0.1, the same route, handler
 *   file (test/bench/serverless-offline/) and features, 50 keep-alive connections;
 * - a plain Node `http` server calling the same handler (no authorizer, key or validation), same client.
 * Every run is bounded; the servers listen on loopback only and are stopped at the end.
 *
 * Run alone: `npx tsx test/bench/apigateway.ts` (or through `npx tsx test/bench/run.ts`).
 */
import { ChildProcess, spawn } from 'child_process';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BenchResult, bestInterleaved, medianOf, startWatch, stopWatch } from './stopwatch';
import { RestApiAuthorization, RestApiToLambda } from '../../src/api';
import { Simulator } from '../../src/sim';

const SERVICE_DIR = path.join(__dirname, 'serverless-offline');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const handlers = require(path.join(SERVICE_DIR, 'handler.js')) as { orders: (e: any) => Promise<any>; authorizer: (e: any) => Promise<any> };
const BODY = '{"orderId":"o-1"}';
const API_KEY = 'benchKeyValue0123456789abcdefghij';
const SIM_REQUESTS = 5_000;
const HTTP_REQUESTS = 600;
const CONNECTIONS = 50;
const ROUNDS = 5;
const WARM_UP = 2;

interface Synthesized {
  readonly stack: Stack;
  readonly template: object;
  readonly front: RestApiToLambda;
  readonly orders: lambda.Function;
  readonly authorizer: lambda.Function;
}

export function synthesize(): Synthesized {
  const stack = new Stack(new App(), 'ApiBench', { env: { account: '123456789012', region: 'us-east-1' } });
  const fn = (id: string) => new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_20_X, handler: 'handler.orders', code: lambda.Code.fromInline('x'), timeout: Duration.seconds(10),
  });
  const orders = fn('OrdersFunction');
  const authorizer = fn('AuthorizerFunction');
  const front = new RestApiToLambda(stack, 'Orders', {
    handler: orders,
    authorization: RestApiAuthorization.lambdaToken(authorizer),
    // serverless-offline has no WAF: leave it out on both sides.
    webAcl: { enabled: false },
    throttle: { rateLimit: 10_000, burstLimit: 5_000 },
    usagePlans: [{ name: 'bench', throttle: { rateLimit: 10_000, burstLimit: 5_000 } }],
    requestBodySchema: { type: apigw.JsonSchemaType.OBJECT, required: ['orderId'], properties: { orderId: { type: apigw.JsonSchemaType.STRING, minLength: 1 } } },
  });
  return { stack, template: Template.fromStack(stack).toJSON(), front, orders, authorizer };
}

export async function simulatorRun(s: Synthesized): Promise<BenchResult> {
  const sim = Simulator.fromTemplate(s.template, { trace: false, stack: s.stack });
  sim.lambda(s.orders).handle(handlers.orders);
  sim.lambda(s.authorizer).handle(handlers.authorizer);
  const api = sim.api(s.front);
  const request = { method: 'POST', path: '/orders/1', headers: { 'Authorization': 'token', 'x-api-key': api.apiKey(), 'content-type': 'application/json' }, body: BODY };
  // One request before the stopwatch: the peers' servers have started, loaded their routes and handlers before their
  // clocks start; the simulator does its per-simulator setup lazily on the first request (the request model compiled
  // by ajv: 10-20 ms measured here, 3-5% of a 5,000-request run), which is load time, not request handling.
  const first = await api.request(request);
  if (first.statusCode !== 200) throw new Error(`simulator: the first request was answered ${first.statusCode}`);
  await sim.advance(10);
  let ok = 0;
  const watch = startWatch();
  for (let i = 0; i < SIM_REQUESTS; i += 100) {
    const answers = await Promise.all(Array.from({ length: 100 }, () => api.request(request)));
    for (const a of answers) if (a.statusCode === 200) ok++;
    await sim.advance(10);
  }
  const r = stopWatch('simulator, in-process', SIM_REQUESTS, watch);
  if (ok !== SIM_REQUESTS) throw new Error(`simulator: ${SIM_REQUESTS - ok} requests were not answered 200`);
  return r;
}

async function httpRun(name: string, port: number, pathname: string, headers: Record<string, string>): Promise<BenchResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const one = () => new Promise<number>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(BODY) } }, res => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(BODY);
  });
  let sent = 0;
  const statuses = new Map<number, number>();
  const watch = startWatch();
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (sent < HTTP_REQUESTS) {
      sent++;
      const status = await one();
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  }));
  const other = [...statuses].filter(([s]) => s !== 200).map(([s, n]) => `${n} x ${s}`).join(', ');
  const r = stopWatch(name, HTTP_REQUESTS, watch, other ? { notOk: other } : undefined);
  agent.destroy();
  return r;
}

/** A plain Node HTTP server calling the handler with a minimal proxy event. */
async function plainServer(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', c => { body += c; });
    req.on('end', () => {
      handlers.orders({ path: req.url, httpMethod: req.method, headers: req.headers, body, requestContext: {} }).then(out => {
        res.writeHead(out.statusCode, out.headers);
        res.end(out.body);
      }, () => { res.writeHead(502); res.end(); });
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** Starts serverless-offline, or says why it cannot run here. */
async function serverlessOffline(): Promise<{ child: ChildProcess; port: number } | string> {
  let cli: string;
  try {
    cli = require.resolve('serverless/bin/serverless.js');
    require.resolve('serverless-offline');
  } catch {
    return 'serverless and serverless-offline are not installed (npm ci installs them as dev dependencies)';
  }
  const port = 39_000 + (process.pid % 500);
  const child = spawn(process.execPath, [cli, 'offline', 'start', '--httpPort', String(port), '--lambdaPort', String(port + 1), '--websocketPort', String(port + 2)], {
    cwd: SERVICE_DIR,
    env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', SLS_DEPRECATION_DISABLE: '*', SLS_INTERACTIVE_SETUP_DISABLE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const ready = await new Promise<boolean>(resolve => {
    const timer = setTimeout(() => resolve(false), 60_000);
    const onData = (d: Buffer) => {
      log = (log + d.toString()).slice(-4_000);
      if (log.includes('Server ready')) {
        clearTimeout(timer);
        resolve(true);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', () => { clearTimeout(timer); resolve(false); });
  });
  if (!ready) {
    child.kill();
    return `serverless-offline did not start: ${log.trim().split('\n').slice(-5).join(' | ')}`;
  }
  // Keep draining its (per-request) log so the pipe never blocks it.
  child.stdout!.removeAllListeners('data').resume();
  child.stderr!.removeAllListeners('data').resume();
  return { child, port };
}

export async function benchApiGateway(): Promise<BenchResult[]> {
  console.log('\nAPI Gateway: REST API + cached Lambda TOKEN authorizer + usage plan (API key) + request validator + Lambda proxy');
  const template = synthesize();
  const plain = await plainServer();
  const offline = await serverlessOffline();
  try {
    const contenders = [
      () => simulatorRun(template),
      () => httpRun('plain Node http server + handler, over HTTP', (plain.address() as AddressInfo).port, '/orders/1', { 'content-type': 'application/json' }),
    ];
    if (typeof offline === 'string') {
      console.log(`  serverless-offline: not measured: ${offline}`);
    } else {
      contenders.push(() => httpRun('serverless-offline 13 (serverless 3), over HTTP', offline.port, '/prod/orders/1', {
        'Authorization': 'token', 'x-api-key': API_KEY, 'content-type': 'application/json',
      }));
    }
    const results = await bestInterleaved(ROUNDS, contenders, WARM_UP);
    for (const r of results) {
      const notOk = r.notes?.notOk ? `; not 200 in the best run: ${r.notes.notOk}` : '';
      console.log(`  ${r.name.padEnd(52)} ${Math.round(r.opsPerSec).toLocaleString('en-US').padStart(9)} req/s (median ${Math.round(medianOf(r)).toLocaleString('en-US')}${notOk})`);
    }
    const [sim, plainResult, sls] = results;
    if (sls) console.log(`  ratio simulator / serverless-offline: ${(sim.opsPerSec / sls.opsPerSec).toFixed(1)}x (target >= 50x)`);
    console.log(`  ratio simulator / plain Node http server: ${(sim.opsPerSec / plainResult.opsPerSec).toFixed(1)}x`);
    return results;
  } finally {
    plain.close();
    if (typeof offline !== 'string') offline.child.kill();
  }
}

if (require.main === module) {
  benchApiGateway().catch(err => {
    console.error(err);
    process.exitCode = 1;
  });
}
