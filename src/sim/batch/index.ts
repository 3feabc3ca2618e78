/** Simulated AWS Batch: job queues, compute environments and job definitions, jobs on the virtual clock. */
export { BatchService } from './batch-service';
export { JobQueueHandle, JobDefinitionHandle } from './handles';
export type { QueueSubmitJobInput } from './handles';
export type { BatchJob, JobHandler, JobHandlerOptions } from './attempt';
export type { SubmitJobInput } from './submit';
export type { JobStatus } from './job';
