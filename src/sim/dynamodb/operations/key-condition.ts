/**
 * KeyConditionExpression checked against the key schema of the table or index queried ("Query": the partition key
 * with `=`, optionally the sort key with =, <, <=, >, >=, BETWEEN or begins_with, joined by AND), turned into a
 * range over one partition.
 */
import { invalidParameter, validation } from '../errors';
import { Condition, Operand } from '../expressions/ast';
import { KeySchema } from '../table-config';
import { AttributeValue, typeOf } from '../values/attribute-value';

export type SortCondition =
  | { readonly op: '=' | '<' | '<=' | '>' | '>='; readonly value: AttributeValue }
  | { readonly op: 'BETWEEN'; readonly low: AttributeValue; readonly high: AttributeValue }
  | { readonly op: 'begins_with'; readonly value: AttributeValue };

export interface KeyRange {
  readonly partition: AttributeValue;
  readonly sort?: SortCondition;
}

interface Part {
  readonly attribute: string;
  readonly op: string;
  readonly values: AttributeValue[];
}

const invalid = (detail: string) => validation(`Invalid KeyConditionExpression: ${detail}`);

function attributeName(o: Operand): string | undefined {
  return o.kind === 'path' && o.elements.length === 1 && o.elements[0].kind === 'name' ? o.elements[0].name : undefined;
}

function valueOf(o: Operand): AttributeValue {
  if (o.kind !== 'value') throw invalid('Query key condition not supported');
  return o.value;
}

function parts(c: Condition, out: Part[]): void {
  switch (c.kind) {
    case 'and':
      parts(c.left, out);
      parts(c.right, out);
      return;
    case 'or':
      throw invalid('Invalid operator used in KeyConditionExpression: OR');
    case 'not':
      throw invalid('Invalid operator used in KeyConditionExpression: NOT');
    case 'in':
      throw invalid('Invalid operator used in KeyConditionExpression: IN');
    case 'compare': {
      if (c.op === '<>') throw invalid('Invalid operator used in KeyConditionExpression: <>');
      let left = c.left;
      let right = c.right;
      let op: string = c.op;
      // `:v = pk` reads as `pk = :v`; an ordering with the value first flips.
      if (left.kind === 'value' && right.kind !== 'value') {
        [left, right] = [right, left];
        op = ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[op] ?? op;
      }
      const attribute = attributeName(left);
      if (attribute === undefined) throw validation('Query key condition not supported');
      out.push({ attribute, op, values: [valueOf(right)] });
      return;
    }
    case 'between': {
      const attribute = attributeName(c.operand);
      if (attribute === undefined) throw validation('Query key condition not supported');
      out.push({ attribute, op: 'BETWEEN', values: [valueOf(c.low), valueOf(c.high)] });
      return;
    }
    case 'function': {
      if (c.name !== 'begins_with') throw invalid(`Invalid operator used in KeyConditionExpression: ${c.name}`);
      const attribute = attributeName(c.args[0]);
      if (attribute === undefined) throw validation('Query key condition not supported');
      out.push({ attribute, op: 'begins_with', values: [valueOf(c.args[1])] });
    }
  }
}

export function keyRange(condition: Condition, schema: KeySchema): KeyRange {
  const all: Part[] = [];
  parts(condition, all);
  if (all.length > 2) throw validation('Conditions can be of length 1 or 2 only');
  const hash = all.find(p => p.attribute === schema.hash.name);
  if (!hash) throw validation(`Query condition missed key schema element: ${schema.hash.name}`);
  if (hash.op !== '=') throw validation('Query key condition not supported');
  const rest = all.filter(p => p !== hash);
  if (rest.length > 0 && (!schema.range || rest[0].attribute !== schema.range.name)) {
    throw validation(`Query condition missed key schema element: ${schema.range ? schema.range.name : rest[0].attribute}`);
  }
  for (const p of all) {
    const expected = p.attribute === schema.hash.name ? schema.hash.type : schema.range!.type;
    for (const v of p.values) {
      if (typeOf(v) !== expected) throw invalidParameter('Condition parameter type does not match schema type');
    }
  }
  const sortPart = rest[0];
  if (!sortPart) return { partition: hash.values[0] };
  if (sortPart.op === 'begins_with' && schema.range!.type === 'N') {
    throw invalid('Incorrect operand type for operator or function; operator or function: begins_with, operand type: N');
  }
  const sort: SortCondition = sortPart.op === 'BETWEEN'
    ? { op: 'BETWEEN', low: sortPart.values[0], high: sortPart.values[1] }
    : { op: sortPart.op as '=' | '<' | '<=' | '>' | '>=' | 'begins_with', value: sortPart.values[0] };
  return { partition: hash.values[0], sort };
}
