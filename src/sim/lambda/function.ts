/**
 * One AWS::Lambda::Function: its configuration, the handler the test registered or its own code (code/), its resource
 * policy, its concurrency, and the record of every invocation. A registered handler takes precedence over the code.
 *
 * The function's own code runs like a registered handler in zero virtual time (`withDuration` gives it one); it may
 * wait for real I/O meanwhile (a Python child process), and a handler still pending after its Timeout in real time
 * fails with the runtime's timeout error and lasts the Timeout.
 *
 * Time model: a handler runs in zero virtual time (the clock cannot move while a task runs). A test that needs
 * invocations to take time registers the handler with `{ durationMs }`: the handler still runs at the start, but the
 * invocation holds a concurrency slot until start + duration and its outcome (deleting an SQS batch, scheduling an
 * async retry) is applied then. A duration longer than the function Timeout makes the invocation time out, as in
 * AWS. A handler whose promise never settles cannot be detected in zero virtual time: it hangs the run, so give
 * such handlers a duration instead.
 */
import { callHandler } from './call-handler';
import type { CodeRunner } from './code';
import { lambdaContext, LambdaContext, logStreamName } from './context';
import {
  errorPayloadOf,
  FunctionErrorPayload,
  handlerNotRegisteredPayload,
  infrastructurePayload,
  MAX_RESPONSE_BYTES,
  responseTooLargePayload,
  timeoutPayload,
} from './errors';
import { CallerIdentity, SimContext } from '../runtime';

/** A Node.js-style handler: returns the result (or a promise of it), or calls `callback` when it takes three parameters. */
export type LambdaHandlerFn = (event: any, context: LambdaContext, callback: (error?: unknown, result?: unknown) => void) => unknown;

export interface HandlerOptions {
  /**
   * Virtual duration of each invocation in milliseconds (or a function of the event). The outcome is applied when
   * the duration has passed, and the invocation holds a concurrency slot meanwhile; longer than the function
   * Timeout means the invocation times out. @default 0
   */
  readonly durationMs?: number | ((event: any) => number);
}

/** How an invocation reached the function. */
export type InvocationSource = 'invoke' | 'async' | 'sqs' | 'dynamodb';

/** One invocation as `sim.lambda(ref).invocations` lists it. */
export interface InvocationRecord {
  readonly requestId: string;
  /** Virtual epoch ms at which the handler ran. */
  readonly time: number;
  readonly source: InvocationSource;
  readonly event: unknown;
  /** The JSON result (what Lambda returned to the caller), when the invocation succeeded. */
  readonly result?: unknown;
  /** The error payload, when it failed (thrown error, timeout, missing handler). */
  readonly error?: FunctionErrorPayload;
  /** Virtual ms from the start to the end of the invocation (time that passed while it ran, plus its duration). */
  readonly durationMs: number;
  /** For asynchronous invocations: 1 for the first attempt, 2 and 3 for retries. */
  readonly attempt?: number;
  /** The principal that invoked it asynchronously (e.g. `sns.amazonaws.com`), or the event source mapping's logical id. */
  readonly invokedBy?: string;
}

export interface ExecutionResult {
  readonly requestId: string;
  readonly ok: boolean;
  /** The JSON-serialized response: the result, or the error payload. */
  readonly payload: string;
  /** The result after JSON round trip (undefined results become null), when ok. */
  readonly result?: unknown;
  readonly error?: FunctionErrorPayload;
  /** Virtual ms the invocation lasts from the time it returns (its duration, capped at the timeout). */
  readonly durationMs: number;
  /** The log lines the function's own code wrote during the invocation (none for registered handlers). */
  readonly logs?: readonly string[];
}

export interface FunctionConfig {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly reservedConcurrency?: number;
  readonly deadLetterTargetArn?: string;
  readonly roleArn?: string;
  readonly logGroupName: string;
  readonly environment: Readonly<Record<string, string>>;
  /** Set for deployment-time functions (custom-resource providers): the reason they are not user code. */
  readonly infrastructure?: string;
}

export interface AsyncConfig {
  maximumRetryAttempts: number;
  maximumEventAgeSeconds: number;
  onSuccess?: string;
  onFailure?: string;
}

export interface ExecuteMeta {
  readonly source: InvocationSource;
  readonly requestId?: string;
  readonly attempt?: number;
  readonly invokedBy?: string;
}

export class SimFunction {
  public handler?: LambdaHandlerFn;
  public options: HandlerOptions = {};
  /** The function's own code, when the simulator can run it (a registered handler takes precedence). */
  public code?: CodeRunner;
  /** Why the function's own code does not run (shown when it is invoked with no handler registered). */
  public codeUnavailable?: string;
  /**
   * The resource-based policy (one statement per AWS::Lambda::Permission). A new document replaces it on every change,
   * so the evaluator's per-document cache of compiled statements and decisions stays valid.
   */
  public policy: { readonly Version: '2012-10-17'; readonly Statement: readonly object[] } = { Version: '2012-10-17', Statement: [] };
  public readonly asyncConfig: AsyncConfig = { maximumRetryAttempts: 2, maximumEventAgeSeconds: 21600 };
  public readonly invocations: InvocationRecord[] = [];
  /** Cumulative CloudWatch counters. */
  public readonly counters: Record<'Invocations' | 'Errors' | 'Throttles', number> = { Invocations: 0, Errors: 0, Throttles: 0 };
  private inFlight = 0;
  private readonly slotListeners: Array<() => void> = [];
  private readonly metricListeners: Array<() => void> = [];
  private streamName?: string;
  private role?: CallerIdentity;

  constructor(private readonly ctx: SimContext, public readonly config: FunctionConfig) {}

  public get logicalId(): string {
    return this.config.logicalId;
  }

  public get name(): string {
    return this.config.name;
  }

  public get arn(): string {
    return this.config.arn;
  }

  public get concurrentExecutions(): number {
    return this.inFlight;
  }

  /** Takes a concurrency slot; false when ReservedConcurrentExecutions is reached (the invocation is throttled). */
  public tryAcquire(): boolean {
    const limit = this.config.reservedConcurrency;
    if (limit !== undefined && this.inFlight >= limit) return false;
    this.inFlight++;
    return true;
  }

  public release(): void {
    this.inFlight--;
    for (const listener of this.slotListeners) listener();
  }

  /** Called whenever a concurrency slot frees (event source mappings and the async queue wait on it). */
  public onSlotFree(listener: () => void): void {
    this.slotListeners.push(listener);
  }

  /** Called whenever a counter changes (alarms on AWS/Lambda metrics). Returns an unsubscribe. */
  public onMetricChange(listener: () => void): () => void {
    this.metricListeners.push(listener);
    return () => {
      const i = this.metricListeners.indexOf(listener);
      if (i >= 0) this.metricListeners.splice(i, 1);
    };
  }

  private count(counter: 'Invocations' | 'Errors' | 'Throttles'): void {
    this.counters[counter]++;
    for (const listener of this.metricListeners) listener();
  }

  public throttled(source: InvocationSource, detail: Record<string, unknown> = {}): void {
    this.count('Throttles');
    this.ctx.trace.record('lambda', this.logicalId, 'throttled', { source, reservedConcurrency: this.config.reservedConcurrency, ...detail });
  }

  /** Runs the handler once (the caller holds a concurrency slot when the source is async or an event source mapping). */
  public async execute(event: unknown, meta: ExecuteMeta): Promise<ExecutionResult> {
    const { ctx, config } = this;
    const requestId = meta.requestId ?? ctx.ids.uuid();
    const start = ctx.clock.now();
    const timeoutMs = config.timeoutSeconds * 1000;
    this.count('Invocations');
    ctx.trace.record('lambda', config.logicalId, 'invoked', { requestId, source: meta.source, ...(meta.attempt ? { attempt: meta.attempt } : {}) });

    let ok = false;
    let result: unknown;
    let error: FunctionErrorPayload | undefined;
    const handler = this.handler;
    const code = handler ? undefined : this.code;
    if (config.infrastructure) {
      error = infrastructurePayload(config.logicalId, config.name, config.infrastructure);
    } else if (!handler && !code) {
      error = handlerNotRegisteredPayload(config.logicalId, config.name, this.codeUnavailable);
      ctx.reportProblem(config.logicalId, error.errorMessage);
    } else {
      const context = lambdaContext({
        functionName: config.name,
        invokedFunctionArn: config.arn,
        memoryMb: config.memoryMb,
        requestId,
        logGroupName: config.logGroupName,
        logStreamName: this.streamName ??= logStreamName(start, ctx.ids.hex(32)),
        deadline: start + timeoutMs,
        now: () => ctx.clock.now(),
      });
      try {
        result = await (code ? this.runCode(code, event, context) : callHandler(handler!, event, context));
        ok = true;
      } catch (e) {
        error = errorPayloadOf(e);
      }
    }

    // Virtual time that passed while the handler ran (code invoked from the test that awaited a long poll), plus the
    // duration still to come; code still running at its Timeout in real time (code/node-environment.ts) lasts the timeout.
    const elapsed = ctx.clock.now() - start;
    let durationMs = error?.errorType === 'Sandbox.Timedout' ? Math.max(0, timeoutMs - elapsed) : this.durationOf(event);
    let payload = '';
    if (ok && elapsed + durationMs > timeoutMs) {
      ok = false;
      error = timeoutPayload(requestId, config.timeoutSeconds);
    }
    if (elapsed + durationMs > timeoutMs) durationMs = Math.max(0, timeoutMs - elapsed);
    if (ok) {
      try {
        payload = JSON.stringify(result === undefined ? null : result) ?? 'null';
      } catch (e) {
        ok = false;
        error = { errorType: 'Runtime.SerializationError', errorMessage: errorPayloadOf(e).errorMessage };
      }
      if (ok && payload.length > MAX_RESPONSE_BYTES / 4 && Buffer.byteLength(payload) > MAX_RESPONSE_BYTES) {
        ok = false;
        error = responseTooLargePayload();
      }
    }
    const parsed = ok ? JSON.parse(payload) : undefined;
    if (!ok) {
      payload = JSON.stringify(error);
      this.count('Errors');
      ctx.trace.record('lambda', config.logicalId, 'invocation-failed', { requestId, errorType: error!.errorType, errorMessage: error!.errorMessage });
    }
    this.invocations.push({
      requestId,
      time: start,
      source: meta.source,
      event,
      ...(ok ? { result: parsed } : { error }),
      durationMs: elapsed + durationMs,
      ...(meta.attempt !== undefined ? { attempt: meta.attempt } : {}),
      ...(meta.invokedBy !== undefined ? { invokedBy: meta.invokedBy } : {}),
    });
    const logs = code?.takeLogs(requestId);
    return { requestId, ok, payload, result: parsed, error, durationMs, ...(logs ? { logs } : {}) };
  }

  /**
   * Runs the function's own code. Inside a clock task (an event source mapping's poll, a retry, a state machine's
   * task) the task holds the clock while the code runs; invoked from the test (a handle's Invoke, an API request) it
   * runs outside any task, and calls the test awaits wait for it (the clock's `outsideTasks`).
   */
  private runCode(code: CodeRunner, event: unknown, context: LambdaContext): Promise<unknown> {
    const { clock } = this.ctx;
    const running = code.invoke(event, context);
    return clock.isRunning ? running : clock.outsideTasks(running);
  }

  private durationOf(event: unknown): number {
    const d = this.options.durationMs;
    const value = typeof d === 'function' ? d(event) : d ?? 0;
    if (!Number.isFinite(value) || value < 0) {
      throw new Error(`sim.lambda('${this.logicalId}').handle(fn, { durationMs }): the duration must be a finite number of milliseconds >= 0 (got ${value})`);
    }
    return value;
  }

  /**
   * Who Lambda acts as when it polls, sends to the DLQ or a destination, or calls the SDK: the execution role (one
   * object, so policy decisions are cached for it).
   */
  public roleIdentity(): CallerIdentity {
    const { env } = this.ctx;
    return this.role ??= {
      principalType: 'AWS',
      principal: this.config.roleArn ?? `arn:${env.partition}:iam::${env.account}:root`,
      sourceArn: this.arn,
      sourceAccount: env.account,
      secureTransport: true,
    };
  }
}

