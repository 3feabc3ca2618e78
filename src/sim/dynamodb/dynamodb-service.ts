/**
 * The DynamoDB simulator: AWS::DynamoDB::Table and AWS::DynamoDB::GlobalTable (the replica in this region), their
 * items, indexes, streams and TTL, behind one API (ServiceApi) by SDK command name. Handles, Step Functions'
 * dynamodb:* tasks and the wire protocols all call `run`, so every path has the same behaviour. Lambda reaches the
 * streams through `streamByArn` (DynamoDbDelivery).
 *
 * Not modelled, and listed in `sim.unsupported` when a table uses them: throttling of provisioned capacity,
 * point-in-time recovery and backups, global table replication, encryption, Kinesis change capture, resource and
 * identity policies.
 */
import { dynamoDbPermissions } from './authorization';
import { describeTable, describeTimeToLive } from './describe';
import { resourceNotFound, validation } from './errors';
import { TableHandle, TableHandleHost } from './handle';
import { batchGetItem, batchWriteItem } from './operations/batch';
import { deleteItem, getItem, putItem, updateItem } from './operations/item-ops';
import { query, scan } from './operations/read';
import { refuseLegacy } from './operations/request';
import { IdempotencyRecord, transactGetItems, transactWriteItems } from './operations/transact';
import { TableStream } from './streams/stream';
import { SimTable } from './table';
import { readTableConfig } from './table-config';
import { TimeToLive } from './ttl';
import { accessDeniedException, authorizeApiCall } from '../iam/api-authorization';
import { AwsError, uuidOfWords } from '../kernel';
import { CallerIdentity, DynamoDbDelivery, DynamoDbStreamAccess, SimContext, SimService, TemplateResource } from '../runtime';

/**
 * A service-assigned id derived from the table ARN, so adding a table does not shift the seeded ids (message ids,
 * request ids) every other resource of the test draws.
 */
function stableId(text: string): string {
  const words = [7, 31, 131, 1031].map(seed => {
    let h = seed;
    for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) % 4294967291;
    return h;
  });
  return uuidOfWords(words[0], words[1], words[2], words[3]);
}

export const DYNAMODB_ACTIONS = [
  'PutItem', 'GetItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan', 'BatchWriteItem', 'BatchGetItem',
  'TransactWriteItems', 'TransactGetItems', 'DescribeTable', 'DescribeTimeToLive',
] as const;

const SINGLE_TABLE = new Set(['PutItem', 'GetItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan', 'DescribeTable', 'DescribeTimeToLive']);

interface TableState {
  readonly table: SimTable;
  readonly stream?: TableStream;
  readonly ttl?: TimeToLive;
  readonly tableId: string;
}

export class DynamoDbService implements SimService, DynamoDbDelivery, TableHandleHost {
  public readonly resourceTypes: readonly string[] = ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'];
  /** The DynamoDB API (ServiceApi), by command name. */
  public readonly actions: readonly string[] = DYNAMODB_ACTIONS;

  private readonly byLogicalId = new Map<string, TableState>();
  private readonly byName = new Map<string, TableState>();
  private readonly streams = new Map<string, TableStream>();
  private readonly handles = new Map<string, TableHandle>();
  private readonly tokens = new Map<string, IdempotencyRecord>();

  constructor(private readonly ctx: SimContext) {}

  public create(resource: TemplateResource): void {
    const report = (reason: string) => {
      this.ctx.reportUnsupported(resource.logicalId, resource.type, reason);
      this.ctx.trace.record('dynamodb', resource.logicalId, 'unsupported', { reason, type: resource.type });
    };
    const config = readTableConfig(resource, report);
    if (this.byName.has(config.name)) {
      throw new AwsError('ResourceInUseException', `${resource.logicalId}: Table already exists: ${config.name}`);
    }
    const table = new SimTable(config, this.ctx.clock.now());
    const stream = config.streamViewType && config.streamArn ? new TableStream(this.ctx, table, config.streamArn, config.streamViewType) : undefined;
    const ttl = config.ttlAttribute ? new TimeToLive(this.ctx, table, config.ttlAttribute) : undefined;
    table.onChange(change => {
      const eventName = !change.oldItem ? 'INSERT' : !change.newItem ? 'REMOVE' : 'MODIFY';
      this.ctx.trace.record('dynamodb', config.logicalId, 'item-changed', { eventName, keys: JSON.stringify(change.keys), origin: change.origin });
    });
    const state: TableState = { table, stream, ttl, tableId: stableId(config.arn) };
    this.byLogicalId.set(resource.logicalId, state);
    this.byName.set(config.name, state);
    if (stream) this.streams.set(stream.arn, stream);
  }

  /** The handle of the table `logicalId`. */
  public handle(logicalId: string): TableHandle {
    let h = this.handles.get(logicalId);
    if (!h) {
      const state = this.byLogicalId.get(logicalId);
      if (!state) throw new Error(`DynamoDbService: no table '${logicalId}'`);
      h = new TableHandle(this, state.table, state.stream, state.ttl);
      this.handles.set(logicalId, h);
    }
    return h;
  }

  public streamByArn(arn: string): DynamoDbStreamAccess | undefined {
    return this.streams.get(arn);
  }

  /** ServiceApi: identity policies are not evaluated yet (a later issue), so `caller` does not change the outcome. */
  /** Answers one API call (ServiceApi) after the caller's identity-based policies allow it (tables have no resource policy here). */
  public async call(action: string, input: Record<string, any>, caller: CallerIdentity): Promise<Record<string, any>> {
    if ((DYNAMODB_ACTIONS as readonly string[]).includes(action)) {
      const permissions = dynamoDbPermissions(action, input, name => {
        try {
          const t = this.resolve(name).table.config;
          return { arn: t.arn, logicalId: t.logicalId };
        } catch {
          return undefined;
        }
      });
      authorizeApiCall(this.ctx, 'dynamodb', caller, permissions, accessDeniedException);
    }
    return this.run(action, input);
  }

  public async run(action: string, input: Record<string, any>): Promise<Record<string, any>> {
    if (!(DYNAMODB_ACTIONS as readonly string[]).includes(action)) {
      throw new AwsError('UnknownOperationException', `The action ${action} is not valid for this endpoint (dynamodb), or the simulator does not simulate it.`);
    }
    refuseLegacy(input, message => this.ctx.reportProblem(String(input.TableName ?? 'dynamodb'), message));
    const state = SINGLE_TABLE.has(action) ? this.resolve(input.TableName) : undefined;
    try {
      return this.perform(action, input, state);
    } catch (e) {
      this.traceFailure(action, input, state, e);
      throw e;
    }
  }

  private perform(action: string, input: Record<string, any>, state: TableState | undefined): Record<string, any> {
    const resolve = (name: string) => this.resolve(name).table;
    switch (action) {
      case 'PutItem': return putItem(state!.table, input);
      case 'GetItem': return getItem(state!.table, input);
      case 'UpdateItem': return updateItem(state!.table, input);
      case 'DeleteItem': return deleteItem(state!.table, input);
      case 'Query': return query(state!.table, input);
      case 'Scan': return scan(state!.table, input);
      case 'DescribeTable': return describeTable(state!.table, state!.tableId, state!.stream);
      case 'DescribeTimeToLive': return describeTimeToLive(state!.table);
      case 'BatchWriteItem': return batchWriteItem(input, resolve);
      case 'BatchGetItem': return batchGetItem(input, resolve);
      case 'TransactWriteItems': return transactWriteItems(input, resolve, this.tokens, this.ctx.clock.now());
      default: return transactGetItems(input, resolve);
    }
  }

  private traceFailure(action: string, input: Record<string, any>, state: TableState | undefined, e: unknown): void {
    if (!(e instanceof AwsError)) return;
    const logicalId = state?.table.config.logicalId ?? 'dynamodb';
    if (e.name === 'ConditionalCheckFailedException') {
      this.ctx.trace.record('dynamodb', logicalId, 'condition-check-failed', { operation: action, keys: JSON.stringify(input.Key ?? input.Item ?? {}) });
    } else if (e.name === 'TransactionCanceledException') {
      const reasons = ((e as unknown as { CancellationReasons: { Code: string }[] }).CancellationReasons ?? []).map(r => r.Code);
      this.ctx.trace.record('dynamodb', logicalId, 'transaction-canceled', { reasons });
    }
  }

  /** A table by name or ARN (DynamoDB accepts either as TableName). */
  private resolve(name: unknown): TableState {
    if (name === undefined || name === null || name === '') {
      throw validation("1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
    }
    const text = String(name);
    const byName = this.byName.get(text);
    if (byName) return byName;
    const slash = text.startsWith('arn:') ? text.indexOf(':table/') : -1;
    const fromArn = slash >= 0 ? this.byName.get(text.slice(slash + ':table/'.length)) : undefined;
    if (fromArn && fromArn.table.config.arn === text) return fromArn;
    throw resourceNotFound();
  }
}
