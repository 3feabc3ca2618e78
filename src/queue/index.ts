export * from './resilient-queue';
