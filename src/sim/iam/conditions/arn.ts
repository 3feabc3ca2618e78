import { globMatcher } from '../glob';
import { ConditionOperator } from './types';

/**
 * ARN operators compare each of the six colon-separated parts separately, case-sensitively, and each part may hold
 * `*` or `?` wildcards (so ArnEquals and ArnLike behave alike). A value that is not an ARN never matches.
 */
export function arnMatches(value: string, pattern: string): boolean {
  const v = splitArn(value);
  const p = splitArn(pattern);
  if (!v || !p) return false;
  for (let i = 0; i < 6; i++) if (!globMatcher(p[i])(v[i])) return false;
  return true;
}

function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

export const ARN_OPERATORS: Readonly<Record<string, ConditionOperator>> = {
  ArnEquals: { test: arnMatches, negated: false },
  ArnLike: { test: arnMatches, negated: false },
  ArnNotEquals: { test: arnMatches, negated: true },
  ArnNotLike: { test: arnMatches, negated: true },
};
