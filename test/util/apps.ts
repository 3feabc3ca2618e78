import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { CURRENTLY_RECOMMENDED_FLAGS, NEW_PROJECT_DEFAULT_CONTEXT } from 'aws-cdk-lib/cx-api';

/** Every feature flag `cdk init` writes into a new project's cdk.json today. */
export const CDK_INIT_CONTEXT: Record<string, unknown> = { ...CURRENTLY_RECOMMENDED_FLAGS, ...NEW_PROJECT_DEFAULT_CONTEXT };

/** A plain App and an App carrying every `cdk init` flag: constructs must synthesize cleanly under both. */
export const APP_VARIANTS: Array<[string, () => App]> = [
  ['plain App', () => new App()],
  ['App with every cdk init feature flag', () => new App({ context: CDK_INIT_CONTEXT })],
];

/** A stack in a fixed environment so region-dependent rules are decidable at synth time. */
export function newStack(app: App = new App(), id = 'TestStack'): Stack {
  return new Stack(app, id, { env: { account: '123456789012', region: 'us-east-1' } });
}

/** Warnings aws-cdk-lib attached to the stack during synthesis (constructs must produce none). */
export function synthWarnings(stack: Stack): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map(w => `${w.id}: ${JSON.stringify(w.entry.data)}`);
}
