/**
 * A table's definition from its template resource (AWS::DynamoDB::Table, or AWS::DynamoDB::GlobalTable): key schema,
 * attribute definitions, secondary indexes with their projections, stream and TTL settings, billing. What
 * CloudFormation refuses to deploy is a `TemplateLoadError` with DynamoDB's message; what the simulator does not model
 * is listed through `reportUnsupported`.
 */
import { TemplateLoadError } from '../kernel';
import { TemplateResource } from '../runtime';
import { isTrue } from '../template/naming';

export type KeyType = 'S' | 'N' | 'B';

export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyType;
}

export interface KeySchema {
  readonly hash: KeyAttribute;
  readonly range?: KeyAttribute;
}

export type ProjectionType = 'ALL' | 'KEYS_ONLY' | 'INCLUDE';

export interface IndexConfig {
  readonly name: string;
  readonly kind: 'GSI' | 'LSI';
  readonly key: KeySchema;
  readonly projection: ProjectionType;
  readonly nonKeyAttributes: readonly string[];
}

export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

export interface TableConfig {
  readonly logicalId: string;
  readonly resourceType: string;
  readonly name: string;
  readonly arn: string;
  readonly key: KeySchema;
  readonly indexes: readonly IndexConfig[];
  readonly streamViewType?: StreamViewType;
  readonly streamArn?: string;
  readonly ttlAttribute?: string;
  readonly billingMode: 'PAY_PER_REQUEST' | 'PROVISIONED';
  readonly attributeDefinitions: ReadonlyMap<string, KeyType>;
}

const STREAM_VIEW_TYPES: readonly StreamViewType[] = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'];

function fail(r: TemplateResource, message: string): never {
  throw new TemplateLoadError(r.logicalId, 'ValidationException', message);
}

function keySchema(r: TemplateResource, raw: unknown, types: ReadonlyMap<string, KeyType>, where: string): KeySchema {
  if (!Array.isArray(raw) || raw.length < 1 || raw.length > 2) fail(r, `${where}: KeySchema must have one HASH key and at most one RANGE key`);
  const hash = raw.find((k: any) => k?.KeyType === 'HASH');
  const range = raw.find((k: any) => k?.KeyType === 'RANGE');
  for (const k of raw) {
    if (k?.KeyType !== 'HASH' && k?.KeyType !== 'RANGE') fail(r, `${where}: Invalid KeyType ${String(k?.KeyType)}: it must be HASH or RANGE`);
  }
  if (!hash || raw.filter((k: any) => k.KeyType === 'HASH').length !== 1) fail(r, `${where}: Invalid KeySchema: The first KeySchemaElement is not a HASH key type`);
  const attribute = (k: any): KeyAttribute => {
    const type = types.get(k.AttributeName);
    if (!type) fail(r, `One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [${k.AttributeName}], AttributeDefinitions: [${[...types.keys()].join(', ')}]`);
    return { name: k.AttributeName, type };
  };
  return { hash: attribute(hash), ...(range ? { range: attribute(range) } : {}) };
}

function projection(r: TemplateResource, raw: any, indexName: string): { projection: ProjectionType; nonKeyAttributes: string[] } {
  const type = raw?.ProjectionType ?? 'INCLUDE';
  if (!['ALL', 'KEYS_ONLY', 'INCLUDE'].includes(type)) fail(r, `Index ${indexName}: Unknown ProjectionType: ${String(type)}`);
  const nonKey = Array.isArray(raw?.NonKeyAttributes) ? raw.NonKeyAttributes.map(String) : [];
  if (type !== 'INCLUDE' && nonKey.length > 0) {
    fail(r, `One or more parameter values were invalid: ProjectionType is ${type}, but NonKeyAttributes is specified`);
  }
  return { projection: type, nonKeyAttributes: nonKey };
}

export function readTableConfig(r: TemplateResource, report: (reason: string) => void): TableConfig {
  const p = r.properties;
  const types = new Map<string, KeyType>();
  for (const d of Array.isArray(p.AttributeDefinitions) ? p.AttributeDefinitions : []) {
    if (!['S', 'N', 'B'].includes(d?.AttributeType)) {
      fail(r, `1 validation error detected: Value '${String(d?.AttributeType)}' at 'attributeDefinitions.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]`);
    }
    types.set(String(d.AttributeName), d.AttributeType);
  }
  const key = keySchema(r, p.KeySchema, types, 'Table');
  const indexes: IndexConfig[] = [];
  const gsis = Array.isArray(p.GlobalSecondaryIndexes) ? p.GlobalSecondaryIndexes : [];
  const lsis = Array.isArray(p.LocalSecondaryIndexes) ? p.LocalSecondaryIndexes : [];
  for (const g of gsis) {
    indexes.push({ name: String(g.IndexName), kind: 'GSI', key: keySchema(r, g.KeySchema, types, `Index ${g.IndexName}`), ...projection(r, g.Projection, g.IndexName) });
  }
  for (const l of lsis) {
    const k = keySchema(r, l.KeySchema, types, `Index ${l.IndexName}`);
    if (k.hash.name !== key.hash.name || !k.range) {
      fail(r, 'One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex');
    }
    indexes.push({ name: String(l.IndexName), kind: 'LSI', key: k, ...projection(r, l.Projection, l.IndexName) });
  }
  if (lsis.length > 0 && !key.range) fail(r, 'One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex');
  if (gsis.length > 20) fail(r, 'One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20');
  if (lsis.length > 5) fail(r, 'One or more parameter values were invalid: LocalSecondaryIndex count exceeds the per-table limit of 5');
  const names = new Set<string>();
  for (const i of indexes) {
    if (names.has(i.name)) fail(r, `One or more parameter values were invalid: Duplicate index name: ${i.name}`);
    names.add(i.name);
  }
  const used = new Set([key.hash.name, key.range?.name, ...indexes.flatMap(i => [i.key.hash.name, i.key.range?.name])].filter(Boolean));
  const unused = [...types.keys()].filter(n => !used.has(n));
  if (unused.length > 0) {
    fail(r, 'One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions');
  }

  // A GlobalTable's stream is its StreamSpecification.StreamViewType; a Table's needs StreamSpecification too.
  const viewType = p.StreamSpecification?.StreamViewType;
  if (viewType !== undefined && !STREAM_VIEW_TYPES.includes(viewType)) fail(r, `Unknown StreamViewType: ${String(viewType)}`);
  const enabledStream = viewType !== undefined && (p.StreamSpecification?.StreamEnabled === undefined || isTrue(p.StreamSpecification.StreamEnabled));
  const ttl = p.TimeToLiveSpecification;
  const ttlEnabled = ttl !== undefined && isTrue(ttl.Enabled);
  if (ttlEnabled && (typeof ttl.AttributeName !== 'string' || ttl.AttributeName === '')) fail(r, 'TimeToLiveSpecification: AttributeName must be given when Enabled is true');

  const billingMode = p.BillingMode === 'PAY_PER_REQUEST' ? 'PAY_PER_REQUEST' : 'PROVISIONED';
  if (billingMode === 'PROVISIONED' && p.ProvisionedThroughput !== undefined) {
    report('provisioned capacity (ProvisionedThroughput) is accepted but throttling is not simulated: requests never get ProvisionedThroughputExceededException');
  }
  if (r.type === 'AWS::DynamoDB::GlobalTable' && p.WriteProvisionedThroughputSettings !== undefined) {
    report('provisioned write capacity is accepted but throttling is not simulated');
  }
  const notModelled: Record<string, string> = {
    PointInTimeRecoverySpecification: 'point-in-time recovery is not modelled (no restore)',
    SSESpecification: 'encryption at rest is not modelled (items are kept in memory)',
    KinesisStreamSpecification: 'Kinesis Data Streams change capture is not simulated',
    ContributorInsightsSpecification: 'Contributor Insights is not modelled',
    ImportSourceSpecification: 'importing from S3 at creation is not simulated (the table starts empty)',
    ResourcePolicy: 'the table resource policy is not evaluated',
    OnDemandThroughput: 'maximum on-demand throughput is not enforced',
    WarmThroughput: 'warm throughput is not modelled',
    DeletionProtectionEnabled: 'deletion protection has no effect in the simulator',
  };
  for (const [prop, reason] of Object.entries(notModelled)) if (p[prop] !== undefined) report(reason);
  if (r.type === 'AWS::DynamoDB::GlobalTable') {
    const replicas = Array.isArray(p.Replicas) ? p.Replicas : [];
    if (replicas.length > 1) report(`global table replication is not modelled: only the replica in this region is simulated (${replicas.length} replicas declared)`);
    if (replicas.some((x: any) => x?.PointInTimeRecoverySpecification)) report('point-in-time recovery is not modelled (no restore)');
  }

  return {
    logicalId: r.logicalId,
    resourceType: r.type,
    name: r.ref,
    arn: r.attributes.Arn,
    key,
    indexes,
    ...(enabledStream ? { streamViewType: viewType, streamArn: r.attributes.StreamArn } : {}),
    ...(ttlEnabled ? { ttlAttribute: String(ttl.AttributeName) } : {}),
    billingMode,
    attributeDefinitions: types,
  };
}
