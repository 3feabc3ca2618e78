/**
 * One table: its stores (the base table and one per secondary index), key validation as DynamoDB applies it on each
 * write, and the change feed that streams and TTL follow. Operations (operations/) read and write through it; a
 * write replaces the stored item object (items are never changed in place), so index entries and stream images can
 * hold references.
 */
import { invalidParameter, keyMismatch, validation } from './errors';
import { partitionKeyString, sortValueOf } from './storage/key-values';
import { Entry, PartitionedStore } from './storage/partitioned-store';
import { IndexConfig, KeyAttribute, KeySchema, TableConfig } from './table-config';
import { AttributeValue, Item, typeOf } from './values/attribute-value';

/** Who made a change: a caller's request, or DynamoDB itself deleting an expired item (TTL). */
export type ChangeOrigin = 'request' | 'ttl';

export interface ItemChange {
  /** The item's primary key attributes. */
  readonly keys: Item;
  readonly oldItem?: Item;
  readonly newItem?: Item;
  readonly origin: ChangeOrigin;
}

const HASH_KEY_MAX_BYTES = 2048;
const RANGE_KEY_MAX_BYTES = 1024;

function keyBytes(v: AttributeValue): number {
  if ('S' in v) return Buffer.byteLength(v.S);
  if ('B' in v) return v.B.length;
  return 0;
}

export class SimTable {
  public readonly base = new PartitionedStore();
  public readonly indexStores = new Map<string, PartitionedStore>();
  private readonly listeners: Array<(change: ItemChange) => void> = [];
  public readonly createdAt: number;

  constructor(public readonly config: TableConfig, now: number) {
    for (const index of config.indexes) this.indexStores.set(index.name, new PartitionedStore());
    this.createdAt = now;
  }

  public get name(): string {
    return this.config.name;
  }

  public get itemCount(): number {
    return this.base.size;
  }

  public index(name: string): IndexConfig | undefined {
    return this.config.indexes.find(i => i.name === name);
  }

  /** Called after every change, in order (streams, TTL). */
  public onChange(listener: (change: ItemChange) => void): void {
    this.listeners.push(listener);
  }

  // ---- keys ---------------------------------------------------------------------------------------------------

  /** The primary key attribute names. */
  public get keyNames(): string[] {
    const { hash, range } = this.config.key;
    return range ? [hash.name, range.name] : [hash.name];
  }

  /**
   * Checks a `Key` parameter (GetItem, UpdateItem, DeleteItem, batch and transaction keys): exactly the key
   * attributes, of their defined types; otherwise "The provided key element does not match the schema".
   */
  public checkKey(key: Item): Item {
    const names = this.keyNames;
    const given = Object.keys(key);
    if (given.length !== names.length || !names.every(n => key[n] !== undefined)) throw keyMismatch();
    for (const attr of this.keyAttributes(this.config.key)) {
      const v = key[attr.name];
      if (typeOf(v) !== attr.type) throw keyMismatch();
      this.checkKeyValue(attr, v, attr === this.config.key.range);
    }
    return key;
  }

  /** Checks the key attributes of a whole item (PutItem, and an item an update creates). */
  public checkItemKeys(item: Item): void {
    for (const attr of this.keyAttributes(this.config.key)) {
      const v = item[attr.name];
      if (v === undefined) throw invalidParameter(`Missing the key ${attr.name} in the item`);
      if (typeOf(v) !== attr.type) throw invalidParameter(`Type mismatch for key ${attr.name} expected: ${attr.type} actual: ${typeOf(v)}`);
      this.checkKeyValue(attr, v, attr === this.config.key.range);
    }
    this.checkIndexKeys(item);
  }

  /** Index key attributes an item carries must have the index's type and not be empty (sparse indexes skip absent ones). */
  public checkIndexKeys(item: Item): void {
    for (const index of this.config.indexes) {
      for (const attr of this.keyAttributes(index.key)) {
        const v = item[attr.name];
        if (v === undefined) continue;
        if (typeOf(v) !== attr.type) {
          throw invalidParameter(`Type mismatch for Index Key ${attr.name} Expected: ${attr.type} Actual: ${typeOf(v)} IndexName: ${index.name}`);
        }
        if (keyBytes(v) === 0 && attr.type !== 'N') {
          throw validation(`One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${attr.type === 'S' ? 'string' : 'binary'} value. IndexName: ${index.name}, IndexKey: ${attr.name}`);
        }
      }
    }
  }

  private keyAttributes(key: KeySchema): KeyAttribute[] {
    return key.range ? [key.hash, key.range] : [key.hash];
  }

  private checkKeyValue(attr: KeyAttribute, v: AttributeValue, isRange: boolean): void {
    const bytes = keyBytes(v);
    if (bytes === 0 && attr.type !== 'N') {
      throw validation(`One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${attr.type === 'S' ? 'string' : 'binary'} value. Key: ${attr.name}`);
    }
    if (!isRange && bytes > HASH_KEY_MAX_BYTES) throw invalidParameter(`Size of hashkey has exceeded the maximum size limit of${HASH_KEY_MAX_BYTES} bytes`);
    if (isRange && bytes > RANGE_KEY_MAX_BYTES) throw invalidParameter(`Aggregated size of all range keys has exceeded the size limit of ${RANGE_KEY_MAX_BYTES} bytes`);
  }

  /** The primary key attributes of an item. */
  public keyOf(item: Item): Item {
    const out: Item = {};
    for (const n of this.keyNames) out[n] = item[n];
    return out;
  }

  /** The base table's primary key as one string (also the tie-break of index entries). */
  public primaryKeyString(item: Item): string {
    const { hash, range } = this.config.key;
    const h = partitionKeyString(item[hash.name]);
    return range ? `${h}\u0000${partitionKeyString(item[range.name])}` : h;
  }

  // ---- reads and writes ---------------------------------------------------------------------------------------

  public get(key: Item): Item | undefined {
    const { hash, range } = this.config.key;
    return this.base.find(partitionKeyString(key[hash.name]), range ? sortValueOf(key[range.name]) : undefined, '')?.item;
  }

  /** Stores `item` under `key` (or deletes it when undefined) in the table and its indexes, then tells the listeners. */
  public write(key: Item, item: Item | undefined, origin: ChangeOrigin = 'request'): Item | undefined {
    const old = this.get(key);
    if (old === undefined && item === undefined) return undefined;
    const { hash, range } = this.config.key;
    const pk = partitionKeyString(key[hash.name]);
    const sort = range ? sortValueOf(key[range.name]) : undefined;
    const tie = this.primaryKeyString(key);
    if (old) for (const index of this.config.indexes) this.unindex(index, old, tie);
    if (item) {
      this.base.insert(pk, { sort, tie: '', item });
      for (const index of this.config.indexes) this.indexItem(index, item, tie);
    } else {
      this.base.remove(pk, sort, '');
    }
    const change: ItemChange = { keys: key, oldItem: old, newItem: item, origin };
    for (const l of this.listeners) l(change);
    return old;
  }

  private indexEntry(index: IndexConfig, item: Item, tie: string): { pk: string; entry: Entry } | undefined {
    const h = item[index.key.hash.name];
    const r = index.key.range ? item[index.key.range.name] : undefined;
    if (h === undefined || (index.key.range && r === undefined)) return undefined; // sparse index
    return { pk: partitionKeyString(h), entry: { sort: r ? sortValueOf(r) : undefined, tie, item } };
  }

  private indexItem(index: IndexConfig, item: Item, tie: string): void {
    const e = this.indexEntry(index, item, tie);
    if (e) this.indexStores.get(index.name)!.insert(e.pk, e.entry);
  }

  private unindex(index: IndexConfig, item: Item, tie: string): void {
    const e = this.indexEntry(index, item, tie);
    if (e) this.indexStores.get(index.name)!.remove(e.pk, e.entry.sort, tie);
  }

  /**
   * What an index returns of an item: its projection (ALL; KEYS_ONLY: the table and index keys; INCLUDE: those
   * plus the NonKeyAttributes).
   */
  public projectForIndex(index: IndexConfig | undefined, item: Item): Item {
    if (!index || index.projection === 'ALL') return item;
    const keep = new Set([...this.keyNames, index.key.hash.name, ...(index.key.range ? [index.key.range.name] : []), ...index.nonKeyAttributes]);
    const out: Item = {};
    for (const k of Object.keys(item)) if (keep.has(k)) out[k] = item[k];
    return out;
  }

  /** The key attributes of an index entry's position (LastEvaluatedKey of an index read). */
  public indexPositionKey(index: IndexConfig | undefined, item: Item): Item {
    const out = this.keyOf(item);
    if (index) {
      out[index.key.hash.name] = item[index.key.hash.name];
      if (index.key.range) out[index.key.range.name] = item[index.key.range.name];
    }
    return out;
  }
}
