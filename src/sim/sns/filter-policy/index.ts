/**
 * The Amazon SNS subscription filter-policy language, complete in both scopes (MessageAttributes and MessageBody):
 * exact matching of strings and numbers (OR across values), numeric equality and ranges, prefix, suffix, wildcard,
 * anything-but (values, numbers, prefix, suffix, wildcard), equals-ignore-case, exists, IP address CIDR, `$or`,
 * nested body properties, arrays in bodies and String.Array/Number.Array attributes, AND across properties. Policies
 * are validated with SNS's limits and messages and compiled once into matchers; `FilterPolicyIndex` evaluates a
 * topic's subscriptions at a cost that grows with the matches rather than the number of subscriptions.
 */
export { compileFilterPolicy } from './compile';
export { FILTER_POLICY_LIMITS } from './constraints';
export type { CompiledFilterPolicy } from './compile';
export { FilterPolicyError } from './errors';
export { matchesPolicy } from './evaluate';
export { FilterMessage } from './message';
export type { FlatBody } from './message';
export { FilterPolicyIndex } from './policy-index';
export type { FilterPolicyScope, Scalar } from './types';
