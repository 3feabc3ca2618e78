import { globMatcher } from '../glob';
import { ConditionOperator } from './types';

/** String operators: Equals is case-sensitive, IgnoreCase folds case, Like allows `*` and `?` anywhere. */
export const STRING_OPERATORS: Readonly<Record<string, ConditionOperator>> = {
  StringEquals: { test: (v, p) => v === p, negated: false },
  StringNotEquals: { test: (v, p) => v === p, negated: true },
  StringEqualsIgnoreCase: { test: (v, p) => v.toLowerCase() === p.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: { test: (v, p) => v.toLowerCase() === p.toLowerCase(), negated: true },
  StringLike: { test: (v, p) => globMatcher(p)(v), negated: false },
  StringNotLike: { test: (v, p) => globMatcher(p)(v), negated: true },
};
