import { App } from 'aws-cdk-lib';

/** Example stacks for the api patterns (one stack per pattern). */
export function addApiExamples(_app: App): void {
  // filled in by the api patterns
}
