import { App } from 'aws-cdk-lib';

/** Example stacks for the broker patterns (one stack per pattern). */
export function addBrokerExamples(_app: App): void {
  // filled in by the broker patterns
}
