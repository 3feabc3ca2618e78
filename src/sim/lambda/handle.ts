/**
 * `sim.lambda(ref)`: register the function's handler, invoke it with the SDK v3 InvokeCommand shapes, and read what
 * every invocation was called with and returned or threw.
 */
import { PayloadBlob, payloadText } from './blob';
import { HandlerOptions, InvocationRecord, LambdaHandlerFn, SimFunction } from './function';
import { AwsError } from '../kernel';

/** SDK v3 `InvokeCommandInput` (FunctionName is filled in by the handle). */
export interface InvokeInput {
  readonly FunctionName?: string;
  readonly InvocationType?: 'RequestResponse' | 'Event' | 'DryRun' | string;
  readonly Payload?: Uint8Array | string;
  readonly Qualifier?: string;
  readonly LogType?: 'None' | 'Tail' | string;
  readonly ClientContext?: string;
}

/** SDK v3 `InvokeCommandOutput`. */
export interface InvokeOutput {
  readonly StatusCode: number;
  readonly FunctionError?: string;
  readonly LogResult?: string;
  readonly Payload?: PayloadBlob;
  readonly ExecutedVersion?: string;
  readonly $metadata: { readonly httpStatusCode: number; readonly requestId?: string };
}

/** What the service does for a handle (kept narrow so the handle is easy to read). */
export interface LambdaInvoker {
  invoke(fn: SimFunction, input: InvokeInput): Promise<InvokeOutput>;
}

export class LambdaHandle {
  constructor(private readonly fn: SimFunction, private readonly invoker: LambdaInvoker) {}

  public get logicalId(): string {
    return this.fn.logicalId;
  }

  public get functionName(): string {
    return this.fn.name;
  }

  public get functionArn(): string {
    return this.fn.arn;
  }

  /** The function's resolved `Environment.Variables` (pass them to your handler's configuration as you need). */
  public get environment(): Readonly<Record<string, string>> {
    return this.fn.config.environment;
  }

  public get timeoutSeconds(): number {
    return this.fn.config.timeoutSeconds;
  }

  /** True for deployment-time functions (custom-resource providers), which the simulator does not run. */
  public get infrastructure(): boolean {
    return this.fn.config.infrastructure !== undefined;
  }

  /** Every invocation so far, oldest first. */
  public get invocations(): readonly InvocationRecord[] {
    return this.fn.invocations;
  }

  /** The number of invocations currently holding a concurrency slot (only non-zero with handler durations). */
  public get concurrentExecutions(): number {
    return this.fn.concurrentExecutions;
  }

  /**
   * Registers the function's handler `(event, context) => result | Promise<result>` (a three-parameter handler gets
   * the legacy callback). Replaces any earlier handler. Returns the handle.
   */
  public handle(handler: LambdaHandlerFn, options: HandlerOptions = {}): this {
    if (typeof handler !== 'function') throw new TypeError(`sim.lambda('${this.fn.logicalId}').handle(fn): fn must be a function`);
    if (this.fn.config.infrastructure) {
      throw new Error(`sim.lambda('${this.fn.logicalId}').handle(fn): this function is deployment infrastructure (${this.fn.config.infrastructure}); the simulator applies its effect itself`);
    }
    this.fn.handler = handler;
    this.fn.options = options;
    return this;
  }

  /** True when invocations run the function's own code (no handler registered, and the simulator can run the code). */
  public get runsCode(): boolean {
    return this.fn.handler === undefined && this.fn.code !== undefined;
  }

  /**
   * Gives every invocation a virtual duration without replacing the function's code (its own code runs in zero
   * virtual time): the invocation holds its concurrency slot and its outcome applies when the duration has passed; a
   * duration past the Timeout times out. Same as the `durationMs` option of `handle`. Returns the handle.
   */
  public withDuration(durationMs: HandlerOptions['durationMs']): this {
    this.fn.options = { ...this.fn.options, durationMs };
    return this;
  }

  /**
   * Drops the warm execution environment of the function's own code: the next invocation is a cold start (its
   * module top-level code runs again), as when Lambda replaces an environment. A registered handler is kept.
   */
  public reset(): this {
    this.fn.code?.reset();
    return this;
  }

  /** InvokeCommand: RequestResponse (default) runs the handler now, Event queues it, DryRun checks permission. */
  public async invoke(input: InvokeInput = {}): Promise<InvokeOutput> {
    return this.invoker.invoke(this.fn, input);
  }

  /** Convenience: invokes synchronously with `event` as JSON and returns the parsed result; throws the function's error. */
  public async invokeJson<T = unknown>(event: unknown = {}): Promise<T> {
    const out = await this.invoke({ Payload: JSON.stringify(event) });
    const text = payloadText(out.Payload) ?? 'null';
    const body = JSON.parse(text);
    if (out.FunctionError) {
      throw new AwsError(body?.errorType ?? 'Error', body?.errorMessage ?? text);
    }
    return body as T;
  }
}
