/**
 * Applying an UpdateExpression ("Update expressions", Developer Guide). Every right-hand side reads the item as it
 * was before the update; then SET, REMOVE, ADD and DELETE apply. REMOVE of several elements of one list removes the
 * elements the indexes named before any shifted. Errors are DynamoDB's: a SET operand naming a missing attribute, a
 * `+`/`-`/list_append/ADD/DELETE on the wrong type, a nested path whose parent does not exist.
 */
import { Operand, PathNode, UpdateAction } from './ast';
import { readPath } from './paths';
import { validation } from '../errors';
import { AttributeValue, cloneItem, cloneValue, Item, setMemberKey, typeOf } from '../values/attribute-value';
import { addNumbers, formatNumber, parseNumber, subtractNumbers } from '../values/number';

const missingAttribute = () => validation('The provided expression refers to an attribute that does not exist in the item');
const wrongType = () => validation('An operand in the update expression has an incorrect data type');
const invalidPath = () => validation('The document path provided in the update expression is invalid for update');

function setValue(original: Readonly<Item>, operand: Operand): AttributeValue {
  switch (operand.kind) {
    case 'value':
      return operand.value;
    case 'path': {
      const v = readPath(original, operand);
      if (v === undefined) throw missingAttribute();
      return v;
    }
    case 'if_not_exists':
      return readPath(original, operand.path) ?? setValue(original, operand.fallback);
    case 'list_append': {
      const a = setValue(original, operand.left);
      const b = setValue(original, operand.right);
      if (!('L' in a) || !('L' in b)) throw wrongType();
      return { L: [...a.L, ...b.L] };
    }
    case 'arithmetic': {
      const a = setValue(original, operand.left);
      const b = setValue(original, operand.right);
      if (!('N' in a) || !('N' in b)) throw wrongType();
      const x = parseNumber(a.N);
      const y = parseNumber(b.N);
      return { N: formatNumber(operand.op === '+' ? addNumbers(x, y) : subtractNumbers(x, y)) };
    }
    default:
      throw wrongType();
  }
}

/** The container a path's last step lives in, and that step; throws when a step before it is missing. */
function parentOf(item: Item, path: PathNode): { container: Record<string, AttributeValue> | AttributeValue[]; step: PathNode['elements'][number] } {
  const elements = path.elements;
  let container: Record<string, AttributeValue> | AttributeValue[] = item;
  for (let i = 0; i < elements.length - 1; i++) {
    const e = elements[i];
    const next: AttributeValue | undefined = Array.isArray(container)
      ? (e.kind === 'index' ? container[e.index] : undefined)
      : (e.kind === 'name' ? container[e.name] : undefined);
    if (next === undefined) throw invalidPath();
    const following = elements[i + 1];
    if (following.kind === 'name' && 'M' in next) container = next.M as Record<string, AttributeValue>;
    else if (following.kind === 'index' && 'L' in next) container = next.L as AttributeValue[];
    else throw invalidPath();
  }
  const step = elements[elements.length - 1];
  if (Array.isArray(container) !== (step.kind === 'index')) throw invalidPath();
  return { container, step };
}

function writeAt(item: Item, path: PathNode, value: AttributeValue): void {
  const { container, step } = parentOf(item, path);
  if (step.kind === 'name') {
    (container as Record<string, AttributeValue>)[step.name] = value;
  } else {
    const list = container as AttributeValue[];
    // SET of an index past the end appends ("Adding elements to a list").
    if (step.index >= list.length) list.push(value);
    else list[step.index] = value;
  }
}

function addTo(existing: AttributeValue | undefined, value: AttributeValue): AttributeValue {
  if (existing === undefined) return value;
  if ('N' in existing && 'N' in value) return { N: formatNumber(addNumbers(parseNumber(existing.N), parseNumber(value.N))) };
  const type = typeOf(value);
  if ((type === 'SS' || type === 'NS' || type === 'BS') && typeOf(existing) === type) {
    const members = [...(existing as Record<string, any>)[type]] as (string | Uint8Array)[];
    const keys = new Set(members.map(m => setMemberKey(type, m)));
    for (const m of (value as Record<string, any>)[type] as (string | Uint8Array)[]) {
      const k = setMemberKey(type, m);
      if (!keys.has(k)) {
        keys.add(k);
        members.push(m);
      }
    }
    return { [type]: members } as unknown as AttributeValue;
  }
  throw wrongType();
}

function deleteFrom(existing: AttributeValue, value: AttributeValue): AttributeValue | undefined {
  const type = typeOf(value);
  if (typeOf(existing) !== type || !(type === 'SS' || type === 'NS' || type === 'BS')) throw wrongType();
  const remove = new Set(((value as Record<string, any>)[type] as (string | Uint8Array)[]).map(m => setMemberKey(type, m)));
  const kept = ((existing as Record<string, any>)[type] as (string | Uint8Array)[]).filter(m => !remove.has(setMemberKey(type, m)));
  // A set may not be empty: deleting its last member removes the attribute.
  return kept.length === 0 ? undefined : ({ [type]: kept } as unknown as AttributeValue);
}

/** The item after the update; `original` is the stored item, or the key attributes when none is stored. */
export function applyUpdate(original: Readonly<Item>, actions: readonly UpdateAction[]): Item {
  const sets = actions.filter(a => a.kind === 'SET').map(a => ({ path: a.path, value: setValue(original, (a as { value: Operand }).value) }));
  const item = cloneItem(original);
  for (const s of sets) writeAt(item, s.path, cloneValue(s.value));

  const listRemovals = new Map<AttributeValue[], Set<number>>();
  for (const a of actions) {
    if (a.kind !== 'REMOVE') continue;
    let target;
    try {
      target = parentOf(item, a.path);
    } catch (e) {
      if (a.path.elements.length === 1) continue;
      throw e;
    }
    if (target.step.kind === 'name') {
      delete (target.container as Record<string, AttributeValue>)[target.step.name];
    } else {
      const list = target.container as AttributeValue[];
      let marked = listRemovals.get(list);
      if (!marked) listRemovals.set(list, marked = new Set());
      marked.add(target.step.index);
    }
  }
  for (const [list, indexes] of listRemovals) {
    const kept = list.filter((_, i) => !indexes.has(i));
    list.length = 0;
    list.push(...kept);
  }

  for (const a of actions) {
    if (a.kind === 'ADD') {
      writeAt(item, a.path, cloneValue(addTo(readPath(item, a.path), a.value.value)));
    } else if (a.kind === 'DELETE') {
      const existing = readPath(item, a.path);
      if (existing === undefined) continue;
      const after = deleteFrom(existing, a.value.value);
      const { container, step } = parentOf(item, a.path);
      if (after !== undefined) writeAt(item, a.path, after);
      else if (step.kind === 'name') delete (container as Record<string, AttributeValue>)[step.name];
      else (container as AttributeValue[]).splice(step.index, 1);
    }
  }
  return item;
}

/** Top-level attribute names an update touches (for UPDATED_OLD / UPDATED_NEW and the key-attribute check). */
export function updatedTopLevelNames(actions: readonly UpdateAction[]): string[] {
  const names = new Set<string>();
  for (const a of actions) {
    const first = a.path.elements[0];
    if (first.kind === 'name') names.add(first.name);
  }
  return [...names];
}
