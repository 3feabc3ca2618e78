export { S3Service, MAX_KEY_BYTES } from './s3-service';
export { BucketHandle } from './handle';
export type {
  DeleteObjectInput,
  GetObjectInput,
  GetObjectOutput,
  HeadObjectOutput,
  ListedObject,
  ListObjectsV2Input,
  ListObjectsV2Output,
  PutObjectInput,
  PutObjectOutput,
} from './handle';
export type { NotificationRule } from './notifications';
export type { S3Event, S3EventRecord } from './event';
export { encodeEventKey } from './event';
export type { StreamingBody } from './body';
