/**
 * Evaluating conditions (ConditionExpression, FilterExpression, the key condition's sort key part) against an item, as
 * "Comparison operator and function reference" defines each comparator and function: comparisons of values of
 * different types are false (`<>` true), `<`/`<=`/`>`/`>=`/BETWEEN order only strings, numbers and binaries, a
 * function on a missing attribute is false, and `size` of a missing attribute or of a number or Boolean has no value.
 */
import { Condition, Operand } from './ast';
import { readPath } from './paths';
import { AttributeValue, compareBytes, compareScalars, Item, setMemberKey, typeOf, valuesEqual } from '../values/attribute-value';

/** The value of a condition operand (path, value or size); undefined when it has none. */
export function operandValue(item: Readonly<Item> | undefined, operand: Operand): AttributeValue | undefined {
  switch (operand.kind) {
    case 'value':
      return operand.value;
    case 'path':
      return readPath(item, operand);
    case 'size': {
      const v = readPath(item, operand.path);
      const n = v === undefined ? undefined : sizeOf(v);
      return n === undefined ? undefined : { N: String(n) };
    }
    default:
      return undefined;
  }
}

/** `size()`: string length, binary bytes, set/list/map element count. */
function sizeOf(v: AttributeValue): number | undefined {
  if ('S' in v) return [...v.S].length;
  if ('B' in v) return v.B.length;
  if ('SS' in v) return v.SS.length;
  if ('NS' in v) return v.NS.length;
  if ('BS' in v) return v.BS.length;
  if ('L' in v) return v.L.length;
  if ('M' in v) return Object.keys(v.M).length;
  return undefined;
}

function ordered(a: AttributeValue | undefined, b: AttributeValue | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : compareScalars(a, b);
}

export function evaluateCondition(condition: Condition, item: Readonly<Item> | undefined): boolean {
  switch (condition.kind) {
    case 'and':
      return evaluateCondition(condition.left, item) && evaluateCondition(condition.right, item);
    case 'or':
      return evaluateCondition(condition.left, item) || evaluateCondition(condition.right, item);
    case 'not':
      return !evaluateCondition(condition.condition, item);
    case 'compare': {
      const a = operandValue(item, condition.left);
      const b = operandValue(item, condition.right);
      if (condition.op === '=') return a !== undefined && b !== undefined && valuesEqual(a, b);
      if (condition.op === '<>') return !(a !== undefined && b !== undefined && valuesEqual(a, b));
      const order = ordered(a, b);
      if (order === undefined) return false;
      switch (condition.op) {
        case '<': return order < 0;
        case '<=': return order <= 0;
        case '>': return order > 0;
        default: return order >= 0;
      }
    }
    case 'between': {
      const v = operandValue(item, condition.operand);
      const low = ordered(v, operandValue(item, condition.low));
      const high = ordered(v, operandValue(item, condition.high));
      return low !== undefined && high !== undefined && low >= 0 && high <= 0;
    }
    case 'in': {
      const v = operandValue(item, condition.operand);
      if (v === undefined) return false;
      return condition.list.some(o => {
        const w = operandValue(item, o);
        return w !== undefined && valuesEqual(v, w);
      });
    }
    case 'function':
      return evaluateFunction(condition.name, condition.args, item);
  }
}

function evaluateFunction(name: string, args: readonly Operand[], item: Readonly<Item> | undefined): boolean {
  const target = operandValue(item, args[0]);
  switch (name) {
    case 'attribute_exists':
      return target !== undefined;
    case 'attribute_not_exists':
      return target === undefined;
    case 'attribute_type': {
      const t = operandValue(item, args[1]);
      return target !== undefined && t !== undefined && 'S' in t && typeOf(target) === t.S;
    }
    case 'begins_with': {
      const prefix = operandValue(item, args[1]);
      if (target === undefined || prefix === undefined) return false;
      if ('S' in target && 'S' in prefix) return target.S.startsWith(prefix.S);
      if ('B' in target && 'B' in prefix) return prefix.B.length <= target.B.length && compareBytes(target.B.subarray(0, prefix.B.length), prefix.B) === 0;
      return false;
    }
    case 'contains': {
      const operand = operandValue(item, args[1]);
      if (target === undefined || operand === undefined) return false;
      if ('S' in target) return 'S' in operand && target.S.includes(operand.S);
      if ('SS' in target) return 'S' in operand && target.SS.includes(operand.S);
      if ('NS' in target) return 'N' in operand && target.NS.some(n => setMemberKey('NS', n) === setMemberKey('NS', operand.N));
      if ('BS' in target) return 'B' in operand && target.BS.some(b => compareBytes(b, operand.B) === 0);
      if ('L' in target) return target.L.some(e => valuesEqual(e, operand));
      return false;
    }
    default:
      return false;
  }
}
