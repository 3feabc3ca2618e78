/**
 * The syntax of ASL JSONPath (Jayway's): the parsed form of a path and the parser. Evaluation is in jsonpath.ts.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type Segment =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'names'; readonly names: readonly string[] }
  | { readonly kind: 'indexes'; readonly indexes: readonly number[] }
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'slice'; readonly start?: number; readonly end?: number; readonly step?: number }
  | { readonly kind: 'filter'; readonly filter: FilterExpr }
  | { readonly kind: 'descendant'; readonly inner: Segment };

export type Operand = { readonly kind: 'path'; readonly segments: readonly Segment[]; readonly root: '@' | '$' } | { readonly kind: 'literal'; readonly value: Json };
export type FilterExpr =
  | { readonly kind: 'and' | 'or'; readonly left: FilterExpr; readonly right: FilterExpr }
  | { readonly kind: 'not'; readonly inner: FilterExpr }
  | { readonly kind: 'exists'; readonly operand: Operand }
  | { readonly kind: 'compare'; readonly op: string; readonly left: Operand; readonly right: Operand };

/** A parsed path: `$` (or `$$` for the Context object) and its segments. */
export interface JsonPath {
  readonly text: string;
  /** `$$`: the path reads the Context object. */
  readonly context: boolean;
  readonly segments: readonly Segment[];
  /** No wildcard, slice, filter, union or deep scan: the path names at most one node. */
  readonly definite: boolean;
}

export class JsonPathSyntaxError extends Error {}

/** Parses a path; throws JsonPathSyntaxError for one Step Functions would reject. */
export function parsePath(text: string): JsonPath {
  return new Parser(text).parsePath();
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  public parsePath(): JsonPath {
    const t = this.text;
    if (!t.startsWith('$')) this.fail('a path must begin with $');
    this.pos = 1;
    let context = false;
    if (t[1] === '$') {
      context = true;
      this.pos = 2;
    }
    const segments = this.segments(false);
    if (this.pos < t.length) this.fail(`unexpected '${t[this.pos]}'`);
    const definite = segments.every(s => s.kind === 'name' || s.kind === 'index');
    return { text: t, context, segments, definite };
  }

  private fail(why: string): never {
    throw new JsonPathSyntaxError(`Invalid JSONPath '${this.text}': ${why} at position ${this.pos}`);
  }

  private segments(inFilter: boolean): Segment[] {
    const out: Segment[] = [];
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === '.') {
        if (t[this.pos + 1] === '.') {
          this.pos += 2;
          const inner = t[this.pos] === '[' ? this.bracket() : this.dotName();
          out.push({ kind: 'descendant', inner });
        } else {
          this.pos++;
          out.push(this.dotName());
        }
      } else if (c === '[') {
        out.push(this.bracket());
      } else if (inFilter) {
        break;
      } else {
        this.fail(`unexpected '${c}'`);
      }
    }
    return out;
  }

  private dotName(): Segment {
    const t = this.text;
    if (t[this.pos] === '*') {
      this.pos++;
      return { kind: 'wildcard' };
    }
    const start = this.pos;
    while (this.pos < t.length && !'.[ ()=!<>&|,'.includes(t[this.pos])) this.pos++;
    if (this.pos === start) this.fail('expected a field name');
    const name = t.slice(start, this.pos);
    if (t[this.pos] === '(') this.fail(`functions such as ${name}() are not supported`);
    return { kind: 'name', name };
  }

  private bracket(): Segment {
    const t = this.text;
    this.pos++; // [
    this.skipSpaces();
    let seg: Segment;
    if (t[this.pos] === '*') {
      this.pos++;
      seg = { kind: 'wildcard' };
    } else if (t[this.pos] === '?') {
      this.pos++;
      this.expect('(');
      const filter = this.orExpr();
      this.skipSpaces();
      this.expect(')');
      seg = { kind: 'filter', filter };
    } else if (t[this.pos] === '(') {
      this.fail('script expressions are not supported');
    } else if (t[this.pos] === "'" || t[this.pos] === '"') {
      const names = [this.quoted()];
      this.skipSpaces();
      while (t[this.pos] === ',') {
        this.pos++;
        this.skipSpaces();
        names.push(this.quoted());
        this.skipSpaces();
      }
      seg = names.length === 1 ? { kind: 'name', name: names[0] } : { kind: 'names', names };
    } else {
      seg = this.indexOrSlice();
    }
    this.skipSpaces();
    this.expect(']');
    return seg;
  }

  private indexOrSlice(): Segment {
    const t = this.text;
    const num = () => {
      this.skipSpaces();
      const m = /^-?\d+/.exec(t.slice(this.pos));
      if (!m) return undefined;
      this.pos += m[0].length;
      this.skipSpaces();
      return Number(m[0]);
    };
    const first = num();
    if (t[this.pos] === ':') {
      this.pos++;
      const end = num();
      let stepBy: number | undefined;
      if (t[this.pos] === ':') {
        this.pos++;
        stepBy = num();
      }
      return { kind: 'slice', start: first, end, step: stepBy };
    }
    if (first === undefined) this.fail('expected an index, a quoted name, *, a slice or a filter');
    const indexes = [first];
    while (t[this.pos] === ',') {
      this.pos++;
      const n = num();
      if (n === undefined) this.fail('expected an index');
      indexes.push(n);
    }
    return indexes.length === 1 ? { kind: 'index', index: first } : { kind: 'indexes', indexes };
  }

  private quoted(): string {
    const t = this.text;
    const q = t[this.pos];
    this.pos++;
    let out = '';
    while (this.pos < t.length && t[this.pos] !== q) {
      if (t[this.pos] === '\\' && this.pos + 1 < t.length) this.pos++;
      out += t[this.pos++];
    }
    if (t[this.pos] !== q) this.fail('unterminated string');
    this.pos++;
    return out;
  }

  private skipSpaces(): void {
    while (this.text[this.pos] === ' ') this.pos++;
  }

  private expect(c: string): void {
    if (this.text[this.pos] !== c) this.fail(`expected '${c}'`);
    this.pos++;
  }

  private orExpr(): FilterExpr {
    let left = this.andExpr();
    for (;;) {
      this.skipSpaces();
      if (!this.text.startsWith('||', this.pos)) return left;
      this.pos += 2;
      left = { kind: 'or', left, right: this.andExpr() };
    }
  }

  private andExpr(): FilterExpr {
    let left = this.unary();
    for (;;) {
      this.skipSpaces();
      if (!this.text.startsWith('&&', this.pos)) return left;
      this.pos += 2;
      left = { kind: 'and', left, right: this.unary() };
    }
  }

  private unary(): FilterExpr {
    this.skipSpaces();
    const t = this.text;
    if (t[this.pos] === '!' && t[this.pos + 1] !== '=') {
      this.pos++;
      return { kind: 'not', inner: this.unary() };
    }
    if (t[this.pos] === '(') {
      this.pos++;
      const inner = this.orExpr();
      this.skipSpaces();
      this.expect(')');
      return inner;
    }
    const left = this.operand();
    this.skipSpaces();
    const m = /^(==|!=|<=|>=|<|>|=~|in\b|nin\b)/.exec(t.slice(this.pos));
    if (!m) {
      if (left.kind !== 'path') this.fail('a literal alone is not a condition');
      return { kind: 'exists', operand: left };
    }
    this.pos += m[0].length;
    return { kind: 'compare', op: m[1], left, right: this.operand() };
  }

  private operand(): Operand {
    this.skipSpaces();
    const t = this.text;
    const c = t[this.pos];
    if (c === '@' || c === '$') {
      this.pos++;
      return { kind: 'path', root: c, segments: this.segments(true) };
    }
    if (c === "'" || c === '"') return { kind: 'literal', value: this.quoted() };
    if (c === '/') {
      const end = t.indexOf('/', this.pos + 1);
      if (end < 0) this.fail('unterminated regular expression');
      let stop = end + 1;
      while (/[a-z]/.test(t[stop] ?? '')) stop++;
      const value = t.slice(this.pos, stop);
      this.pos = stop;
      return { kind: 'literal', value };
    }
    if (c === '[') {
      const start = this.pos;
      let depth = 0;
      do {
        if (t[this.pos] === '[') depth++;
        if (t[this.pos] === ']') depth--;
        this.pos++;
      } while (depth > 0 && this.pos < t.length);
      try {
        return { kind: 'literal', value: JSON.parse(t.slice(start, this.pos).replace(/'/g, '"')) };
      } catch {
        this.fail('invalid array literal');
      }
    }
    const m = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)/.exec(t.slice(this.pos));
    if (!m) this.fail('expected a path, a string, a number, true, false or null');
    this.pos += m[0].length;
    return { kind: 'literal', value: JSON.parse(m[0]) };
  }
}
