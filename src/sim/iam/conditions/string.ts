import { globMatcher } from '../glob';
import { ConditionOperator } from './types';

const equals = (p: string) => (v: string) => v === p;
const equalsIgnoreCase = (p: string) => {
  const lower = p.toLowerCase();
  return (v: string) => v.toLowerCase() === lower;
};

/** String operators: Equals is case-sensitive, IgnoreCase folds case, Like allows `*` and `?` anywhere. */
export const STRING_OPERATORS: Readonly<Record<string, ConditionOperator>> = {
  StringEquals: { compile: equals, negated: false },
  StringNotEquals: { compile: equals, negated: true },
  StringEqualsIgnoreCase: { compile: equalsIgnoreCase, negated: false },
  StringNotEqualsIgnoreCase: { compile: equalsIgnoreCase, negated: true },
  StringLike: { compile: p => globMatcher(p), negated: false },
  StringNotLike: { compile: p => globMatcher(p), negated: true },
};
