import { evaluateCondition } from '../../../src/sim/dynamodb/expressions/condition';
import { ExpressionContext } from '../../../src/sim/dynamodb/expressions/context';
import { parseCondition, parseProjection, parseUpdate } from '../../../src/sim/dynamodb/expressions/parser';
import { projectItem } from '../../../src/sim/dynamodb/expressions/projection';
import { RESERVED_WORD_COUNT } from '../../../src/sim/dynamodb/expressions/reserved-words';
import { Item } from '../../../src/sim/dynamodb/values/attribute-value';

type Values = Record<string, unknown>;

function cond(text: string, values: Values = {}, names?: Record<string, string>) {
  const ctx = new ExpressionContext(names, Object.keys(values).length ? values : undefined, true);
  const c = parseCondition('ConditionExpression', text, ctx);
  ctx.checkAllUsed();
  return c;
}

function holds(text: string, item: Item | undefined, values: Values = {}, names?: Record<string, string>): boolean {
  return evaluateCondition(cond(text, values, names), item);
}

const item: Item = {
  id: { S: 'order-1' },
  qty: { N: '5' },
  price: { N: '9.99' },
  tags: { SS: ['red', 'blue'] },
  scores: { NS: ['1', '2'] },
  parts: { L: [{ M: { sku: { S: 'A' } } }, { S: 'note' }] },
  meta: { M: { creator: { S: 'ann' }, nested: { M: { deep: { BOOL: true } } } } },
  bin: { B: new Uint8Array([1, 2, 3]) },
  nothing: { NULL: true },
};

describe('condition expressions: comparators and functions ("Comparison operator and function reference")', () => {
  test('= and <> compare type and value; comparing different types is false (<> true)', () => {
    expect(holds('qty = :v', item, { ':v': { N: '5.0' } })).toBe(true);
    expect(holds('qty = :v', item, { ':v': { S: '5' } })).toBe(false);
    expect(holds('qty <> :v', item, { ':v': { S: '5' } })).toBe(true);
    expect(holds('absent <> :v', item, { ':v': { S: 'x' } })).toBe(true);
  });

  test('<, <=, >, >= order numbers numerically and strings by UTF-8 bytes; other types never order', () => {
    expect(holds('qty > :v', item, { ':v': { N: '10' } })).toBe(false);
    expect(holds('price < :v', item, { ':v': { N: '10' } })).toBe(true);
    expect(holds('id >= :v', item, { ':v': { S: 'order-0' } })).toBe(true);
    expect(holds('tags < :v', item, { ':v': { S: 'z' } })).toBe(false);
    expect(holds('qty < :v', item, { ':v': { S: 'z' } })).toBe(false);
  });

  test('BETWEEN is inclusive; IN matches any listed value', () => {
    expect(holds('qty BETWEEN :a AND :b', item, { ':a': { N: '5' }, ':b': { N: '6' } })).toBe(true);
    expect(holds('qty BETWEEN :a AND :b', item, { ':a': { N: '6' }, ':b': { N: '7' } })).toBe(false);
    expect(holds('id IN (:a, :b)', item, { ':a': { S: 'x' }, ':b': { S: 'order-1' } })).toBe(true);
  });

  test('attribute_exists / attribute_not_exists / attribute_type on nested paths and list indexes', () => {
    expect(holds('attribute_exists(meta.nested.deep)', item)).toBe(true);
    expect(holds('attribute_exists(parts[0].sku)', item)).toBe(true);
    expect(holds('attribute_exists(parts[5])', item)).toBe(false);
    expect(holds('attribute_not_exists(id)', undefined)).toBe(true);
    expect(holds('attribute_type(tags, :t)', item, { ':t': { S: 'SS' } })).toBe(true);
    expect(holds('attribute_type(nothing, :t)', item, { ':t': { S: 'NULL' } })).toBe(true);
  });

  test('begins_with on strings and binaries; contains on strings, sets and lists', () => {
    expect(holds('begins_with(id, :p)', item, { ':p': { S: 'order-' } })).toBe(true);
    expect(holds('begins_with(bin, :p)', item, { ':p': { B: new Uint8Array([1, 2]) } })).toBe(true);
    expect(holds('contains(id, :s)', item, { ':s': { S: 'der' } })).toBe(true);
    expect(holds('contains(tags, :s)', item, { ':s': { S: 'red' } })).toBe(true);
    expect(holds('contains(scores, :n)', item, { ':n': { N: '2.0' } })).toBe(true);
    expect(holds('contains(parts, :e)', item, { ':e': { S: 'note' } })).toBe(true);
    expect(holds('contains(qty, :n)', item, { ':n': { N: '5' } })).toBe(false);
  });

  test('size() counts string characters, binary bytes and set/list/map elements', () => {
    expect(holds('size(id) = :n', item, { ':n': { N: '7' } })).toBe(true);
    expect(holds('size(bin) = :n', item, { ':n': { N: '3' } })).toBe(true);
    expect(holds('size(tags) = :n AND size(parts) = :n AND size(meta) = :n', item, { ':n': { N: '2' } })).toBe(true);
    expect(holds('size(qty) = :n', item, { ':n': { N: '1' } })).toBe(false);
  });

  test('precedence: NOT binds tighter than AND, AND tighter than OR; parentheses override', () => {
    const v = { ':a': { N: '1' }, ':b': { N: '2' } };
    // true OR (false AND false) = true; (true OR false) AND false = false
    expect(holds('qty = :v OR qty = :a AND qty = :b', item, { ...v, ':v': { N: '5' } })).toBe(true);
    expect(holds('(qty = :v OR qty = :a) AND qty = :b', item, { ...v, ':v': { N: '5' } })).toBe(false);
    const one = { ':a': { N: '1' }, ':v': { N: '5' } };
    expect(holds('NOT qty = :a AND qty = :v', item, one)).toBe(true);
    expect(holds('NOT (qty = :a OR qty = :v)', item, one)).toBe(false);
    expect(holds('not qty = :a and qty = :v', item, one)).toBe(true);
  });
});

describe('expression validation (the documented ValidationException messages)', () => {
  test('syntax errors quote the token and what is near it', () => {
    expect(() => cond('qty = = :v', { ':v': { N: '1' } })).toThrow('Invalid ConditionExpression: Syntax error; token: "=", near: "= = :v"');
    expect(() => cond('qty =', {})).toThrow('Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "="');
    expect(() => cond('', {})).toThrow('Invalid ConditionExpression: The expression can not be empty;');
  });

  test('expression parameters: at most 4 KB of text and 300 operators ("Expression parameters" limits)', () => {
    const long = `a = :v AND b${'x'.repeat(4096)} = :v`;
    expect(() => cond(long, { ':v': { N: '1' } })).toThrow(`Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: ${long.length}`);
    const many = Array.from({ length: 151 }, (_, i) => `a${i} = :v`).join(' AND ');
    expect(() => cond(many, { ':v': { N: '1' } })).toThrow('Invalid ConditionExpression: The expression contains too many operators; operator count: 301');
  });

  test('reserved words need an expression attribute name (the word list has 573 entries)', () => {
    expect(RESERVED_WORD_COUNT).toBe(573);
    expect(() => cond('status = :v', { ':v': { S: 'x' } })).toThrow('Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status');
    expect(holds('#s = :v', { status: { S: 'x' } }, { ':v': { S: 'x' } }, { '#s': 'status' })).toBe(true);
  });

  test('undefined and unused placeholders', () => {
    expect(() => cond('#x = :v', { ':v': { S: 'x' } })).toThrow('Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #x');
    expect(() => cond('a = :v', {})).toThrow('Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :v');
    expect(() => cond('a = :v', { ':v': { S: 'x' }, ':w': { S: 'y' } })).toThrow('Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}');
    expect(() => cond('a = :v', { ':v': { S: 'x' } }, { '#n': 'a' })).toThrow('Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}');
    expect(() => new ExpressionContext({}, undefined, true)).toThrow('ExpressionAttributeNames must not be empty');
    expect(() => new ExpressionContext({ n: 'a' }, undefined, true)).toThrow('ExpressionAttributeNames contains invalid key: Syntax error; key: "n"');
    expect(() => new ExpressionContext(undefined, { ':v': { SS: [] } }, true))
      .toThrow('ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :v');
  });

  test('functions: unknown names, wrong arity, misuse, bad attribute types', () => {
    expect(() => cond('foo(a)')).toThrow('Invalid ConditionExpression: Invalid function name; function: foo');
    expect(() => cond('begins_with(a)')).toThrow('Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1');
    expect(() => cond('size(a)')).toThrow('Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size');
    expect(() => cond('attribute_type(a, :t)', { ':t': { S: 'STRING' } }))
      .toThrow('Invalid ConditionExpression: Invalid attribute type name found; type: STRING, valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }');
    expect(() => cond('a BETWEEN :h AND :l', { ':h': { N: '5' }, ':l': { N: '1' } }))
      .toThrow('Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}');
  });

  test('update expressions: a clause used twice, overlapping paths, operand types', () => {
    const ctx = (v: Values = {}) => new ExpressionContext(undefined, Object.keys(v).length ? v : undefined, true);
    expect(() => parseUpdate('SET a = :v SET b = :v', ctx({ ':v': { N: '1' } }))).toThrow('Invalid UpdateExpression: The "SET" section can only be used once in an update expression;');
    expect(() => parseUpdate('SET a = :v REMOVE a.b', ctx({ ':v': { N: '1' } })))
      .toThrow('Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]');
    expect(() => parseUpdate('SET a = :v + :s', ctx({ ':v': { N: '1' }, ':s': { S: 'x' } })))
      .toThrow('Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S');
    expect(() => parseUpdate('ADD a :s', ctx({ ':s': { S: 'x' } }))).toThrow('Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: ADD, operand type: S');
    expect(() => parseUpdate('SET a = :v 1', ctx({ ':v': { N: '1' } }))).toThrow('Invalid UpdateExpression: Syntax error; token: "1", near: ":v 1"');
  });
});

describe('projection expressions', () => {
  test('nested paths keep their maps; list indexes gather the picked elements', () => {
    const ctx = new ExpressionContext(undefined, undefined, true);
    const paths = parseProjection('id, meta.nested, parts[1], parts[0].sku', ctx);
    expect(projectItem(item, paths)).toEqual({
      id: { S: 'order-1' },
      meta: { M: { nested: { M: { deep: { BOOL: true } } } } },
      parts: { L: [{ M: { sku: { S: 'A' } } }, { S: 'note' }] },
    });
  });
});
