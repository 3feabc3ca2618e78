/* eslint-disable no-bitwise */
/**
 * Items with nondecreasing deadlines in a ring buffer (deadlines in a Float64Array, so no per-entry object). SQS
 * visibility deadlines are usually pushed in order (one visibility timeout per queue), which makes this the common
 * path; out-of-order deadlines go to a heap instead.
 */
export class DeadlineRing<T> {
  private items: (T | undefined)[] = new Array(64);
  private times = new Float64Array(64);
  private head = 0;
  private count = 0;

  public get length(): number {
    return this.count;
  }

  /** The deadline of the last item pushed, or -Infinity when empty. */
  public lastTime(): number {
    return this.count === 0 ? -Infinity : this.times[(this.head + this.count - 1) & (this.times.length - 1)];
  }

  public push(item: T, at: number): void {
    if (this.count === this.times.length) this.grow();
    const i = (this.head + this.count) & (this.times.length - 1);
    this.items[i] = item;
    this.times[i] = at;
    this.count++;
  }

  public peekItem(): T | undefined {
    return this.count === 0 ? undefined : this.items[this.head];
  }

  public peekTime(): number {
    return this.count === 0 ? Infinity : this.times[this.head];
  }

  public shift(): void {
    if (this.count === 0) return;
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & (this.times.length - 1);
    this.count--;
  }

  /** Keeps the entries for which `keep(item, at)` holds, in order. */
  public retain(keep: (item: T, at: number) => boolean): void {
    const items: T[] = [];
    const times: number[] = [];
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) & (this.times.length - 1);
      const item = this.items[i] as T;
      if (keep(item, this.times[i])) {
        items.push(item);
        times.push(this.times[i]);
      }
    }
    this.clear();
    for (let k = 0; k < items.length; k++) this.push(items[k], times[k]);
  }

  public clear(): void {
    this.items = new Array(64);
    this.times = new Float64Array(64);
    this.head = 0;
    this.count = 0;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const items: (T | undefined)[] = new Array(cap);
    const times = new Float64Array(cap);
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) & (this.times.length - 1);
      items[k] = this.items[i];
      times[k] = this.times[i];
    }
    this.items = items;
    this.times = times;
    this.head = 0;
  }
}
