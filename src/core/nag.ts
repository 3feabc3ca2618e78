import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * A cdk-nag finding that cannot apply to one resource, with the reason it cannot.
 */
export interface NagAcknowledgement {
  /** Rule id, e.g. `AwsSolutions-SQS3` or `NIST.800.53.R5-SQSQueueDLQ`. */
  readonly id: string;
  /** Why the rule cannot apply to this resource. */
  readonly reason: string;
}

/**
 * Acknowledges cdk-nag rules on exactly one construct (cdk-nag 3 reads `Validations.of(...).acknowledge`).
 * Kept in one place so every suppression the library makes can be found with one search.
 */
export function acknowledgeRules(construct: IConstruct, acknowledgements: NagAcknowledgement[]): void {
  for (const ack of acknowledgements) {
    Validations.of(construct).acknowledge({ id: ack.id, reason: ack.reason });
  }
}
