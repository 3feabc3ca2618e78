/**
 * Messages ordered by the virtual time something happens to them (a delay or visibility timeout ends, a retention
 * period ends), so a queue finds what is due in O(log n) and keeps one wake-up task at the earliest deadline instead of
 * a clock task per message.
 *
 * A deadline that no longer holds (the message was deleted, or its visibility timeout changed) is not searched for and
 * removed: the owner says which deadlines still hold (`holds`), stale ones are skipped when they reach the front, and
 * the heap is rebuilt without them once they outnumber the rest.
 */
interface Deadline<T> {
  readonly at: number;
  /** Insertion order: equal times come out first-in first-out. */
  readonly order: number;
  readonly item: T;
}

export class Deadlines<T> {
  private heap: Deadline<T>[] = [];
  private added = 0;

  /** @param holds whether `item`'s deadline `at` still holds */
  constructor(private readonly holds: (item: T, at: number) => boolean) {}

  public add(item: T, at: number): void {
    this.heap.push({ at, order: this.added++, item });
    this.siftUp(this.heap.length - 1);
  }

  /** The earliest deadline that still holds, or undefined. */
  public next(): number | undefined {
    this.dropStale();
    return this.heap.length > 0 ? this.heap[0].at : undefined;
  }

  /** Removes and returns the earliest item whose deadline is at or before `now` and still holds, if any. */
  public takeDue(now: number): T | undefined {
    const next = this.next();
    return next !== undefined && next <= now ? this.pop().item : undefined;
  }

  /** Rebuilds the heap without stale deadlines when they are more than half of it (`current`: how many hold). */
  public compact(current: number): void {
    if (this.heap.length < 64 || this.heap.length <= 2 * current) return;
    this.heap = this.heap.filter(d => this.holds(d.item, d.at));
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.siftDown(i); // eslint-disable-line no-bitwise
  }

  public clear(): void {
    this.heap = [];
  }

  private dropStale(): void {
    while (this.heap.length > 0 && !this.holds(this.heap[0].item, this.heap[0].at)) this.pop();
  }

  private pop(): Deadline<T> {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop() as Deadline<T>;
    if (heap.length > 0) {
      heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1; // eslint-disable-line no-bitwise
      if (!before(heap[i], heap[parent])) return;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * i + 1;
      let first = i;
      if (left < heap.length && before(heap[left], heap[first])) first = left;
      if (left + 1 < heap.length && before(heap[left + 1], heap[first])) first = left + 1;
      if (first === i) return;
      [heap[i], heap[first]] = [heap[first], heap[i]];
      i = first;
    }
  }
}

function before<T>(a: Deadline<T>, b: Deadline<T>): boolean {
  return a.at < b.at || (a.at === b.at && a.order < b.order);
}
