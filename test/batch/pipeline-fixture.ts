import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { S3ToBatchPipeline, S3ToBatchPipelineProps } from '../../src/batch';
import { newStack } from '../util/apps';

export const IMAGE = 'public.ecr.aws/amazonlinux/amazonlinux:2023';

export interface BuiltPipeline {
  readonly stack: Stack;
  readonly pipeline: S3ToBatchPipeline;
  readonly template: Template;
}

/** A pipeline in `stack` (a fresh one by default); `props` may override the required container image too. */
export function buildPipeline(props: Partial<S3ToBatchPipelineProps> = {}, stack: Stack = newStack()): BuiltPipeline {
  const pipeline = new S3ToBatchPipeline(stack, 'Pipeline', { containerImage: ecs.ContainerImage.fromRegistry(IMAGE), ...props });
  return { stack, pipeline, template: Template.fromStack(stack) };
}

/** Builds only the construct (no synthesis), for validation tests. */
export function construct(props: Partial<S3ToBatchPipelineProps>): () => void {
  return () => new S3ToBatchPipeline(newStack(), 'Pipeline', { containerImage: ecs.ContainerImage.fromRegistry(IMAGE), ...props });
}
