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
 * How the subscription index finds the values a condition can match: a string value equal to `value` (`string`),
 * a number equal to it in 1e-5 units (`number`), a string whose lower-case form is `value` (`lowerCase`), or a string
 * that begins (`prefix`) or ends (`suffix`) with it. A key is a necessary condition, not a sufficient one: the index
 * evaluates every group it finds in full.
 */
export type IndexKey =
  | { readonly kind: 'string' | 'lowerCase' | 'prefix' | 'suffix'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number };

/**
 * One element of a policy property's array, compiled. A property matches when any of its conditions matches
 * (OR logic).
 */
export type Condition =
  /** Exact matching of a string, number (numeric equality), true, false or null. */
  | { readonly kind: 'literal'; readonly value: Scalar }
  /**
   * prefix, suffix, equals-ignore-case, wildcard, numeric, cidr: matches when any leaf value passes `test`. `key`,
   * when given, is how the subscription index finds every value the test can pass.
   */
  | { readonly kind: 'test'; readonly test: ValueTest; readonly key?: IndexKey }
  /** anything-but: `test` is true for a value that is not excluded. Needs the property to be present. */
  | { readonly kind: 'anything-but'; readonly test: ValueTest }
  /** exists: matches on the presence (true) or absence (false) of the property. */
  | { readonly kind: 'exists'; readonly exists: boolean };
