import { gunzipSync } from 'zlib';
import { App, Stack } from 'aws-cdk-lib';
import { FirehoseArchive } from '../../../src';
import { Simulator } from '../../../src/sim';

const ROLE = 'arn:aws:iam::123456789012:role/delivery';

function streamTemplate(destination: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): object {
  return {
    Resources: {
      Archive: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'archive-bucket' } },
      Transformer: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'transformer', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: 'x' } } },
      Stream: {
        Type: 'AWS::KinesisFirehose::DeliveryStream',
        Properties: {
          DeliveryStreamName: 'orders-stream',
          DeliveryStreamType: 'DirectPut',
          ExtendedS3DestinationConfiguration: {
            BucketARN: 'arn:aws:s3:::archive-bucket',
            RoleARN: ROLE,
            BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 1 },
            CompressionFormat: 'UNCOMPRESSED',
            ...destination,
          },
        },
      },
      ...extra,
    },
  };
}

async function objects(sim: Simulator): Promise<Array<{ key: string; body: Buffer }>> {
  const bucket = sim.bucket('Archive');
  const listed = await bucket.listObjectsV2({});
  const out: Array<{ key: string; body: Buffer }> = [];
  for (const o of listed.Contents ?? []) {
    const got = await bucket.getObject({ Key: o.Key });
    out.push({ key: o.Key, body: Buffer.from(await got.Body.transformToByteArray()) });
  }
  return out;
}

describe('Firehose delivery to S3', () => {
  test('records are buffered until IntervalInSeconds after the first, then written as one object under the default UTC yyyy/MM/dd/HH/ prefix', async () => {
    const sim = Simulator.fromTemplate(streamTemplate(), { startTime: new Date('2024-03-05T07:59:30Z') });
    const stream = sim.deliveryStream('Stream');
    await stream.putRecord({ Record: { Data: '{"a":1}\n' } });
    await sim.advance(20_000);
    await stream.putRecord({ Record: { Data: '{"a":2}\n' } });
    await sim.advance(39_000);
    expect(await objects(sim)).toEqual([]);
    await sim.advance(1_000);
    const [only, ...rest] = await objects(sim);
    expect(rest).toEqual([]);
    expect(only.key).toMatch(/^2024\/03\/05\/07\/orders-stream-1-2024-03-05-07-59-30-[0-9a-f-]{36}$/);
    expect(only.body.toString()).toBe('{"a":1}\n{"a":2}\n');
    expect(stream.records.map(r => r.data)).toEqual(['{"a":1}\n', '{"a":2}\n']);
  });

  test('a buffer reaching SizeInMBs is delivered at once, before the interval', async () => {
    const sim = Simulator.fromTemplate(streamTemplate());
    const stream = sim.deliveryStream('Stream');
    const big = 'x'.repeat(600 * 1024);
    await stream.putRecordBatch({ Records: [{ Data: big }, { Data: big }] });
    await sim.advance(0);
    const delivered = await objects(sim);
    expect(delivered).toHaveLength(1);
    expect(delivered[0].body.length).toBe(2 * big.length);
  });

  test('GZIP compression: the object is gzip and its name ends in .gz', async () => {
    const sim = Simulator.fromTemplate(streamTemplate({ CompressionFormat: 'GZIP' }));
    await sim.deliveryStream('Stream').putRecord({ Record: { Data: 'hello' } });
    await sim.runUntilIdle();
    const [o] = await objects(sim);
    expect(o.key).toMatch(/\.gz$/);
    expect(gunzipSync(o.body).toString()).toBe('hello');
  });

  test('a custom Prefix without timestamp expressions gets the default time prefix appended; expressions are evaluated (Custom prefixes)', async () => {
    const start = new Date('2024-12-31T23:10:00Z');
    const plain = Simulator.fromTemplate(streamTemplate({ Prefix: 'orders/' }), { startTime: start });
    await plain.deliveryStream('Stream').putRecord({ Record: { Data: 'a' } });
    await plain.runUntilIdle();
    expect((await objects(plain))[0].key).toMatch(/^orders\/2024\/12\/31\/23\/orders-stream-1-2024-12-31-23-10-00-/);
    const expr = Simulator.fromTemplate(streamTemplate({ Prefix: "year=!{timestamp:yyyy}/day=!{timestamp:yyyy'-'MM'-'dd}/" }), { startTime: start });
    await expr.deliveryStream('Stream').putRecord({ Record: { Data: 'a' } });
    await expr.runUntilIdle();
    expect((await objects(expr))[0].key).toMatch(/^year=2024\/day=2024-12-31\/orders-stream-1-/);
  });

  test('a Lambda processor: Ok records are delivered transformed, Dropped ones vanish, ProcessingFailed ones go to the error output prefix', async () => {
    const sim = Simulator.fromTemplate(streamTemplate({
      ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: 'arn:aws:lambda:us-east-1:123456789012:function:transformer' }] }] },
      ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/!{timestamp:yyyy}/',
    }));
    const events: any[] = [];
    sim.lambda('Transformer').handle(async (event: any) => {
      events.push(event);
      return {
        records: event.records.map((r: any) => {
          const text = Buffer.from(r.data, 'base64').toString();
          if (text === 'drop') return { recordId: r.recordId, result: 'Dropped', data: r.data };
          if (text === 'bad') return { recordId: r.recordId, result: 'ProcessingFailed', data: r.data };
          return { recordId: r.recordId, result: 'Ok', data: Buffer.from(text.toUpperCase() + '\n').toString('base64') };
        }),
      };
    });
    const stream = sim.deliveryStream('Stream');
    for (const data of ['one', 'drop', 'bad', 'two']) await stream.putRecord({ Record: { Data: data } });
    await sim.runUntilIdle();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ deliveryStreamArn: stream.deliveryStreamArn, region: 'us-east-1', records: expect.any(Array) });
    expect(events[0].records[0]).toEqual({ recordId: expect.any(String), approximateArrivalTimestamp: expect.any(Number), data: Buffer.from('one').toString('base64') });
    const all = await objects(sim);
    const data = all.find(o => !o.key.startsWith('errors/'))!;
    const errors = all.find(o => o.key.startsWith('errors/processing-failed/2024/'))!;
    expect(data.body.toString()).toBe('ONE\nTWO\n');
    const failed = errors.body.toString().trim().split('\n').map(l => JSON.parse(l));
    expect(failed).toEqual([expect.objectContaining({ rawData: Buffer.from('bad').toString('base64'), errorCode: 'Lambda.ProcessingFailed', lambdaArn: expect.stringContaining('transformer') })]);
    expect(sim.trace.find({ type: 'records-transformed' })?.detail).toEqual({ ok: 2, dropped: 1, failed: 1 });
  });

  test('a processor whose invocation keeps failing is retried NumberOfRetries times, then its records are failed records', async () => {
    const sim = Simulator.fromTemplate(streamTemplate({
      ProcessingConfiguration: {
        Enabled: true,
        Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: 'arn:aws:lambda:us-east-1:123456789012:function:transformer' }, { ParameterName: 'NumberOfRetries', ParameterValue: '2' }] }],
      },
    }));
    sim.lambda('Transformer').handle(async () => { throw new Error('boom'); });
    await sim.deliveryStream('Stream').putRecord({ Record: { Data: 'x' } });
    await sim.runUntilIdle();
    expect(sim.lambda('Transformer').invocations).toHaveLength(3);
    const [o] = await objects(sim);
    expect(o.key).toMatch(/^processing-failed\/\d{4}\/\d{2}\/\d{2}\/\d{2}\//);
    expect(JSON.parse(o.body.toString())).toMatchObject({ errorCode: 'Lambda.FunctionError', attemptsMade: 3 });
  });

  test('an OpenSearch destination records its records without delivering them, and is reported', async () => {
    const sim = Simulator.fromTemplate({
      Resources: {
        Search: {
          Type: 'AWS::KinesisFirehose::DeliveryStream',
          Properties: { DeliveryStreamName: 'search', AmazonopensearchserviceDestinationConfiguration: { IndexName: 'orders', RoleARN: ROLE, S3Configuration: { BucketARN: 'arn:aws:s3:::b', RoleARN: ROLE } } },
        },
      },
    });
    await sim.deliveryStream('Search').putRecord({ Record: { Data: 'doc' } });
    await sim.runUntilIdle();
    expect(sim.deliveryStream('Search').records.map(r => r.data)).toEqual(['doc']);
    expect(sim.unsupported.features).toEqual([expect.objectContaining({ logicalId: 'Search', reason: expect.stringMatching(/OpenSearch is not simulated/) })]);
    expect(sim.trace.some({ type: 'object-delivered' })).toBe(false);
  });

  test('FirehoseArchive: a message published to the topic is archived to the encrypted bucket, gzip, under the data prefix (SNS -> Firehose -> S3)', async () => {
    const app = new App();
    const stack = new Stack(app, 'ArchiveStack');
    const archive = new FirehoseArchive(stack, 'Orders', { dataOutputPrefix: 'orders/' });
    const sim = Simulator.fromStack(stack);
    await sim.topic(archive.topic).publish({ Message: JSON.stringify({ order: 1 }) });
    await sim.advance(300_000);
    const bucket = sim.bucket(archive.bucket);
    const listed = await bucket.listObjectsV2({ Prefix: 'orders/' });
    expect(listed.Contents).toHaveLength(1);
    expect(listed.Contents![0].Key).toMatch(/^orders\/2024\/01\/01\/00\/.+\.gz$/);
    const body = gunzipSync(Buffer.from(await (await bucket.getObject({ Key: listed.Contents![0].Key })).Body.transformToByteArray())).toString();
    expect(JSON.parse(body)).toMatchObject({ Type: 'Notification', Message: JSON.stringify({ order: 1 }) });
    expect(sim.trace.some({ type: 'denied' })).toBe(false);
  });
});
