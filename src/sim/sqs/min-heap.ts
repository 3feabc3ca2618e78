/* eslint-disable no-bitwise */
/**
 * A binary min-heap ordered by `before`. Entries are removed lazily by the owner (it skips stale tops), so a message
 * that is deleted costs nothing here until it reaches the top or the heap is compacted.
 */
export class MinHeap<T> {
  private items: T[] = [];

  constructor(private readonly before: (a: T, b: T) => boolean) {}

  public get length(): number {
    return this.items.length;
  }

  public peek(): T | undefined {
    return this.items[0];
  }

  public push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(items[i], items[parent])) break;
      const t = items[i];
      items[i] = items[parent];
      items[parent] = t;
      i = parent;
    }
  }

  public pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  /** Keeps only the items for which `keep` holds and restores heap order: O(n). */
  public retain(keep: (item: T) => boolean): void {
    this.items = this.items.filter(keep);
    for (let i = (this.items.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  public clear(): void {
    this.items = [];
  }

  private siftDown(start: number): void {
    const items = this.items;
    const n = items.length;
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      if (l < n && this.before(items[l], items[smallest])) smallest = l;
      if (r < n && this.before(items[r], items[smallest])) smallest = r;
      if (smallest === i) break;
      const t = items[i];
      items[i] = items[smallest];
      items[smallest] = t;
      i = smallest;
    }
  }
}
