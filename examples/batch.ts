import { App } from 'aws-cdk-lib';

/** Example stacks for the batch patterns (one stack per pattern). */
export function addBatchExamples(_app: App): void {
  // filled in by the batch patterns
}
