/**
 * `sim.bucket(ref)`: PutObject, GetObject, HeadObject, DeleteObject and ListObjectsV2 with the SDK v3 input and
 * output shapes (Bucket is filled in by the handle). Puts and deletes fire the bucket's event notifications.
 */
import { StreamingBody } from './body';
import { NotificationRule } from './notifications';

export interface PutObjectInput {
  readonly Bucket?: string;
  readonly Key: string;
  readonly Body?: string | Uint8Array | Buffer | ArrayBuffer;
  readonly ContentType?: string;
  readonly Metadata?: Record<string, string>;
}

export interface ResponseMetadata {
  readonly $metadata: { readonly httpStatusCode: number; readonly requestId?: string };
}

export interface PutObjectOutput extends ResponseMetadata {
  readonly ETag: string;
  readonly ServerSideEncryption: 'AES256';
}

export interface GetObjectInput {
  readonly Bucket?: string;
  readonly Key: string;
  /** `bytes=first-last`, `bytes=first-` or `bytes=-suffixLength`. */
  readonly Range?: string;
}

export interface GetObjectOutput extends ResponseMetadata {
  readonly Body: StreamingBody;
  readonly ContentLength: number;
  readonly ContentType: string;
  readonly ContentRange?: string;
  readonly ETag: string;
  readonly LastModified: Date;
  readonly Metadata: Record<string, string>;
  readonly AcceptRanges: 'bytes';
  readonly ServerSideEncryption: 'AES256';
}

export type HeadObjectOutput = Omit<GetObjectOutput, 'Body' | 'ContentRange'>;

export interface DeleteObjectInput {
  readonly Bucket?: string;
  readonly Key: string;
}

export interface ListObjectsV2Input {
  readonly Bucket?: string;
  readonly Prefix?: string;
  readonly Delimiter?: string;
  readonly MaxKeys?: number;
  readonly ContinuationToken?: string;
  readonly StartAfter?: string;
}

export interface ListedObject {
  readonly Key: string;
  readonly LastModified: Date;
  readonly ETag: string;
  readonly Size: number;
  readonly StorageClass: 'STANDARD';
}

export interface ListObjectsV2Output extends ResponseMetadata {
  readonly IsTruncated: boolean;
  readonly Contents?: ListedObject[];
  readonly Name: string;
  readonly Prefix: string;
  readonly Delimiter?: string;
  readonly MaxKeys: number;
  readonly CommonPrefixes?: { Prefix: string }[];
  readonly KeyCount: number;
  readonly ContinuationToken?: string;
  readonly NextContinuationToken?: string;
  readonly StartAfter?: string;
}

/** What the service does for a handle. */
export interface BucketOperations {
  putObject(bucket: string, input: PutObjectInput): Promise<PutObjectOutput>;
  getObject(bucket: string, input: GetObjectInput): Promise<GetObjectOutput>;
  headObject(bucket: string, input: GetObjectInput): Promise<HeadObjectOutput>;
  deleteObject(bucket: string, input: DeleteObjectInput): Promise<ResponseMetadata>;
  listObjectsV2(bucket: string, input: ListObjectsV2Input): Promise<ListObjectsV2Output>;
  notificationRules(bucket: string): readonly NotificationRule[];
}

export class BucketHandle {
  constructor(
    public readonly logicalId: string,
    public readonly bucketName: string,
    public readonly bucketArn: string,
    private readonly ops: BucketOperations,
  ) {}

  /** The notification configuration in effect (from the bucket and any Custom::S3BucketNotifications). */
  public get notifications(): readonly NotificationRule[] {
    return this.ops.notificationRules(this.bucketName);
  }

  public async putObject(input: PutObjectInput): Promise<PutObjectOutput> {
    return this.ops.putObject(input.Bucket ?? this.bucketName, input);
  }

  public async getObject(input: GetObjectInput): Promise<GetObjectOutput> {
    return this.ops.getObject(input.Bucket ?? this.bucketName, input);
  }

  public async headObject(input: GetObjectInput): Promise<HeadObjectOutput> {
    return this.ops.headObject(input.Bucket ?? this.bucketName, input);
  }

  public async deleteObject(input: DeleteObjectInput): Promise<ResponseMetadata> {
    return this.ops.deleteObject(input.Bucket ?? this.bucketName, input);
  }

  public async listObjectsV2(input: ListObjectsV2Input = {}): Promise<ListObjectsV2Output> {
    return this.ops.listObjectsV2(input.Bucket ?? this.bucketName, input);
  }
}
