/**
 * A filter policy SNS refuses. `reason` is the text SNS puts after `Invalid parameter: ` (or, for a Subscribe call
 * such as the one CloudFormation makes, after `Invalid parameter: Attributes Reason: `), e.g.
 * `FilterPolicy: Filter policy is too complex`.
 */
export class FilterPolicyError extends Error {
  constructor(public readonly reason: string) {
    super(reason);
    this.name = 'FilterPolicyError';
  }
}

/** Throws the error SNS reports for an invalid filter policy element; `FilterPolicy: ` is prefixed as SNS does. */
export function invalidPolicy(detail: string): never {
  throw new FilterPolicyError(`FilterPolicy: ${detail}`);
}
