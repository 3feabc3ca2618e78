/**
 * Items stored the way DynamoDB lays them out: by partition key, each partition's items sorted by sort key. A query
 * reads one partition with a binary search to its first item, so its cost grows with the partition it reads, not
 * with the table. Partitions are also chained in creation order, so a scan can resume from the partition of its
 * ExclusiveStartKey without walking the ones before it (an emptied partition stays in the chain, empty).
 *
 * The base table and each secondary index have one store. An index may hold several items with the same index key;
 * they are ordered by the base table's primary key after the index sort key (`tie`), so pagination is exact.
 */
import { compareSortValues, SortValue } from './key-values';
import { Item } from '../values/attribute-value';

export interface Entry {
  /** The sort key (undefined for a store without one). */
  readonly sort?: SortValue;
  /** The base table's primary key as a string: orders entries with equal sort keys in an index ('' in the table). */
  readonly tie: string;
  readonly item: Item;
}

export class Partition {
  public readonly entries: Entry[] = [];
  public next?: Partition;
  constructor(public readonly key: string) {}
}

/** Position where an entry with (sort, tie) is or would be inserted (first entry not less than it). */
export function lowerBound(entries: readonly Entry[], sort: SortValue | undefined, tie: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (compareEntry(entries[mid], sort, tie) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First position whose sort key is greater than (strict) or not less than `sort`, ignoring ties. */
export function sortBound(entries: readonly Entry[], sort: SortValue, strict: boolean): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const c = compareSortValues(entries[mid].sort!, sort);
    if (c < 0 || (strict && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function compareEntry(e: Entry, sort: SortValue | undefined, tie: string): number {
  if (sort !== undefined && e.sort !== undefined) {
    const c = compareSortValues(e.sort, sort);
    if (c !== 0) return c;
  }
  return e.tie < tie ? -1 : e.tie > tie ? 1 : 0;
}

export class PartitionedStore {
  private readonly partitions = new Map<string, Partition>();
  private head?: Partition;
  private tail?: Partition;
  private count = 0;

  public get size(): number {
    return this.count;
  }

  public partition(key: string): Partition | undefined {
    return this.partitions.get(key);
  }

  public get first(): Partition | undefined {
    return this.head;
  }

  public insert(partitionKey: string, entry: Entry): void {
    let p = this.partitions.get(partitionKey);
    if (!p) {
      p = new Partition(partitionKey);
      this.partitions.set(partitionKey, p);
      if (this.tail) this.tail.next = p;
      else this.head = p;
      this.tail = p;
    }
    const at = lowerBound(p.entries, entry.sort, entry.tie);
    const existing = p.entries[at];
    if (existing && compareEntry(existing, entry.sort, entry.tie) === 0) {
      p.entries[at] = entry;
      return;
    }
    p.entries.splice(at, 0, entry);
    this.count++;
  }

  public remove(partitionKey: string, sort: SortValue | undefined, tie: string): void {
    const p = this.partitions.get(partitionKey);
    if (!p) return;
    const at = lowerBound(p.entries, sort, tie);
    const existing = p.entries[at];
    if (existing && compareEntry(existing, sort, tie) === 0) {
      p.entries.splice(at, 1);
      this.count--;
    }
  }

  public find(partitionKey: string, sort: SortValue | undefined, tie: string): Entry | undefined {
    const p = this.partitions.get(partitionKey);
    if (!p) return undefined;
    const at = lowerBound(p.entries, sort, tie);
    const e = p.entries[at];
    return e && compareEntry(e, sort, tie) === 0 ? e : undefined;
  }
}
