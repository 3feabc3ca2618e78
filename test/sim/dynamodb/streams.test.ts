import { N, S, simWithTables } from './helpers';

const FN = {
  Type: 'AWS::Lambda::Function',
  Properties: { FunctionName: 'consumer', Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'x' }, Role: 'arn:aws:iam::123456789012:role/consumer', Timeout: 30 },
};

function withStream(viewType: string, mapping: Record<string, unknown> = {}, extra: Record<string, object> = {}) {
  return simWithTables(
    { Orders: { hash: ['pk', 'S'], extra: { StreamSpecification: { StreamViewType: viewType }, TimeToLiveSpecification: { AttributeName: 'expires', Enabled: true } } } },
    {
      Consumer: FN,
      Mapping: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: { FunctionName: { Ref: 'Consumer' }, EventSourceArn: { 'Fn::GetAtt': ['Orders', 'StreamArn'] }, StartingPosition: 'TRIM_HORIZON', ...mapping },
      },
      ...extra,
    },
  );
}

describe('DynamoDB Streams to Lambda ("Change data capture for DynamoDB Streams", "Using AWS Lambda with Amazon DynamoDB")', () => {
  test('INSERT, MODIFY and REMOVE records reach the function in order with the images of NEW_AND_OLD_IMAGES', async () => {
    const sim = withStream('NEW_AND_OLD_IMAGES');
    const seen: any[] = [];
    sim.lambda('Consumer').handle(event => { seen.push(...event.Records); });
    const t = sim.table('Orders');
    await t.putItem({ Item: { pk: S('a'), v: N(1) } });
    await t.updateItem({ Key: { pk: S('a') }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': N(2) } });
    await t.deleteItem({ Key: { pk: S('a') } });
    await sim.runUntilIdle();
    expect(seen.map(r => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    expect(seen[0]).toMatchObject({
      eventSource: 'aws:dynamodb',
      eventVersion: '1.1',
      awsRegion: 'us-east-1',
      eventSourceARN: t.streamArn,
      dynamodb: { Keys: { pk: S('a') }, NewImage: { pk: S('a'), v: N(1) }, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(seen[0].dynamodb.OldImage).toBeUndefined();
    expect(seen[1].dynamodb).toMatchObject({ OldImage: { pk: S('a'), v: N(1) }, NewImage: { pk: S('a'), v: N(2) } });
    expect(seen[2].dynamodb.NewImage).toBeUndefined();
    const seqs = seen.map(r => BigInt(r.dynamodb.SequenceNumber));
    expect(seqs[0] < seqs[1] && seqs[1] < seqs[2]).toBe(true);
  });

  test('KEYS_ONLY carries only Keys; a write that changes nothing writes no stream record', async () => {
    const sim = withStream('KEYS_ONLY');
    const seen: any[] = [];
    sim.lambda('Consumer').handle(event => { seen.push(...event.Records); });
    const t = sim.table('Orders');
    await t.putItem({ Item: { pk: S('a'), v: N(1) } });
    await t.putItem({ Item: { pk: S('a'), v: N(1) } });
    await sim.runUntilIdle();
    expect(seen).toHaveLength(1);
    expect(seen[0].dynamodb.NewImage).toBeUndefined();
    expect(seen[0].dynamodb.Keys).toEqual({ pk: S('a') });
  });

  test('BatchSize groups records; a failing batch is retried in order until it succeeds (the shard waits)', async () => {
    const sim = withStream('NEW_IMAGE', { BatchSize: 2 });
    const batches: string[][] = [];
    let failures = 1;
    sim.lambda('Consumer').handle(event => {
      batches.push(event.Records.map((r: any) => r.dynamodb.Keys.pk.S));
      if (failures-- > 0) throw new Error('boom');
    });
    const t = sim.table('Orders');
    for (const k of ['a', 'b', 'c']) await t.putItem({ Item: { pk: S(k) } });
    await sim.runUntilIdle();
    expect(batches).toEqual([['a', 'b'], ['a', 'b'], ['c']]);
  });

  test('MaximumRetryAttempts discards the batch and sends the documented record (DDBStreamBatchInfo) to the on-failure queue', async () => {
    const sim = withStream('NEW_IMAGE', { MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['Failed', 'Arn'] } } } }, {
      Failed: { Type: 'AWS::SQS::Queue', Properties: {} },
    });
    let calls = 0;
    sim.lambda('Consumer').handle(() => { calls++; throw new Error('always'); });
    await sim.table('Orders').putItem({ Item: { pk: S('a') } });
    await sim.runUntilIdle();
    expect(calls).toBe(2);
    const received = await sim.queue('Failed').receiveMessage({ MaxNumberOfMessages: 10 });
    const body = JSON.parse(received.Messages![0].Body!);
    expect(body.requestContext).toMatchObject({ condition: 'RetryAttemptsExhausted', approximateInvokeCount: 2 });
    expect(body.DDBStreamBatchInfo).toMatchObject({ batchSize: 1, streamArn: sim.table('Orders').streamArn });
  });

  test('MaximumRecordAgeInSeconds: a failing record older than the limit is discarded (RecordAgeExceeded) and the shard moves on', async () => {
    const sim = withStream('NEW_IMAGE', { MaximumRecordAgeInSeconds: 60 });
    const batches: string[][] = [];
    sim.lambda('Consumer').handle(event => {
      const keys = event.Records.map((r: any) => r.dynamodb.Keys.pk.S);
      batches.push(keys);
      if (keys.includes('bad')) throw new Error('cannot process');
    });
    const t = sim.table('Orders');
    await t.putItem({ Item: { pk: S('bad') } });
    await sim.runUntilIdle();
    await t.putItem({ Item: { pk: S('next') } });
    await sim.runUntilIdle();
    const discarded = sim.trace.filter({ type: 'stream-records-discarded' });
    expect(discarded.map(e => e.detail.condition)).toEqual(['RecordAgeExceeded']);
    expect(discarded[0].time - Date.UTC(2024, 0, 1)).toBeGreaterThan(60_000);
    expect(batches[batches.length - 1]).toEqual(['next']);
    expect(batches.filter(b => b.includes('bad')).length).toBeGreaterThan(1);
  });

  test('ReportBatchItemFailures: Lambda retries from the lowest failed sequence number', async () => {
    const sim = withStream('NEW_IMAGE', { BatchSize: 3, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    const batches: string[][] = [];
    sim.lambda('Consumer').handle(event => {
      batches.push(event.Records.map((r: any) => r.dynamodb.Keys.pk.S));
      if (batches.length === 1) return { batchItemFailures: [{ itemIdentifier: event.Records[1].dynamodb.SequenceNumber }] };
      return {};
    });
    const t = sim.table('Orders');
    for (const k of ['a', 'b', 'c']) await t.putItem({ Item: { pk: S(k) } });
    await sim.runUntilIdle();
    expect(batches).toEqual([['a', 'b', 'c'], ['b', 'c']]);
  });

  test('BisectBatchOnFunctionError splits a failing batch to isolate the bad record', async () => {
    const sim = withStream('NEW_IMAGE', { BatchSize: 4, BisectBatchOnFunctionError: true, MaximumRetryAttempts: 0 });
    const batches: string[][] = [];
    sim.lambda('Consumer').handle(event => {
      const keys = event.Records.map((r: any) => r.dynamodb.Keys.pk.S);
      batches.push(keys);
      if (keys.includes('c')) throw new Error('bad record c');
    });
    const t = sim.table('Orders');
    for (const k of ['a', 'b', 'c', 'd']) await t.putItem({ Item: { pk: S(k) } });
    await sim.runUntilIdle();
    expect(batches).toEqual([['a', 'b', 'c', 'd'], ['a', 'b'], ['c', 'd'], ['c'], ['d']]);
  });

  test('StartingPosition LATEST reads the records written after the mapping starts; AT_TIMESTAMP is not valid for DynamoDB', async () => {
    const sim = withStream('NEW_IMAGE', { StartingPosition: 'LATEST' });
    const seen: any[] = [];
    sim.lambda('Consumer').handle(event => { seen.push(...event.Records); });
    await sim.table('Orders').putItem({ Item: { pk: S('a') } });
    await sim.runUntilIdle();
    expect(seen).toHaveLength(1);
    expect(() => withStream('NEW_IMAGE', { StartingPosition: 'AT_TIMESTAMP' })).toThrow(/StartingPosition AT_TIMESTAMP is not valid for a DynamoDB stream/);
  });

  test('a disabled mapping invokes nothing; FilterCriteria drops records that match no pattern', async () => {
    const sim = withStream('NEW_IMAGE', { FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { NewImage: { kind: { S: ['big'] } } } }) }] } });
    const seen: any[] = [];
    sim.lambda('Consumer').handle(event => { seen.push(...event.Records); });
    const t = sim.table('Orders');
    await t.putItem({ Item: { pk: S('a'), kind: S('small') } });
    await t.putItem({ Item: { pk: S('b'), kind: S('big') } });
    await t.deleteItem({ Key: { pk: S('b') } });
    await sim.runUntilIdle();
    expect(seen.map(r => r.dynamodb.Keys.pk.S)).toEqual(['b']);
    const off = withStream('NEW_IMAGE', { Enabled: false });
    let calls = 0;
    off.lambda('Consumer').handle(() => { calls++; });
    await off.table('Orders').putItem({ Item: { pk: S('a') } });
    await off.runUntilIdle();
    expect(calls).toBe(0);
  });
});

describe('Time to Live ("Using time to live (TTL) in DynamoDB")', () => {
  test('an expired item is still returned until deleted; the deletion is a REMOVE by the service principal dynamodb.amazonaws.com', async () => {
    const sim = withStream('NEW_AND_OLD_IMAGES');
    const seen: any[] = [];
    sim.lambda('Consumer').handle(event => { seen.push(...event.Records); });
    const t = sim.table('Orders');
    const nowSeconds = Math.floor(Date.UTC(2024, 0, 1) / 1000);
    await t.putItem({ Item: { pk: S('a'), expires: N(nowSeconds + 60) } });
    await sim.advance(2 * 60 * 1000); // expired, not yet deleted (deletion 1 hour after expiry by default)
    expect((await t.getItem({ Key: { pk: S('a') } })).Item).toBeDefined();
    await sim.advance(60 * 60 * 1000);
    expect((await t.getItem({ Key: { pk: S('a') } })).Item).toBeUndefined();
    const remove = seen.find(r => r.eventName === 'REMOVE');
    expect(remove.userIdentity).toEqual({ type: 'Service', principalId: 'dynamodb.amazonaws.com' });
    expect(remove.dynamodb.OldImage).toEqual({ pk: S('a'), expires: N(nowSeconds + 60) });
    expect(sim.trace.some({ type: 'ttl-deleted' })).toBe(true);
  });

  test('a TTL attribute that is not a Number is ignored; a later TTL postpones the deletion; the delay is configurable', async () => {
    const sim = withStream('KEYS_ONLY');
    sim.lambda('Consumer').handle(() => undefined);
    const t = sim.table('Orders').setTtlDeletionDelay(0);
    const now = Math.floor(Date.UTC(2024, 0, 1) / 1000);
    await t.putItem({ Item: { pk: S('text'), expires: S(String(now + 1)) } });
    await t.putItem({ Item: { pk: S('moved'), expires: N(now + 1) } });
    await t.updateItem({ Key: { pk: S('moved') }, UpdateExpression: 'SET expires = :later', ExpressionAttributeValues: { ':later': N(now + 100) } });
    await sim.advance(10_000);
    expect(t.items().map(i => i.pk)).toEqual([S('text'), S('moved')]);
    await sim.advance(100_000);
    expect(t.items().map(i => i.pk)).toEqual([S('text')]);
  });
});
