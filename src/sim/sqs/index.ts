export { SqsService, SQS_QUEUE, SQS_QUEUE_POLICY } from './sqs-service';
export { QueueHandle } from './queue-handle';
export type { PeekedMessage } from './queue-handle';
export { SqsQueue } from './queue';
export { StoredMessage } from './message';
export { md5OfMessageAttributes } from './md5';
export { DeduplicationWindow, DEDUPLICATION_INTERVAL_MS, contentBasedDeduplicationId } from './deduplication';
export * from './types';
