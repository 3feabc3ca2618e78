/**
 * One warm Node.js execution environment of a function: its module scope (module-scope.ts), loaded on the first
 * invocation (the init phase: top-level code runs once), then reused by every invocation until `reset()` (or a
 * failed init, a timeout, `process.exit`) drops it, as Lambda replaces an environment.
 *
 * `process.env`: the function's code gets its own `process` view whose `env` is the template's resolved Environment
 * plus Lambda's reserved variables (the runtime's values win, as Lambda refuses to let a function set them). The
 * test's `process.env` is never touched, so functions and the test running interleaved cannot see each other's
 * variables, and module top-level code reads the function's values. Code that reaches the real process through
 * `globalThis.process` sees the test's.
 *
 * `Date`: `new Date()` and `Date.now()` tell virtual time (the clock's), so what the code stamps follows the simulation.
 *
 * `console`: each call is one `log` trace event of the function (as the Node.js runtime writes one CloudWatch Logs
 * event per call), with the request id of the invocation running in this environment and the level (INFO for
 * log/info, WARN, ERROR, DEBUG, TRACE). While two invocations run at once in the one shared environment (Lambda would
 * give each its own), a line is attributed to the later one. AsyncLocalStorage would tell them apart, but it turns
 * async hooks on for the whole process: measured, every later simulation in the test process ran about 7x slower
 * (the API Gateway bench after one function-code invocation: 24,000 -> 3,300 requests/s).
 */
import * as fs from 'fs';
import * as path from 'path';
import { format } from 'util';
import { callHandler } from '../call-handler';
import { FunctionCode } from './locate';
import { ModuleScope } from './module-scope';
import {
  callbackHandlerDeprecated, exitError, handlerNotFound, importModuleError, malformedHandlerName, runtimeError, userCodeSyntaxError,
} from './runtime-errors';
import { SdkProvider } from './sdk';
import type { LambdaContext } from '../context';

/** The directory Lambda extracts the deployment package to (what inline code's file names show). */
export const TASK_ROOT = '/var/task';

export interface NodeEnvironmentSettings {
  readonly code: FunctionCode;
  /** The function's complete environment (template variables and reserved ones). */
  readonly env: Record<string, string>;
  /** The SDK client configuration of the execution role. */
  readonly sdkConfig: () => Record<string, unknown>;
  /** Virtual time (epoch ms): what the code's `Date` tells. */
  readonly now: () => number;
  /** Records one console call. */
  readonly log: (requestId: string | undefined, level: string, message: string) => void;
}

/** The handler as the runtime calls it. */
type Handler = (event: unknown, context: LambdaContext, callback?: (error?: unknown, result?: unknown) => void) => unknown;

/** Why a Node.js handler cannot run in the simulator (checked at load), or undefined when it can. */
export function nodeUnsupportedReason(code: FunctionCode): string | undefined {
  if (code.location.kind !== 'directory' || code.handler === undefined) return undefined;
  const file = handlerFile(code.location.dir, parseHandler(code.handler)?.module ?? '');
  if (file && isEsm(file)) return `the handler module ${path.basename(file)} is an ES module: ES module handlers are not run by the simulator (CommonJS only)`;
  return undefined;
}

export class NodeEnvironment {
  private handler?: Handler;
  /** Request ids of the invocations running in this environment, oldest first. */
  private readonly running: string[] = [];

  constructor(private readonly settings: NodeEnvironmentSettings) {}

  /** True once the init phase has run (the environment is warm). */
  public get warm(): boolean {
    return this.handler !== undefined;
  }

  /** Drops the loaded modules: the next invocation starts a new environment (init runs again). */
  public reset(): void {
    this.handler = undefined;
  }

  /**
   * Runs the init phase when the environment is cold, then the handler. Rejects with the function's error (thrown,
   * passed to the callback, or a runtime error for code that cannot be loaded or called). `timeoutMs` bounds the
   * invocation in real time: a handler still pending then fails with the runtime's timeout error and the environment
   * is dropped.
   */
  public async invoke(event: unknown, context: LambdaContext, timeoutMs: number, timeoutMessage: string): Promise<unknown> {
    const handler = this.handler ?? this.init();
    const requestId = context.awsRequestId;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.reset();
        reject(runtimeError('Sandbox.Timedout', timeoutMessage));
      }, timeoutMs);
      (timer as { unref?: () => void }).unref?.();
    });
    try {
      this.running.push(requestId);
      return await Promise.race([callHandler(handler, event, context), timedOut]);
    } catch (err) {
      if ((err as Error)?.name === 'Runtime.ExitError') this.reset();
      throw err;
    } finally {
      clearTimeout(timer);
      this.running.splice(this.running.indexOf(requestId), 1);
    }
  }

  private init(): Handler {
    const { code } = this.settings;
    const parsed = parseHandler(code.handler ?? '');
    if (!parsed) throw malformedHandlerName(code.handler ?? '');
    const scope = new ModuleScope({
      root: code.location.kind === 'directory' ? code.location.dir : undefined,
      taskRoot: TASK_ROOT,
      globals: { process: this.processView(), console: this.console(), Date: virtualDate(this.settings.now) },
      ...sdkHooks(new SdkProvider(this.settings.sdkConfig)),
    });
    let entry: unknown;
    try {
      if (code.location.kind === 'inline') {
        if (parsed.module !== 'index') throw importModuleError(`Cannot find module '${parsed.module}'`);
        entry = scope.loadSource(`${TASK_ROOT}/index.js`, code.location.source);
      } else if (code.location.kind === 'directory') {
        const file = handlerFile(code.location.dir, parsed.module);
        if (!file) throw importModuleError(`Cannot find module '${parsed.module}'`);
        if (isEsm(file)) throw runtimeError('Simulator.EsModuleNotSupported', `${path.basename(file)} is an ES module; the simulator runs CommonJS handlers only`);
        entry = scope.loadFile(file);
      } else {
        throw runtimeError('Simulator.CodeNotAvailable', code.location.reason);
      }
    } catch (err) {
      throw initError(err);
    }
    let fn: unknown = entry;
    for (const key of parsed.exportPath) fn = fn === undefined || fn === null ? undefined : (fn as Record<string, unknown>)[key];
    if (typeof fn !== 'function') throw handlerNotFound(code.handler!);
    if ((fn as Handler).length >= 3 && nodeMajor(code.runtime) >= 24) throw callbackHandlerDeprecated();
    this.handler = fn as Handler;
    return this.handler;
  }

  private processView(): unknown {
    const env = this.settings.env;
    const currentRequestId = () => this.currentRequestId();
    return new Proxy(process, {
      get(target, key) {
        if (key === 'env') return env;
        if (key === 'exit') {
          return (exitCode?: number) => {
            throw exitError(currentRequestId() ?? '', exitCode ?? 0);
          };
        }
        const value = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  private currentRequestId(): string | undefined {
    return this.running[this.running.length - 1];
  }

  private console(): Console {
    const { log } = this.settings;
    const write = (level: string) => (...args: unknown[]) => log(this.currentRequestId(), level, format(...args));
    const own = Object.create(console) as Console;
    Object.assign(own, {
      log: write('INFO'), info: write('INFO'), warn: write('WARN'), error: write('ERROR'), debug: write('DEBUG'), trace: write('TRACE'),
    });
    return own;
  }
}

/**
 * The function's `Date`: `new Date()` and `Date.now()` tell virtual time, so timestamps the code writes follow the
 * simulation (and repeat run to run). Everything else is the realm's Date; `Date()` called without `new` (a string
 * of the real time) is not covered.
 */
function virtualDate(now: () => number): DateConstructor {
  class SimDate extends Date {
    public static now(): number {
      return now();
    }

    constructor(...args: unknown[]) {
      if (args.length === 0) super(now());
      else super(...(args as [string | number | Date]));
    }
  }
  return SimDate as unknown as DateConstructor;
}

function sdkHooks(sdk: SdkProvider): { provided(id: string): unknown; adapt(id: string, exports: unknown): unknown } {
  return { provided: id => sdk.provided(id), adapt: (id, exports) => sdk.adapt(id, exports) };
}

/** `src/app.handler` -> module `src/app`, export path [handler]; `index.a.b` -> module index, path [a, b]. */
function parseHandler(handler: string): { module: string; exportPath: string[] } | undefined {
  const slash = handler.lastIndexOf('/');
  const base = handler.slice(slash + 1);
  const dot = base.indexOf('.');
  if (dot <= 0 || dot === base.length - 1) return undefined;
  return { module: handler.slice(0, slash + 1) + base.slice(0, dot), exportPath: base.slice(dot + 1).split('.') };
}

/** The file the Node.js runtime loads for `module`: `.js`, then `.mjs`, then `.cjs`. */
function handlerFile(dir: string, module: string): string | undefined {
  for (const ext of ['.js', '.mjs', '.cjs']) {
    const file = path.join(dir, module + ext);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

/** `.mjs`, or `.js` under a package.json with `"type": "module"`. */
function isEsm(file: string): boolean {
  if (file.endsWith('.mjs')) return true;
  if (file.endsWith('.cjs')) return false;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        return JSON.parse(fs.readFileSync(pkg, 'utf8')).type === 'module';
      } catch {
        return false;
      }
    }
    if (path.dirname(dir) === dir) return false;
  }
}

/** The runtime's error for a failed init: a parse error, a missing module, or what the top-level code threw. */
function initError(err: unknown): unknown {
  const e = err as { name?: string; code?: string; message?: string };
  if (e?.name?.startsWith('Runtime.') || e?.name?.startsWith('Simulator.')) return err;
  if (e?.name === 'SyntaxError') return userCodeSyntaxError(err as Error);
  if (e?.code === 'MODULE_NOT_FOUND') return importModuleError(err);
  return err;
}

function nodeMajor(runtime: string | undefined): number {
  const m = /^nodejs(\d+)/.exec(runtime ?? '');
  return m ? Number(m[1]) : 0;
}

