/**
 * Grouping by construct: the construct paths (`aws:cdk:path` metadata, or the paths `fromStack` knows) show which
 * construct a resource belongs to: `Shop/Orders/Fanout/Route-submitted/Queue` is inside `Orders`, the L3 the user
 * created. A construct becomes a box when it holds at least two drawn resources; a construct holding the same
 * resources as its parent (an L3's internal `Fanout`) is not a box of its own; boxes nest at most three deep.
 * With several stacks loaded, each stack is the outermost box.
 */
import type { DiagramGroup, DiagramNode } from './model';

const MAX_DEPTH = 3;

/** Class names of constructs by full construct path (`Shop/Orders` -> `ResilientQueue`), when known. */
export type ConstructClasses = ReadonlyMap<string, string>;

export function groupNodes(nodes: readonly DiagramNode[], fullPaths: ReadonlyMap<string, string>, classes: ConstructClasses): DiagramGroup[] {
  const segmentsOf = new Map<string, string[]>();
  for (const n of nodes) {
    const full = fullPaths.get(n.id);
    if (full) segmentsOf.set(n.id, trimmed(full));
  }
  const stacks = new Set([...segmentsOf.values()].map(s => s[0]));
  const drop = stacks.size <= 1 ? 1 : 0;
  const count = new Map<string, number>();
  for (const segs of segmentsOf.values()) {
    for (let k = drop + 1; k < segs.length; k++) {
      const prefix = segs.slice(0, k).join('/');
      count.set(prefix, (count.get(prefix) ?? 0) + 1);
    }
  }
  const groups = new Map<string, DiagramGroup>();
  for (const n of nodes) {
    const segs = segmentsOf.get(n.id);
    if (!segs) continue;
    let parent: DiagramGroup | undefined;
    let parentCount = Infinity;
    let depth = 0;
    for (let k = drop + 1; k < segs.length && depth < MAX_DEPTH; k++) {
      const prefix = segs.slice(0, k).join('/');
      const c = count.get(prefix) ?? 0;
      if (c < 2) break;
      // The same resources as the box around it: not a box of its own (a stack's box still shows its only construct).
      if (c === parentCount && !(drop === 0 && k === 2)) continue;
      const id = `g_${prefix.replace(/[^A-Za-z0-9]/g, '_')}`;
      let group = groups.get(id);
      if (!group) {
        // The constructs below holding the same resources (an L3's internal construct) may name the class.
        const stackBox = drop === 0 && k === 1;
        const chain = stackBox ? [] : [prefix];
        for (let j = k + 1; !stackBox && j < segs.length && count.get(segs.slice(0, j).join('/')) === c; j++) chain.push(segs.slice(0, j).join('/'));
        group = { id, path: prefix, label: labelOf(segs[k - 1], chain, classes), parent: parent?.id };
        groups.set(id, group);
      }
      parent = group;
      parentCount = c;
      depth++;
    }
    if (parent) n.group = parent.id;
  }
  return [...groups.values()];
}

/** The construct's id (the first of a chain of constructs holding the same resources), with its class when known. */
function labelOf(id: string, chain: readonly string[], classes: ConstructClasses): string {
  const cls = chain.map(p => classes.get(p)).find(c => c !== undefined && !GENERIC_CLASSES.has(c));
  return cls ? `${id} (${cls})` : id;
}

/** Class names that say nothing about a construct. */
const GENERIC_CLASSES = new Set(['Construct', 'Stack', 'Stage', 'App', 'NestedStack']);

/** A construct path without its trailing `Resource`/`Default` construct (the L1 inside an L2). */
function trimmed(path: string): string[] {
  const segs = path.split('/').filter(s => s.length > 0);
  while (segs.length > 1 && (segs[segs.length - 1] === 'Resource' || segs[segs.length - 1] === 'Default')) segs.pop();
  return segs;
}
