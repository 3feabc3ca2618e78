/**
 * A table's DynamoDB stream ("Change data capture for DynamoDB Streams"): one record per item change, in order, with
 * the images its StreamViewType asks for, kept 24 hours. A write that changes nothing (a PutItem of the same item, an
 * UpdateItem that sets what is there) writes no record, and a TTL deletion's record names the service
 * (`userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' }`). The simulator keeps one shard per
 * table, so records of one item are always in order.
 */
import { DynamoDbStreamAccess, DynamoDbStreamRecord, SimContext } from '../../runtime';
import { ItemChange, SimTable } from '../table';
import { StreamViewType } from '../table-config';
import { AttributeValue, Item, valuesEqual } from '../values/attribute-value';
import { itemSize } from '../values/size';

/** Stream records are retained for 24 hours. */
export const STREAM_RETENTION_MS = 24 * 60 * 60 * 1000;

interface StoredRecord {
  readonly position: number;
  readonly at: number;
  readonly record: DynamoDbStreamRecord;
}

/** AttributeValues as the JSON of a Lambda event carries them (binaries in base64). */
export function jsonValue(v: AttributeValue): unknown {
  if ('B' in v) return { B: Buffer.from(v.B).toString('base64') };
  if ('BS' in v) return { BS: v.BS.map(b => Buffer.from(b).toString('base64')) };
  if ('L' in v) return { L: v.L.map(jsonValue) };
  if ('M' in v) return { M: jsonItem(v.M) };
  return v;
}

export function jsonItem(item: Readonly<Record<string, AttributeValue>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(item)) out[k] = jsonValue(item[k]);
  return out;
}

function sameItem(a: Item, b: Item): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every(k => b[k] !== undefined && valuesEqual(a[k], b[k]));
}

export class TableStream implements DynamoDbStreamAccess {
  public readonly shardId: string;
  private readonly records: StoredRecord[] = [];
  private firstPosition = 0;
  private nextPosition = 0;
  private readonly listeners: Array<() => void> = [];

  public readonly tableLogicalId: string;

  constructor(private readonly ctx: SimContext, table: SimTable, public readonly arn: string, private readonly viewType: StreamViewType) {
    this.tableLogicalId = table.config.logicalId;
    // Derived from the creation time and the ARN, not drawn from the seeded ids (see dynamodb-service.ts stableId).
    const hash = [...arn].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 4294967291, 17);
    this.shardId = `shardId-${String(table.createdAt).padStart(20, '0')}-${hash.toString(16).padStart(8, '0')}`;
    table.onChange(change => this.append(change));
  }

  public trimHorizon(): number {
    this.trim();
    return this.firstPosition;
  }

  public latest(): number {
    return this.nextPosition;
  }

  public read(from: number, max: number): readonly StoredRecord[] {
    this.trim();
    const start = Math.max(from, this.firstPosition) - this.firstPosition;
    return this.records.slice(start, start + max);
  }

  public onRecord(listener: () => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Every record still retained (for tests and the handle). */
  public all(): readonly DynamoDbStreamRecord[] {
    this.trim();
    return this.records.map(r => r.record);
  }

  private trim(): void {
    const horizon = this.ctx.clock.now() - STREAM_RETENTION_MS;
    let n = 0;
    while (n < this.records.length && this.records[n].at < horizon) n++;
    if (n > 0) {
      this.records.splice(0, n);
      this.firstPosition += n;
    }
  }

  private append(change: ItemChange): void {
    const { oldItem, newItem } = change;
    if (oldItem && newItem && sameItem(oldItem, newItem)) return;
    const eventName = !oldItem ? 'INSERT' : !newItem ? 'REMOVE' : 'MODIFY';
    const now = this.ctx.clock.now();
    const position = this.nextPosition++;
    const withNew = this.viewType === 'NEW_IMAGE' || this.viewType === 'NEW_AND_OLD_IMAGES';
    const withOld = this.viewType === 'OLD_IMAGE' || this.viewType === 'NEW_AND_OLD_IMAGES';
    const size = itemSize(change.keys) + (withNew && newItem ? itemSize(newItem) : 0) + (withOld && oldItem ? itemSize(oldItem) : 0);
    const record: DynamoDbStreamRecord = {
      eventID: this.ctx.ids.hex(32),
      eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: this.ctx.env.region,
      eventSourceARN: this.arn,
      dynamodb: {
        ApproximateCreationDateTime: Math.floor(now / 1000),
        Keys: jsonItem(change.keys),
        ...(withNew && newItem ? { NewImage: jsonItem(newItem) } : {}),
        ...(withOld && oldItem ? { OldImage: jsonItem(oldItem) } : {}),
        SequenceNumber: (10n ** 20n + BigInt(position) * 100n).toString(),
        SizeBytes: size,
        StreamViewType: this.viewType,
      },
      ...(change.origin === 'ttl' ? { userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } } : {}),
    };
    this.records.push({ position, at: now, record });
    for (const l of [...this.listeners]) l();
  }
}
