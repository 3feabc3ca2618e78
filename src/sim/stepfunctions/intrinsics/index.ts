/**
 * Intrinsic functions of JSONPath states: `States.Format('{} items', $.count)` in a `.$` field. Parsed into a call
 * tree (arguments: string, number, boolean and null literals, paths, nested calls up to the documented depth of 10)
 * and evaluated against the state's data.
 */
import { intrinsicNamed } from './registry';
import { IntrinsicContext } from './types';
import { StatesError, STATES_ERRORS } from '../errors';
import { Json, NOT_FOUND } from '../paths/jsonpath';
import { PathData, readPath } from '../paths/reference';

export type { IntrinsicContext, IntrinsicFunction } from './types';
export { INTRINSICS } from './registry';

type Arg = { readonly kind: 'literal'; readonly value: Json } | { readonly kind: 'path'; readonly path: string } | IntrinsicCall;
export interface IntrinsicCall {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly Arg[];
}

/** The guide allows up to 10 nested intrinsic functions in one field. */
export const MAX_NESTING = 10;

export class IntrinsicSyntaxError extends Error {}

/** True when a `.$` value is an intrinsic call rather than a path. */
export function isIntrinsic(text: string): boolean {
  return /^States\.[A-Za-z0-9]+\s*\(/.test(text);
}

/** Parses `States.Name(args...)`; throws IntrinsicSyntaxError for an unknown function or bad syntax. */
export function parseIntrinsic(text: string): IntrinsicCall {
  const p = new CallParser(text);
  const call = p.call(1);
  p.end();
  return call;
}

/** Evaluates a call: its arguments first (paths against `data`), then the function. */
export function evaluateIntrinsic(call: IntrinsicCall, data: PathData, cx: IntrinsicContext): Json {
  const args = call.args.map(a => {
    if (a.kind === 'literal') return a.value;
    if (a.kind === 'call') return evaluateIntrinsic(a, data, cx);
    const v = readPath(a.path, data);
    if (v === NOT_FOUND) throw new StatesError(STATES_ERRORS.Runtime, `The JsonPath argument '${a.path}' of ${call.name} could not be found in the input '${JSON.stringify(data.current)}'`);
    return v;
  });
  return intrinsicNamed(call.name).call(args, cx);
}

class CallParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  public end(): void {
    this.spaces();
    if (this.pos !== this.text.length) this.fail(`unexpected '${this.text.slice(this.pos)}' after the call`);
  }

  public call(depth: number): IntrinsicCall {
    if (depth > MAX_NESTING) this.fail(`more than ${MAX_NESTING} nested intrinsic functions`);
    this.spaces();
    const m = /^States\.[A-Za-z0-9]+/.exec(this.text.slice(this.pos));
    if (!m) this.fail('expected an intrinsic function name');
    const name = m[0];
    this.pos += name.length;
    let fn;
    try {
      fn = intrinsicNamed(name);
    } catch {
      this.fail(`unknown intrinsic function ${name}`);
    }
    this.spaces();
    this.expect('(');
    const args: Arg[] = [];
    this.spaces();
    if (this.text[this.pos] !== ')') {
      for (;;) {
        args.push(this.arg(depth));
        this.spaces();
        if (this.text[this.pos] === ',') {
          this.pos++;
          continue;
        }
        break;
      }
    }
    this.expect(')');
    if (args.length < fn.arity[0] || args.length > fn.arity[1]) {
      const want = fn.arity[0] === fn.arity[1] ? `${fn.arity[0]}` : fn.arity[1] === Infinity ? `at least ${fn.arity[0]}` : `${fn.arity[0]} to ${fn.arity[1]}`;
      this.fail(`${name} takes ${want} argument(s), got ${args.length}`);
    }
    return { kind: 'call', name, args };
  }

  private arg(depth: number): Arg {
    this.spaces();
    const rest = this.text.slice(this.pos);
    if (rest.startsWith("'")) return { kind: 'literal', value: this.string() };
    if (rest.startsWith('States.')) return this.call(depth + 1);
    if (rest.startsWith('$')) {
      // A path runs to the next top-level comma or closing parenthesis (brackets may hold either).
      let i = this.pos;
      let depthBrackets = 0;
      let quote: string | undefined;
      for (; i < this.text.length; i++) {
        const c = this.text[i];
        if (quote) {
          if (c === quote) quote = undefined;
        } else if (c === "'" || c === '"') {
          quote = c;
        } else if (c === '[' || c === '(') {
          depthBrackets++;
        } else if (c === ']' || (c === ')' && depthBrackets > 0)) {
          depthBrackets--;
        } else if (depthBrackets === 0 && (c === ',' || c === ')')) {
          break;
        }
      }
      const path = this.text.slice(this.pos, i).trim();
      this.pos = i;
      return { kind: 'path', path };
    }
    const m = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)/.exec(rest);
    if (!m) this.fail(`unexpected argument '${rest}'`);
    this.pos += m[0].length;
    return { kind: 'literal', value: JSON.parse(m[0]) };
  }

  private string(): string {
    this.pos++; // '
    let out = '';
    while (this.pos < this.text.length && this.text[this.pos] !== "'") {
      if (this.text[this.pos] === '\\' && this.pos + 1 < this.text.length) {
        const next = this.text[this.pos + 1];
        // \' and \\ are unescaped here; \{ and \} stay escaped for States.Format.
        out += next === "'" || next === '\\' ? next : `\\${next}`;
        this.pos += 2;
      } else {
        out += this.text[this.pos++];
      }
    }
    if (this.text[this.pos] !== "'") this.fail('unterminated string');
    this.pos++;
    return out;
  }

  private spaces(): void {
    while (this.text[this.pos] === ' ') this.pos++;
  }

  private expect(c: string): void {
    if (this.text[this.pos] !== c) this.fail(`expected '${c}'`);
    this.pos++;
  }

  private fail(why: string): never {
    throw new IntrinsicSyntaxError(`Invalid intrinsic function '${this.text}': ${why}`);
  }
}
