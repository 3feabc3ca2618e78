/**
 * A function's own CommonJS module scope: its modules are compiled and cached here, not in Node's (or jest's)
 * registry, so two functions loading the same file get two module instances, the test's modules are never shared
 * with the function, and dropping the scope drops every module the function loaded (a new execution environment).
 *
 * Why modules are compiled with an indirect `eval` of the CommonJS wrapper rather than `vm`: the wrapper then runs in
 * the realm that loaded the simulator (jest's test context inside jest), so the function's errors are `instanceof
 * Error` for the test, and its Promises and timers are the test's own. The `//# sourceURL` comment keeps file names
 * and line numbers right in stack traces.
 *
 * Resolution is Node's own (`createRequire(parent).resolve`), confined to the function's code directory as a
 * deployment package is: a bare specifier found only above it (the project's node_modules) is not found, as in AWS.
 * Node's built-in modules come from the host. The AWS SDK v3 (`@aws-sdk/*`, `@smithy/*`) comes from the function's
 * own copy when it ships one, otherwise from the runtime (`provided`), as the Lambda Node.js runtime provides it.
 */
import * as fs from 'fs';
import { builtinModules, createRequire } from 'module';
import * as path from 'path';

/** A module of the scope, as `module` inside it. */
interface ScopeModule {
  readonly id: string;
  readonly filename: string;
  exports: any;
  loaded: boolean;
  readonly children: ScopeModule[];
  readonly parent?: ScopeModule;
  readonly path: string;
  require?: (id: string) => unknown;
}

export interface ModuleScopeOptions {
  /** The real directory the code lives in, or undefined for inline code (only built-ins and the SDK resolve). */
  readonly root?: string;
  /** The directory the code appears in (`/var/task` for inline code). */
  readonly taskRoot: string;
  /** Globals the function's code sees instead of the test's (`process`, `console`, `Date`), by name. */
  readonly globals: Readonly<Record<string, unknown>>;
  /** A module the runtime provides (the AWS SDK), or undefined when it provides none by that id. */
  provided(id: string): unknown;
  /** Lets the runtime adapt a module the function ships itself (its own copy of an SDK client). */
  adapt(id: string, exports: unknown): unknown;
}

const BUILTINS = new Set(builtinModules);
const RUNTIME_PROVIDED = /^(@aws-sdk|@smithy)\//;

export class ModuleScope {
  private readonly cache = new Map<string, ScopeModule>();
  private readonly hostRequire = createRequire(__filename);

  constructor(private readonly options: ModuleScopeOptions) {}

  /** Loads `filename` (under the root) as the scope's entry module and returns its exports. */
  public loadFile(filename: string): unknown {
    return this.load(filename, undefined, () => fs.readFileSync(filename, 'utf8'));
  }

  /** Runs inline source as the module `filename` (`/var/task/index.js`) and returns its exports. */
  public loadSource(filename: string, source: string): unknown {
    return this.load(filename, undefined, () => source);
  }

  private load(filename: string, parent: ScopeModule | undefined, read: () => string): unknown {
    const cached = this.cache.get(filename);
    if (cached) return cached.exports;
    const module: ScopeModule = { id: filename, filename, exports: {}, loaded: false, children: [], parent, path: path.dirname(filename) };
    this.cache.set(filename, module);
    parent?.children.push(module);
    try {
      if (filename.endsWith('.json')) {
        module.exports = JSON.parse(read());
      } else if (filename.endsWith('.node')) {
        module.exports = this.hostRequire(filename);
      } else {
        this.compile(module, read());
      }
    } catch (err) {
      this.cache.delete(filename);
      throw err;
    }
    module.loaded = true;
    return module.exports;
  }

  private compile(module: ScopeModule, source: string): void {
    const require = this.requireFor(module);
    module.require = require;
    const body = source.startsWith('#!') ? '//' + source : source;
    // The wrapper sits on the first line so line numbers match the file.
    const names = Object.keys(this.options.globals);
    const wrapper = `(function (exports, require, module, __filename, __dirname, ${names.join(', ')}) {${body}\n})\n//# sourceURL=${module.filename}`;
    // eslint-disable-next-line no-eval
    const fn = (0, eval)(wrapper) as (...args: unknown[]) => void;
    fn.call(module.exports, module.exports, require, module, module.filename, module.path, ...names.map(n => this.options.globals[n]));
  }

  private requireFor(module: ScopeModule): ((id: string) => unknown) & { cache: object; resolve(id: string): string } {
    const require = (id: string) => this.require(id, module);
    return Object.assign(require, {
      resolve: (id: string) => (BUILTINS.has(id.replace(/^node:/, '')) ? id : this.resolveInRoot(id, module) ?? notFound(id, module)),
      cache: Object.create(null),
      main: undefined,
    });
  }

  private require(id: string, parent: ScopeModule): unknown {
    if (typeof id !== 'string' || id === '') throw new TypeError(`The "id" argument must be a non-empty string. Received ${String(id)}`);
    const bare = id.replace(/^node:/, '');
    if (BUILTINS.has(bare) || id.startsWith('node:')) return this.hostRequire(id);
    const own = this.resolveInRoot(id, parent);
    if (own !== undefined) {
      const exports = this.load(own, parent, () => fs.readFileSync(own, 'utf8'));
      return RUNTIME_PROVIDED.test(id) ? this.options.adapt(id, exports) : exports;
    }
    if (RUNTIME_PROVIDED.test(id)) {
      const provided = this.options.provided(id);
      if (provided !== undefined) return provided;
    }
    return notFound(id, parent);
  }

  /** The file `id` resolves to from `parent`, when it is inside the code root. */
  private resolveInRoot(id: string, parent: ScopeModule): string | undefined {
    const root = this.options.root;
    if (root === undefined) return undefined;
    let resolved: string;
    try {
      resolved = createRequire(parent.filename).resolve(id);
    } catch {
      return undefined;
    }
    const relative = path.relative(root, resolved);
    return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : resolved;
  }
}

/** Node's MODULE_NOT_FOUND error, with the require stack. */
function notFound(id: string, parent: ScopeModule): never {
  const stack: string[] = [];
  for (let m: ScopeModule | undefined = parent; m; m = m.parent) stack.push(`- ${m.filename}`);
  const err = new Error(`Cannot find module '${id}'\nRequire stack:\n${stack.join('\n')}`) as Error & { code: string; requireStack: string[] };
  err.code = 'MODULE_NOT_FOUND';
  err.requireStack = stack.map(s => s.slice(2));
  throw err;
}
