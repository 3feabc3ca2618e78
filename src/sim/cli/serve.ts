/**
 * `serve <cdk.out> [--port N]`: the simulator as an HTTP endpoint for real AWS clients (the real-clients issue's
 * `sim.listen()`), with the live report page at `/`. Until `sim.listen()` is part of the build, serve says so and
 * exits 2. When it lands, `listen` below is the only call to adapt: it receives the port and the report route.
 */
import type { IncomingMessage, ServerResponse } from 'http';
import { CliIo } from './io';
import type { Loaded } from './load';
import { renderReport } from '../report/html';
import type { Simulator } from '../simulator';

/** What `sim.listen()` is expected to return: where it listens, and a promise that settles when it closes. */
interface Endpoint {
  readonly url: string;
  readonly closed?: Promise<unknown>;
  close?(): Promise<unknown> | void;
}

type Listen = (options: { port?: number; routes?: Record<string, (req: IncomingMessage, res: ServerResponse) => void> }) => Promise<Endpoint>;

export async function serve(loaded: Loaded, options: { port?: number }, io: CliIo): Promise<number> {
  const listen = (loaded.sim as unknown as { listen?: Listen }).listen;
  if (typeof listen !== 'function') {
    io.err('serve: the HTTP endpoint (sim.listen(), for real AWS clients) is not in this build yet; use `sim` to run scenarios or `diagram`');
    return 2;
  }
  const endpoint = await listen.call(loaded.sim, { port: options.port, routes: { '/': reportRoute(loaded.sim, loaded.name) } });
  io.out(`Simulating ${loaded.name} at ${endpoint.url} (report: ${endpoint.url.replace(/\/$/, '')}/)`);
  await new Promise<void>(resolve => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    void endpoint.closed?.then(() => resolve());
  });
  await endpoint.close?.();
  return 0;
}

/** `GET /`: the report page of what happened so far, written on each request. */
export function reportRoute(sim: Simulator, title: string): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    const html = renderReport([{ title, simulator: sim }], { title: `Live: ${title}` });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  };
}
