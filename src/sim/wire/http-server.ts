/**
 * `sim.listen()`: the wire endpoint on a loopback socket (node:http, or node:https given a key and certificate), for SDKs in other processes and languages and
 * the AWS CLI. Every request goes through the same endpoint as the in-process handler; the clock follows real time
 * while at least one server listens (realtime.ts). A request the HTTP parser cannot read is answered 400 and its
 * connection closed; the server keeps serving.
 */
import type { IncomingMessage, Server, ServerResponse } from 'http';
import type { Socket } from 'net';
import { WireEndpoint } from './endpoint';
import { RealTimePump } from './realtime';
import { WireRequest } from './types';

export interface ListenOptions {
  /** @default 0 (any free port) */
  readonly port?: number;
  /** The loopback address to bind. @default '127.0.0.1' */
  readonly host?: string;
  /**
   * Serve HTTPS with this key and certificate (PEM) instead of plain HTTP: requests then carry
   * `aws:SecureTransport` true, so resource policies that deny insecure transport (every construct of this library
   * sets one) admit them. Clients must trust the certificate (an SDK's `https.Agent({ ca })`, the CLI's
   * `--ca-bundle`). @default plain HTTP (`aws:SecureTransport` false)
   */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  /**
   * Pages for people, by path (`/` for the CLI's live report): an unsigned GET of exactly that path is answered by the
   * page instead of an AWS protocol (AWS clients sign their requests, so they never reach a page). @default none
   */
  readonly pages?: Readonly<Record<string, (req: IncomingMessage, res: ServerResponse) => void>>;
}

/** Largest request body accepted (S3 PutObject of a test fixture; SQS caps messages at 1 MiB). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * Starts a server; resolves with it once it listens. `secureTransport` is what its requests carry as
 * `aws:SecureTransport` (default: whether it serves TLS).
 */
export async function startServer(
  endpoint: () => WireEndpoint, pump: RealTimePump, options: ListenOptions, secureTransport?: boolean,
): Promise<{ server: Server; endpoint: string }> {
  const tls = options.tls !== undefined;
  const secure = secureTransport ?? tls;
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const page = req.method === 'GET' && !req.headers.authorization ? options.pages?.[(req.url ?? '').split('?')[0]] : undefined;
    if (page) {
      page(req, res);
      return;
    }
    serve(endpoint(), pump, req, res, secure).catch(err => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`Internal error: ${err instanceof Error ? err.message : String(err)}`);
    });
  };
  /* eslint-disable @typescript-eslint/no-require-imports */
  const server: Server = tls
    ? (require('https') as typeof import('https')).createServer({ key: options.tls!.key, cert: options.tls!.cert }, listener)
    : (require('http') as typeof import('http')).createServer(listener);
  /* eslint-enable @typescript-eslint/no-require-imports */
  server.on('clientError', (_err: Error, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port ?? 0;
  return { server, endpoint: `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}` };
}

/** Stops accepting connections and closes the open ones (a client's pending long poll ends with its connection). */
export async function stopServer(server: Server): Promise<void> {
  await new Promise<void>(resolve => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function serve(endpoint: WireEndpoint, pump: RealTimePump, req: IncomingMessage, res: ServerResponse, secure: boolean): Promise<void> {
  const body = await readBody(req);
  if (body === undefined) {
    res.writeHead(413, { 'content-type': 'text/plain', 'connection': 'close' });
    res.end(`Request body larger than ${MAX_BODY_BYTES} bytes`);
    return;
  }
  const request = wireRequest(req, body, secure);
  await pump.beforeRequest();
  const sourceIp = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '') || undefined;
  const response = await endpoint.handle(request, { secure, sourceIp });
  pump.afterRequest();
  res.writeHead(response.statusCode, { ...response.headers, 'content-length': String(response.body.length) });
  res.end(req.method === 'HEAD' ? undefined : response.body);
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.destroy();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function wireRequest(req: IncomingMessage, body: Buffer, secure: boolean): WireRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const hostHeader = headers.host ?? '';
  const portAt = hostHeader.lastIndexOf(':');
  const bracket = hostHeader.lastIndexOf(']');
  const hasPort = portAt > bracket && portAt > 0;
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    protocol: secure ? 'https:' : 'http:',
    hostname: hasPort ? hostHeader.slice(0, portAt) : hostHeader,
    port: hasPort ? Number(hostHeader.slice(portAt + 1)) : undefined,
    path: q < 0 ? url : url.slice(0, q),
    query: q < 0 ? {} : parseQueryString(url.slice(q + 1)),
    headers,
    body,
  };
}

/** The URL's query: percent-decoded (`+` stays a plus, as AWS reads URLs); repeated names collect into a list. */
function parseQueryString(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decode(part.slice(eq + 1));
    const prior = out[key];
    out[key] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
  }
  return out;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
