/** Simulated Amazon Data Firehose: delivery streams that record what they receive. */
export { FirehoseService, DeliveryStreamHandle, FirehoseRecord, PutRecordInput, PutRecordOutput, MAX_RECORD_BYTES } from './firehose-service';
