import { App } from 'aws-cdk-lib';

/** Example stacks for the queue patterns (one stack per pattern). */
export function addQueueExamples(_app: App): void {
  // filled in by the queue patterns
}
