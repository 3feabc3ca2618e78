/** Simulated Amazon Data Firehose: delivery streams that buffer, transform and deliver to S3. */
export { FirehoseService, notFoundMessage } from './firehose-service';
export { DeliveryStreamHandle } from './handle';
export { MAX_RECORD_BYTES, MAX_BATCH_RECORDS } from './limits';
export type { FirehoseRecord } from './firehose-service';
export type { PutRecordInput, PutRecordOutput, PutRecordBatchInput } from './handle';
