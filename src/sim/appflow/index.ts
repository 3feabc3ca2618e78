/** Simulated Amazon AppFlow: flows from a test-provided SaaS source into S3, on demand, on schedule or on event. */
export { AppFlowService } from './appflow-service';
export { FlowHandle } from './handle';
export type { ExecutionRecord } from './flow';
