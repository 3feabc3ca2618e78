/**
 * The S3 event notification message ("Event message structure"), field for field: eventVersion 2.1, eventSource
 * aws:s3, eventTime in ISO 8601 with milliseconds, eventName without the `s3:` prefix, the requester's principal id,
 * the request ids, and the s3 block with the configuration id, the bucket and the object. The object key is
 * URL-encoded the way S3 encodes it (form encoding: a space becomes `+`; `/` is kept).
 */
export interface S3EventRecord {
  eventVersion: '2.1';
  eventSource: 'aws:s3';
  awsRegion: string;
  eventTime: string;
  eventName: string;
  userIdentity: { principalId: string };
  requestParameters: { sourceIPAddress: string };
  responseElements: { 'x-amz-request-id': string; 'x-amz-id-2': string };
  s3: {
    s3SchemaVersion: '1.0';
    configurationId: string;
    bucket: { name: string; ownerIdentity: { principalId: string }; arn: string };
    object: { key: string; size?: number; eTag?: string; sequencer: string };
  };
}

export interface S3Event {
  Records: S3EventRecord[];
}

export interface EventInput {
  readonly region: string;
  readonly time: number;
  readonly eventName: string;
  readonly requesterPrincipalId: string;
  readonly sourceIp: string;
  readonly requestId: string;
  readonly hostId: string;
  readonly configurationId: string;
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly ownerPrincipalId: string;
  readonly key: string;
  /** Size and ETag (unquoted) for object-created events. */
  readonly size?: number;
  readonly eTag?: string;
  readonly sequencer: string;
}

export function s3EventRecord(input: EventInput): S3EventRecord {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: input.region,
    eventTime: new Date(input.time).toISOString(),
    eventName: input.eventName,
    userIdentity: { principalId: input.requesterPrincipalId },
    requestParameters: { sourceIPAddress: input.sourceIp },
    responseElements: { 'x-amz-request-id': input.requestId, 'x-amz-id-2': input.hostId },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: input.configurationId,
      bucket: { name: input.bucketName, ownerIdentity: { principalId: input.ownerPrincipalId }, arn: input.bucketArn },
      object: {
        key: encodeEventKey(input.key),
        ...(input.size !== undefined ? { size: input.size } : {}),
        ...(input.eTag !== undefined ? { eTag: input.eTag } : {}),
        sequencer: input.sequencer,
      },
    },
  };
}

/**
 * Object keys in event messages are form-encoded ("red flower.jpg" becomes "red+flower.jpg"): letters, digits and
 * `-_.*` stay, `/` stays (keys read as paths in every documented example), a space becomes `+`, every other byte is
 * `%XX` of its UTF-8 encoding. Decode with `decodeURIComponent(key.replace(/\+/g, ' '))`.
 */
export function encodeEventKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/%20/g, '+')
    .replace(/%2F/g, '/')
    .replace(/[!'()~]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
