/**
 * The JSONPath subset mapping templates use (`$input.path`, `$input.json`, response parameters): `$`, `.name`,
 * `['name']`, `[n]` (negative counts from the end), `[*]` and `.*`, and `..name` (deep scan). A path with a
 * wildcard or deep scan yields a list; a path that selects nothing yields undefined (rendered as empty).
 */

export class JsonPathError extends Error {}

type Step = { kind: 'name'; name: string } | { kind: 'index'; index: number } | { kind: 'wildcard' } | { kind: 'deep'; name: string };

function parse(path: string): Step[] {
  const p = path.trim();
  if (!p.startsWith('$')) throw new JsonPathError(`Invalid JSONPath '${path}': it must start with $`);
  const steps: Step[] = [];
  let i = 1;
  while (i < p.length) {
    if (p.startsWith('..', i)) {
      const m = /^[A-Za-z0-9_$-]+/.exec(p.slice(i + 2));
      if (!m) throw new JsonPathError(`Invalid JSONPath '${path}' at ${i}`);
      steps.push({ kind: 'deep', name: m[0] });
      i += 2 + m[0].length;
    } else if (p[i] === '.') {
      if (p[i + 1] === '*') {
        steps.push({ kind: 'wildcard' });
        i += 2;
        continue;
      }
      const m = /^[^.[\]]+/.exec(p.slice(i + 1));
      if (!m) throw new JsonPathError(`Invalid JSONPath '${path}' at ${i}`);
      steps.push({ kind: 'name', name: m[0] });
      i += 1 + m[0].length;
    } else if (p[i] === '[') {
      const close = p.indexOf(']', i);
      if (close < 0) throw new JsonPathError(`Invalid JSONPath '${path}': missing ]`);
      const inner = p.slice(i + 1, close).trim();
      if (inner === '*') steps.push({ kind: 'wildcard' });
      else if (/^-?\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else if (/^'.*'$|^".*"$/.test(inner)) steps.push({ kind: 'name', name: inner.slice(1, -1) });
      else throw new JsonPathError(`Unsupported JSONPath '${path}': [${inner}] (filters and slices are not simulated)`);
      i = close + 1;
    } else {
      throw new JsonPathError(`Invalid JSONPath '${path}' at ${i}`);
    }
  }
  return steps;
}

/** Evaluates `path` on `doc`. */
export function jsonPath(doc: unknown, path: string): unknown {
  let nodes: unknown[] = [doc];
  let many = false;
  for (const step of parse(path)) {
    const next: unknown[] = [];
    for (const node of nodes) {
      if (step.kind === 'name') {
        if (node && typeof node === 'object' && !Array.isArray(node) && Object.prototype.hasOwnProperty.call(node, step.name)) {
          next.push((node as Record<string, unknown>)[step.name]);
        }
      } else if (step.kind === 'index') {
        if (Array.isArray(node)) {
          const idx = step.index < 0 ? node.length + step.index : step.index;
          if (idx >= 0 && idx < node.length) next.push(node[idx]);
        }
      } else if (step.kind === 'wildcard') {
        many = true;
        if (Array.isArray(node)) next.push(...node);
        else if (node && typeof node === 'object') next.push(...Object.values(node));
      } else {
        many = true;
        deepScan(node, step.name, next);
      }
    }
    nodes = next;
  }
  if (many) return nodes;
  return nodes[0];
}

function deepScan(node: unknown, name: string, out: unknown[]): void {
  if (Array.isArray(node)) {
    for (const n of node) deepScan(n, name, out);
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === name) out.push(v);
      deepScan(v, name, out);
    }
  }
}
