export * from './resilient-queue';
export * from './queue-consumer';
export * from './visibility-timeout-check';
