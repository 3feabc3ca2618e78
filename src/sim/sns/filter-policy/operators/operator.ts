import { Condition } from '../types';

/**
 * A named match operator: the single key of a match expression object in a policy array, e.g. `prefix` in
 * `{"prefix": "bas"}`. `compile` validates the operand as SNS does (throwing `FilterPolicyError` with SNS's message)
 * and returns the compiled condition.
 */
export interface MatchOperator {
  readonly name: string;
  compile(operand: unknown): Condition;
}
