/**
 * JSONata in Step Functions: a string field written `{% expression %}` is evaluated with `$states` (`input`,
 * `result`, `errorOutput`, `context`) and the workflow variables bound, plus AWS's own functions (functions.ts).
 * Object and array fields are templates: each `{% %}` string inside is evaluated in place. The `jsonata` library is
 * loaded on the first evaluation (a template without JSONata never loads it).
 */
import type { Expression } from 'jsonata';
import { stepFunctionsJsonataFunctions } from './functions';
import { StatesError, STATES_ERRORS } from '../errors';
import type { IntrinsicContext } from '../intrinsics/types';
import type { Json } from '../paths/jsonpath';

/** `$states` as a JSONata expression sees it. */
export interface StatesBinding {
  readonly input: Json;
  readonly context: Json;
  readonly result?: Json;
  readonly errorOutput?: Json;
}

export interface JsonataScope {
  readonly states: StatesBinding;
  /** Every variable visible to the state, innermost scope winning. */
  readonly variables: Readonly<Record<string, Json>>;
}

/** True for a string written as one JSONata expression. */
export function isJsonataExpression(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('{%') && value.endsWith('%}') && value.length >= 4;
}

type Compile = (body: string) => Expression;

/** Compiled expressions of one state machine (a definition holds a bounded set of them). */
export class JsonataEngine {
  private readonly compiled = new Map<string, Expression>();
  private jsonata?: Compile;

  constructor(private readonly cx: IntrinsicContext) {}

  /** Compiles `{% body %}`; throws a StatesError (QueryEvaluationError) when the body is not valid JSONata. */
  public compile(expression: string): Expression {
    let e = this.compiled.get(expression);
    if (e) return e;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.jsonata ??= require('jsonata') as Compile;
    const body = expression.slice(2, -2);
    try {
      e = this.jsonata(body);
    } catch (err) {
      throw new StatesError(STATES_ERRORS.QueryEvaluationError, `The JSONata expression '${body.trim()}' is not valid: ${messageOf(err)}`);
    }
    for (const f of stepFunctionsJsonataFunctions(this.cx)) e.registerFunction(f.name, f.fn, f.signature);
    this.compiled.set(expression, e);
    return e;
  }

  /** Evaluates one `{% %}` expression. `field` names the field in errors. */
  public async evaluate(expression: string, scope: JsonataScope, field: string): Promise<Json | undefined> {
    const e = this.compile(expression);
    const bindings: Record<string, unknown> = { ...scope.variables, states: scope.states };
    try {
      const value = await e.evaluate(undefined, bindings);
      return normalise(value);
    } catch (err) {
      if (err instanceof StatesError) throw err;
      throw new StatesError(STATES_ERRORS.QueryEvaluationError,
        `An error occurred while evaluating the JSONata expression '${expression.slice(2, -2).trim()}' of the field '${field}': ${messageOf(err)}`);
    }
  }

  /**
   * Evaluates a template: a `{% %}` string, or an object or array whose `{% %}` strings are evaluated in place; other
   * values are literals. A member whose expression gives no value (JSONata's undefined) is left out.
   */
  public async template(value: unknown, scope: JsonataScope, field: string): Promise<Json | undefined> {
    if (isJsonataExpression(value)) return this.evaluate(value, scope, field);
    if (Array.isArray(value)) {
      const out: Json[] = [];
      for (const [i, v] of value.entries()) {
        const r = await this.template(v, scope, `${field}[${i}]`);
        if (r !== undefined) out.push(r);
      }
      return out;
    }
    if (value !== null && typeof value === 'object') {
      const out: Record<string, Json> = {};
      for (const [k, v] of Object.entries(value)) {
        const r = await this.template(v, scope, `${field}.${k}`);
        if (r !== undefined) out[k] = r;
      }
      return out;
    }
    return value as Json;
  }

  /** As `template`, but a result with no value fails with States.QueryEvaluationError. */
  public async requiredTemplate(value: unknown, scope: JsonataScope, field: string): Promise<Json> {
    const r = await this.template(value, scope, field);
    if (r === undefined) throw new StatesError(STATES_ERRORS.QueryEvaluationError, `The JSONata expression of the field '${field}' returned no value`);
    return r;
  }
}

/** JSONata sequences carry a `sequence` flag and functions may appear: keep plain JSON only. */
function normalise(value: unknown): Json | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'function') return undefined;
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new StatesError(STATES_ERRORS.QueryEvaluationError, `The JSONata expression returned ${value}, which is not a JSON number`);
  }
  if (Array.isArray(value)) return value.map(v => normalise(v) ?? null);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) {
      const n = normalise(v);
      if (n !== undefined) out[k] = n;
    }
    return out;
  }
  return value as Json;
}

function messageOf(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err) return String((err as { message: unknown }).message);
  return String(err);
}
