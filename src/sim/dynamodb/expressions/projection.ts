/**
 * ProjectionExpression: the item reduced to the named paths, nested maps kept as maps, and list elements picked by
 * index gathered, in index order, into a shorter list ("Projection expressions", Developer Guide).
 */
import { PathNode } from './ast';
import { AttributeValue, cloneValue, Item } from '../values/attribute-value';

type Tree = Map<string | number, Tree | true>;

function addPath(tree: Tree, path: PathNode): void {
  let node = tree;
  path.elements.forEach((e, i) => {
    const key = e.kind === 'name' ? e.name : e.index;
    if (i === path.elements.length - 1) {
      node.set(key, true);
      return;
    }
    let child = node.get(key);
    if (child === undefined || child === true) node.set(key, child = new Map());
    node = child;
  });
}

function project(value: AttributeValue, tree: Tree): AttributeValue | undefined {
  if ('M' in value) {
    const out: Record<string, AttributeValue> = {};
    for (const [key, sub] of tree) {
      if (typeof key !== 'string' || value.M[key] === undefined) continue;
      const v = sub === true ? cloneValue(value.M[key]) : project(value.M[key], sub);
      if (v !== undefined) out[key] = v;
    }
    return Object.keys(out).length > 0 ? { M: out } : undefined;
  }
  if ('L' in value) {
    const out: AttributeValue[] = [];
    const indexes = [...tree.keys()].filter((k): k is number => typeof k === 'number').sort((a, b) => a - b);
    for (const i of indexes) {
      if (value.L[i] === undefined) continue;
      const sub = tree.get(i)!;
      const v = sub === true ? cloneValue(value.L[i]) : project(value.L[i], sub);
      if (v !== undefined) out.push(v);
    }
    return out.length > 0 ? { L: out } : undefined;
  }
  return undefined;
}

export function projectItem(item: Readonly<Item>, paths: readonly PathNode[]): Item {
  const tree: Tree = new Map();
  for (const p of paths) addPath(tree, p);
  const projected = project({ M: item }, tree);
  return projected && 'M' in projected ? (projected.M as Item) : {};
}
