/**
 * Amazon S3 on the wire (restXml): the object operations the S3 simulator answers, with the bindings of the S3 API
 * reference (`PUT /{Bucket}/{Key+}`, `GET /{Bucket}?list-type=2`, `x-amz-meta-*` metadata headers, `Range`,
 * `Last-Modified` as an HTTP date). Bucket-level and multipart operations are known but not simulated.
 */
import { notSimulatedRest, Operation } from '../protocols/operation';
import { blob, integer, list, member, string, struct, timestamp } from '../protocols/shapes';
import { WireService } from '../types';

const bucket = member(string, { location: 'label' });
const key = member(string, { location: 'label' });
const header = (name: string, shape = string) => member(shape, { name, location: 'header' });
const query = (name: string, shape = string) => member(shape, { name, location: 'query' });

const objectHeaders = {
  ContentLength: header('Content-Length', integer),
  ContentType: header('Content-Type'),
  ETag: header('ETag'),
  LastModified: header('Last-Modified', timestamp('http-date')),
  Metadata: member(string, { name: 'x-amz-meta-', location: 'prefix-headers' }),
  AcceptRanges: header('accept-ranges'),
  ServerSideEncryption: header('x-amz-server-side-encryption'),
};

const listed = struct({ Key: string, LastModified: timestamp('date-time'), ETag: string, Size: integer, StorageClass: string });

/** With `encoding-type=url`, S3 URL-encodes the keys and prefixes of a listing (so any key survives XML). */
function urlEncodedListing(input: Record<string, any>, output: Record<string, any>): Record<string, any> {
  if (input.EncodingType !== 'url') return output;
  const enc = (v: unknown) => (typeof v === 'string' ? encodeURIComponent(v).replace(/%2F/g, '/') : v);
  return {
    ...output,
    EncodingType: 'url',
    Prefix: enc(output.Prefix),
    Delimiter: enc(output.Delimiter),
    StartAfter: enc(output.StartAfter),
    Contents: output.Contents?.map((c: Record<string, unknown>) => ({ ...c, Key: enc(c.Key) })),
    CommonPrefixes: output.CommonPrefixes?.map((p: Record<string, unknown>) => ({ Prefix: enc(p.Prefix) })),
  };
}

const objectOperations: Record<string, Operation> = {
  PutObject: {
    http: { method: 'PUT', path: '/{Bucket}/{Key+}' },
    input: struct({
      Bucket: bucket,
      Key: key,
      Body: member(blob, { location: 'payload' }),
      ContentType: header('Content-Type'),
      Metadata: member(string, { name: 'x-amz-meta-', location: 'prefix-headers' }),
    }),
    output: struct({ ETag: header('ETag'), ServerSideEncryption: header('x-amz-server-side-encryption') }),
  },
  GetObject: {
    http: { method: 'GET', path: '/{Bucket}/{Key+}' },
    input: struct({ Bucket: bucket, Key: key, Range: header('Range') }),
    output: struct({ Body: member(blob, { location: 'payload' }), ContentRange: header('Content-Range'), ...objectHeaders }),
  },
  HeadObject: {
    http: { method: 'HEAD', path: '/{Bucket}/{Key+}' },
    input: struct({ Bucket: bucket, Key: key, Range: header('Range') }),
    output: struct(objectHeaders),
  },
  DeleteObject: {
    http: { method: 'DELETE', path: '/{Bucket}/{Key+}', status: 204 },
    input: struct({ Bucket: bucket, Key: key }),
    output: struct({}),
  },
  ListObjectsV2: {
    http: { method: 'GET', path: '/{Bucket}?list-type=2' },
    input: struct({
      Bucket: bucket,
      Prefix: query('prefix'),
      Delimiter: query('delimiter'),
      MaxKeys: query('max-keys', integer),
      ContinuationToken: query('continuation-token'),
      StartAfter: query('start-after'),
      EncodingType: query('encoding-type'),
    }),
    output: struct({
      IsTruncated: { kind: 'boolean' },
      Contents: member(list(listed, { flattened: true }), { name: 'Contents' }),
      Name: string,
      Prefix: string,
      Delimiter: string,
      MaxKeys: integer,
      CommonPrefixes: member(list(struct({ Prefix: string }), { flattened: true }), { name: 'CommonPrefixes' }),
      EncodingType: string,
      KeyCount: integer,
      ContinuationToken: string,
      NextContinuationToken: string,
      StartAfter: string,
    }),
    xmlRoot: 'ListBucketResult',
    wireOutput: urlEncodedListing,
  },
};

/** Known S3 operations the simulator does not simulate, with the bindings that recognize them. */
const notSimulated = notSimulatedRest([
  ['ListBuckets', 'GET', '/'],
  ['CreateBucket', 'PUT', '/{Bucket}'],
  ['DeleteBucket', 'DELETE', '/{Bucket}'],
  ['HeadBucket', 'HEAD', '/{Bucket}'],
  ['ListObjects', 'GET', '/{Bucket}'],
  ['DeleteObjects', 'POST', '/{Bucket}?delete'],
  ['CreateMultipartUpload', 'POST', '/{Bucket}/{Key+}?uploads'],
  ['UploadPart', 'PUT', '/{Bucket}/{Key+}?partNumber&uploadId'],
  ['CompleteMultipartUpload', 'POST', '/{Bucket}/{Key+}?uploadId'],
  ['AbortMultipartUpload', 'DELETE', '/{Bucket}/{Key+}?uploadId'],
  ['GetObjectTagging', 'GET', '/{Bucket}/{Key+}?tagging'],
  ['PutObjectTagging', 'PUT', '/{Bucket}/{Key+}?tagging'],
  ['GetObjectAcl', 'GET', '/{Bucket}/{Key+}?acl'],
]);

export const S3_WIRE: WireService = {
  namespace: 's3',
  title: 'Amazon S3',
  signingName: 's3',
  hostPattern: /^(.+\.)?s3([.-][a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/,
  auth: 's3',
  rest: 'xml',
  operations: { ...objectOperations, ...notSimulated },
};
