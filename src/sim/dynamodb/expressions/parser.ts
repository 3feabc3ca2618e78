/**
 * A recursive-descent parser for DynamoDB's expression grammar ("Comparison operator and function reference",
 * "Update expressions", "Projection expressions"), over the tokens of tokenizer.ts. Precedence, highest first:
 * comparators, IN, BETWEEN, functions, parentheses, NOT, AND, OR.
 *
 * Errors come in DynamoDB's order: a syntax error anywhere wins; then the first semantic error met while parsing (an
 * undefined `#name` or `:value`, a reserved word used as a name, a function in the wrong place), each prefixed with
 * `Invalid <ExpressionKind>: `.
 */
import {
  ArithmeticNode, Comparator, Condition, ConditionFunction, describePath, Operand, PathElement, PathNode, UpdateAction, ValueNode,
} from './ast';
import { ExpressionContext } from './context';
import { isReservedWord } from './reserved-words';
import { Token, tokenize, TokenizeError } from './tokenizer';
import { AwsError } from '../../kernel';
import { validation } from '../errors';
import { ATTRIBUTE_TYPES, compareScalars, typeOf } from '../values/attribute-value';

export type ExpressionKind = 'ConditionExpression' | 'FilterExpression' | 'KeyConditionExpression' | 'UpdateExpression' | 'ProjectionExpression';

const COMPARATORS = new Set(['=', '<>', '<', '<=', '>', '>=']);
const CONDITION_FUNCTIONS = new Set(['attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains']);
const ALL_FUNCTIONS = new Set([...CONDITION_FUNCTIONS, 'size', 'if_not_exists', 'list_append']);
const FUNCTION_ARITY: Record<string, number> = {
  attribute_exists: 1, attribute_not_exists: 1, attribute_type: 2, begins_with: 2, contains: 2, size: 1, if_not_exists: 2, list_append: 2,
};
const CLAUSES = ['SET', 'REMOVE', 'ADD', 'DELETE'] as const;
/** "Expression parameters": at most 4 KB of expression text (before substitution) and 300 operators or functions. */
const MAX_EXPRESSION_BYTES = 4096;
const MAX_OPERATORS = 300;
type Clause = typeof CLAUSES[number];

class Parser {
  private pos = 0;
  private readonly tokens: Token[];
  /** The first semantic error, thrown once the whole expression has parsed. */
  private deferred?: string;
  /** Comparators, logical operators, BETWEEN, IN, arithmetic and functions met. */
  private operators = 0;

  constructor(private readonly kind: ExpressionKind, private readonly text: string, private readonly ctx: ExpressionContext) {
    if (text.trim() === '') throw this.error('The expression can not be empty;');
    const size = Buffer.byteLength(text, 'utf8');
    if (size > MAX_EXPRESSION_BYTES) throw this.error(`Expression size has exceeded the maximum allowed size; expression size: ${size}`);
    try {
      this.tokens = tokenize(text);
    } catch (e) {
      if (e instanceof TokenizeError) throw this.error(`Syntax error; token: "${e.char}", near: "${this.near(e.position, e.position + 1)}"`);
      throw e;
    }
  }

  public error(detail: string): AwsError {
    return validation(`Invalid ${this.kind}: ${detail}`);
  }

  /** Source text around an offending token: the token before it, it, and the token after it. */
  private near(start: number, end: number): string {
    const before = [...(this.tokens ?? [])].reverse().find(t => t.end <= start && t.kind !== 'eof');
    const after = (this.tokens ?? []).find(t => t.start >= end && t.kind !== 'eof');
    return this.text.slice(before ? before.start : start, after ? after.end : end);
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  private syntaxError(token: Token = this.peek()): AwsError {
    if (token.kind === 'eof') {
      const before = this.tokens[this.tokens.length - 2];
      return this.error(`Syntax error; token: "<EOF>", near: "${before ? before.text : ''}"`);
    }
    return this.error(`Syntax error; token: "${token.text}", near: "${this.near(token.start, token.end)}"`);
  }

  private isWord(token: Token, word: string): boolean {
    return token.kind === 'identifier' && token.text.toUpperCase() === word;
  }

  private expectPunct(text: string): void {
    const t = this.next();
    if (t.text !== text || (t.kind !== 'punct' && t.kind !== 'operator')) throw this.syntaxError(t);
  }

  private defer(detail: string): void {
    if (this.deferred === undefined) this.deferred = detail;
  }

  /** Ends the parse: trailing tokens are a syntax error, then the first semantic error is thrown. */
  public finish(): void {
    if (this.peek().kind !== 'eof') throw this.syntaxError();
    if (this.operators > MAX_OPERATORS) throw this.error(`The expression contains too many operators; operator count: ${this.operators}`);
    if (this.deferred !== undefined) throw this.error(this.deferred);
  }

  // ---- paths and operands -------------------------------------------------------------------------------------

  private nameElement(token: Token): PathElement {
    if (token.kind === 'name-ref') {
      const name = this.ctx.name(token.text);
      if (name === undefined) this.defer(`An expression attribute name used in the document path is not defined; attribute name: ${token.text}`);
      return { kind: 'name', name: name ?? token.text };
    }
    if (token.kind === 'identifier') {
      if (isReservedWord(token.text)) this.defer(`Attribute name is a reserved keyword; reserved keyword: ${token.text}`);
      return { kind: 'name', name: token.text };
    }
    throw this.syntaxError(token);
  }

  public parsePath(): PathNode {
    const elements: PathElement[] = [this.nameElement(this.next())];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'punct' && t.text === '.') {
        this.next();
        elements.push(this.nameElement(this.next()));
      } else if (t.kind === 'punct' && t.text === '[') {
        this.next();
        const n = this.next();
        if (n.kind !== 'number') throw this.syntaxError(n);
        this.expectPunct(']');
        elements.push({ kind: 'index', index: Number(n.text) });
      } else {
        return { kind: 'path', elements };
      }
    }
  }

  private parseValue(): ValueNode {
    const t = this.next();
    if (t.kind !== 'value-ref') throw this.syntaxError(t);
    const value = this.ctx.value(t.text);
    if (value === undefined) this.defer(`An expression attribute value used in expression is not defined; attribute value: ${t.text}`);
    return { kind: 'value', ref: t.text, value: value ?? { NULL: true } };
  }

  private isFunctionCall(): boolean {
    return this.peek().kind === 'identifier' && this.peek(1).kind === 'punct' && this.peek(1).text === '(';
  }

  /** `name(arg, ...)`: arguments are operands of the kind `argument` parses. */
  private parseCall(argument: () => Operand): { name: string; args: Operand[]; token: Token } {
    const token = this.next();
    this.operators++;
    this.expectPunct('(');
    const args: Operand[] = [argument()];
    while (this.peek().text === ',' && this.peek().kind === 'punct') {
      this.next();
      args.push(argument());
    }
    this.expectPunct(')');
    const name = token.text;
    if (!ALL_FUNCTIONS.has(name)) {
      this.defer(`Invalid function name; function: ${name}`);
    } else if (args.length !== FUNCTION_ARITY[name]) {
      this.defer(`Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${args.length}`);
    } else if ((name !== 'list_append') && args[0].kind !== 'path') {
      this.defer(`Operator or function requires a document path; operator or function: ${name}`);
    }
    return { name, args, token };
  }

  /** An operand of a condition: a path, a value, or size(path). */
  private parseConditionOperand(): Operand {
    const t = this.peek();
    if (t.kind === 'value-ref') return this.parseValue();
    if (this.isFunctionCall()) {
      const call = this.parseCall(() => this.parseConditionOperand());
      if (call.name !== 'size' && ALL_FUNCTIONS.has(call.name)) {
        this.defer(`The function is not allowed to be used this way in an expression; function: ${call.name}`);
      }
      return { kind: 'size', path: call.args[0] as PathNode };
    }
    return this.parsePath();
  }

  // ---- conditions ---------------------------------------------------------------------------------------------

  public parseCondition(): Condition {
    let left = this.parseAnd();
    while (this.isWord(this.peek(), 'OR')) {
      this.next();
      this.operators++;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): Condition {
    let left = this.parseNot();
    while (this.isWord(this.peek(), 'AND')) {
      this.next();
      this.operators++;
      left = { kind: 'and', left, right: this.parseNot() };
    }
    return left;
  }

  private parseNot(): Condition {
    if (this.isWord(this.peek(), 'NOT')) {
      this.next();
      this.operators++;
      return { kind: 'not', condition: this.parseNot() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Condition {
    const t = this.peek();
    if (t.kind === 'punct' && t.text === '(') {
      this.next();
      const inner = this.parseCondition();
      this.expectPunct(')');
      return inner;
    }
    if (this.isFunctionCall() && t.text !== 'size') {
      const call = this.parseCall(() => this.parseConditionOperand());
      if (!CONDITION_FUNCTIONS.has(call.name)) {
        if (ALL_FUNCTIONS.has(call.name)) this.defer(`The function is not allowed to be used this way in an expression; function: ${call.name}`);
        return { kind: 'function', name: 'attribute_exists', args: call.args };
      }
      if (COMPARATORS.has(this.peek().text) && this.peek().kind === 'operator') {
        this.defer(`The function is not allowed to be used this way in an expression; function: ${call.name}`);
        this.next();
        this.parseConditionOperand();
      }
      this.checkFunctionArgs(call.name as ConditionFunction, call.args);
      return { kind: 'function', name: call.name as ConditionFunction, args: call.args };
    }
    if (t.kind === 'eof' || (t.kind !== 'identifier' && t.kind !== 'name-ref' && t.kind !== 'value-ref')) throw this.syntaxError(t);
    const operand = this.parseConditionOperand();
    const op = this.peek();
    if (op.kind === 'operator' && COMPARATORS.has(op.text)) {
      this.next();
      this.operators++;
      return { kind: 'compare', op: op.text as Comparator, left: operand, right: this.parseConditionOperand() };
    }
    if (this.isWord(op, 'BETWEEN')) {
      this.next();
      this.operators++;
      const low = this.parseConditionOperand();
      if (!this.isWord(this.peek(), 'AND')) throw this.syntaxError();
      this.next();
      const high = this.parseConditionOperand();
      this.checkBetweenBounds(low, high);
      return { kind: 'between', operand, low, high };
    }
    if (this.isWord(op, 'IN')) {
      this.next();
      this.operators++;
      this.expectPunct('(');
      const list: Operand[] = [this.parseConditionOperand()];
      while (this.peek().kind === 'punct' && this.peek().text === ',') {
        this.next();
        list.push(this.parseConditionOperand());
      }
      this.expectPunct(')');
      return { kind: 'in', operand, list };
    }
    if (operand.kind === 'size') throw this.error('The function is not allowed to be used this way in an expression; function: size');
    throw this.syntaxError(op);
  }

  private checkFunctionArgs(name: ConditionFunction, args: readonly Operand[]): void {
    if (name === 'attribute_type' && args[1]?.kind === 'value') {
      const v = args[1].value;
      if (!('S' in v) || !(ATTRIBUTE_TYPES as readonly string[]).includes(v.S)) {
        const shown = 'S' in v ? v.S : JSON.stringify(v);
        this.defer(`Invalid attribute type name found; type: ${shown}, valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }`);
      }
    }
  }

  private checkBetweenBounds(low: Operand, high: Operand): void {
    if (low.kind !== 'value' || high.kind !== 'value') return;
    const order = compareScalars(low.value, high.value);
    if (order !== undefined && order > 0) {
      this.defer(`The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {${showValue(low)}}, upper bound operand: AttributeValue: {${showValue(high)}}`);
    }
  }

  // ---- update expressions -------------------------------------------------------------------------------------

  public parseUpdate(): UpdateAction[] {
    const actions: UpdateAction[] = [];
    const seen = new Set<Clause>();
    while (this.peek().kind !== 'eof') {
      const t = this.next();
      const clause = CLAUSES.find(c => this.isWord(t, c));
      if (!clause) throw this.syntaxError(t);
      if (seen.has(clause)) throw this.error(`The "${clause}" section can only be used once in an update expression;`);
      seen.add(clause);
      for (;;) {
        actions.push(this.parseAction(clause));
        if (this.peek().kind === 'punct' && this.peek().text === ',') {
          this.next();
          continue;
        }
        break;
      }
    }
    return actions;
  }

  private parseAction(clause: Clause): UpdateAction {
    const path = this.parsePath();
    switch (clause) {
      case 'SET': {
        const eq = this.next();
        if (eq.text !== '=' || eq.kind !== 'operator') throw this.syntaxError(eq);
        return { kind: 'SET', path, value: this.parseSetValue() };
      }
      case 'REMOVE':
        return { kind: 'REMOVE', path };
      case 'ADD':
      case 'DELETE': {
        const value = this.parseValue();
        const type = typeOf(value.value);
        const ok = clause === 'ADD' ? ['N', 'SS', 'NS', 'BS'].includes(type) : ['SS', 'NS', 'BS'].includes(type);
        if (!ok && this.ctx.value(value.ref) !== undefined) {
          this.defer(`Incorrect operand type for operator or function; operator or function: ${clause}, operand type: ${typeName(type)}`);
        }
        return { kind: clause, path, value };
      }
    }
  }

  private parseSetValue(): Operand {
    const left = this.parseSetOperand();
    const op = this.peek();
    if (op.kind === 'operator' && (op.text === '+' || op.text === '-')) {
      this.next();
      this.operators++;
      const node: ArithmeticNode = { kind: 'arithmetic', op: op.text, left, right: this.parseSetOperand() };
      for (const side of [node.left, node.right]) {
        if (side.kind === 'value' && !('N' in side.value) && this.ctx.value(side.ref) !== undefined) {
          this.defer(`Incorrect operand type for operator or function; operator or function: ${op.text}, operand type: ${typeName(typeOf(side.value))}`);
        }
      }
      return node;
    }
    return left;
  }

  private parseSetOperand(): Operand {
    if (this.peek().kind === 'value-ref') return this.parseValue();
    if (!this.isFunctionCall()) return this.parsePath();
    const call = this.parseCall(() => this.parseSetOperand());
    if (call.name === 'if_not_exists') return { kind: 'if_not_exists', path: call.args[0] as PathNode, fallback: call.args[1] };
    if (call.name === 'list_append') {
      for (const arg of call.args) {
        if (arg.kind === 'value' && !('L' in arg.value) && this.ctx.value(arg.ref) !== undefined) {
          this.defer(`Incorrect operand type for operator or function; operator or function: list_append, operand type: ${typeName(typeOf(arg.value))}`);
        }
      }
      return { kind: 'list_append', left: call.args[0], right: call.args[1] ?? call.args[0] };
    }
    if (ALL_FUNCTIONS.has(call.name)) this.defer(`The function is not allowed in a update expression; function: ${call.name}`);
    return call.args[0];
  }

  // ---- projection expressions ---------------------------------------------------------------------------------

  public parseProjection(): PathNode[] {
    const paths = [this.parsePath()];
    while (this.peek().kind === 'punct' && this.peek().text === ',') {
      this.next();
      paths.push(this.parsePath());
    }
    return paths;
  }
}

function typeName(type: string): string {
  return type === 'BOOL' ? 'BOOL' : type;
}

function showValue(v: ValueNode): string {
  const type = typeOf(v.value);
  return `${type}:${String((v.value as Record<string, unknown>)[type])}`;
}

export function parseCondition(kind: 'ConditionExpression' | 'FilterExpression' | 'KeyConditionExpression', text: string, ctx: ExpressionContext): Condition {
  const p = new Parser(kind, text, ctx);
  const condition = p.parseCondition();
  p.finish();
  return condition;
}

export function parseUpdate(text: string, ctx: ExpressionContext): UpdateAction[] {
  const p = new Parser('UpdateExpression', text, ctx);
  const actions = p.parseUpdate();
  p.finish();
  checkOverlaps('UpdateExpression', actions.map(a => a.path));
  return actions;
}

export function parseProjection(text: string, ctx: ExpressionContext): PathNode[] {
  const p = new Parser('ProjectionExpression', text, ctx);
  const paths = p.parseProjection();
  p.finish();
  checkOverlaps('ProjectionExpression', paths);
  return paths;
}

/**
 * Two paths of one update or projection may not overlap (one a prefix of the other) or conflict (a map key and a list
 * index at the same place), as DynamoDB refuses them.
 */
function checkOverlaps(kind: ExpressionKind, paths: readonly PathNode[]): void {
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      const a = paths[i].elements;
      const b = paths[j].elements;
      const n = Math.min(a.length, b.length);
      let k = 0;
      while (k < n && sameElement(a[k], b[k])) k++;
      if (k === n) {
        throw validation(`Invalid ${kind}: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${describePath(paths[i])}, path two: ${describePath(paths[j])}`);
      }
      if (a[k].kind !== b[k].kind) {
        throw validation(`Invalid ${kind}: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: ${describePath(paths[i])}, path two: ${describePath(paths[j])}`);
      }
    }
  }
}

function sameElement(a: PathElement, b: PathElement): boolean {
  return a.kind === 'name' ? b.kind === 'name' && a.name === b.name : b.kind === 'index' && a.index === b.index;
}
