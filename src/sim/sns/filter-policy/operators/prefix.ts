import { invalidPolicy } from '../errors';
import { Condition } from '../types';
import { MatchOperator } from './operator';

/** Prefix matching (string-value-matching): `{"prefix": "bas"}` matches string values that begin with `bas`. */
export const prefixOperator: MatchOperator = {
  name: 'prefix',
  compile(operand: unknown): Condition {
    const prefix = requireString('prefix', operand);
    return { kind: 'test', test: v => typeof v === 'string' && v.startsWith(prefix), key: { kind: 'prefix', value: prefix } };
  },
};

/** The operand of a string operator; SNS refuses anything else with `<operator> match pattern must be a string`. */
export function requireString(operator: string, operand: unknown): string {
  if (typeof operand !== 'string') invalidPolicy(`${operator} match pattern must be a string`);
  return operand as string;
}
