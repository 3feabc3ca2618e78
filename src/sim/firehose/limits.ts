/** Firehose quotas: a record is at most 1,000 KiB before base64 encoding; PutRecordBatch takes at most 500 records. */
export const MAX_RECORD_BYTES = 1_024_000;
export const MAX_BATCH_RECORDS = 500;
