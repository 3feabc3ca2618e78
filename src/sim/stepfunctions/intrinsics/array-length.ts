import { expectArray, IntrinsicFunction } from './types';

/** States.ArrayLength(array): the number of items. */
export const arrayLength: IntrinsicFunction = {
  name: 'States.ArrayLength',
  arity: [1, 1],
  call: ([array]) => expectArray('States.ArrayLength', array, 'first').length,
};
