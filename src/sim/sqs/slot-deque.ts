/**
 * A first-in first-out queue of slot numbers (non-negative int32) in an Int32Array with a moving head: the queue's
 * arrival and ready orders. A plain array of numbers is garbage-collected memory that grows by copying and that
 * V8's young-generation collector copies again while it survives; measured on the fan-out benchmark, the two orders'
 * arrays were one of the largest allocators per delivery. A typed array's buffer lies outside the collected heap.
 */
export class SlotDeque {
  private items: Int32Array;
  private head = 0;
  private tail = 0;

  constructor(initialCapacity = 16) {
    this.items = new Int32Array(initialCapacity);
  }

  public get length(): number {
    return this.tail - this.head;
  }

  public push(slot: number): void {
    if (this.tail === this.items.length) this.makeRoom();
    this.items[this.tail++] = slot;
  }

  public shift(): number | undefined {
    if (this.head === this.tail) return undefined;
    const slot = this.items[this.head++];
    if (this.head === this.tail) this.head = this.tail = 0;
    return slot;
  }

  public peek(): number | undefined {
    return this.head === this.tail ? undefined : this.items[this.head];
  }

  /** Keeps only the slots for which `keep` holds, in order: O(n). */
  public retain(keep: (slot: number) => boolean): void {
    let to = 0;
    for (let i = this.head; i < this.tail; i++) {
      const slot = this.items[i];
      if (keep(slot)) this.items[to++] = slot;
    }
    this.head = 0;
    this.tail = to;
  }

  public clear(): void {
    this.head = 0;
    this.tail = 0;
  }

  public *[Symbol.iterator](): IterableIterator<number> {
    for (let i = this.head; i < this.tail; i++) yield this.items[i];
  }

  /**
   * The end is reached: move the live part to the front when it fills at most half, else grow: fourfold while small
   * (each typed-array allocation has a fixed cost), twofold past 64K slots (memory).
   */
  private makeRoom(): void {
    const live = this.tail - this.head;
    if (this.head > 0 && live * 2 <= this.items.length) {
      this.items.copyWithin(0, this.head, this.tail);
    } else {
      const bigger = new Int32Array(this.items.length * (this.items.length < 65_536 ? 4 : 2));
      bigger.set(this.items.subarray(this.head, this.tail));
      this.items = bigger;
    }
    this.head = 0;
    this.tail = live;
  }
}
