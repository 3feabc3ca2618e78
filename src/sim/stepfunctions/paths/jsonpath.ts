/**
 * JSONPath as Amazon States Language uses it (the syntax of Jayway JsonPath, which Step Functions runs): `$.a.b`,
 * `$['a']`, `$.a[0]`, `$.a[-1:]`, `$.a[*].b`, `$..b`, `$.a[?(@.price > 10)]`, and Reference Paths (a single node: no
 * wildcards, filters or deep scans), which ResultPath writes into.
 *
 * Written here rather than taken from jsonpath-plus: ASL needs a path's definiteness (Jayway returns a definite path's
 * value, an indefinite one's matches as a list), writable Reference Paths for ResultPath, load-time rejection of
 * script expressions (`(@.length-1)`) that Step Functions refuses, and jsonpath-plus's current line needs Node 22.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

type Segment =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'names'; readonly names: readonly string[] }
  | { readonly kind: 'indexes'; readonly indexes: readonly number[] }
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'slice'; readonly start?: number; readonly end?: number; readonly step?: number }
  | { readonly kind: 'filter'; readonly filter: FilterExpr }
  | { readonly kind: 'descendant'; readonly inner: Segment };

type Operand = { readonly kind: 'path'; readonly segments: readonly Segment[]; readonly root: '@' | '$' } | { readonly kind: 'literal'; readonly value: Json };
type FilterExpr =
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

/**
 * Parsed paths of one state machine: a definition names a bounded set of paths, parsed once each (the cache belongs to
 * the state machine, so nothing is shared between simulations).
 */
export class PathCache {
  private readonly parsed = new Map<string, JsonPath>();
  private readonly other = new Map<string, unknown>();

  /** Anything else parsed from the definition's text (intrinsic calls), by a key. */
  public memo<T>(key: string, make: () => T): T {
    if (this.other.has(key)) return this.other.get(key) as T;
    const made = make();
    this.other.set(key, made);
    return made;
  }

  public get(text: string): JsonPath {
    let p = this.parsed.get(text);
    if (!p) {
      p = parsePath(text);
      this.parsed.set(text, p);
    }
    return p;
  }
}

/** True when `text` is a valid path. */
export function isValidPath(text: string): boolean {
  try {
    parsePath(text);
    return true;
  } catch {
    return false;
  }
}

/** True when `text` is a valid Reference Path (a definite path of names and indexes). */
export function isReferencePath(text: string): boolean {
  try {
    const p = parsePath(text);
    return !p.context && p.definite;
  } catch {
    return false;
  }
}

/** Marks "no such node" for definite paths. */
export const NOT_FOUND: unique symbol = Symbol('not found');

/**
 * Evaluates `path` on `root`. A definite path gives its node, or NOT_FOUND; an indefinite one gives the list of its
 * matches (possibly empty), as Jayway JsonPath does.
 */
export function evaluatePath(path: JsonPath, root: Json): Json | typeof NOT_FOUND {
  if (path.definite) {
    let node: Json = root;
    for (const s of path.segments) {
      const next = step(node, s);
      if (next === NOT_FOUND) return NOT_FOUND;
      node = next;
    }
    return node;
  }
  let nodes: Json[] = [root];
  for (const s of path.segments) {
    const out: Json[] = [];
    for (const n of nodes) select(n, s, root, out);
    nodes = out;
  }
  return nodes;
}

function step(node: Json, s: Segment): Json | typeof NOT_FOUND {
  if (s.kind === 'name') {
    if (node !== null && typeof node === 'object' && !Array.isArray(node) && Object.prototype.hasOwnProperty.call(node, s.name)) return node[s.name];
    return NOT_FOUND;
  }
  if (s.kind === 'index' && Array.isArray(node)) {
    const i = s.index < 0 ? node.length + s.index : s.index;
    return i >= 0 && i < node.length ? node[i] : NOT_FOUND;
  }
  return NOT_FOUND;
}

function select(node: Json, s: Segment, root: Json, out: Json[]): void {
  switch (s.kind) {
    case 'name':
    case 'index': {
      const v = step(node, s);
      if (v !== NOT_FOUND) out.push(v);
      return;
    }
    case 'names':
      for (const name of s.names) select(node, { kind: 'name', name }, root, out);
      return;
    case 'indexes':
      for (const index of s.indexes) select(node, { kind: 'index', index }, root, out);
      return;
    case 'wildcard':
      if (Array.isArray(node)) out.push(...node);
      else if (node !== null && typeof node === 'object') out.push(...Object.values(node));
      return;
    case 'slice': {
      if (!Array.isArray(node)) return;
      const len = node.length;
      const stepBy = s.step ?? 1;
      const norm = (v: number | undefined, dflt: number) => (v === undefined ? dflt : v < 0 ? Math.max(0, len + v) : Math.min(v, len));
      const start = norm(s.start, 0);
      const end = norm(s.end, len);
      for (let i = start; i < end; i += Math.max(1, stepBy)) out.push(node[i]);
      return;
    }
    case 'filter': {
      const items = Array.isArray(node) ? node : node !== null && typeof node === 'object' ? Object.values(node) : [];
      for (const item of items) if (testFilter(s.filter, item, root)) out.push(item);
      return;
    }
    case 'descendant': {
      const visit = (n: Json) => {
        select(n, s.inner, root, out);
        if (Array.isArray(n)) n.forEach(visit);
        else if (n !== null && typeof n === 'object') Object.values(n).forEach(visit);
      };
      visit(node);
      return;
    }
  }
}

function operandValue(o: Operand, current: Json, root: Json): Json | typeof NOT_FOUND {
  if (o.kind === 'literal') return o.value;
  const definite = o.segments.every(s => s.kind === 'name' || s.kind === 'index');
  return evaluatePath({ text: '', context: false, segments: o.segments, definite }, o.root === '@' ? current : root);
}

function testFilter(f: FilterExpr, current: Json, root: Json): boolean {
  switch (f.kind) {
    case 'and': return testFilter(f.left, current, root) && testFilter(f.right, current, root);
    case 'or': return testFilter(f.left, current, root) || testFilter(f.right, current, root);
    case 'not': return !testFilter(f.inner, current, root);
    case 'exists': return operandValue(f.operand, current, root) !== NOT_FOUND;
    case 'compare': {
      const a = operandValue(f.left, current, root);
      const b = operandValue(f.right, current, root);
      if (a === NOT_FOUND || b === NOT_FOUND) return false;
      switch (f.op) {
        case '==': return deepEqual(a, b);
        case '!=': return !deepEqual(a, b);
        case '<': return comparable(a, b) && (a as number) < (b as number);
        case '<=': return comparable(a, b) && (a as number) <= (b as number);
        case '>': return comparable(a, b) && (a as number) > (b as number);
        case '>=': return comparable(a, b) && (a as number) >= (b as number);
        case '=~': return typeof a === 'string' && typeof b === 'string' && regexOf(b).test(a);
        case 'in': return Array.isArray(b) && b.some(x => deepEqual(a, x));
        case 'nin': return Array.isArray(b) && !b.some(x => deepEqual(a, x));
        default: return false;
      }
    }
  }
}

function comparable(a: Json, b: Json): boolean {
  return (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
}

function regexOf(literal: string): RegExp {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(literal);
  return m ? new RegExp(m[1], m[2]) : new RegExp(literal);
}

export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as Json[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a);
  const bo = b as Record<string, Json>;
  const ao = a as Record<string, Json>;
  return ka.length === Object.keys(bo).length && ka.every(k => Object.prototype.hasOwnProperty.call(bo, k) && deepEqual(ao[k], bo[k]));
}

/**
 * Writes `value` at the Reference Path `path` inside a copy of `input` (ResultPath): missing objects on the way are
 * created; a segment that meets a non-object (or a missing array element) cannot be applied, and returns NOT_FOUND so
 * the caller raises States.ResultPathMatchFailure.
 */
export function setAtPath(input: Json, path: JsonPath, value: Json): Json | typeof NOT_FOUND {
  if (path.segments.length === 0) return value;
  const write = (node: Json | undefined, i: number): Json | typeof NOT_FOUND => {
    const s = path.segments[i];
    const last = i === path.segments.length - 1;
    if (s.kind === 'name') {
      if (node === undefined) node = {};
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return NOT_FOUND;
      const child = last ? value : write(Object.prototype.hasOwnProperty.call(node, s.name) ? node[s.name] : undefined, i + 1);
      if (child === NOT_FOUND) return NOT_FOUND;
      return { ...node, [s.name]: child };
    }
    if (s.kind === 'index') {
      if (!Array.isArray(node)) return NOT_FOUND;
      const idx = s.index < 0 ? node.length + s.index : s.index;
      if (idx < 0 || idx >= node.length) return NOT_FOUND;
      const child = last ? value : write(node[idx], i + 1);
      if (child === NOT_FOUND) return NOT_FOUND;
      const copy = node.slice();
      copy[idx] = child;
      return copy;
    }
    return NOT_FOUND;
  };
  return write(input, 0);
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
