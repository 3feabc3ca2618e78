import { isComparableNumber, toFixedPoint } from './number';
import { Condition, Scalar, ValueTest } from './types';

/**
 * One policy property (a dotted path for nested body properties) with its OR-list of conditions, compiled into the
 * shapes that are fastest to test: a Set for exact strings, a Set of fixed-point numbers for exact numbers, flags for
 * true/false/null, and arrays of tests for the other operators.
 */
export class KeyMatcher {
  /** Exact string values when the property has any (used by the subscription index). */
  public readonly literalStrings: readonly string[];
  /** Exact numbers (as fixed-point integers) when the property has any (used by the subscription index). */
  public readonly literalNumbers: readonly number[];
  /** Prefixes, suffixes and lower-cased equals-ignore-case values of the string operators (used by the index). */
  public readonly prefixes: readonly string[];
  public readonly suffixes: readonly string[];
  public readonly lowerCased: readonly string[];
  /**
   * True when every condition is an exact string or number, a prefix, a suffix or an equals-ignore-case value, so
   * index lookups on those keys find every value that matches.
   */
  public readonly indexable: boolean;
  public readonly existsTrue: boolean;
  public readonly existsFalse: boolean;
  private readonly strings: ReadonlySet<string> | undefined;
  private readonly numbers: ReadonlySet<number> | undefined;
  private readonly matchTrue: boolean;
  private readonly matchFalse: boolean;
  private readonly matchNull: boolean;
  private readonly tests: readonly ValueTest[];
  private readonly anythingBut: readonly ValueTest[];

  constructor(public readonly path: string, conditions: readonly Condition[]) {
    const strings: string[] = [];
    const numbers: number[] = [];
    const tests: ValueTest[] = [];
    const anythingBut: ValueTest[] = [];
    let matchTrue = false;
    let matchFalse = false;
    let matchNull = false;
    let existsTrue = false;
    let existsFalse = false;
    const prefixes: string[] = [];
    const suffixes: string[] = [];
    const lowerCased: string[] = [];
    let keyedTests = 0;
    for (const c of conditions) {
      switch (c.kind) {
        case 'literal':
          if (typeof c.value === 'string') strings.push(c.value);
          else if (typeof c.value === 'number') numbers.push(toFixedPoint(c.value));
          else if (c.value === true) matchTrue = true;
          else if (c.value === false) matchFalse = true;
          else matchNull = true;
          break;
        case 'test':
          tests.push(c.test);
          if (c.prefix !== undefined) prefixes.push(c.prefix);
          else if (c.suffix !== undefined) suffixes.push(c.suffix);
          else if (c.lowerCase !== undefined) lowerCased.push(c.lowerCase);
          else break;
          keyedTests++;
          break;
        case 'anything-but':
          anythingBut.push(c.test);
          break;
        case 'exists':
          if (c.exists) existsTrue = true;
          else existsFalse = true;
          break;
      }
    }
    this.literalStrings = strings;
    this.literalNumbers = numbers;
    this.strings = strings.length > 0 ? new Set(strings) : undefined;
    this.numbers = numbers.length > 0 ? new Set(numbers) : undefined;
    this.matchTrue = matchTrue;
    this.matchFalse = matchFalse;
    this.matchNull = matchNull;
    this.tests = tests;
    this.anythingBut = anythingBut;
    this.existsTrue = existsTrue;
    this.existsFalse = existsFalse;
    this.prefixes = prefixes;
    this.suffixes = suffixes;
    this.lowerCased = lowerCased;
    this.indexable = strings.length + numbers.length + keyedTests > 0 && tests.length === keyedTests
      && anythingBut.length === 0 && !existsTrue && !existsFalse && !matchTrue && !matchFalse && !matchNull;
  }

  /** True when one leaf value satisfies a literal or operator condition (anything-but and exists aside). */
  public matchesValue(v: Scalar): boolean {
    if (typeof v === 'string') {
      if (this.strings !== undefined && this.strings.has(v)) return true;
    } else if (typeof v === 'number') {
      if (this.numbers !== undefined && isComparableNumber(v) && this.numbers.has(toFixedPoint(v))) return true;
    } else if (v === true) {
      if (this.matchTrue) return true;
    } else if (v === false) {
      if (this.matchFalse) return true;
    } else if (this.matchNull) {
      return true;
    }
    const tests = this.tests;
    for (let i = 0; i < tests.length; i++) if (tests[i](v)) return true;
    return false;
  }

  /** True when the leaf value alone satisfies the property (any condition, exists:true included). */
  public matchesLeaf(v: Scalar): boolean {
    if (this.matchesValue(v)) return true;
    if (this.existsTrue && v !== null) return true;
    const ab = this.anythingBut;
    for (let i = 0; i < ab.length; i++) if (ab[i](v)) return true;
    return false;
  }

  /**
   * Evaluates the property against all of its leaf values; `values` empty means the property is absent. An array
   * matches when any one element does, anything-but included (see operators/anything-but.ts).
   */
  public matchesValues(values: readonly Scalar[]): boolean {
    if (values.length === 0) return this.existsFalse;
    for (let i = 0; i < values.length; i++) if (this.matchesLeaf(values[i])) return true;
    return false;
  }
}
