/**
 * Mapping templates (Velocity Template Language) rendered with velocityjs, loaded on first use, each template parsed
 * once. velocityjs follows Apache Velocity; API Gateway's templates differ where noted, and are corrected here:
 * - an undefined reference renders as an empty string (API Gateway), not as its own text `$foo` (Apache Velocity);
 * - JSON values and String methods behave as in Java (java.ts), `$util` as in Java (util.ts).
 * Known gap: Velocity's integer arithmetic (`5 / 2` is 2 in Java) follows JavaScript (2.5).
 */
import type * as Velocity from 'velocityjs';
import { JAVA_METHOD_HANDLERS, javaValue } from './java';
import { jsonPath } from './jsonpath';
import { utilVariable } from './util';

/** What `$input` reads. */
export interface TemplateInput {
  readonly body: string;
  /** `path`, `querystring` and `header` parameter maps (last value of each). */
  readonly params: {
    readonly path: Readonly<Record<string, string>>;
    readonly querystring: Readonly<Record<string, string>>;
    readonly header: Readonly<Record<string, string>>;
  };
}

export interface TemplateVariables {
  readonly input?: TemplateInput;
  readonly context: object;
  readonly stageVariables?: Readonly<Record<string, string>>;
}

export class TemplateError extends Error {}

/** Parses and renders templates; one per service (its cache of compiled templates). */
export class VtlEngine {
  private velocity?: typeof Velocity;
  private readonly compiled = new Map<string, Velocity.Compile>();

  public render(template: string, vars: TemplateVariables): string {
    const compile = this.compile(template);
    const context: Record<string, unknown> = {
      context: vars.context,
      stageVariables: vars.stageVariables ?? {},
      util: utilVariable(),
    };
    if (vars.input) context.input = inputVariable(vars.input);
    try {
      return compile.render(context);
    } catch (e) {
      throw new TemplateError(`Unable to transform request: ${(e as Error).message}`);
    }
  }

  private compile(template: string): Velocity.Compile {
    let c = this.compiled.get(template);
    if (c) return c;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.velocity ??= require('velocityjs') as typeof Velocity;
    let ast;
    try {
      ast = this.velocity.parse(template);
    } catch (e) {
      throw new TemplateError(`Invalid mapping expression specified: ${(e as Error).message.split('\n')[0]}`);
    }
    silenceReferences(ast);
    c = new this.velocity.Compile(ast, { escape: false, customMethodHandlers: JAVA_METHOD_HANDLERS });
    this.compiled.set(template, c);
    return c;
  }
}

/** Marks every reference quiet (`$!foo`): API Gateway renders an undefined reference as nothing. */
function silenceReferences(node: unknown): void {
  if (Array.isArray(node)) {
    for (const n of node) silenceReferences(n);
  } else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'references' && o.leader === '$') o.leader = '$!';
    for (const v of Object.values(o)) if (v && typeof v === 'object') silenceReferences(v);
  }
}

function inputVariable(input: TemplateInput): Record<string, unknown> {
  let parsed: unknown;
  let parsedOnce = false;
  const doc = () => {
    if (!parsedOnce) {
      parsedOnce = true;
      try {
        parsed = input.body === '' ? {} : JSON.parse(input.body);
      } catch {
        throw new TemplateError('Unable to parse the body as JSON');
      }
    }
    return parsed;
  };
  const lowerHeaders = new Map(Object.entries(input.params.header).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    body: input.body,
    json: (path: string) => JSON.stringify(jsonPath(doc(), String(path)) ?? null),
    path: (path: string) => {
      const v = jsonPath(doc(), String(path));
      return v && typeof v === 'object' ? javaValue(structuredClone(v)) : v;
    },
    params: (name?: string) => {
      if (name === undefined) {
        return javaValue({ path: { ...input.params.path }, querystring: { ...input.params.querystring }, header: { ...input.params.header } });
      }
      const key = String(name);
      return input.params.path[key] ?? input.params.querystring[key] ?? lowerHeaders.get(key.toLowerCase()) ?? '';
    },
  };
}
