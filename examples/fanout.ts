import { App } from 'aws-cdk-lib';

/** Example stacks for the fanout patterns (one stack per pattern). */
export function addFanoutExamples(_app: App): void {
  // filled in by the fanout patterns
}
