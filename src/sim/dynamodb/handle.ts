/**
 * `sim.table(ref)`: a table's API in SDK v3 low-level shapes (AttributeValue maps), as DynamoDBClient commands take
 * and return them. `TableName` may be left out (it defaults to this table); batch and transaction operations span
 * tables by name, as in DynamoDB. Errors reject with `AwsError`s named as the SDK names them.
 */
import { TableStream } from './streams/stream';
import { SimTable } from './table';
import { TimeToLive } from './ttl';
import { DurationInput, toMilliseconds } from '../kernel';
import { DynamoDbStreamRecord } from '../runtime';
import { cloneItem } from './values/attribute-value';

/** A request of one of the table operations, in the SDK v3 input shape; `TableName` defaults to the handle's table. */
export type TableRequest = { readonly TableName?: string } & Record<string, any>;

/** An SDK v3 command output (with `$metadata`). */
export type TableResponse = Record<string, any>;

/**
 * An AttributeValue as outputs carry it, typed as the SDK v3 types it (each member optional), so `item.n.N` reads
 * without a cast.
 */
export interface AttributeValueShape {
  readonly S?: string;
  readonly N?: string;
  readonly B?: Uint8Array;
  readonly BOOL?: boolean;
  readonly NULL?: boolean;
  readonly SS?: string[];
  readonly NS?: string[];
  readonly BS?: Uint8Array[];
  readonly L?: AttributeValueShape[];
  readonly M?: Record<string, AttributeValueShape>;
}

export type ItemShape = Record<string, AttributeValueShape>;

interface Metadata {
  readonly $metadata: { readonly httpStatusCode: number };
  readonly ConsumedCapacity?: unknown;
}

/** PutItem, UpdateItem, DeleteItem output. */
export interface WriteOutput extends Metadata {
  readonly Attributes?: ItemShape;
}

export interface GetItemOutput extends Metadata {
  readonly Item?: ItemShape;
}

/** Query and Scan output. */
export interface ReadOutput extends Metadata {
  readonly Items?: ItemShape[];
  readonly Count: number;
  readonly ScannedCount: number;
  readonly LastEvaluatedKey?: ItemShape;
}

/** What the handle calls: the service's operations by SDK command name. */
export interface TableHandleHost {
  run(action: string, input: Record<string, any>): Promise<TableResponse>;
}

export class TableHandle {
  constructor(
    private readonly host: TableHandleHost,
    private readonly table: SimTable,
    private readonly stream: TableStream | undefined,
    private readonly ttl: TimeToLive | undefined,
  ) {}

  /** The table's physical name (what `Ref` returns). */
  public get tableName(): string {
    return this.table.name;
  }

  public get tableArn(): string {
    return this.table.config.arn;
  }

  /** The stream's ARN, when the table has a StreamSpecification. */
  public get streamArn(): string | undefined {
    return this.stream?.arn;
  }

  public putItem(input: TableRequest): Promise<WriteOutput> {
    return this.run('PutItem', input);
  }

  public getItem(input: TableRequest): Promise<GetItemOutput> {
    return this.run('GetItem', input);
  }

  public updateItem(input: TableRequest): Promise<WriteOutput> {
    return this.run('UpdateItem', input);
  }

  public deleteItem(input: TableRequest): Promise<WriteOutput> {
    return this.run('DeleteItem', input);
  }

  public query(input: TableRequest): Promise<ReadOutput> {
    return this.run('Query', input);
  }

  public scan(input: TableRequest = {}): Promise<ReadOutput> {
    return this.run('Scan', input);
  }

  /** BatchWriteItem; `RequestItems` names its tables. */
  public batchWriteItem(input: { readonly RequestItems: Record<string, readonly unknown[]> } & Record<string, any>): Promise<TableResponse> {
    return this.host.run('BatchWriteItem', input);
  }

  public batchGetItem(input: { readonly RequestItems: Record<string, unknown> } & Record<string, any>): Promise<TableResponse> {
    return this.host.run('BatchGetItem', input);
  }

  /** TransactWriteItems; each action names its table. */
  public transactWriteItems(input: { readonly TransactItems: readonly unknown[] } & Record<string, any>): Promise<TableResponse> {
    return this.host.run('TransactWriteItems', input);
  }

  public transactGetItems(input: { readonly TransactItems: readonly unknown[] } & Record<string, any>): Promise<TableResponse> {
    return this.host.run('TransactGetItems', input);
  }

  public describeTable(input: TableRequest = {}): Promise<TableResponse> {
    return this.run('DescribeTable', input);
  }

  public describeTimeToLive(input: TableRequest = {}): Promise<TableResponse> {
    return this.run('DescribeTimeToLive', input);
  }

  /** Every item now stored, in scan order, as AttributeValue maps (a test convenience: no 1 MB pages). */
  public items(): ItemShape[] {
    const out: ItemShape[] = [];
    for (let p = this.table.base.first; p; p = p.next) for (const e of p.entries) out.push(cloneItem(e.item) as ItemShape);
    return out;
  }

  /** The stream records retained (24 hours), oldest first; empty without a stream. */
  public get streamRecords(): readonly DynamoDbStreamRecord[] {
    return this.stream ? this.stream.all() : [];
  }

  /**
   * How long after its TTL time an expired item is deleted (default one hour; DynamoDB documents "within a few
   * days"). Applies to items written from now on.
   */
  public setTtlDeletionDelay(delay: DurationInput): this {
    if (!this.ttl) throw new Error(`sim.table(${this.table.config.logicalId}): the table has no TimeToLiveSpecification`);
    this.ttl.delayMs = toMilliseconds(delay, 'setTtlDeletionDelay');
    return this;
  }

  private run<T = TableResponse>(action: string, input: TableRequest): Promise<T> {
    return this.host.run(action, { ...input, TableName: input.TableName ?? this.table.name }) as Promise<T>;
  }
}
