/** DescribeTable and DescribeTimeToLive outputs (SDK v3 `TableDescription` and `TimeToLiveDescription` shapes). */
import { TableStream } from './streams/stream';
import { SimTable } from './table';
import { IndexConfig, KeySchema, TableConfig } from './table-config';

function keySchema(key: KeySchema): Record<string, string>[] {
  return [{ AttributeName: key.hash.name, KeyType: 'HASH' }, ...(key.range ? [{ AttributeName: key.range.name, KeyType: 'RANGE' }] : [])];
}

function projection(index: IndexConfig): Record<string, unknown> {
  return { ProjectionType: index.projection, ...(index.projection === 'INCLUDE' ? { NonKeyAttributes: [...index.nonKeyAttributes] } : {}) };
}

export function describeTable(table: SimTable, tableId: string, stream: TableStream | undefined): Record<string, any> {
  const c: TableConfig = table.config;
  const throughput = { NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 };
  const indexes = (kind: 'GSI' | 'LSI') => c.indexes.filter(i => i.kind === kind).map(i => ({
    IndexName: i.name,
    KeySchema: keySchema(i.key),
    Projection: projection(i),
    ...(kind === 'GSI' ? { IndexStatus: 'ACTIVE', ProvisionedThroughput: throughput } : {}),
    IndexSizeBytes: 0,
    ItemCount: table.indexStores.get(i.name)!.size,
    IndexArn: `${c.arn}/index/${i.name}`,
  }));
  const gsis = indexes('GSI');
  const lsis = indexes('LSI');
  return {
    Table: {
      AttributeDefinitions: [...c.attributeDefinitions].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
      TableName: c.name,
      KeySchema: keySchema(c.key),
      TableStatus: 'ACTIVE',
      CreationDateTime: new Date(table.createdAt),
      ProvisionedThroughput: throughput,
      TableSizeBytes: 0,
      ItemCount: table.itemCount,
      TableArn: c.arn,
      TableId: tableId,
      BillingModeSummary: { BillingMode: c.billingMode },
      ...(lsis.length > 0 ? { LocalSecondaryIndexes: lsis } : {}),
      ...(gsis.length > 0 ? { GlobalSecondaryIndexes: gsis } : {}),
      ...(c.streamViewType && stream
        ? { StreamSpecification: { StreamEnabled: true, StreamViewType: c.streamViewType }, LatestStreamArn: stream.arn, LatestStreamLabel: stream.arn.split('/stream/')[1] }
        : {}),
      DeletionProtectionEnabled: false,
    },
    $metadata: { httpStatusCode: 200 },
  };
}

export function describeTimeToLive(table: SimTable): Record<string, any> {
  const attribute = table.config.ttlAttribute;
  return {
    TimeToLiveDescription: attribute ? { TimeToLiveStatus: 'ENABLED', AttributeName: attribute } : { TimeToLiveStatus: 'DISABLED' },
    $metadata: { httpStatusCode: 200 },
  };
}
