import { App } from 'aws-cdk-lib';

/** Example stacks for the ingest patterns (one stack per pattern). */
export function addIngestExamples(_app: App): void {
  // filled in by the ingest patterns
}
