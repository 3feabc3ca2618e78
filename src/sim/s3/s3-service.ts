/**
 * The S3 simulator: AWS::S3::Bucket (objects and the notification configuration), AWS::S3::BucketPolicy (enforced on
 * handle calls) and aws-cdk-lib's Custom::S3BucketNotifications, whose provider Lambda (BucketNotificationsHandler)
 * calls PutBucketNotificationConfiguration at deploy time: the simulator applies that configuration itself
 * (Managed true replaces the bucket's configuration, false adds to it, as the handler does).
 *
 * After a successful PutObject or DeleteObject, S3 sends one event message per matching configuration, right away:
 * to SNS through `publishFrom` (Subject "Amazon S3 Notification"), to SQS through `deliver`, to Lambda through
 * `invokeAsync`, each as s3.amazonaws.com with aws:SourceArn = the bucket ARN and aws:SourceAccount = the owner, so
 * the topic policy, queue policy or Lambda permission decides, as in AWS. S3 does not retry a refused delivery.
 * Not sent: the s3:TestEvent S3 posts when a configuration is saved (it would land in queues before the test starts).
 */
import { createHash } from 'crypto';
import { bodyBytes, streamingBody } from './body';
import { ObjectStore, StoredObject } from './bucket';
import { s3EventRecord } from './event';
import {
  BucketHandle,
  BucketOperations,
  DeleteObjectInput,
  GetObjectInput,
  GetObjectOutput,
  HeadObjectOutput,
  ListObjectsV2Input,
  ListObjectsV2Output,
  PutObjectInput,
  PutObjectOutput,
  ResponseMetadata,
} from './handle';
import { NotificationRule, parseApiNotifications, parseCloudFormationNotifications, ruleMatches, validateRules } from './notifications';
import { authorize } from '../iam/authorize';
import { AwsError, dispatch, methodName } from '../kernel';
import { CallerIdentity, DeliveryOutcome, PolicyDocumentLike, SimContext, SimService, TemplateResource } from '../runtime';
import { isTrue } from '../template/properties';

/** S3 limits a key to 1,024 bytes of UTF-8. */
export const MAX_KEY_BYTES = 1024;

interface SimBucket {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  readonly store: ObjectStore;
  rules: NotificationRule[];
  readonly policies: PolicyDocumentLike[];
  sequence: number;
}

export class S3Service implements SimService, BucketOperations {
  public readonly resourceTypes = ['AWS::S3::Bucket', 'AWS::S3::BucketPolicy', 'Custom::S3BucketNotifications'] as const;

  /** The S3 API (ServiceApi): object operations on the bucket `Bucket` names, as `caller`. */
  public readonly actions: readonly string[] = ['PutObject', 'GetObject', 'HeadObject', 'DeleteObject', 'ListObjectsV2'];

  private readonly buckets = new Map<string, SimBucket>();
  private readonly byName = new Map<string, SimBucket>();
  private readonly handles = new Map<string, BucketHandle>();
  private readonly deferred: TemplateResource[] = [];
  private readonly ownerPrincipalId: string;

  constructor(private readonly ctx: SimContext) {
    // A stable stand-in for the canonical owner id S3 puts in events (derived from the account, never random).
    this.ownerPrincipalId = 'A' + createHash('md5').update(ctx.env.account).digest('hex').toUpperCase().slice(0, 13);
  }

  public create(resource: TemplateResource): void {
    if (resource.type === 'AWS::S3::Bucket') this.createBucket(resource);
    else this.deferred.push(resource);
  }

  public link(): void {
    for (const r of this.deferred) {
      if (r.type === 'AWS::S3::BucketPolicy') this.linkPolicy(r);
      else this.linkCustomNotifications(r);
    }
  }


  /** Answers one API call (ServiceApi). */
  public async call(action: string, input: Record<string, any>, caller: CallerIdentity): Promise<Record<string, any>> {
    // The object operations take the bucket name first: bind it, then dispatch as for the other services.
    const bucket = String(input.Bucket);
    const operations = this as unknown as Record<string, (bucketName: string, request: object, as: CallerIdentity) => Promise<Record<string, any>>>;
    const bound = Object.fromEntries(this.actions.map(a => [
      methodName(a), (request: object) => operations[methodName(a)].call(this, bucket, request, caller),
    ]));
    return dispatch('s3', this.actions, bound, action, input);
  }

  public handle(logicalId: string): BucketHandle {
    const bucket = this.buckets.get(logicalId);
    if (!bucket) throw new Error(`S3Service: no AWS::S3::Bucket '${logicalId}'`);
    let h = this.handles.get(logicalId);
    if (!h) {
      h = new BucketHandle(logicalId, bucket.name, bucket.arn, this);
      this.handles.set(logicalId, h);
    }
    return h;
  }

  public notificationRules(bucketName: string): readonly NotificationRule[] {
    return this.bucket(bucketName).rules;
  }

  // ---- resources ----------------------------------------------------------------------------------------------

  private createBucket(r: TemplateResource): void {
    const name = r.ref;
    const bucket: SimBucket = {
      logicalId: r.logicalId,
      name,
      arn: r.attributes.Arn ?? `arn:${this.ctx.env.partition}:s3:::${name}`,
      store: new ObjectStore(),
      rules: [],
      policies: [],
      sequence: 0,
    };
    const parseContext = { logicalId: r.logicalId, newId: () => this.configurationId() };
    const parsed = parseCloudFormationNotifications(r.properties.NotificationConfiguration, parseContext);
    bucket.rules = parsed.rules;
    if (parsed.eventBridge) this.unsupported(r, 'EventBridge notifications (EventBridgeConfiguration) are not simulated');
    const p = r.properties;
    if (p.VersioningConfiguration?.Status === 'Enabled') this.unsupported(r, 'object versioning is not simulated (no version ids or delete markers)');
    if (p.LifecycleConfiguration) this.unsupported(r, 'lifecycle rules (expiration, transitions) are not simulated');
    if (p.ReplicationConfiguration) this.unsupported(r, 'replication is not simulated');
    if (isTrue(p.ObjectLockEnabled)) this.unsupported(r, 'object lock is not simulated');
    this.buckets.set(r.logicalId, bucket);
    this.byName.set(name, bucket);
  }

  private linkPolicy(r: TemplateResource): void {
    const bucket = this.byName.get(String(r.properties.Bucket));
    if (!bucket) {
      this.unsupported(r, `policy for bucket '${r.properties.Bucket}', which is not in the template`);
      return;
    }
    bucket.policies.push(r.properties.PolicyDocument as PolicyDocumentLike);
  }

  private linkCustomNotifications(r: TemplateResource): void {
    const bucket = this.byName.get(String(r.properties.BucketName));
    if (!bucket) {
      this.unsupported(r, `notifications for bucket '${r.properties.BucketName}', which is not in the template (imported buckets are not simulated)`);
      return;
    }
    const parsed = parseApiNotifications(r.properties.NotificationConfiguration, { logicalId: r.logicalId, newId: () => this.configurationId() });
    if (parsed.eventBridge) this.unsupported(r, 'EventBridge notifications (EventBridgeConfiguration) are not simulated');
    const managed = r.properties.Managed === undefined || isTrue(r.properties.Managed);
    bucket.rules = managed ? parsed.rules : [...bucket.rules, ...parsed.rules];
    if (!managed) validateRules(bucket.rules, r.logicalId);
    this.ctx.trace.record('s3', bucket.logicalId, 'notifications-configured', { source: r.logicalId, configurations: bucket.rules.length });
  }

  /** The Id S3 assigns to a configuration without one (base64 of a UUID, as S3 shows it). */
  private configurationId(): string {
    return Buffer.from(this.ctx.ids.uuid()).toString('base64');
  }

  private unsupported(r: TemplateResource, reason: string): void {
    this.ctx.reportUnsupported(r.logicalId, r.type, reason);
    this.ctx.trace.record('s3', r.logicalId, 'unsupported', { reason });
  }

  private bucket(name: string): SimBucket {
    const bucket = this.byName.get(name);
    if (!bucket) throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', { httpStatusCode: 404 });
    return bucket;
  }

  private authorize(bucket: SimBucket, action: string, key: string | undefined, caller: CallerIdentity): void {
    // The bucket policy or the caller's identity-based policies must allow it (an anonymous request over the wire has neither).
    const resource = key === undefined ? bucket.arn : `${bucket.arn}/${key}`;
    const decision = authorize(this.ctx, { action, resource, caller, resourcePolicies: bucket.policies, service: 's3', logicalId: bucket.logicalId });
    if (!decision.allowed) throw new AwsError('AccessDenied', 'Access Denied', { httpStatusCode: 403 });
  }

  private requestId(): string {
    return this.ctx.ids.hex(16).toUpperCase();
  }

  // ---- object operations --------------------------------------------------------------------------------------

  public async putObject(bucketName: string, input: PutObjectInput, caller = this.ctx.ownerIdentity): Promise<PutObjectOutput> {
    const bucket = this.bucket(bucketName);
    const key = checkKey(input.Key);
    this.authorize(bucket, 's3:PutObject', key, caller);
    const body = bodyBytes(input.Body);
    const md5 = createHash('md5').update(body).digest('hex');
    const metadata: Record<string, string> = {};
    for (const [k, v] of Object.entries(input.Metadata ?? {})) metadata[k.toLowerCase()] = String(v);
    const object: StoredObject = {
      key,
      body,
      etag: `"${md5}"`,
      // S3 keeps Last-Modified to the second.
      lastModified: new Date(Math.floor(this.ctx.clock.now() / 1000) * 1000),
      contentType: input.ContentType ?? 'binary/octet-stream',
      metadata,
    };
    bucket.store.put(object);
    const requestId = this.requestId();
    this.ctx.trace.record('s3', bucket.logicalId, 'object-created', { key, size: body.length, etag: object.etag });
    this.notify(bucket, 'ObjectCreated:Put', key, requestId, { size: body.length, eTag: md5 });
    return { ETag: object.etag, ServerSideEncryption: 'AES256', $metadata: { httpStatusCode: 200, requestId } };
  }

  public async getObject(bucketName: string, input: GetObjectInput, caller = this.ctx.ownerIdentity): Promise<GetObjectOutput> {
    const { object, head } = this.read(bucketName, input, caller);
    if (input.Range === undefined) return { ...head, Body: streamingBody(object.body) };
    const [start, end] = parseRange(input.Range, object.body.length);
    const slice = object.body.subarray(start, end + 1);
    return {
      ...head,
      Body: streamingBody(slice),
      ContentLength: slice.length,
      ContentRange: `bytes ${start}-${end}/${object.body.length}`,
      $metadata: { httpStatusCode: 206, requestId: head.$metadata.requestId },
    };
  }

  public async headObject(bucketName: string, input: GetObjectInput, caller = this.ctx.ownerIdentity): Promise<HeadObjectOutput> {
    try {
      return this.read(bucketName, input, caller).head;
    } catch (e) {
      // HEAD responses have no body, so the SDK reports a missing key as NotFound.
      if (e instanceof AwsError && e.name === 'NoSuchKey') throw new AwsError('NotFound', 'Not Found', { httpStatusCode: 404 });
      throw e;
    }
  }

  private read(bucketName: string, input: GetObjectInput, caller: CallerIdentity): { object: StoredObject; head: HeadObjectOutput } {
    const bucket = this.bucket(bucketName);
    const key = checkKey(input.Key);
    this.authorize(bucket, 's3:GetObject', key, caller);
    const object = bucket.store.get(key);
    if (!object) {
      const err = new AwsError('NoSuchKey', 'The specified key does not exist.', { httpStatusCode: 404 });
      (err as unknown as { Key: string }).Key = key;
      throw err;
    }
    return {
      object,
      head: {
        ContentLength: object.body.length,
        ContentType: object.contentType,
        ETag: object.etag,
        LastModified: new Date(object.lastModified.getTime()),
        Metadata: { ...object.metadata },
        AcceptRanges: 'bytes',
        ServerSideEncryption: 'AES256',
        $metadata: { httpStatusCode: 200, requestId: this.requestId() },
      },
    };
  }

  /** DeleteObject succeeds (204) whether or not the key exists, and S3 reports the delete as an ObjectRemoved:Delete event. */
  public async deleteObject(bucketName: string, input: DeleteObjectInput, caller = this.ctx.ownerIdentity): Promise<ResponseMetadata> {
    const bucket = this.bucket(bucketName);
    const key = checkKey(input.Key);
    this.authorize(bucket, 's3:DeleteObject', key, caller);
    const existed = bucket.store.delete(key);
    const requestId = this.requestId();
    this.ctx.trace.record('s3', bucket.logicalId, 'object-removed', { key, existed });
    this.notify(bucket, 'ObjectRemoved:Delete', key, requestId, {});
    return { $metadata: { httpStatusCode: 204, requestId } };
  }

  public async listObjectsV2(bucketName: string, input: ListObjectsV2Input, caller = this.ctx.ownerIdentity): Promise<ListObjectsV2Output> {
    const bucket = this.bucket(bucketName);
    this.authorize(bucket, 's3:ListBucket', undefined, caller);
    const maxKeys = input.MaxKeys ?? 1000;
    if (!Number.isInteger(maxKeys) || maxKeys < 0) throw new AwsError('InvalidArgument', 'Provided max-keys not an integer or within integer range');
    const prefix = input.Prefix ?? '';
    const tokenPosition = input.ContinuationToken !== undefined ? ObjectStore.decodeToken(input.ContinuationToken) : undefined;
    const page = bucket.store.list({
      prefix,
      delimiter: input.Delimiter || undefined,
      maxKeys: Math.min(maxKeys, 1000),
      after: tokenPosition ?? input.StartAfter,
      afterIsToken: tokenPosition !== undefined,
    });
    return {
      IsTruncated: page.isTruncated,
      ...(page.contents.length > 0 ? {
        Contents: page.contents.map(o => ({ Key: o.key, LastModified: new Date(o.lastModified.getTime()), ETag: o.etag, Size: o.body.length, StorageClass: 'STANDARD' as const })),
      } : {}),
      Name: bucket.name,
      Prefix: prefix,
      ...(input.Delimiter ? { Delimiter: input.Delimiter } : {}),
      MaxKeys: maxKeys,
      ...(page.commonPrefixes.length > 0 ? { CommonPrefixes: page.commonPrefixes.map(p => ({ Prefix: p })) } : {}),
      KeyCount: page.contents.length + page.commonPrefixes.length,
      ...(input.ContinuationToken !== undefined ? { ContinuationToken: input.ContinuationToken } : {}),
      ...(page.nextToken !== undefined ? { NextContinuationToken: page.nextToken } : {}),
      ...(input.StartAfter !== undefined ? { StartAfter: input.StartAfter } : {}),
      $metadata: { httpStatusCode: 200, requestId: this.requestId() },
    };
  }

  // ---- event notifications ------------------------------------------------------------------------------------

  private notify(bucket: SimBucket, eventName: string, key: string, requestId: string, object: { size?: number; eTag?: string }): void {
    if (bucket.rules.length === 0) return;
    const sequencer = this.sequencer(bucket);
    const time = this.ctx.clock.now();
    const hostId = this.ctx.ids.token(76);
    const caller: CallerIdentity = {
      principalType: 'Service',
      principal: 's3.amazonaws.com',
      sourceArn: bucket.arn,
      sourceAccount: this.ctx.env.account,
      secureTransport: true,
    };
    for (const rule of bucket.rules) {
      if (!ruleMatches(rule, eventName, key)) continue;
      const event = {
        Records: [s3EventRecord({
          region: this.ctx.env.region,
          time,
          eventName,
          requesterPrincipalId: `AWS:${this.ownerPrincipalId}`,
          sourceIp: '127.0.0.1',
          requestId,
          hostId,
          configurationId: rule.id,
          bucketName: bucket.name,
          bucketArn: bucket.arn,
          ownerPrincipalId: this.ownerPrincipalId,
          key,
          size: object.size,
          eTag: object.eTag,
          sequencer,
        })],
      };
      const outcome = this.send(rule, event, caller);
      if (outcome.ok) {
        this.ctx.trace.record('s3', bucket.logicalId, 'notification-sent', { event: eventName, key, destination: rule.destinationArn });
      } else {
        this.ctx.trace.record('s3', bucket.logicalId, 'notification-failed', { event: eventName, key, destination: rule.destinationArn, error: outcome.errorName });
      }
    }
  }

  private send(rule: NotificationRule, event: object, caller: CallerIdentity): DeliveryOutcome {
    const { services } = this.ctx;
    switch (rule.destinationType) {
      case 'queue':
        return services.sqs.deliver(rule.destinationArn, { body: JSON.stringify(event) }, caller);
      case 'topic':
        return services.sns.publishFrom(rule.destinationArn, { Message: JSON.stringify(event), Subject: 'Amazon S3 Notification' }, caller);
      case 'lambda':
        return services.lambda.invokeAsync(rule.destinationArn, event, caller);
    }
  }

  /** Increasing per bucket (S3 only promises ordering of sequencers for one key; these order every event). */
  private sequencer(bucket: SimBucket): string {
    bucket.sequence++;
    return this.ctx.clock.now().toString(16).toUpperCase().padStart(12, '0') + bucket.sequence.toString(16).toUpperCase().padStart(6, '0');
  }
}

function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key === '') throw new AwsError('ValidationError', 'Empty value provided for input HTTP label: Key.');
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) throw new AwsError('KeyTooLongError', 'Your key is too long');
  return key;
}

/** The inclusive byte range a Range header selects, or InvalidRange (416) when it selects nothing. */
function parseRange(range: string, size: number): [number, number] {
  const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  const invalid = () => new AwsError('InvalidRange', 'The requested range is not satisfiable', { httpStatusCode: 416 });
  if (!m || (m[1] === '' && m[2] === '')) throw invalid();
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0 || size === 0) throw invalid();
    return [Math.max(0, size - n), size - 1];
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) throw invalid();
  return [start, end];
}
