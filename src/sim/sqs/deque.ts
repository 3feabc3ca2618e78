/* eslint-disable no-bitwise */
/**
 * A double-ended queue over a plain array with a moving head: `push` is V8's fast array push, `shift` just advances
 * the head (the consumed prefix is dropped once it is larger than the live part), so per-message queue work stays
 * O(1) amortized where `Array.prototype.shift()` would be O(n) on a large backlog.
 */
export class Deque<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  constructor(_initialCapacity?: number) {}

  public get length(): number {
    return this.items.length - this.head;
  }

  public push(value: T): void {
    this.items.push(value);
  }

  public unshift(value: T): void {
    if (this.head > 0) this.items[--this.head] = value;
    else this.items.unshift(value);
  }

  public shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const value = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    } else if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    }
    return value;
  }

  public peek(): T | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  /** The element at position `index` from the front (0 = front). */
  public get(index: number): T | undefined {
    return index >= 0 && index < this.items.length - this.head ? this.items[this.head + index] : undefined;
  }

  /** Inserts at `index` (0 = front): O(min(index, length - index)) moves at best, O(length) at worst. */
  public insertAt(index: number, value: T): void {
    if (index <= 0) {
      this.unshift(value);
    } else if (index >= this.length) {
      this.push(value);
    } else if (this.head > 0) {
      const at = this.head + index;
      for (let i = this.head - 1; i < at - 1; i++) this.items[i] = this.items[i + 1];
      this.head--;
      this.items[at - 1] = value;
    } else {
      this.items.splice(index, 0, value);
    }
  }

  /** Keeps only the elements for which `keep` holds, in order: O(n). */
  public retain(keep: (value: T) => boolean): void {
    const kept: T[] = [];
    for (let i = this.head; i < this.items.length; i++) {
      const v = this.items[i] as T;
      if (keep(v)) kept.push(v);
    }
    this.items = kept;
    this.head = 0;
  }

  public clear(): void {
    this.items = [];
    this.head = 0;
  }

  public *[Symbol.iterator](): IterableIterator<T> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i] as T;
  }
}
