import { Condition } from '../types';
import { MatchOperator } from './operator';
import { requireString } from './prefix';

/**
 * Equals-ignore-case matching (string-value-matching): `{"equals-ignore-case": "tEnNiS"}` matches `TENNIS`,
 * `tennis`, ... Case folding uses the Unicode lower-case mapping of both sides.
 */
export const equalsIgnoreCaseOperator: MatchOperator = {
  name: 'equals-ignore-case',
  compile(operand: unknown): Condition {
    const expected = requireString('equals-ignore-case', operand).toLowerCase();
    return {
      kind: 'test',
      test: v => typeof v === 'string' && v.toLowerCase() === expected,
      key: { kind: 'lowerCase', value: expected },
    };
  },
};
