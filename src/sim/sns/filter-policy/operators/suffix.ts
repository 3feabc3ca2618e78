import { Condition } from '../types';
import { MatchOperator } from './operator';
import { requireString } from './prefix';

/** Suffix matching (string-value-matching): `{"suffix": "ball"}` matches string values that end with `ball`. */
export const suffixOperator: MatchOperator = {
  name: 'suffix',
  compile(operand: unknown): Condition {
    const suffix = requireString('suffix', operand);
    return { kind: 'test', test: v => typeof v === 'string' && v.endsWith(suffix), key: { kind: 'suffix', value: suffix } };
  },
};
