import { expectArray, IntrinsicFunction } from './types';
import { deepEqual } from '../paths/jsonpath';

/** States.ArrayContains(array, value): whether the array holds the value (compared as JSON). */
export const arrayContains: IntrinsicFunction = {
  name: 'States.ArrayContains',
  arity: [2, 2],
  call: ([array, value]) => expectArray('States.ArrayContains', array, 'first').some(item => deepEqual(item, value)),
};
