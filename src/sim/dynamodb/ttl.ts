/**
 * Time to Live ("Using time to live (TTL) in DynamoDB"): an item whose TTL attribute holds a Number of epoch seconds
 * in the past is expired; DynamoDB deletes it later ("typically within a few days"), and until then reads, queries
 * and scans still return it. The simulator deletes an expired item a fixed, deterministic delay after its expiry
 * (one virtual hour by default; `sim.table(t).setTtlDeletionDelay(ms)` changes it). A TTL attribute that is not a
 * Number, or a time more than five years in the past, is ignored, as documented. The deletion is a background task
 * on the clock (`sim.advance()` reaches it; `runUntilIdle()` does not wait for it), goes through the table's write
 * path and appears in the stream as a REMOVE by the service principal `dynamodb.amazonaws.com`.
 */
import { ScheduledTask } from '../kernel';
import { SimContext } from '../runtime';
import { ItemChange, SimTable } from './table';
import { Item } from './values/attribute-value';

export const DEFAULT_TTL_DELETION_DELAY_MS = 60 * 60 * 1000;
const FIVE_YEARS_MS = 5 * 365 * 24 * 60 * 60 * 1000;

interface Expiry {
  readonly deleteAt: number;
  readonly keys: Item;
}

/** Epoch milliseconds of an item's TTL, or undefined when the attribute is absent or not a Number. */
function expiryOf(item: Item | undefined, attribute: string): number | undefined {
  const v = item?.[attribute];
  if (!v || !('N' in v)) return undefined;
  const seconds = Number(v.N);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

export class TimeToLive {
  public delayMs = DEFAULT_TTL_DELETION_DELAY_MS;
  /** A binary min-heap on deleteAt: one wake-up task for the earliest, however many items carry a TTL. */
  private readonly heap: Expiry[] = [];
  private task?: ScheduledTask;

  constructor(private readonly ctx: SimContext, private readonly table: SimTable, private readonly attribute: string) {
    table.onChange(change => this.onChange(change));
  }

  private onChange(change: ItemChange): void {
    const expires = expiryOf(change.newItem, this.attribute);
    if (expires === undefined || change.origin === 'ttl') return;
    if (expires < this.ctx.clock.now() - FIVE_YEARS_MS) return;
    this.push({ deleteAt: Math.max(expires, 0) + this.delayMs, keys: change.keys });
    this.arm();
  }

  private push(e: Expiry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const parent = Math.floor((i - 1) / 2);
      if (h[parent].deleteAt <= h[i].deleteAt) break;
      [h[parent], h[i]] = [h[i], h[parent]];
      i = parent;
    }
  }

  private pop(): Expiry | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l].deleteAt < h[m].deleteAt) m = l;
        if (r < h.length && h[r].deleteAt < h[m].deleteAt) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }

  private arm(): void {
    const next = this.heap[0];
    if (!next) return;
    if (this.task && !this.task.cancelled && this.task.at <= next.deleteAt) return;
    this.ctx.clock.cancel(this.task);
    this.task = this.ctx.clock.schedule(next.deleteAt, () => this.sweep(), { background: true, label: `dynamodb ${this.table.config.logicalId} ttl` });
  }

  private sweep(): void {
    this.task = undefined;
    const now = this.ctx.clock.now();
    while (this.heap.length > 0 && this.heap[0].deleteAt <= now) {
      const { keys } = this.pop()!;
      // The entry may be stale (the item was deleted, or its TTL changed since): decide on the item as stored now.
      const expires = expiryOf(this.table.get(keys), this.attribute);
      if (expires === undefined || expires + this.delayMs > now) continue;
      this.table.write(keys, undefined, 'ttl');
      this.ctx.trace.record('dynamodb', this.table.config.logicalId, 'ttl-deleted', { keys: JSON.stringify(keys), expiredAt: new Date(expires).toISOString() });
    }
    this.arm();
  }
}
