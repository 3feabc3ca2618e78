export { SqsService, SQS_QUEUE, SQS_QUEUE_POLICY } from './sqs-service';
export { QueueHandle } from './queue-handle';
export { SqsQueue, StoredMessage } from './queue';
export { md5OfMessageAttributes } from './md5';
export * from './types';
