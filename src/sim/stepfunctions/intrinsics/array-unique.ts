import { expectArray, IntrinsicFunction } from './types';
import { deepEqual, Json } from '../paths/jsonpath';

/** States.ArrayUnique(array): the items without duplicates, first occurrences kept in order. */
export const arrayUnique: IntrinsicFunction = {
  name: 'States.ArrayUnique',
  arity: [1, 1],
  call: ([array]) => {
    const out: Json[] = [];
    for (const item of expectArray('States.ArrayUnique', array, 'first')) if (!out.some(seen => deepEqual(seen, item))) out.push(item);
    return out;
  },
};
