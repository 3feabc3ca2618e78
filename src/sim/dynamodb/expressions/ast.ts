/**
 * The expression syntax tree ("Using expressions in DynamoDB"): document paths, operands, conditions, update actions.
 * Attribute names are resolved from `#name` placeholders and values from `:value` placeholders while parsing, so the
 * evaluators never see a placeholder.
 */
import { AttributeValue } from '../values/attribute-value';

/** One step of a document path: a map key / top-level attribute name, or a list index. */
export type PathElement = { readonly kind: 'name'; readonly name: string } | { readonly kind: 'index'; readonly index: number };

export interface PathNode {
  readonly kind: 'path';
  readonly elements: readonly PathElement[];
}

export interface ValueNode {
  readonly kind: 'value';
  readonly ref: string;
  readonly value: AttributeValue;
}

/** `size(path)`, an operand in conditions. */
export interface SizeNode {
  readonly kind: 'size';
  readonly path: PathNode;
}

/** SET right-hand sides. */
export interface IfNotExistsNode {
  readonly kind: 'if_not_exists';
  readonly path: PathNode;
  readonly fallback: Operand;
}

export interface ListAppendNode {
  readonly kind: 'list_append';
  readonly left: Operand;
  readonly right: Operand;
}

export interface ArithmeticNode {
  readonly kind: 'arithmetic';
  readonly op: '+' | '-';
  readonly left: Operand;
  readonly right: Operand;
}

export type Operand = PathNode | ValueNode | SizeNode | IfNotExistsNode | ListAppendNode | ArithmeticNode;

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type ConditionFunction = 'attribute_exists' | 'attribute_not_exists' | 'attribute_type' | 'begins_with' | 'contains';

export type Condition =
  | { readonly kind: 'compare'; readonly op: Comparator; readonly left: Operand; readonly right: Operand }
  | { readonly kind: 'between'; readonly operand: Operand; readonly low: Operand; readonly high: Operand }
  | { readonly kind: 'in'; readonly operand: Operand; readonly list: readonly Operand[] }
  | { readonly kind: 'function'; readonly name: ConditionFunction; readonly args: readonly Operand[] }
  | { readonly kind: 'and'; readonly left: Condition; readonly right: Condition }
  | { readonly kind: 'or'; readonly left: Condition; readonly right: Condition }
  | { readonly kind: 'not'; readonly condition: Condition };

export type UpdateAction =
  | { readonly kind: 'SET'; readonly path: PathNode; readonly value: Operand }
  | { readonly kind: 'REMOVE'; readonly path: PathNode }
  | { readonly kind: 'ADD'; readonly path: PathNode; readonly value: ValueNode }
  | { readonly kind: 'DELETE'; readonly path: PathNode; readonly value: ValueNode };

/** A path as DynamoDB prints it in messages: `[a, b, [1]]`. */
export function describePath(path: PathNode): string {
  return `[${path.elements.map(e => (e.kind === 'name' ? e.name : `[${e.index}]`)).join(', ')}]`;
}
