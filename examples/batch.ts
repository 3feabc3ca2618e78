import { App, Duration, Size, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { ComputeAdvisor, S3ToBatchPipeline } from '../src';

/**
 * The pattern notes' Batch architecture twice: a CSV upload processed on Fargate, and a GPU job that ComputeAdvisor
 * sends to EC2 (Fargate has no GPUs).
 */
export function addBatchExamples(app: App): void {
  addFargateExample(app);
  addGpuExample(app);
}

/** Upload a CSV under uploads/ -> the submitter Lambda -> a 1 vCPU / 2 GiB Fargate job with the bucket and key. */
function addFargateExample(app: App): void {
  const stack = new Stack(app, 'S3ToBatchExample', {
    description: 'S3ToBatchPipeline on Fargate: CSV uploads start Batch jobs that write results to DynamoDB',
  });
  new S3ToBatchPipeline(stack, 'CsvPipeline', {
    containerImage: ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:2023'),
    objectKeyPrefix: 'uploads/',
    objectKeySuffix: '.csv',
    // Ref::bucket and Ref::key are the job parameters the submitter sets for each upload.
    command: ['sh', '-c', 'echo "processing s3://$0/$1 into $OUTPUT_TABLE"', 'Ref::bucket', 'Ref::key'],
    vcpus: 1,
    memory: Size.gibibytes(2),
    jobTimeout: Duration.minutes(30),
  });
}

/** A 2-hour GPU job: ComputeAdvisor rules out Lambda (15 minutes) and Fargate (no GPUs) and picks EC2. */
function addGpuExample(app: App): void {
  const stack = new Stack(app, 'S3ToBatchEc2Example', {
    description: 'S3ToBatchPipeline on EC2 with a GPU, chosen by ComputeAdvisor',
  });
  const requirements = { gpus: 1, vcpus: 4, memory: Size.gibibytes(16), expectedDuration: Duration.hours(2) };
  const advice = ComputeAdvisor.recommend(requirements);
  new S3ToBatchPipeline(stack, 'GpuPipeline', {
    containerImage: ecs.ContainerImage.fromRegistry('nvcr.io/nvidia/cuda:12.4.1-base-ubuntu22.04'),
    objectKeyPrefix: 'frames/',
    command: ['nvidia-smi'],
    computeType: advice.computeType,
    gpus: requirements.gpus,
    vcpus: requirements.vcpus,
    memory: requirements.memory,
    jobTimeout: Duration.hours(3),
    maxvCpus: 64,
  });
}
