import { App } from 'aws-cdk-lib';

/** Example stacks for the workflow patterns (one stack per pattern). */
export function addWorkflowExamples(_app: App): void {
  // filled in by the workflow patterns
}
