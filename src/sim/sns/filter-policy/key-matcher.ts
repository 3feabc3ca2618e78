import { isComparableNumber, toFixedPoint } from './number';
import { Condition, IndexKey, Scalar, ValueTest } from './types';

/**
 * One policy property (a dotted path for nested body properties) with its OR-list of conditions: a Set for exact
 * strings, a Set of fixed-point numbers for exact numbers, flags for true/false/null, and lists of tests for the
 * other operators.
 */
export class KeyMatcher {
  /**
   * The subscription index's keys for this property, or undefined when some condition has none (true, false, null,
   * numeric, cidr, anything-but, exists): then a lookup by value could miss a value the property matches.
   */
  public readonly keys: readonly IndexKey[] | undefined;
  public readonly existsTrue: boolean;
  public readonly existsFalse: boolean;
  private readonly strings = new Set<string>();
  private readonly numbers = new Set<number>();
  private readonly matchTrue: boolean;
  private readonly matchFalse: boolean;
  private readonly matchNull: boolean;
  private readonly tests: ValueTest[] = [];
  private readonly anythingBut: ValueTest[] = [];

  constructor(public readonly path: string, conditions: readonly Condition[]) {
    const keys: IndexKey[] = [];
    let indexable = true;
    let matchTrue = false;
    let matchFalse = false;
    let matchNull = false;
    let existsTrue = false;
    let existsFalse = false;
    for (const c of conditions) {
      switch (c.kind) {
        case 'literal':
          if (typeof c.value === 'string') {
            this.strings.add(c.value);
            keys.push({ kind: 'string', value: c.value });
          } else if (typeof c.value === 'number') {
            this.numbers.add(toFixedPoint(c.value));
            keys.push({ kind: 'number', value: toFixedPoint(c.value) });
          } else {
            indexable = false;
            if (c.value === true) matchTrue = true;
            else if (c.value === false) matchFalse = true;
            else matchNull = true;
          }
          break;
        case 'test':
          this.tests.push(c.test);
          if (c.key !== undefined) keys.push(c.key);
          else indexable = false;
          break;
        case 'anything-but':
          this.anythingBut.push(c.test);
          indexable = false;
          break;
        case 'exists':
          if (c.exists) existsTrue = true;
          else existsFalse = true;
          indexable = false;
          break;
      }
    }
    this.keys = indexable && keys.length > 0 ? keys : undefined;
    this.matchTrue = matchTrue;
    this.matchFalse = matchFalse;
    this.matchNull = matchNull;
    this.existsTrue = existsTrue;
    this.existsFalse = existsFalse;
  }

  /** True when the leaf value alone satisfies the property (any of its conditions). */
  public matchesLeaf(v: Scalar): boolean {
    if (typeof v === 'string') {
      if (this.strings.has(v)) return true;
    } else if (typeof v === 'number') {
      if (isComparableNumber(v) && this.numbers.has(toFixedPoint(v))) return true;
    } else if (v === true) {
      if (this.matchTrue) return true;
    } else if (v === false) {
      if (this.matchFalse) return true;
    } else if (this.matchNull) {
      return true;
    }
    if (this.existsTrue && v !== null && v !== '') return true; // attribute-key-matching: non-null and non-empty
    return this.tests.some(test => test(v)) || this.anythingBut.some(test => test(v));
  }

  /**
   * Evaluates the property against all of its leaf values; `values` empty means the property is absent. An array
   * matches when any one element does, anything-but included (see operators/anything-but.ts).
   */
  public matchesValues(values: readonly Scalar[]): boolean {
    if (values.length === 0) return this.existsFalse;
    return values.some(v => this.matchesLeaf(v));
  }
}
