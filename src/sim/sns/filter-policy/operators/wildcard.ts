import { invalidPolicy } from '../errors';
import { Condition, IndexKey } from '../types';
import { MatchOperator } from './operator';
import { requireString } from './prefix';

/** "Maximum 3 wildcards per pattern" (subscription-filter-policy-constraints, wildcard pattern usage guidelines). */
export const MAX_WILDCARDS_PER_PATTERN = 3;

/**
 * SNS does not publish its text for a refused wildcard pattern; this is the rule engine's (EventBridge's event-ruler,
 * whose other messages SNS shares), used for both wildcard limits of the constraints page.
 */
export const WILDCARD_TOO_COMPLEX = 'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';

/** A wildcard pattern split at its wildcards: `a*b*c` is ['a', 'b', 'c'], `*ball` is ['', 'ball'], `x` is ['x']. */
export interface WildcardPattern {
  /** The literal text around the wildcards, escapes resolved; one more segment than wildcards. */
  readonly segments: readonly string[];
}

/**
 * Wildcard matching (string-value-matching): `{"wildcard": "*ball"}` matches string values where each `*` stands for
 * any run of characters, the empty run included: `baseball` and `basketball`.
 */
export const wildcardOperator: MatchOperator = {
  name: 'wildcard',
  compile(operand: unknown): Condition {
    const pattern = parseWildcard(requireString('wildcard', operand));
    return { kind: 'test', test: v => typeof v === 'string' && matchesWildcard(pattern, v), key: wildcardKey(pattern) };
  },
};

/**
 * Parses and checks a wildcard pattern (also used inside anything-but). The SNS page is silent on escapes and on
 * repeated wildcards; the simulator follows EventBridge's wildcard rules: `\*` is a literal `*` and `\\` a literal `\`,
 * any other escape is refused, and consecutive wildcard characters are refused. Positions in those messages count
 * UTF-8 bytes from the pattern's opening quote, as the rule engine reports them. A pattern with more wildcards than
 * the constraints page allows is refused.
 */
export function parseWildcard(pattern: string): WildcardPattern {
  const segments: string[] = [];
  let literal = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') invalidPolicy(`Consecutive wildcard characters at pos ${position(pattern, i)}`);
      segments.push(literal);
      literal = '';
    } else if (c === '\\') {
      const next = pattern[i + 1];
      if (next !== '*' && next !== '\\') invalidPolicy(`Invalid escape character at pos ${position(pattern, i)}`);
      literal += next;
      i++;
    } else {
      literal += c;
    }
  }
  segments.push(literal);
  if (segments.length - 1 > MAX_WILDCARDS_PER_PATTERN) invalidPolicy(WILDCARD_TOO_COMPLEX);
  return { segments };
}

/** The number of wildcards in a pattern that `parseWildcard` accepts. */
export function wildcardCount(pattern: WildcardPattern): number {
  return pattern.segments.length - 1;
}

/** Whether `value` matches: the first segment begins it, the last ends it, the others appear in order between. */
export function matchesWildcard(pattern: WildcardPattern, value: string): boolean {
  const segments = pattern.segments;
  if (segments.length === 1) return value === segments[0];
  const head = segments[0];
  const tail = segments[segments.length - 1];
  if (value.length < head.length + tail.length || !value.startsWith(head) || !value.endsWith(tail)) return false;
  const end = value.length - tail.length;
  let at = head.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const found = value.indexOf(segments[i], at);
    if (found < 0 || found + segments[i].length > end) return false;
    at = found + segments[i].length;
  }
  return true;
}

/**
 * How the subscription index finds the values a pattern can match (the simulator's lookup, not SNS behaviour): by
 * exact value when it has no wildcard, else by its literal text before the first `*` as a prefix, or when that is
 * empty by the text after the last `*` as a suffix; `*` alone (or `*x*`) is found under the empty prefix, which every
 * string value has. The index then evaluates the whole pattern.
 */
function wildcardKey(pattern: WildcardPattern): IndexKey {
  const segments = pattern.segments;
  if (segments.length === 1) return { kind: 'string', value: segments[0] };
  const head = segments[0];
  const tail = segments[segments.length - 1];
  if (head === '' && tail !== '') return { kind: 'suffix', value: tail };
  return { kind: 'prefix', value: head };
}

function position(pattern: string, index: number): number {
  return Buffer.byteLength(pattern.slice(0, index), 'utf8') + 1;
}
