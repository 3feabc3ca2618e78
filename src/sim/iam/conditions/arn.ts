import { globMatcher, Matcher } from '../glob';
import { ConditionOperator, ValueTest } from './types';

/**
 * ARN operators compare each of the six colon-separated parts separately, case-sensitively, and each part may hold
 * `*` or `?` wildcards (so ArnEquals and ArnLike behave alike). A value that is not an ARN never matches.
 */
export function compileArnPattern(pattern: string): ValueTest {
  const parts = splitArn(pattern);
  if (!parts) return () => false;
  const matchers: Matcher[] = parts.map(p => globMatcher(p));
  return value => {
    const v = splitArn(value);
    if (!v) return false;
    for (let i = 0; i < 6; i++) if (!matchers[i](v[i])) return false;
    return true;
  };
}

export function arnMatches(value: string, pattern: string): boolean {
  return compileArnPattern(pattern)(value);
}

function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  if (parts.length > 6) return [...parts.slice(0, 5), parts.slice(5).join(':')];
  return parts;
}

export const ARN_OPERATORS: Readonly<Record<string, ConditionOperator>> = {
  ArnEquals: { compile: compileArnPattern, negated: false },
  ArnLike: { compile: compileArnPattern, negated: false },
  ArnNotEquals: { compile: compileArnPattern, negated: true },
  ArnNotLike: { compile: compileArnPattern, negated: true },
};
