/**
 * The expression tokenizer: identifiers, `#name` and `:value` placeholders, list indexes, comparators and punctuation.
 * Hand-written (with a recursive-descent parser on top) because the grammar is small and DynamoDB's syntax errors
 * quote the offending token and its neighbours (`Syntax error; token: "x", near: "a x b"`), which needs the tokens'
 * positions in the source text.
 */
export type TokenKind = 'identifier' | 'name-ref' | 'value-ref' | 'number' | 'operator' | 'punct' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** Offset in the expression. */
  readonly start: number;
  readonly end: number;
}

/** A tokenizer error carries the bad character, as DynamoDB reports it (`Invalid character: "%"`). */
export class TokenizeError extends Error {
  constructor(public readonly char: string, public readonly position: number) {
    super(`Syntax error; token: "${char}", near: ""`);
  }
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;
const PLACEHOLDER_PART = /[A-Za-z0-9_]/;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (IDENT_START.test(c)) {
      while (i < text.length && IDENT_PART.test(text[i])) i++;
      tokens.push({ kind: 'identifier', text: text.slice(start, i), start, end: i });
    } else if (c === '#' || c === ':') {
      i++;
      while (i < text.length && PLACEHOLDER_PART.test(text[i])) i++;
      if (i === start + 1) throw new TokenizeError(c, start);
      tokens.push({ kind: c === '#' ? 'name-ref' : 'value-ref', text: text.slice(start, i), start, end: i });
    } else if (c >= '0' && c <= '9') {
      while (i < text.length && text[i] >= '0' && text[i] <= '9') i++;
      tokens.push({ kind: 'number', text: text.slice(start, i), start, end: i });
    } else if (c === '<' || c === '>') {
      i++;
      if (text[i] === '=' || (c === '<' && text[i] === '>')) i++;
      tokens.push({ kind: 'operator', text: text.slice(start, i), start, end: i });
    } else if (c === '=' || c === '+' || c === '-') {
      i++;
      tokens.push({ kind: 'operator', text: c, start, end: i });
    } else if ('(),.[]'.includes(c)) {
      i++;
      tokens.push({ kind: 'punct', text: c, start, end: i });
    } else {
      throw new TokenizeError(c, start);
    }
  }
  tokens.push({ kind: 'eof', text: '<EOF>', start: text.length, end: text.length });
  return tokens;
}
