import { createHash } from 'crypto';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client,
} from '@aws-sdk/client-s3';
import { PublishBatchCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { TEMPLATE } from './fixtures';
import { Simulator } from '../../../src/sim';

describe('SNS through SDK v3 in-process (awsQuery)', () => {
  test('Publish with message attributes reaches the subscribed queue (raw delivery keeps the attributes)', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const sns = new SNSClient(sim.clientConfig());
    const out = await sns.send(new PublishCommand({
      TopicArn: sim.topic('Events').topicArn,
      Message: 'job <1> & "quoted"\nline two',
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'resize' }, n: { DataType: 'Number', StringValue: '3' } },
    }));
    expect(out.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.$metadata.httpStatusCode).toBe(200);
    await sim.runUntilIdle();
    const got = await sim.queue('Jobs').receiveMessage({ MessageAttributeNames: ['All'] });
    expect(got.Messages?.[0].Body).toBe('job <1> & "quoted"\nline two');
    expect(got.Messages?.[0].MessageAttributes).toEqual({
      kind: { DataType: 'String', StringValue: 'resize' }, n: { DataType: 'Number', StringValue: '3' },
    });
  });

  test('PublishBatch answers per entry; an unknown topic is NotFoundException (HTTP 404)', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const sns = new SNSClient(sim.clientConfig());
    const TopicArn = sim.topic('Events').topicArn;
    const batch = await sns.send(new PublishBatchCommand({
      TopicArn, PublishBatchRequestEntries: [{ Id: 'one', Message: 'a' }, { Id: 'two', Message: 'b' }],
    }));
    expect(batch.Successful?.map(e => e.Id)).toEqual(['one', 'two']);
    expect(batch.Failed).toEqual([]);
    const err = await sns.send(new PublishCommand({ TopicArn: `${TopicArn}-nope`, Message: 'x' })).catch(e => e);
    expect(err.name).toBe('NotFoundException');
    expect(err.$metadata.httpStatusCode).toBe(404);
    const invalid = await sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: [] })).catch(e => e);
    expect(invalid.name).toBe('EmptyBatchRequestException');
  });
});

describe('S3 through SDK v3 in-process (restXml)', () => {
  test('PutObject, HeadObject, GetObject (whole and a range), ListObjectsV2, DeleteObject', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const s3 = new S3Client(sim.clientConfig());
    const put = await s3.send(new PutObjectCommand({
      Bucket: 'archive', Key: 'reports/2024 q1.csv', Body: 'a,b\n1,2\n', ContentType: 'text/csv', Metadata: { owner: 'ops' },
    }));
    // S3's ETag of a single-part upload is the quoted MD5 of the body.
    expect(put.ETag).toBe(`"${createHash('md5').update('a,b\n1,2\n').digest('hex')}"`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'archive', Key: 'reports/2024 q1.csv' }));
    expect(head).toMatchObject({ ContentLength: 8, ContentType: 'text/csv', ETag: put.ETag, Metadata: { owner: 'ops' } });
    expect(head.LastModified).toEqual(new Date(sim.now()));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'archive', Key: 'reports/2024 q1.csv' }));
    expect(await got.Body!.transformToString()).toBe('a,b\n1,2\n');
    const range = await s3.send(new GetObjectCommand({ Bucket: 'archive', Key: 'reports/2024 q1.csv', Range: 'bytes=4-6' }));
    expect(range.$metadata.httpStatusCode).toBe(206);
    expect(range.ContentRange).toBe('bytes 4-6/8');
    expect(await range.Body!.transformToString()).toBe('1,2');
    await s3.send(new PutObjectCommand({ Bucket: 'archive', Key: 'reports/2024 q2.csv', Body: new Uint8Array([0, 255]) }));
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'archive', Prefix: 'reports/' }));
    expect(listed.Contents?.map(c => [c.Key, c.Size])).toEqual([['reports/2024 q1.csv', 8], ['reports/2024 q2.csv', 2]]);
    expect(listed.KeyCount).toBe(2);
    expect(listed.IsTruncated).toBe(false);
    const delimited = await s3.send(new ListObjectsV2Command({ Bucket: 'archive', Delimiter: '/' }));
    expect(delimited.CommonPrefixes).toEqual([{ Prefix: 'reports/' }]);
    await s3.send(new DeleteObjectCommand({ Bucket: 'archive', Key: 'reports/2024 q1.csv' }));
    const after = await s3.send(new ListObjectsV2Command({ Bucket: 'archive' }));
    expect(after.Contents?.map(c => c.Key)).toEqual(['reports/2024 q2.csv']);
  });

  test('a missing key is NoSuchKey (404) on GET and NotFound on HEAD; a missing bucket is NoSuchBucket; path-style works too', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const s3 = new S3Client(sim.clientConfig());
    const get = await s3.send(new GetObjectCommand({ Bucket: 'archive', Key: 'nope' })).catch(e => e);
    expect(get.name).toBe('NoSuchKey');
    expect(get.$metadata.httpStatusCode).toBe(404);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'archive', Key: 'nope' })).catch(e => e);
    expect(head.name).toBe('NotFound');
    expect(head.$metadata.httpStatusCode).toBe(404);
    const bucket = await s3.send(new GetObjectCommand({ Bucket: 'other', Key: 'k' })).catch(e => e);
    expect(bucket.name).toBe('NoSuchBucket');
    const pathStyle = new S3Client({ ...sim.clientConfig(), forcePathStyle: true });
    await pathStyle.send(new PutObjectCommand({ Bucket: 'archive', Key: 'p.txt', Body: 'path' }));
    expect(await (await sim.bucket('Archive').getObject({ Key: 'p.txt' })).Body.transformToString()).toBe('path');
  });

  test('an S3 operation the simulator does not simulate is NotImplemented and reported', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE, { strict: false });
    const s3 = new S3Client({ ...sim.clientConfig(), maxAttempts: 1 });
    const err = await s3.send(new CreateBucketCommand({ Bucket: 'new-bucket' })).catch(e => e);
    expect(err.name).toBe('NotImplemented');
    expect(err.$metadata.httpStatusCode).toBe(501);
    expect(sim.trace.filter({ type: 'not-simulated' }).map(e => e.detail.action)).toEqual(['CreateBucket']);
    expect((await sim.runUntilIdle()).problems).toEqual([expect.stringContaining('CreateBucket is not simulated')]);
  });
});

describe('Lambda through SDK v3 in-process (restJson1)', () => {
  test('Invoke runs the function and returns its payload; a function error comes back as FunctionError', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    sim.lambda('Echo').handle(async (event: { n: number }) => {
      if (event.n < 0) throw new Error('negative');
      return { doubled: event.n * 2 };
    });
    const lambda = new LambdaClient(sim.clientConfig());
    const ok = await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: JSON.stringify({ n: 21 }) }));
    expect(ok.StatusCode).toBe(200);
    expect(ok.FunctionError).toBeUndefined();
    expect(JSON.parse(Buffer.from(ok.Payload!).toString())).toEqual({ doubled: 42 });
    const failed = await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: JSON.stringify({ n: -1 }) }));
    expect(failed.FunctionError).toBe('Unhandled');
    expect(JSON.parse(Buffer.from(failed.Payload!).toString())).toMatchObject({ errorType: 'Error', errorMessage: 'negative' });
  });

  test('an Event invocation answers 202; an unknown function is ResourceNotFoundException (404)', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const seen: unknown[] = [];
    sim.lambda('Echo').handle(async (event: unknown) => { seen.push(event); });
    const lambda = new LambdaClient(sim.clientConfig());
    const queued = await lambda.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload: '{"a":1}' }));
    expect(queued.StatusCode).toBe(202);
    await sim.runUntilIdle();
    expect(seen).toEqual([{ a: 1 }]);
    const missing = await lambda.send(new InvokeCommand({ FunctionName: 'nope' })).catch(e => e);
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(missing.$metadata.httpStatusCode).toBe(404);
  });

  test('a synchronous invoke of a function that runs for 3 virtual seconds returns when they have passed', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    sim.lambda('Echo').handle(async () => 'done', { durationMs: 3_000 });
    const lambda = new LambdaClient(sim.clientConfig());
    const start = sim.now();
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'echo' }));
    expect(Buffer.from(out.Payload!).toString()).toBe('"done"');
    expect(sim.now() - start).toBe(3_000);
  });
});
