/** `sim.deliveryStream(ref)`: PutRecord / PutRecordBatch with the SDK v3 shapes, and the records the stream received. */
import type { FirehoseRecord, Stream } from './firehose-service';
import { MAX_BATCH_RECORDS, MAX_RECORD_BYTES } from './limits';
import { AwsError } from '../kernel';

/** PutRecordCommandInput of the AWS SDK v3 (the handle fills in DeliveryStreamName). */
export interface PutRecordInput {
  readonly DeliveryStreamName?: string;
  readonly Record: { readonly Data: Uint8Array | string | undefined } | undefined;
}

/** PutRecordCommandOutput of the AWS SDK v3 (without `$metadata`). */
export interface PutRecordOutput {
  readonly RecordId: string;
  readonly Encrypted: boolean;
}

export interface PutRecordBatchInput {
  readonly DeliveryStreamName?: string;
  readonly Records: { readonly Data: Uint8Array | string | undefined }[];
}

/** A delivery stream as a test sees it. */
export class DeliveryStreamHandle {
  constructor(
    private readonly stream: Stream,
    private readonly put: (data: Buffer) => FirehoseRecord,
  ) {}

  public get deliveryStreamName(): string {
    return this.stream.name;
  }

  public get deliveryStreamArn(): string {
    return this.stream.arn;
  }

  /** Every record the stream received, oldest first. */
  public get records(): readonly FirehoseRecord[] {
    return this.stream.records;
  }

  /** PutRecord (API_PutRecord). */
  public async putRecord(input: PutRecordInput): Promise<PutRecordOutput & { $metadata: { httpStatusCode: number } }> {
    this.checkName(input.DeliveryStreamName);
    const data = recordBytes(input.Record?.Data, 'record.data');
    const record = this.put(data);
    return { RecordId: record.recordId, Encrypted: this.stream.encrypted, $metadata: { httpStatusCode: 200 } };
  }

  /** PutRecordBatch (API_PutRecordBatch): up to 500 records, each checked before any is put. */
  public async putRecordBatch(input: PutRecordBatchInput): Promise<Record<string, any>> {
    this.checkName(input.DeliveryStreamName);
    const list = input.Records ?? [];
    if (list.length === 0 || list.length > MAX_BATCH_RECORDS) {
      throw new AwsError('ValidationException', `1 validation error detected: Value at 'records' failed to satisfy constraint: Member must have length less than or equal to ${MAX_BATCH_RECORDS}`);
    }
    const data = list.map((r, i) => recordBytes(r?.Data, `records.${i + 1}.member.data`));
    const RequestResponses = data.map(d => ({ RecordId: this.put(d).recordId }));
    return { FailedPutCount: 0, Encrypted: this.stream.encrypted, RequestResponses, $metadata: { httpStatusCode: 200 } };
  }

  private checkName(name: string | undefined): void {
    if (name !== undefined && name !== this.stream.name) {
      throw new AwsError('ResourceNotFoundException', `Firehose ${name} under account ${this.stream.arn.split(':')[4]} not found.`);
    }
  }
}

function recordBytes(data: Uint8Array | string | undefined, member: string): Buffer {
  if (data === undefined || data === null) {
    throw new AwsError('ValidationException', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  }
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  if (bytes.length > MAX_RECORD_BYTES) {
    throw new AwsError('ValidationException', `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${MAX_RECORD_BYTES}`);
  }
  return bytes;
}
