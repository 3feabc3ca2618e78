/** A test of one request value, compiled from one policy value. */
export type ValueTest = (requestValue: string) => boolean;

/** A condition operator: how one request value compares with one policy value. */
export interface ConditionOperator {
  /**
   * Compiles a policy value into a test of request values (compiled once per policy: policies are evaluated on
   * every delivery). For a negated operator the test is the match the operator negates.
   */
  readonly compile: (policyValue: string) => ValueTest;
  /**
   * Negated operators (StringNotEquals, ArnNotLike, NumericNotEquals, NotIpAddress, ...) hold when the value matches
   * none of the policy values, and when the key is absent from the request.
   */
  readonly negated: boolean;
}

/** An operator from a plain comparison of request and policy values. */
export function comparing(test: (requestValue: string, policyValue: string) => boolean, negated: boolean): ConditionOperator {
  return { compile: p => v => test(v, p), negated };
}
