/** Simulated Amazon Data Firehose: delivery streams that record what they receive. */
export { FirehoseService, DeliveryStreamHandle, MAX_RECORD_BYTES } from './firehose-service';
export type { FirehoseRecord, PutRecordInput, PutRecordOutput } from './firehose-service';
