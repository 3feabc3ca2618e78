/**
 * JSONPath as Amazon States Language uses it (the syntax of Jayway JsonPath, which Step Functions runs): `$.a.b`,
 * `$['a']`, `$.a[0]`, `$.a[-1:]`, `$.a[*].b`, `$..b`, `$.a[?(@.price > 10)]`, and Reference Paths (a single node: no
 * wildcards, filters or deep scans), which ResultPath writes into.
 *
 * Written here rather than taken from jsonpath-plus: ASL needs a path's definiteness (Jayway returns a definite path's
 * value, an indefinite one's matches as a list), writable Reference Paths for ResultPath, load-time rejection of
 * script expressions (`(@.length-1)`) that Step Functions refuses, and jsonpath-plus's current line needs Node 22.
 */

import { FilterExpr, Json, JsonPath, Operand, parsePath, Segment } from './jsonpath-syntax';

export { JsonPathSyntaxError, parsePath } from './jsonpath-syntax';
export type { Json, JsonPath } from './jsonpath-syntax';

/**
 * Parsed paths of one state machine: a definition names a bounded set of paths, parsed once each (the cache belongs to
 * the state machine, so nothing is shared between simulations).
 */
export class PathCache {
  private readonly parsed = new Map<string, JsonPath>();
  private readonly other = new Map<string, unknown>();
  private readonly byObject = new WeakMap<object, unknown>();
  private readonly tables = new Map<string, Map<string, unknown>>();

  /** Like `memo`, in a table of its own: no key is built per lookup. */
  public memoIn<T>(table: string, key: string, make: () => T): T {
    let entries = this.tables.get(table);
    if (entries === undefined) this.tables.set(table, entries = new Map());
    if (entries.has(key)) return entries.get(key) as T;
    const made = make();
    entries.set(key, made);
    return made;
  }

  /** Anything compiled from one object of the definition (a payload template), by that object. */
  public memoByObject<T>(source: object, make: () => T): T {
    if (this.byObject.has(source)) return this.byObject.get(source) as T;
    const made = make();
    this.byObject.set(source, made);
    return made;
  }

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

