/**
 * Values a queue stores by number rather than by reference (senders, the middle pieces of SNS envelopes): each
 * distinct value is kept once, and a slot keeps its value's number in a typed array, which the garbage collector
 * never scans. Values repeat in runs (one sender or one subscription at a time), so the last value is checked first.
 */
export class NumberTable<V> {
  private readonly values: V[] = [];
  private readonly numbers = new Map<V, number>();
  private last: V | undefined;
  private lastNumber = -1;

  /** Distinct values so far (they are kept for the table's life). */
  public get size(): number {
    return this.values.length;
  }

  /** Whether `value` already has a number. */
  public has(value: V): boolean {
    return value === this.last || this.numbers.has(value);
  }

  /** The number of `value`, given one if it has none yet. */
  public numberOf(value: V): number {
    if (value === this.last) return this.lastNumber;
    let n = this.numbers.get(value);
    if (n === undefined) {
      n = this.values.length;
      this.values.push(value);
      this.numbers.set(value, n);
    }
    this.last = value;
    this.lastNumber = n;
    return n;
  }

  /** The value numbered `n`. */
  public at(n: number): V {
    return this.values[n];
  }
}
