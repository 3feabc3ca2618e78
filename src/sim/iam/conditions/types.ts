/** A condition operator: how one request value compares with one policy value. */
export interface ConditionOperator {
  /** True when the request value matches the policy value (for a negated operator: the value it must NOT match). */
  readonly test: (requestValue: string, policyValue: string) => boolean;
  /**
   * Negated operators (StringNotEquals, ArnNotLike, NumericNotEquals, NotIpAddress, ...) hold when the value matches
   * none of the policy values, and when the key is absent from the request.
   */
  readonly negated: boolean;
}
