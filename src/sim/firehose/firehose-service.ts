/**
 * Amazon Data Firehose delivery streams. A record put into a stream (PutRecord, PutRecordBatch, an SNS subscription)
 * is kept in `sim.deliveryStream(ref).records` and buffered; an S3 destination delivers the buffer as one object when
 * it reaches the SizeInMBs hint or IntervalInSeconds after its first record (BufferingHints: "whichever comes
 * first"), through the S3 API as the destination's role (delivery.ts). OpenSearch destinations record their records
 * without delivering them (reported at load), as do the other destinations.
 */
import { StreamDelivery } from './delivery';
import { DeliveryStreamHandle } from './handle';
import { MAX_RECORD_BYTES } from './limits';
import { readStreamConfig, StreamConfig } from './stream-config';
import { accessDeniedException, authorizeApiCall } from '../iam/api-authorization';
import { AwsError, dispatch } from '../kernel';
import { CallerIdentity, DeliveryOutcome, FirehoseDelivery, ServiceApi, SimContext, SimService, TemplateResource } from '../runtime';

const DELIVERY_STREAM = 'AWS::KinesisFirehose::DeliveryStream';


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

export interface Stream {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  readonly encrypted: boolean;
  readonly records: FirehoseRecord[];
  readonly config: StreamConfig;
  readonly delivery?: StreamDelivery;
}

export class FirehoseService implements SimService, FirehoseDelivery, ServiceApi {
  public readonly resourceTypes: readonly string[] = [DELIVERY_STREAM];
  public readonly actions: readonly string[] = ['PutRecord', 'PutRecordBatch'];
  private readonly byArn = new Map<string, Stream>();
  private readonly byName = new Map<string, Stream>();
  private readonly byId = new Map<string, Stream>();
  private readonly handles = new Map<string, DeliveryStreamHandle>();

  constructor(private readonly ctx: SimContext) {}

  public create(resource: TemplateResource): void {
    const p = resource.properties;
    const name = resource.ref;
    const arn = resource.attributes.Arn ?? `arn:${this.ctx.env.partition}:firehose:${this.ctx.env.region}:${this.ctx.env.account}:deliverystream/${name}`;
    const config = readStreamConfig(resource, reason => this.ctx.reportUnsupported(resource.logicalId, DELIVERY_STREAM, reason));
    const records: FirehoseRecord[] = [];
    const stream: Stream = {
      logicalId: resource.logicalId,
      name,
      arn,
      encrypted: p.DeliveryStreamEncryptionConfigurationInput !== undefined,
      records,
      config,
      delivery: config.s3 ? new StreamDelivery(this.ctx, { logicalId: resource.logicalId, name, arn }, config.s3) : undefined,
    };
    this.byArn.set(arn, stream);
    this.byName.set(name, stream);
    this.byId.set(resource.logicalId, stream);
  }

  /** A put from another service: SNS Firehose subscriptions write with their subscription role. */
  public putRecord(deliveryStreamArn: string, data: string, caller: CallerIdentity): DeliveryOutcome {
    const stream = this.byArn.get(deliveryStreamArn);
    if (stream === undefined) {
      return { ok: false, errorName: 'ResourceNotFoundException', errorMessage: notFoundMessage(deliveryStreamArn.split('/').pop() ?? deliveryStreamArn, this.ctx.env.account) };
    }
    const bytes = Buffer.from(data, 'utf8');
    if (bytes.length > MAX_RECORD_BYTES) return { ok: false, errorName: 'ValidationException', errorMessage: tooLargeMessage('record.data') };
    const record = this.append(stream, bytes, caller);
    return { ok: true, messageId: record.recordId };
  }

  public async call(action: string, input: Record<string, any>, caller: CallerIdentity): Promise<Record<string, any>> {
    const stream = this.byName.get(String(input.DeliveryStreamName));
    if (!stream) throw new AwsError('ResourceNotFoundException', notFoundMessage(String(input.DeliveryStreamName), this.ctx.env.account));
    // Delivery streams have no resource policy: the caller's identity-based policies decide (firehose:PutRecord...).
    if (this.actions.includes(action)) {
      authorizeApiCall(this.ctx, 'firehose', caller, [{ action: `firehose:${action}`, resource: stream.arn, logicalId: stream.logicalId }], accessDeniedException);
    }
    return dispatch('firehose', this.actions, this.handleFor(stream, caller), action, input);
  }

  /** The handle of a delivery stream, by logical id. */
  public handle(logicalId: string): DeliveryStreamHandle {
    let handle = this.handles.get(logicalId);
    if (handle === undefined) {
      const stream = this.byId.get(logicalId);
      if (stream === undefined) throw new Error(`FirehoseService: no delivery stream with logical id '${logicalId}'`);
      handle = this.handleFor(stream, this.ctx.ownerIdentity);
      this.handles.set(logicalId, handle);
    }
    return handle;
  }

  private handleFor(stream: Stream, caller: CallerIdentity): DeliveryStreamHandle {
    return new DeliveryStreamHandle(stream, data => this.append(stream, data, caller));
  }

  private append(stream: Stream, data: Buffer, caller: CallerIdentity): FirehoseRecord {
    const record: FirehoseRecord = {
      time: this.ctx.clock.now(),
      recordId: this.ctx.ids.token(56),
      data: data.toString('utf8'),
      principal: caller.principal,
      ...(caller.sourceArn !== undefined ? { sourceArn: caller.sourceArn } : {}),
    };
    stream.records.push(record);
    this.ctx.trace.record('firehose', stream.logicalId, 'record-received', { recordId: record.recordId, bytes: data.length });
    stream.delivery?.add({ recordId: record.recordId, arrival: record.time, data });
    return record;
  }
}

export function notFoundMessage(name: string, account: string): string {
  return `Firehose ${name} under account ${account} not found.`;
}

export function tooLargeMessage(member: string): string {
  return `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${MAX_RECORD_BYTES}`;
}
