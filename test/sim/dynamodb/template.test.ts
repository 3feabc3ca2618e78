import * as cdk from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { tableResource } from './helpers';
import { S3ToBatchPipeline } from '../../../src';
import { Simulator } from '../../../src/sim';
import { DynamoDbService } from '../../../src/sim/dynamodb';
import { fakeContext, resource } from '../fixtures';

describe('tables from the template', () => {
  test('Ref is the table name; GetAtt Arn and StreamArn (only with a StreamSpecification) are formed as CloudFormation returns them', () => {
    const sim = Simulator.fromTemplate({
      Resources: {
        T: tableResource('orders', { hash: ['pk', 'S'], extra: { StreamSpecification: { StreamViewType: 'NEW_IMAGE' } } }),
        U: tableResource('plain', { hash: ['pk', 'S'] }),
      },
      Outputs: { Name: { Value: { Ref: 'T' } }, Arn: { Value: { 'Fn::GetAtt': ['T', 'Arn'] } }, Stream: { Value: { 'Fn::GetAtt': ['T', 'StreamArn'] } } },
    });
    expect(sim.outputs).toEqual({
      Name: 'orders',
      Arn: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders',
      Stream: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000',
    });
    expect(sim.resources.get('U')!.attributes.StreamArn).toBeUndefined();
    expect(sim.table('T').streamArn).toBe('arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000');
  });

  test('an aws-cdk-lib Table (sort key, GSI, LSI, TTL) loads and is found through its construct', async () => {
    const stack = new cdk.Stack();
    const table = new dynamodb.Table(stack, 'Jobs', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.NUMBER },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'ttl',
    });
    table.addGlobalSecondaryIndex({ indexName: 'byOwner', partitionKey: { name: 'owner', type: dynamodb.AttributeType.STRING } });
    table.addLocalSecondaryIndex({ indexName: 'byName', sortKey: { name: 'name', type: dynamodb.AttributeType.STRING } });
    const sim = Simulator.fromStack(stack);
    const d = await sim.table(table).describeTable();
    expect(d.Table.KeySchema).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }]);
    expect(d.Table.GlobalSecondaryIndexes.map((i: any) => i.IndexName)).toEqual(['byOwner']);
    expect(d.Table.LocalSecondaryIndexes.map((i: any) => i.IndexName)).toEqual(['byName']);
    expect(d.Table.BillingModeSummary).toEqual({ BillingMode: 'PAY_PER_REQUEST' });
    expect((await sim.table(table).describeTimeToLive()).TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'ttl' });
  });

  test('sim.table(pipeline) finds S3ToBatchPipeline.outputTable; its PITR and encryption are reported as not modelled', async () => {
    const stack = new cdk.Stack();
    const pipeline = new S3ToBatchPipeline(stack, 'Pipeline', {
      containerImage: ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:2023'),
      command: ['true'],
    });
    const sim = Simulator.fromStack(stack, { strict: false });
    const table = sim.table(pipeline);
    expect(table.tableName).toBe(sim.table(pipeline.outputTable).tableName);
    await table.putItem({ Item: { pk: { S: 'job#1' }, sk: { S: 'row#1' } } });
    expect(table.items()).toHaveLength(1);
    const reasons = sim.unsupported.features.filter(f => f.type === 'AWS::DynamoDB::Table').map(f => f.reason);
    expect(reasons.some(r => /point-in-time recovery/.test(r))).toBe(true);
    expect(reasons.some(r => /encryption at rest/.test(r))).toBe(true);
  });

  test('what is not modelled is listed in sim.unsupported: provisioned throughput throttling, PITR, encryption', () => {
    const sim = Simulator.fromTemplate({
      Resources: {
        T: tableResource('t', {
          hash: ['pk', 'S'],
          extra: {
            BillingMode: 'PROVISIONED',
            ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            SSESpecification: { SSEEnabled: true },
          },
        }),
      },
    });
    const reasons = sim.unsupported.features.filter(f => f.logicalId === 'T').map(f => f.reason).join('\n');
    expect(reasons).toMatch(/throttling is not simulated/);
    expect(reasons).toMatch(/point-in-time recovery is not modelled/);
    expect(reasons).toMatch(/encryption at rest is not modelled/);
  });

  test('key attributes must be declared in AttributeDefinitions, and every definition must be a key', () => {
    const bad = (props: Record<string, unknown>) => () => Simulator.fromTemplate({ Resources: { T: { Type: 'AWS::DynamoDB::Table', Properties: props } } });
    expect(bad({ KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [] }))
      .toThrow(/Some index key attributes are not defined in AttributeDefinitions. Keys: \[pk\]/);
    expect(bad({ KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'x', AttributeType: 'S' }] }))
      .toThrow(/Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions/);
  });

  test('AWS::DynamoDB::GlobalTable is simulated as its replica in this region; replication is reported as not modelled', async () => {
    const sim = Simulator.fromTemplate({
      Resources: {
        G: {
          Type: 'AWS::DynamoDB::GlobalTable',
          Properties: {
            TableName: 'global',
            BillingMode: 'PAY_PER_REQUEST',
            KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
            AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
            Replicas: [{ Region: 'us-east-1' }, { Region: 'eu-west-1' }],
          },
        },
      },
    });
    await sim.table('G').putItem({ Item: { pk: { S: 'a' } } });
    expect(sim.table('G').items()).toHaveLength(1);
    expect(sim.unsupported.features.some(f => f.logicalId === 'G' && /replication is not modelled/.test(f.reason))).toBe(true);
  });
});

describe('ServiceApi (what Step Functions and the wire protocols call)', () => {
  test('operations by SDK command name, the table chosen by TableName', async () => {
    const ctx = fakeContext();
    const service = new DynamoDbService(ctx);
    const r = resource('AWS::DynamoDB::Table', 'T', (tableResource('orders', { hash: ['pk', 'S'] }) as any).Properties, 'orders', {
      Arn: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders',
    });
    service.create(r);
    await service.call('PutItem', { TableName: 'orders', Item: { pk: { S: 'a' }, n: { N: '1' } } }, ctx.ownerIdentity);
    const got = await service.call('GetItem', { TableName: 'orders', Key: { pk: { S: 'a' } } }, ctx.ownerIdentity);
    expect(got.Item).toEqual({ pk: { S: 'a' }, n: { N: '1' } });
    const err = await service.call('CreateTable', {}, ctx.ownerIdentity).catch(e => e);
    expect(err.name).toBe('UnknownOperationException');
    const missing = await service.call('GetItem', { Key: { pk: { S: 'a' } } }, ctx.ownerIdentity).catch(e => e);
    expect(missing.message).toBe("1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
  });

  test('the simulator registers the API under the dynamodb namespace, where Step Functions tasks find it (ctx.api)', async () => {
    const sim = Simulator.fromTemplate({ Resources: { T: tableResource('orders', { hash: ['pk', 'S'] }) } });
    // The context is internal; services reach each other's APIs through it, which is what this pins.
    const api = (sim as unknown as { context: { api(ns: string): { call(a: string, i: object, c: object): Promise<any> } } }).context.api('dynamodb');
    await api.call('PutItem', { TableName: 'orders', Item: { pk: { S: 'from-api' } } }, { principalType: 'AWS', principal: 'arn:aws:iam::123456789012:role/sfn', secureTransport: true });
    expect(sim.table('T').items()).toEqual([{ pk: { S: 'from-api' } }]);
  });

  test('a stream mapping whose stream is not a table of the template is reported, not simulated', () => {
    const sim = Simulator.fromTemplate({
      Resources: {
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'x' }, Role: 'arn:aws:iam::123456789012:role/r' } },
        M: {
          Type: 'AWS::Lambda::EventSourceMapping',
          Properties: { FunctionName: { Ref: 'Fn' }, StartingPosition: 'LATEST', EventSourceArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/elsewhere/stream/2024-01-01T00:00:00.000' },
        },
      },
    });
    expect(sim.unsupported.features.some(f => f.logicalId === 'M' && /is not the stream of a table in the template/.test(f.reason))).toBe(true);
  });

  test('the legacy (pre-expression) parameters are refused and reported, not silently ignored', async () => {
    const ctx = fakeContext();
    const service = new DynamoDbService(ctx);
    service.create(resource('AWS::DynamoDB::Table', 'T', (tableResource('orders', { hash: ['pk', 'S'] }) as any).Properties, 'orders', { Arn: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders' }));
    await expect(service.call('Scan', { TableName: 'orders', ScanFilter: {} }, ctx.ownerIdentity)).rejects.toThrow(/legacy parameter ScanFilter/);
  });
});
