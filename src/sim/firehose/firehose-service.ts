/**
 * Amazon Data Firehose delivery streams, recorded: a record put into a stream (by an SNS subscription or a handle)
 * is kept in order with its time and id, so tests can assert what would reach the destination.
 *
 * Not simulated (reported in `sim.unsupported` where a template uses them): buffering and delivery to the
 * destination (S3, Redshift, OpenSearch, HTTP), record transformation with Lambda, format conversion, and the IAM
 * permissions of the subscription/delivery roles (identity policies are not evaluated). A later step can write the
 * records as objects to an S3 destination bucket through the S3 service once it offers a put path for services.
 */
import { AwsError } from '../kernel';
import { CallerIdentity, DeliveryOutcome, FirehoseDelivery, SimContext, SimService, TemplateResource } from '../runtime';

const DELIVERY_STREAM = 'AWS::KinesisFirehose::DeliveryStream';

/** A Firehose record is at most 1,000 KiB before base64 encoding (limits). */
export const MAX_RECORD_BYTES = 1_024_000;

/** One record a delivery stream received. */
export interface FirehoseRecord {
  /** Virtual epoch ms. */
  readonly time: number;
  readonly recordId: string;
  /** The record data as UTF-8 text (SNS writes its JSON envelope, or the raw message). */
  readonly data: string;
  /** Who put it: a role ARN for SNS subscriptions, the account root for handle calls. */
  readonly principal: string;
  /** The topic an SNS subscription delivered from. */
  readonly sourceArn?: string;
}

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

interface Stream {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  readonly encrypted: boolean;
  readonly records: FirehoseRecord[];
}

export class FirehoseService implements SimService, FirehoseDelivery {
  public readonly resourceTypes: readonly string[] = [DELIVERY_STREAM];
  private readonly byArn = new Map<string, Stream>();
  private readonly byId = new Map<string, Stream>();
  private readonly handles = new Map<string, DeliveryStreamHandle>();

  constructor(private readonly ctx: SimContext) {}

  public create(resource: TemplateResource): void {
    const p = resource.properties;
    const name = resource.ref;
    const arn = resource.attributes.Arn ?? `arn:${this.ctx.env.partition}:firehose:${this.ctx.env.region}:${this.ctx.env.account}:deliverystream/${name}`;
    const encrypted = p.DeliveryStreamEncryptionConfigurationInput !== undefined;
    const stream: Stream = { logicalId: resource.logicalId, name, arn, encrypted, records: [] };
    this.byArn.set(arn, stream);
    this.byId.set(resource.logicalId, stream);
    const report = (reason: string) => this.ctx.reportUnsupported(resource.logicalId, DELIVERY_STREAM, reason);
    report('records are kept in sim.deliveryStream(...).records; buffering and delivery to the destination are not simulated');
    if (p.KinesisStreamSourceConfiguration !== undefined) report('KinesisStreamSourceConfiguration: a Kinesis stream source is not simulated');
    const destination = p.ExtendedS3DestinationConfiguration ?? p.S3DestinationConfiguration;
    if (destination?.ProcessingConfiguration?.Enabled === true || destination?.ProcessingConfiguration?.Enabled === 'true') {
      report('ProcessingConfiguration: record transformation is not simulated');
    }
  }

  /** A put from another service: SNS Firehose subscriptions write with their subscription role. */
  public putRecord(deliveryStreamArn: string, data: string, caller: CallerIdentity): DeliveryOutcome {
    const stream = this.byArn.get(deliveryStreamArn);
    if (stream === undefined) {
      return { ok: false, errorName: 'ResourceNotFoundException', errorMessage: notFoundMessage(deliveryStreamArn.split('/').pop() ?? deliveryStreamArn, this.ctx.env.account) };
    }
    if (Buffer.byteLength(data, 'utf8') > MAX_RECORD_BYTES) {
      return { ok: false, errorName: 'ValidationException', errorMessage: `1 validation error detected: Value at 'record.data' failed to satisfy constraint: Member must have length less than or equal to ${MAX_RECORD_BYTES}` };
    }
    const record = this.append(stream, data, caller);
    return { ok: true, messageId: record.recordId };
  }

  /** The handle of a delivery stream, by logical id. */
  public handle(logicalId: string): DeliveryStreamHandle {
    let handle = this.handles.get(logicalId);
    if (handle === undefined) {
      const stream = this.byId.get(logicalId);
      if (stream === undefined) throw new Error(`FirehoseService: no delivery stream with logical id '${logicalId}'`);
      handle = new DeliveryStreamHandle(stream, (data) => this.append(stream, data, this.ctx.ownerIdentity));
      this.handles.set(logicalId, handle);
    }
    return handle;
  }

  private append(stream: Stream, data: string, caller: CallerIdentity): FirehoseRecord {
    const record: FirehoseRecord = {
      time: this.ctx.clock.now(),
      recordId: this.ctx.ids.token(56),
      data,
      principal: caller.principal,
      ...(caller.sourceArn !== undefined ? { sourceArn: caller.sourceArn } : {}),
    };
    stream.records.push(record);
    this.ctx.trace.record('firehose', stream.logicalId, 'record-received', { recordId: record.recordId, bytes: data.length });
    return record;
  }
}

/** A delivery stream as a test sees it. */
export class DeliveryStreamHandle {
  constructor(
    private readonly stream: Stream,
    private readonly put: (data: string) => FirehoseRecord,
  ) {}

  public get DeliveryStreamName(): string {
    return this.stream.name;
  }

  public get DeliveryStreamARN(): string {
    return this.stream.arn;
  }

  /** Every record the stream received, oldest first. */
  public get records(): readonly FirehoseRecord[] {
    return this.stream.records;
  }

  /** PutRecord (API_PutRecord). */
  public async putRecord(input: PutRecordInput): Promise<PutRecordOutput> {
    if (input.DeliveryStreamName !== undefined && input.DeliveryStreamName !== this.stream.name) {
      throw new AwsError('ResourceNotFoundException', notFoundMessage(input.DeliveryStreamName, this.stream.arn.split(':')[4]));
    }
    const data = input.Record?.Data;
    if (data === undefined) {
      throw new AwsError('ValidationException', "1 validation error detected: Value null at 'record.data' failed to satisfy constraint: Member must not be null");
    }
    const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
    const bytes = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.length;
    if (bytes > MAX_RECORD_BYTES) {
      throw new AwsError('ValidationException', `1 validation error detected: Value at 'record.data' failed to satisfy constraint: Member must have length less than or equal to ${MAX_RECORD_BYTES}`);
    }
    const record = this.put(text);
    return { RecordId: record.recordId, Encrypted: this.stream.encrypted };
  }
}

function notFoundMessage(name: string, account: string): string {
  return `Firehose ${name} under account ${account} not found.`;
}
