/**
 * The AWS SDK v3 as the function's code sees it. The Lambda Node.js runtime provides the SDK; here it is the project's
 * installed `@aws-sdk/*` and `@smithy/*` packages (resolved from the simulator's own location, so a project that
 * installs a client can use it from inline code). Every SDK client class the function gets (`SQSClient`, the
 * aggregated `SQS`, ...) is a subclass whose configuration routes requests to the simulator's in-process request
 * handler, signed with the execution role's credentials, in the simulation's Region.
 *
 * Routing happens at the request handler, not by endpoint: an SQS client follows the host of a QueueUrl when it
 * differs from its endpoint, so an endpoint alone would let `sqs.<region>.amazonaws.com` queue URLs escape to AWS; the
 * in-process handler answers whatever host the request names.
 */
import { createRequire } from 'module';

/** Module ids whose exports carry client classes. */
const CLIENT_PACKAGE = /^@aws-sdk\/client-[a-z0-9-]+$/;

export class SdkProvider {
  private readonly hostRequire = createRequire(__filename);
  private readonly adapted = new WeakMap<object, unknown>();

  /** @param config the client configuration of the execution role (region, credentials, endpoint, requestHandler) */
  constructor(private readonly config: () => Record<string, unknown>) {}

  /** The runtime's copy of `id`, or undefined when it is not installed. */
  public provided(id: string): unknown {
    let exports: unknown;
    try {
      exports = this.hostRequire(id);
    } catch (err) {
      if ((err as { code?: string }).code === 'MODULE_NOT_FOUND') return undefined;
      throw err;
    }
    return this.adapt(id, exports);
  }

  /** `exports` of the package `id`, its client classes routed to the simulator (other packages as they are). */
  public adapt(id: string, exports: unknown): unknown {
    if (!CLIENT_PACKAGE.test(id) || typeof exports !== 'object' || exports === null) return exports;
    const known = this.adapted.get(exports);
    if (known) return known;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(exports)) {
      const value = (exports as Record<string, unknown>)[key];
      out[key] = isClientClass(value) ? this.routed(value) : value;
    }
    this.adapted.set(exports, out);
    return out;
  }

  private routed(Base: new (...args: any[]) => object): unknown {
    const config = this.config;
    const Routed = class extends Base {
      constructor(...args: any[]) {
        const [userConfig, ...rest] = args;
        // Region, credentials and the request handler are the execution environment's. An endpoint the code sets
        // itself is kept (the @connections endpoint names the API and stage); the request handler answers any host.
        const own = config();
        const endpoint = userConfig?.endpoint ?? own.endpoint;
        super({ ...(userConfig ?? {}), ...own, endpoint }, ...rest);
      }
    };
    Object.defineProperty(Routed, 'name', { value: Base.name });
    return Routed;
  }
}

/** An SDK v3 client class (`SQSClient` or an aggregated `SQS`): it sends commands and can be destroyed. */
function isClientClass(value: unknown): value is new (...args: any[]) => object {
  if (typeof value !== 'function') return false;
  const proto = (value as { prototype?: Record<string, unknown> }).prototype;
  return proto !== undefined && typeof proto.send === 'function' && typeof proto.destroy === 'function';
}
