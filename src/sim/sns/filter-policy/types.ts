/**
 * The value model the filter-policy language works on. SNS turns message attributes (String, Number, String.Array,
 * Number.Array; Binary is ignored) and JSON message bodies into typed leaf values: a policy string matches only
 * string values and a policy number only numeric values, so `"100"` does not match a Number attribute 100.
 */
export type Scalar = string | number | boolean | null;

/** Which part of a message a subscription's filter policy looks at (the subscription's `FilterPolicyScope`). */
export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

/** A compiled test of one leaf value. */
export type ValueTest = (value: Scalar) => boolean;

/**
 * One element of a policy property's array, compiled. A property matches when any of its conditions matches
 * (OR logic); `literal` conditions are also what the subscription index keys on.
 */
export type Condition =
  /** Exact matching of a string, number (numeric equality), true, false or null. */
  | { readonly kind: 'literal'; readonly value: Scalar }
  /**
   * prefix, suffix, equals-ignore-case, numeric, cidr: matches when any leaf value passes. The string operators also
   * name their operand (`prefix`, `suffix`, `lowerCase`: the lower-cased equals-ignore-case value) so the subscription
   * index can key on it; a condition that names one matches only string values that key leads to.
   */
  | { readonly kind: 'test'; readonly test: ValueTest; readonly prefix?: string; readonly suffix?: string; readonly lowerCase?: string }
  /** anything-but: `test` is true for a value that is not excluded. Needs the property to be present. */
  | { readonly kind: 'anything-but'; readonly test: ValueTest }
  /** exists: matches on the presence (true) or absence (false) of the property. */
  | { readonly kind: 'exists'; readonly exists: boolean };
