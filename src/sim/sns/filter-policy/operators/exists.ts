import { invalidPolicy } from '../errors';
import { Condition } from '../types';
import { MatchOperator } from './operator';

/**
 * Key matching (attribute-key-matching): `{"exists": true}` matches when the property is present and "the key must
 * have a non-null and non-empty value" (so not `null` or `""`), `{"exists": false}` when it is absent. Only leaf properties count (an object-valued body property is not a
 * leaf). In the MessageAttributes scope `"exists": false` also needs at least one attribute on the message: an empty
 * set of attributes never matches (the evaluator applies that rule).
 */
export const existsOperator: MatchOperator = {
  name: 'exists',
  compile(operand: unknown): Condition {
    if (typeof operand !== 'boolean') invalidPolicy('exists match pattern must be either true or false.');
    return { kind: 'exists', exists: operand as boolean };
  },
};
