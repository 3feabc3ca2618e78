import { createHash } from 'crypto';
import { PolicyEvaluator, TemplateResource } from '../../../src/sim/runtime';
import { encodeEventKey, S3Event, S3Service } from '../../../src/sim/s3';
import { FakeContext, fakeContext, resource, TEST_START } from '../fixtures';

const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:uploads';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:uploads';
const FUNCTION = 'arn:aws:lambda:us-east-1:123456789012:function:Thumbnailer';

function setupS3(resources: TemplateResource[], iam?: 'allow' | 'deny' | PolicyEvaluator): { ctx: FakeContext; s3: S3Service } {
  const ctx = fakeContext({ resources, iam });
  const s3 = new S3Service(ctx);
  for (const r of resources) if ((s3.resourceTypes as readonly string[]).includes(r.type)) s3.create(r);
  s3.link();
  return { ctx, s3 };
}

const bucket = (properties: Record<string, any> = {}) => resource('AWS::S3::Bucket', 'Uploads', { BucketName: 'uploads-bucket', ...properties });

/** What aws-cdk-lib 2.x synthesizes for bucket.addEventNotification(...) (the Custom::S3BucketNotifications resource). */
const cdkNotifications = (notificationConfiguration: Record<string, any>, managed: boolean | string = true) => resource('Custom::S3BucketNotifications', 'UploadsNotifications', {
  ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:BucketNotificationsHandler050a0587b7544547bf325f094a3db834',
  BucketName: 'uploads-bucket',
  NotificationConfiguration: notificationConfiguration,
  Managed: managed,
  SkipDestinationValidation: false,
});

const events = (ctx: FakeContext): S3Event[] => ctx.deliveries.map(d => {
  if (d.service === 'sqs') return JSON.parse((d.payload as { body: string }).body);
  if (d.service === 'sns') return JSON.parse((d.payload as { Message: string }).Message);
  return d.payload as S3Event;
});

describe('S3 event notifications', () => {
  test('an ObjectCreated:Put event has the documented message structure, field by field', async () => {
    const { ctx, s3 } = setupS3([bucket(), cdkNotifications({ QueueConfigurations: [{ Events: ['s3:ObjectCreated:*'], QueueArn: QUEUE }] })]);
    await ctx.advance(1234);
    await s3.handle('Uploads').putObject({ Key: 'HappyFace.jpg', Body: 'x'.repeat(1024) });
    expect(ctx.deliveries).toHaveLength(1);
    const [record] = events(ctx)[0].Records;
    expect(Object.keys(events(ctx)[0])).toEqual(['Records']);
    expect(Object.keys(record)).toEqual(['eventVersion', 'eventSource', 'awsRegion', 'eventTime', 'eventName', 'userIdentity', 'requestParameters', 'responseElements', 's3']);
    expect(record.eventVersion).toBe('2.1');
    expect(record.eventSource).toBe('aws:s3');
    expect(record.awsRegion).toBe('us-east-1');
    expect(record.eventTime).toBe(new Date(TEST_START + 1234).toISOString());
    expect(record.eventName).toBe('ObjectCreated:Put');
    expect(record.userIdentity.principalId).toMatch(/^AWS:A[0-9A-F]{13}$/);
    expect(record.requestParameters).toEqual({ sourceIPAddress: '127.0.0.1' });
    expect(Object.keys(record.responseElements)).toEqual(['x-amz-request-id', 'x-amz-id-2']);
    expect(record.responseElements['x-amz-request-id']).toMatch(/^[0-9A-F]{16}$/);
    expect(Object.keys(record.s3)).toEqual(['s3SchemaVersion', 'configurationId', 'bucket', 'object']);
    expect(record.s3.s3SchemaVersion).toBe('1.0');
    expect(typeof record.s3.configurationId).toBe('string');
    expect(record.s3.bucket).toEqual({ name: 'uploads-bucket', ownerIdentity: { principalId: record.userIdentity.principalId.slice(4) }, arn: 'arn:aws:s3:::uploads-bucket' });
    expect(Object.keys(record.s3.object)).toEqual(['key', 'size', 'eTag', 'sequencer']);
    expect(record.s3.object.key).toBe('HappyFace.jpg');
    expect(record.s3.object.size).toBe(1024);
    expect(record.s3.object.eTag).toBe(createHash('md5').update('x'.repeat(1024)).digest('hex'));
    expect(record.s3.object.sequencer).toMatch(/^[0-9A-F]{18}$/);
  });

  test('S3 sends to SQS, SNS (Subject "Amazon S3 Notification") and Lambda as s3.amazonaws.com with the bucket ARN and owner account', async () => {
    const { ctx, s3 } = setupS3([bucket(), cdkNotifications({
      QueueConfigurations: [{ Events: ['s3:ObjectCreated:*'], QueueArn: QUEUE, Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'q/' }] } } }],
      TopicConfigurations: [{ Events: ['s3:ObjectCreated:*'], TopicArn: TOPIC, Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 't/' }] } } }],
      LambdaFunctionConfigurations: [{ Events: ['s3:ObjectCreated:Put'], LambdaFunctionArn: FUNCTION, Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'l/' }] } } }],
    })]);
    const h = s3.handle('Uploads');
    await h.putObject({ Key: 'q/1', Body: 'a' });
    await h.putObject({ Key: 't/1', Body: 'a' });
    await h.putObject({ Key: 'l/1', Body: 'a' });
    expect(ctx.deliveries.map(d => `${d.service} ${d.target}`)).toEqual([`sqs ${QUEUE}`, `sns ${TOPIC}`, `lambda ${FUNCTION}`]);
    for (const d of ctx.deliveries) {
      expect(d.caller).toEqual({ principalType: 'Service', principal: 's3.amazonaws.com', sourceArn: 'arn:aws:s3:::uploads-bucket', sourceAccount: '123456789012', secureTransport: true });
    }
    expect((ctx.deliveries[1].payload as { Subject: string }).Subject).toBe('Amazon S3 Notification');
    expect((ctx.deliveries[2].payload as S3Event).Records[0].s3.object.key).toBe('l/1');
  });

  test('object keys in events are URL-encoded as S3 does: a space becomes +, / stays, other characters are %XX', async () => {
    expect(encodeEventKey('red flower.jpg')).toBe('red+flower.jpg');
    expect(encodeEventKey('uploads/year=2024/my file (1).json')).toBe('uploads/year%3D2024/my+file+%281%29.json');
    expect(encodeEventKey('café/ü~*')).toBe('caf%C3%A9/%C3%BC%7E*');
    const { ctx, s3 } = setupS3([bucket(), cdkNotifications({ QueueConfigurations: [{ Events: ['s3:ObjectCreated:*'], QueueArn: QUEUE }] })]);
    await s3.handle('Uploads').putObject({ Key: 'in/red flower.jpg', Body: 'a' });
    expect(events(ctx)[0].Records[0].s3.object.key).toBe('in/red+flower.jpg');
  });

  test('prefix and suffix filters select keys (matched on the unencoded key)', async () => {
    const { ctx, s3 } = setupS3([bucket(), cdkNotifications({
      TopicConfigurations: [{ Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'suffix', Value: '.json' }, { Name: 'prefix', Value: 'in/' }] } }, TopicArn: TOPIC }],
    })]);
    const h = s3.handle('Uploads');
    for (const key of ['in/a.json', 'in/a.csv', 'out/a.json', 'in/sub dir/b.json', 'ina.json']) await h.putObject({ Key: key, Body: '{}' });
    expect(events(ctx).map(e => e.Records[0].s3.object.key)).toEqual(['in/a.json', 'in/sub+dir/b.json']);
  });

  test('event types: ObjectCreated:* and ObjectCreated:Put match a put, ObjectRemoved:* matches a delete (which carries no size or eTag)', async () => {
    const { ctx, s3 } = setupS3([bucket({
      NotificationConfiguration: {
        QueueConfigurations: [{ Event: 's3:ObjectRemoved:*', Queue: QUEUE }],
        TopicConfigurations: [{ Event: 's3:ObjectCreated:Put', Topic: TOPIC }],
        LambdaConfigurations: [{ Event: 's3:ObjectCreated:Copy', Function: FUNCTION }],
      },
    })]);
    const h = s3.handle('Uploads');
    await h.putObject({ Key: 'a', Body: 'x' });
    await h.deleteObject({ Key: 'a' });
    expect(ctx.deliveries.map(d => d.service)).toEqual(['sns', 'sqs']);
    const removed = events(ctx)[1].Records[0];
    expect(removed.eventName).toBe('ObjectRemoved:Delete');
    expect(Object.keys(removed.s3.object)).toEqual(['key', 'sequencer']);
    expect(removed.s3.object.sequencer > events(ctx)[0].Records[0].s3.object.sequencer).toBe(true);
  });

  test('a configuration Id becomes the configurationId; without one S3 generates one', async () => {
    const { ctx, s3 } = setupS3([bucket({ NotificationConfiguration: { QueueConfigurations: [{ Id: 'my-rule', Event: 's3:ObjectCreated:*', Queue: QUEUE }] } })]);
    await s3.handle('Uploads').putObject({ Key: 'a', Body: 'x' });
    expect(events(ctx)[0].Records[0].s3.configurationId).toBe('my-rule');
    expect(s3.handle('Uploads').notifications[0].id).toBe('my-rule');
  });

  test('Custom::S3BucketNotifications with Managed true replaces the bucket configuration; Managed "false" adds to it', () => {
    const own = { NotificationConfiguration: { QueueConfigurations: [{ Event: 's3:ObjectRemoved:*', Queue: QUEUE }] } };
    const custom = { TopicConfigurations: [{ Events: ['s3:ObjectCreated:*'], TopicArn: TOPIC }] };
    expect(setupS3([bucket(own), cdkNotifications(custom, true)]).s3.handle('Uploads').notifications.map(r => r.destinationType)).toEqual(['topic']);
    expect(setupS3([bucket(own), cdkNotifications(custom, 'false')]).s3.handle('Uploads').notifications.map(r => r.destinationType)).toEqual(['queue', 'topic']);
  });

  test('a refused delivery (e.g. a missing queue policy) is not retried and shows as notification-failed', async () => {
    const { ctx, s3 } = setupS3([bucket(), cdkNotifications({ QueueConfigurations: [{ Events: ['s3:ObjectCreated:*'], QueueArn: QUEUE }] })]);
    ctx.stubOutcome = { ok: false, errorName: 'AccessDenied', errorMessage: 'denied', deniedByPolicy: true };
    await s3.handle('Uploads').putObject({ Key: 'a', Body: 'x' });
    expect(ctx.deliveries).toHaveLength(1);
    expect(ctx.trace.find({ resource: 'Uploads', type: 'notification-failed' })?.detail).toMatchObject({ destination: QUEUE, error: 'AccessDenied' });
  });
});

describe('notification configuration validation (PutBucketNotificationConfiguration)', () => {
  test('two configurations with a shared event type and overlapping prefix/suffix are refused', () => {
    const overlapping = cdkNotifications({
      QueueConfigurations: [{ Events: ['s3:ObjectCreated:*'], QueueArn: QUEUE, Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'in/' }] } } }],
      TopicConfigurations: [{ Events: ['s3:ObjectCreated:Put'], TopicArn: TOPIC, Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'in/images/' }] } } }],
    });
    expect(() => setupS3([bucket(), overlapping])).toThrow('Configuration is ambiguously defined. Cannot have overlapping suffixes in two rules if the prefixes are overlapping for the same event type.');
  });

  test('overlapping prefixes with non-overlapping suffixes, or different event types, are allowed', () => {
    const ok = cdkNotifications({
      QueueConfigurations: [{ Events: ['s3:ObjectCreated:*'], QueueArn: QUEUE, Filter: { Key: { FilterRules: [{ Name: 'suffix', Value: '.jpg' }] } } }],
      TopicConfigurations: [
        { Events: ['s3:ObjectCreated:*'], TopicArn: TOPIC, Filter: { Key: { FilterRules: [{ Name: 'suffix', Value: '.png' }] } } },
        { Events: ['s3:ObjectRemoved:*'], TopicArn: TOPIC },
      ],
    });
    expect(() => setupS3([bucket(), ok])).not.toThrow();
  });

  test('unknown event types and repeated prefix rules are refused', () => {
    expect(() => setupS3([bucket({ NotificationConfiguration: { QueueConfigurations: [{ Event: 's3:ObjectCreated:Upload', Queue: QUEUE }] } })]))
      .toThrow('The event is not supported for notifications: s3:ObjectCreated:Upload');
    expect(() => setupS3([bucket(), cdkNotifications({ QueueConfigurations: [{ Events: ['s3:ObjectCreated:*'], QueueArn: QUEUE, Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'a' }, { Name: 'Prefix', Value: 'b' }] } } }] })]))
      .toThrow('Cannot specify more than one prefix rule in a filter.');
  });

  test('EventBridge notifications and versioning are reported as unsupported', () => {
    const reported: string[] = [];
    const ctx = fakeContext({});
    (ctx as any).reportUnsupported = (_id: string, _type: string, reason: string) => reported.push(reason);
    const s3 = new S3Service(ctx);
    s3.create(bucket({ VersioningConfiguration: { Status: 'Enabled' }, NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } } }));
    s3.link();
    expect(reported).toEqual([expect.stringMatching(/EventBridge/), expect.stringMatching(/versioning/)]);
  });
});

describe('objects', () => {
  test('putObject / getObject: Body with transformToString, ContentLength, quoted MD5 ETag, LastModified to the second, lower-cased Metadata', async () => {
    const { ctx, s3 } = setupS3([bucket()]);
    await ctx.advance(1500);
    const h = s3.handle('Uploads');
    const put = await h.putObject({ Key: 'docs/a.txt', Body: 'hello world', ContentType: 'text/plain', Metadata: { Owner: 'ann' } });
    const etag = `"${createHash('md5').update('hello world').digest('hex')}"`;
    expect(put.ETag).toBe(etag);
    const got = await h.getObject({ Key: 'docs/a.txt' });
    expect(await got.Body.transformToString()).toBe('hello world');
    expect(got.ContentLength).toBe(11);
    expect(got.ContentType).toBe('text/plain');
    expect(got.ETag).toBe(etag);
    expect(got.LastModified.getTime()).toBe(TEST_START + 1000);
    expect(got.Metadata).toEqual({ owner: 'ann' });
    const chunks: Buffer[] = [];
    for await (const c of (await h.getObject({ Key: 'docs/a.txt' })).Body) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('hello world');
    expect(Buffer.from(await (await h.getObject({ Key: 'docs/a.txt' })).Body.transformToByteArray()).toString()).toBe('hello world');
  });

  test('getObject with Range returns the bytes asked for (206) or InvalidRange', async () => {
    const { s3 } = setupS3([bucket()]);
    const h = s3.handle('Uploads');
    await h.putObject({ Key: 'r', Body: '0123456789' });
    const part = await h.getObject({ Key: 'r', Range: 'bytes=2-5' });
    expect(await part.Body.transformToString()).toBe('2345');
    expect(part.ContentRange).toBe('bytes 2-5/10');
    expect(part.$metadata.httpStatusCode).toBe(206);
    expect(await (await h.getObject({ Key: 'r', Range: 'bytes=-3' })).Body.transformToString()).toBe('789');
    await expect(h.getObject({ Key: 'r', Range: 'bytes=20-' })).rejects.toMatchObject({ name: 'InvalidRange', $metadata: { httpStatusCode: 416 } });
  });

  test('NoSuchKey, NotFound (HEAD), NoSuchBucket and KeyTooLongError are raised as S3 does', async () => {
    const { s3 } = setupS3([bucket()]);
    const h = s3.handle('Uploads');
    await expect(h.getObject({ Key: 'missing' })).rejects.toMatchObject({ name: 'NoSuchKey', message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } });
    await expect(h.headObject({ Key: 'missing' })).rejects.toMatchObject({ name: 'NotFound' });
    await expect(h.getObject({ Bucket: 'other-bucket', Key: 'x' })).rejects.toMatchObject({ name: 'NoSuchBucket', message: 'The specified bucket does not exist' });
    await expect(h.putObject({ Key: 'k'.repeat(1025), Body: '' })).rejects.toMatchObject({ name: 'KeyTooLongError' });
    await expect(h.putObject({ Key: '', Body: '' })).rejects.toThrow(/Key/);
  });

  test('deleteObject succeeds whether or not the key exists', async () => {
    const { s3 } = setupS3([bucket()]);
    const h = s3.handle('Uploads');
    await h.putObject({ Key: 'a', Body: 'x' });
    expect((await h.deleteObject({ Key: 'a' })).$metadata.httpStatusCode).toBe(204);
    expect((await h.deleteObject({ Key: 'a' })).$metadata.httpStatusCode).toBe(204);
    await expect(h.getObject({ Key: 'a' })).rejects.toMatchObject({ name: 'NoSuchKey' });
  });

  test('an explicit Deny in the bucket policy refuses the call with AccessDenied', async () => {
    const denyPuts: PolicyEvaluator = { evaluate: () => 'ExplicitDeny', isAllowed: (_p, r) => r.action !== 's3:PutObject' };
    const policy = resource('AWS::S3::BucketPolicy', 'UploadsPolicy', { Bucket: 'uploads-bucket', PolicyDocument: { Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: '*' }] } });
    const { s3 } = setupS3([bucket(), policy], denyPuts);
    await expect(s3.handle('Uploads').putObject({ Key: 'a', Body: 'x' })).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    await expect(s3.handle('Uploads').listObjectsV2()).resolves.toMatchObject({ KeyCount: 0 });
  });
});

describe('listObjectsV2', () => {
  async function filled() {
    const { s3 } = setupS3([bucket()]);
    const h = s3.handle('Uploads');
    for (const key of ['b.txt', 'a.txt', 'photos/2024/1.jpg', 'photos/2024/2.jpg', 'photos/2023/1.jpg', 'photos/index.html', 'z/1', 'Z']) await h.putObject({ Key: key, Body: key });
    return h;
  }

  test('keys come back in UTF-8 binary order with Size, ETag, LastModified, StorageClass and KeyCount', async () => {
    const h = await filled();
    const out = await h.listObjectsV2();
    expect(out.Contents!.map(c => c.Key)).toEqual(['Z', 'a.txt', 'b.txt', 'photos/2023/1.jpg', 'photos/2024/1.jpg', 'photos/2024/2.jpg', 'photos/index.html', 'z/1']);
    expect(out.Contents![0]).toMatchObject({ Key: 'Z', Size: 1, StorageClass: 'STANDARD', ETag: expect.stringMatching(/^"[0-9a-f]{32}"$/) });
    expect(out).toMatchObject({ Name: 'uploads-bucket', Prefix: '', MaxKeys: 1000, KeyCount: 8, IsTruncated: false });
    expect(out.CommonPrefixes).toBeUndefined();
  });

  test('Prefix and Delimiter roll keys up into CommonPrefixes', async () => {
    const h = await filled();
    const out = await h.listObjectsV2({ Prefix: 'photos/', Delimiter: '/' });
    expect(out.Contents!.map(c => c.Key)).toEqual(['photos/index.html']);
    expect(out.CommonPrefixes).toEqual([{ Prefix: 'photos/2023/' }, { Prefix: 'photos/2024/' }]);
    expect(out.KeyCount).toBe(3);
    expect(out.Delimiter).toBe('/');
  });

  test('MaxKeys pages with NextContinuationToken (common prefixes count toward MaxKeys)', async () => {
    const h = await filled();
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await h.listObjectsV2({ Delimiter: '/', MaxKeys: 2, ContinuationToken: token });
      pages++;
      seen.push(...(out.Contents ?? []).map(c => c.Key), ...(out.CommonPrefixes ?? []).map(p => p.Prefix));
      expect(out.KeyCount).toBeLessThanOrEqual(2);
      token = out.NextContinuationToken;
      expect(out.IsTruncated).toBe(token !== undefined);
    } while (token);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(['Z', 'a.txt', 'b.txt', 'photos/', 'z/'].sort());
  });

  test('StartAfter starts after the given key; an invalid continuation token is refused', async () => {
    const h = await filled();
    expect((await h.listObjectsV2({ StartAfter: 'photos/2024/1.jpg' })).Contents!.map(c => c.Key)).toEqual(['photos/2024/2.jpg', 'photos/index.html', 'z/1']);
    await expect(h.listObjectsV2({ ContinuationToken: 'bogus' })).rejects.toMatchObject({ name: 'InvalidArgument', message: 'The continuation token provided is incorrect' });
  });
});
