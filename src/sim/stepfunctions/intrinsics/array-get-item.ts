import { expectArray, expectInteger, intrinsicFailure, IntrinsicFunction } from './types';

const NAME = 'States.ArrayGetItem';

/** States.ArrayGetItem(array, index): the item at a zero-based index. */
export const arrayGetItem: IntrinsicFunction = {
  name: NAME,
  arity: [2, 2],
  call: ([array, index]) => {
    const items = expectArray(NAME, array, 'first');
    const i = expectInteger(NAME, index, 'second');
    if (i < 0 || i >= items.length) throw intrinsicFailure(NAME, `index ${i} is out of bounds for an array of ${items.length} items`);
    return items[i];
  },
};
