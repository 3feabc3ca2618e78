/**
 * `serve <cdk.out> [--port N]`: the simulator as an HTTP endpoint for real AWS clients (`sim.listen()`: the AWS wire
 * protocols on loopback, the clock following real time), with the live report page at `/`. It serves until SIGINT or
 * SIGTERM.
 */
import type { IncomingMessage, ServerResponse } from 'http';
import { CliIo } from './io';
import type { Loaded } from './load';
import { renderReport } from '../report/html';
import type { Simulator } from '../simulator';

export async function serve(loaded: Loaded, options: { port?: number }, io: CliIo): Promise<number> {
  const server = await loaded.sim.listen({ port: options.port, pages: { '/': reportRoute(loaded.sim, loaded.name) } });
  const keys = loaded.sim.credentialsFor();
  io.out(`Simulating ${loaded.name} at ${server.endpoint} (AWS endpoint; the live report is at ${server.endpoint}/); Ctrl-C stops it`);
  io.out(`  the account's administrator signs with AWS_ACCESS_KEY_ID=${keys.accessKeyId} AWS_SECRET_ACCESS_KEY=${keys.secretAccessKey}`);
  io.out(`  e.g. aws --endpoint-url ${server.endpoint} --region ${loaded.sim.env.region} sqs list-queues`);
  await new Promise<void>(resolve => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
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
