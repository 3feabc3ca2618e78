/** Reading document paths from items (`a.b[2].c`): a missing step, or a step of the wrong kind, reads as absent. */
import { PathNode } from './ast';
import { AttributeValue, Item } from '../values/attribute-value';

export function readPath(item: Readonly<Item> | undefined, path: PathNode): AttributeValue | undefined {
  if (!item) return undefined;
  const [first, ...rest] = path.elements;
  if (first.kind !== 'name') return undefined;
  let current: AttributeValue | undefined = item[first.name];
  for (const e of rest) {
    if (current === undefined) return undefined;
    if (e.kind === 'name') current = 'M' in current ? current.M[e.name] : undefined;
    else current = 'L' in current ? current.L[e.index] : undefined;
  }
  return current;
}
