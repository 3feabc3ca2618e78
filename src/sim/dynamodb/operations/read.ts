/**
 * Query and Scan (API Reference). A query reads one partition of the table or index from a binary-searched start;
 * a scan walks the partitions in their chain order, each segment taking the partitions whose key hashes to it.
 * Both stop at Limit items evaluated or at 1 MB read, before the filter applies (so Count can be below Limit), and
 * return LastEvaluatedKey whenever they stopped early; ConsistentRead is accepted (every read is consistent here)
 * except on a global secondary index, where DynamoDB refuses it.
 */
import { keyRange, SortCondition } from './key-condition';
import { consumedCapacity, parseExpressions, readUnits, RequestExpressions } from './request';
import { constraint, validation } from '../errors';
import { evaluateCondition } from '../expressions/condition';
import { projectItem } from '../expressions/projection';
import { compareSortValues, partitionKeyString, sortValueOf } from '../storage/key-values';
import { Entry, lowerBound, Partition, PartitionedStore, sortBound } from '../storage/partitioned-store';
import { SimTable } from '../table';
import { IndexConfig } from '../table-config';
import { AttributeValue, cloneItem, compareBytes, Item, normaliseItem, typeOf } from '../values/attribute-value';
import { itemSize } from '../values/size';

/** Query and Scan read at most 1 MB per request ("Paginating query results"). */
export const PAGE_BYTES = 1024 * 1024;

type Select = 'ALL_ATTRIBUTES' | 'ALL_PROJECTED_ATTRIBUTES' | 'SPECIFIC_ATTRIBUTES' | 'COUNT';

interface ReadTarget {
  readonly store: PartitionedStore;
  readonly index?: IndexConfig;
}

function target(table: SimTable, input: Record<string, any>): ReadTarget {
  if (input.IndexName === undefined) return { store: table.base };
  const index = table.index(String(input.IndexName));
  if (!index) throw validation(`The table does not have the specified index: ${input.IndexName}`);
  if (input.ConsistentRead === true && index.kind === 'GSI') throw validation('Consistent reads are not supported on global secondary indexes');
  return { store: table.indexStores.get(index.name)!, index };
}

function readOptions(input: Record<string, any>, t: ReadTarget, expressions: RequestExpressions): { select: Select; limit?: number } {
  if (input.Limit !== undefined && (!Number.isInteger(input.Limit) || input.Limit < 1)) {
    throw constraint(input.Limit, 'limit', 'Member must have value greater than or equal to 1');
  }
  const select: Select = input.Select ?? (expressions.projection ? 'SPECIFIC_ATTRIBUTES' : t.index ? 'ALL_PROJECTED_ATTRIBUTES' : 'ALL_ATTRIBUTES');
  if (!['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES', 'COUNT'].includes(select)) {
    throw constraint(select, 'select', 'Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]');
  }
  if (select === 'ALL_PROJECTED_ATTRIBUTES' && !t.index) throw validation('ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName');
  if (select === 'SPECIFIC_ATTRIBUTES' && !expressions.projection) {
    throw validation('Select type SPECIFIC_ATTRIBUTES requires a ProjectionExpression or AttributesToGet');
  }
  if (expressions.projection && select !== 'SPECIFIC_ATTRIBUTES') {
    throw validation(`Cannot specify the ProjectionExpression when choosing to get ${select}`);
  }
  if (select === 'ALL_ATTRIBUTES' && t.index?.kind === 'GSI' && t.index.projection !== 'ALL') {
    throw validation(`One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index ${t.index.name} because its projection type is not ALL`);
  }
  return { select, limit: input.Limit };
}

/** Checks ExclusiveStartKey: the table's key attributes, plus the index's for an index read. */
function startKey(table: SimTable, t: ReadTarget, input: Record<string, any>): Item | undefined {
  if (input.ExclusiveStartKey === undefined) return undefined;
  const key = normaliseItem(input.ExclusiveStartKey);
  const names = new Set(table.keyNames);
  if (t.index) {
    names.add(t.index.key.hash.name);
    if (t.index.key.range) names.add(t.index.key.range.name);
  }
  const invalid = () => validation('The provided starting key is invalid: The provided key element does not match the schema');
  if (Object.keys(key).length !== names.size || ![...names].every(n => key[n] !== undefined)) throw invalid();
  try {
    table.checkKey(table.keyOf(key));
  } catch {
    throw invalid();
  }
  return key;
}

/** Where a start key sits in its partition: the first entry after it (`before`: the first entry not before it). */
function positionAfter(table: SimTable, t: ReadTarget, entries: readonly Entry[], key: Item, before = false): number {
  const schema = t.index ? t.index.key : table.config.key;
  const sort = schema.range ? sortValueOf(key[schema.range.name]) : undefined;
  const tie = t.index ? table.primaryKeyString(key) : '';
  const at = lowerBound(entries, sort, tie);
  if (before) return at;
  const e = entries[at];
  const same = e !== undefined && e.tie === tie && (sort === undefined || compareSortValues(e.sort!, sort) === 0);
  return same ? at + 1 : at;
}

function startsWith(e: Entry, prefix: AttributeValue): boolean {
  if ('S' in prefix) return typeof e.sort === 'string' && e.sort.startsWith(prefix.S);
  if ('B' in prefix) return e.sort instanceof Uint8Array && e.sort.length >= prefix.B.length && compareBytes(e.sort.subarray(0, prefix.B.length), prefix.B) === 0;
  return false;
}

/** [lo, hi) of the entries a sort key condition selects, by binary search. */
function sortRange(entries: readonly Entry[], sort: SortCondition | undefined): [number, number] {
  const n = entries.length;
  if (!sort) return [0, n];
  switch (sort.op) {
    case '=': return [sortBound(entries, sortValueOf(sort.value), false), sortBound(entries, sortValueOf(sort.value), true)];
    case '<': return [0, sortBound(entries, sortValueOf(sort.value), false)];
    case '<=': return [0, sortBound(entries, sortValueOf(sort.value), true)];
    case '>': return [sortBound(entries, sortValueOf(sort.value), true), n];
    case '>=': return [sortBound(entries, sortValueOf(sort.value), false), n];
    case 'BETWEEN': {
      const lo = sortBound(entries, sortValueOf(sort.low), false);
      return [lo, Math.max(lo, sortBound(entries, sortValueOf(sort.high), true))];
    }
    case 'begins_with': {
      const lo = sortBound(entries, sortValueOf(sort.value), false);
      let a = lo;
      let b = n;
      while (a < b) {
        const mid = Math.floor((a + b) / 2);
        if (startsWith(entries[mid], sort.value)) a = mid + 1;
        else b = mid;
      }
      return [lo, a];
    }
  }
}

/** Collects one page: items evaluated in order until Limit or 1 MB, the filter and projection applied. */
class Page {
  public readonly items: Item[] = [];
  public scanned = 0;
  public bytes = 0;
  public last?: Entry;
  public full = false;

  constructor(
    private readonly table: SimTable,
    private readonly t: ReadTarget,
    private readonly expressions: RequestExpressions,
    private readonly select: Select,
    private readonly limit: number | undefined,
  ) {}

  /** Adds an entry; false once the page is full. */
  public add(e: Entry): boolean {
    const stored = this.select === 'ALL_ATTRIBUTES' ? e.item : this.table.projectForIndex(this.t.index, e.item);
    this.scanned++;
    this.bytes += itemSize(stored);
    this.last = e;
    if (!this.expressions.filter || evaluateCondition(this.expressions.filter, stored)) {
      if (this.select !== 'COUNT') this.items.push(this.expressions.projection ? projectItem(stored, this.expressions.projection) : cloneItem(stored));
      else this.items.length++;
    }
    this.full = (this.limit !== undefined && this.scanned >= this.limit) || this.bytes >= PAGE_BYTES;
    return !this.full;
  }

  public output(input: Record<string, any>, more: boolean): Record<string, any> {
    const lastKey = more && this.last ? cloneItem(this.table.indexPositionKey(this.t.index, this.last.item)) : undefined;
    return {
      ...(this.select === 'COUNT' ? {} : { Items: this.items }),
      Count: this.items.length,
      ScannedCount: this.scanned,
      ...(lastKey ? { LastEvaluatedKey: lastKey } : {}),
      ...consumedCapacity(input, this.table.name, readUnits(this.bytes, input.ConsistentRead === true)),
      $metadata: { httpStatusCode: 200 },
    };
  }
}

export function query(table: SimTable, input: Record<string, any>): Record<string, any> {
  const t = target(table, input);
  const expressions = parseExpressions(input, ['KeyConditionExpression', 'FilterExpression', 'ProjectionExpression']);
  if (!expressions.keyCondition) throw validation('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
  const schema = t.index ? t.index.key : table.config.key;
  const range = keyRange(expressions.keyCondition, schema);
  for (const f of filterKeyAttributes(expressions, schema)) {
    throw validation(`Filter Expression can only contain non-primary key attributes: Primary key attribute: ${f}`);
  }
  const { select, limit } = readOptions(input, t, expressions);
  const start = startKey(table, t, input);
  const forward = input.ScanIndexForward !== false;
  const page = new Page(table, t, expressions, select, limit);
  const partition = t.store.partition(partitionKeyString(range.partition));
  const entries = partition?.entries ?? [];
  let [lo, hi] = sortRange(entries, range.sort);
  if (start) {
    const startPartition = start[schema.hash.name];
    if (typeOf(startPartition) === typeOf(range.partition) && partitionKeyString(startPartition) !== partitionKeyString(range.partition)) {
      throw validation('The provided starting key is invalid: The provided key element does not match the schema');
    }
    if (forward) lo = Math.max(lo, positionAfter(table, t, entries, start));
    else hi = Math.min(hi, positionAfter(table, t, entries, start, true));
  }
  let i = forward ? lo : hi - 1;
  while (forward ? i < hi : i >= lo) {
    const more = page.add(entries[i]);
    i += forward ? 1 : -1;
    if (!more) break;
  }
  return page.output(input, page.full);
}

function filterKeyAttributes(expressions: RequestExpressions, schema: IndexConfig['key']): string[] {
  if (!expressions.filter) return [];
  const keys = new Set([schema.hash.name, ...(schema.range ? [schema.range.name] : [])]);
  const found: string[] = [];
  const visitOperand = (o: any) => {
    if (o?.kind === 'path' && o.elements[0].kind === 'name' && keys.has(o.elements[0].name)) found.push(o.elements[0].name);
    if (o?.kind === 'size') visitOperand(o.path);
  };
  const visit = (c: any) => {
    if (!c) return;
    if (c.kind === 'and' || c.kind === 'or') { visit(c.left); visit(c.right); return; }
    if (c.kind === 'not') { visit(c.condition); return; }
    for (const o of [c.left, c.right, c.operand, c.low, c.high, ...(c.list ?? []), ...(c.args ?? [])]) visitOperand(o);
  };
  visit(expressions.filter);
  return found.slice(0, 1);
}

/** A polynomial hash of the partition key string: which parallel-scan segment a partition belongs to. */
function segmentOf(key: string, total: number): number {
  let h = 7;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) % 2147483647;
  return h % total;
}

export function scan(table: SimTable, input: Record<string, any>): Record<string, any> {
  const t = target(table, input);
  const expressions = parseExpressions(input, ['FilterExpression', 'ProjectionExpression']);
  const { select, limit } = readOptions(input, t, expressions);
  const { Segment: segment, TotalSegments: total } = input;
  if (segment !== undefined && total === undefined) {
    throw validation('The TotalSegments parameter is required but was not present in the request when Segment parameter is present');
  }
  if (total !== undefined && segment === undefined) {
    throw validation('The Segment parameter is required but was not present in the request when parameter TotalSegments is present');
  }
  if (total !== undefined && (!Number.isInteger(total) || total < 1 || total > 1000000)) {
    throw constraint(total, 'totalSegments', 'Member must have value less than or equal to 1000000');
  }
  if (segment !== undefined && (!Number.isInteger(segment) || segment < 0)) throw constraint(segment, 'segment', 'Member must have value greater than or equal to 0');
  if (segment !== undefined && segment >= total) {
    throw validation(`The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${segment} is not less than TotalSegments: ${total}`);
  }
  const start = startKey(table, t, input);
  const page = new Page(table, t, expressions, select, limit);
  const schema = t.index ? t.index.key : table.config.key;
  let partition: Partition | undefined = t.store.first;
  let from = 0;
  if (start) {
    partition = t.store.partition(partitionKeyString(start[schema.hash.name]));
    if (!partition) throw validation('The provided starting key is invalid: The provided key element does not match the schema');
    from = positionAfter(table, t, partition.entries, start);
  }
  let more = true;
  for (; partition && more; partition = partition.next, from = 0) {
    if (total !== undefined && segmentOf(partition.key, total) !== segment) continue;
    for (let i = from; i < partition.entries.length && more; i++) more = page.add(partition.entries[i]);
  }
  return page.output(input, page.full);
}
