/**
 * Delivery to an S3 destination. Records collect in a buffer that is written as one object when it reaches the
 * SizeInMBs hint or when IntervalInSeconds have passed since its first record, whichever comes first (API Reference,
 * BufferingHints). A flush runs as a fiber: the Lambda processor (if any) transforms the records first
 * (transform.ts), the Ok records are concatenated as they are (Firehose adds no delimiter), compressed, and written
 * with PutObject through the S3 API as the destination's role, under the evaluated prefix and the documented object
 * name (prefix.ts); failed records are written as JSON lines under the error output prefix.
 *
 * Simplification: the processor sees each flushed buffer in BufferSizeInMBs batches, rather than buffering on its own
 * hints first. A refused PutObject is traced as `delivery-failed`; Firehose's retries of S3 delivery (up to 24 hours)
 * are not simulated.
 */
import { evaluatePrefix, objectSuffix } from './prefix';
import { S3Destination } from './stream-config';
import { BufferedRecord, FailedRecord, transformRecords } from './transform';
import { Fiber, ScheduledTask } from '../kernel';
import { CallerIdentity, SimContext } from '../runtime';

export interface StreamIdentity {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
}

/** The stream version in object names: 1 for a stream never updated (it grows with each configuration change). */
const STREAM_VERSION = 1;
const PROCESSING_FAILED = 'processing-failed';

export class StreamDelivery {
  private buffer: BufferedRecord[] = [];
  private bytes = 0;
  private timer?: ScheduledTask;
  private readonly caller: CallerIdentity;

  constructor(private readonly ctx: SimContext, private readonly stream: StreamIdentity, private readonly dest: S3Destination) {
    this.caller = {
      principalType: 'AWS',
      principal: dest.roleArn ?? ctx.ownerIdentity.principal,
      sourceArn: stream.arn,
      sourceAccount: ctx.env.account,
      secureTransport: true,
    };
  }

  public add(record: BufferedRecord): void {
    this.buffer.push(record);
    this.bytes += record.data.length;
    if (this.bytes >= this.dest.sizeBytes) {
      this.flush('size');
    } else if (this.timer === undefined) {
      this.timer = this.ctx.clock.schedule(this.ctx.clock.now() + this.dest.intervalMs, () => {
        this.timer = undefined;
        this.flush('interval');
      }, { label: `firehose ${this.stream.name} buffer interval` });
    }
  }

  private flush(_why: 'size' | 'interval'): void {
    const records = this.buffer;
    this.buffer = [];
    this.bytes = 0;
    this.ctx.clock.cancel(this.timer);
    this.timer = undefined;
    if (records.length > 0) void this.ctx.clock.spawn(`firehose ${this.stream.name} delivery`, fiber => this.deliver(fiber, records));
  }

  private async deliver(fiber: Fiber, records: BufferedRecord[]): Promise<void> {
    let data = records.map(r => r.data);
    let failed: FailedRecord[] = [];
    if (this.dest.processor) {
      const processor = this.dest.processor;
      const caller = { ...this.caller, principal: processor.roleArn ?? this.caller.principal };
      const result = await transformRecords(processor, records, {
        fiber,
        lambda: this.ctx.services.lambda,
        caller,
        streamArn: this.stream.arn,
        region: this.ctx.env.region,
        invocationId: () => this.ctx.ids.uuid(),
      });
      this.ctx.trace.record('firehose', this.stream.logicalId, 'records-transformed', { ok: result.ok.length, dropped: result.dropped, failed: result.failed.length });
      data = result.ok;
      failed = result.failed;
    }
    const oldest = records[0].arrival;
    if (data.length > 0) {
      const prefix = evaluatePrefix(this.dest.prefix, { time: oldest, randomString: () => this.ctx.ids.hex(10) });
      await this.write(fiber, prefix, oldest, Buffer.concat(data), data.length, false);
    }
    if (failed.length > 0) {
      const now = this.ctx.clock.now();
      const lines = failed.map(f => JSON.stringify({
        attemptsMade: f.attemptsMade,
        arrivalTimestamp: f.record.arrival,
        errorCode: f.errorCode,
        errorMessage: f.errorMessage,
        attemptEndingTimestamp: now,
        rawData: f.record.data.toString('base64'),
        lambdaArn: this.dest.processor?.functionArn,
      })).join('\n') + '\n';
      const prefix = evaluatePrefix(this.dest.errorOutputPrefix ?? `${PROCESSING_FAILED}/`, {
        time: failed[0].record.arrival, randomString: () => this.ctx.ids.hex(10), errorOutputType: PROCESSING_FAILED,
      });
      await this.write(fiber, prefix, failed[0].record.arrival, Buffer.from(lines, 'utf8'), failed.length, true);
    }
  }

  private async write(fiber: Fiber, prefix: string, oldest: number, raw: Buffer, records: number, errorOutput: boolean): Promise<void> {
    const compression = this.dest.compression;
    const key = prefix + objectSuffix(this.stream.name, STREAM_VERSION, oldest, this.ctx.ids.uuid(), compression.extension);
    const body = compression.compress(raw);
    const s3 = this.ctx.api('s3');
    if (!s3) {
      this.ctx.reportProblem(this.stream.logicalId, `cannot deliver to ${this.dest.bucketArn}: S3 is not simulated in this context`);
      return;
    }
    try {
      await fiber.wait(s3.call('PutObject', { Bucket: this.dest.bucketName, Key: key, Body: body }, this.caller));
      this.ctx.trace.record('firehose', this.stream.logicalId, 'object-delivered', {
        bucket: this.dest.bucketName, key, records, bytes: body.length, ...(errorOutput ? { errorOutput } : {}),
      });
    } catch (err) {
      const e = err as Error;
      this.ctx.trace.record('firehose', this.stream.logicalId, 'delivery-failed', { messageId: key, endpoint: this.dest.bucketArn, error: e.name, message: e.message });
    }
  }
}
