/**
 * The capacity an AWS Batch compute environment runs jobs on (the pattern notes: Fargate for most workloads,
 * EC2 for GPUs, more than 16 vCPU or 120 GiB, custom AMIs, EFA or Linux parameters).
 */
export enum BatchComputeType {
  /** AWS Fargate on-demand: no instances to manage, up to 16 vCPU and 120 GiB, no GPUs. */
  FARGATE = 'FARGATE',
  /** Fargate Spot: Fargate at a discount; tasks may be interrupted, so jobs should be retryable. */
  FARGATE_SPOT = 'FARGATE_SPOT',
  /** EC2 on-demand instances chosen by Batch (or listed by you): GPUs, large jobs, custom AMIs. */
  EC2 = 'EC2',
  /** EC2 Spot instances: EC2 at a discount; instances may be reclaimed, so jobs should be retryable. */
  EC2_SPOT = 'EC2_SPOT',
}

/** Who manages the compute environment's capacity. */
export enum ComputeEnvironmentManagement {
  /** AWS Batch launches, scales and terminates the capacity (the default and the usual choice). */
  MANAGED = 'MANAGED',
  /**
   * You register and manage your own ECS container instances (EC2 only); for very specific requirements.
   * The pipeline creates the compute environment; the instances are yours to attach to its ECS cluster.
   */
  UNMANAGED = 'UNMANAGED',
}
