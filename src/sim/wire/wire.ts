/**
 * The wire layer of one simulation: the credentials it knows, the endpoint that answers requests, the in-process
 * request handler SDK clients use (`sim.clientConfig()`), and the loopback servers (`sim.listen()`). Everything is
 * created on first use, so a test that never speaks the wire protocols loads none of it.
 */
import type { Server } from 'http';
import { SimContext } from '../runtime';
import { CredentialStore, SimCredentials } from './auth/credentials';
import { WireEndpoint } from './endpoint';
import { ListenOptions, startServer, stopServer } from './http-server';
import { InProcessHandler, SimRequestHandler } from './in-process';
import { RealTimePump } from './realtime';
import { IamMode } from './types';

/**
 * The host `sim.clientConfig()` points clients at. It never resolves (`.invalid` is reserved), so a client that lost
 * the simulator's request handler fails instead of reaching AWS; virtual-hosted S3 requests go to `<bucket>.` this host.
 */
export const IN_PROCESS_HOST = 'aws.simulator.invalid';

export interface ClientConfigOptions {
  /**
   * The principal the client signs as (an IAM user, role, assumed-role session or account root ARN): its calls run as
   * that principal. @default the account's root user (its administrator)
   */
  readonly as?: string;
}

/** What `new SQSClient(config)` (any SDK v3 client) takes to talk to the simulator. */
export interface SimClientConfig {
  readonly region: string;
  readonly credentials: SimCredentials;
  readonly endpoint: string;
  /** No host prefixes (`sync-states.`): every request goes to the endpoint as is. */
  readonly disableHostPrefix: boolean;
}

/** `sim.clientConfig()`: the in-process request handler besides. */
export interface SimInProcessClientConfig extends SimClientConfig {
  /** The SDK `HttpHandler` that answers in-process, with no socket. */
  readonly requestHandler: SimRequestHandler;
}

/** A `sim.listen()` server. */
export interface SimServer {
  /** `http://127.0.0.1:<port>`: the `--endpoint-url` of the AWS CLI, an SDK's `endpoint`. */
  readonly endpoint: string;
  /** A client configuration for this server (endpoint, region, credentials, path-style S3, no host prefixes). */
  clientConfig(options?: ClientConfigOptions): SimClientConfig & { readonly forcePathStyle: boolean };
  /** Stops the server and closes its connections; the clock stops following real time when no server is left. */
  close(): Promise<void>;
}

export class Wire {
  public readonly credentials: CredentialStore;
  private endpointInstance?: WireEndpoint;
  private handler?: InProcessHandler;
  private readonly pump: RealTimePump;
  private readonly listening = new Set<string>();
  private processEndpoint?: Promise<string>;

  constructor(private readonly ctx: SimContext, private readonly mode: IamMode) {
    this.credentials = new CredentialStore(ctx.env);
    this.pump = new RealTimePump(ctx.clock, err => ctx.reportProblem('wire', `while following real time: ${err instanceof Error ? err.message : String(err)}`));
  }

  /** The endpoint answering requests (the runtime's SDK calls from function code come here too). */
  public get endpoint(): WireEndpoint {
    this.endpointInstance ??= new WireEndpoint(this.ctx, this.credentials, this.mode, () => [IN_PROCESS_HOST, 'localhost', ...this.listening]);
    return this.endpointInstance;
  }

  /** The in-process SDK request handler (one per simulation; it signs nothing itself: the client's credentials do). */
  public requestHandler(): SimRequestHandler {
    this.handler ??= new InProcessHandler(() => this.endpoint);
    return this.handler;
  }

  public clientConfig(options: ClientConfigOptions = {}): SimInProcessClientConfig {
    return {
      region: this.ctx.env.region,
      credentials: this.credentialsFor(options.as),
      endpoint: `https://${IN_PROCESS_HOST}`,
      disableHostPrefix: true,
      requestHandler: this.requestHandler(),
    };
  }

  public credentialsFor(principalArn?: string): SimCredentials {
    return this.credentials.issue(principalArn ?? this.credentials.root);
  }

  public async listen(options: ListenOptions = {}): Promise<SimServer> {
    const { server, endpoint } = await startServer(() => this.endpoint, this.pump, options);
    const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
    this.listening.add(host);
    this.pump.acquire();
    let closed: Promise<void> | undefined;
    return {
      endpoint,
      clientConfig: (config: ClientConfigOptions = {}) => ({
        region: this.ctx.env.region,
        credentials: this.credentialsFor(config.as),
        endpoint,
        disableHostPrefix: true,
        forcePathStyle: true,
      }),
      close: () => {
        closed ??= this.stop(server);
        return closed;
      },
    };
  }

  /**
   * A loopback server for function code running in child processes (Python handlers): it answers while the clock is
   * blocked on the invocation, so it gets a pump of its own that is never attached (the clock does not follow real
   * time because of it), and it is unreferenced so it never keeps the process alive. Its requests count as over TLS
   * (`aws:SecureTransport`): the plain loopback hop stands in for the HTTPS connection the function's SDK makes in AWS.
   */
  public endpointForProcesses(): Promise<string> {
    this.processEndpoint ??= (async () => {
      const detached = new RealTimePump(this.ctx.clock, () => undefined);
      const { server, endpoint } = await startServer(() => this.endpoint, detached, {}, true);
      server.unref();
      this.listening.add(new URL(endpoint).hostname);
      return endpoint;
    })();
    return this.processEndpoint;
  }

  private async stop(server: Server): Promise<void> {
    await stopServer(server);
    this.pump.releaseOne();
  }
}
