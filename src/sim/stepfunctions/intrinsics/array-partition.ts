import { expectArray, expectInteger, intrinsicFailure, IntrinsicFunction } from './types';

const NAME = 'States.ArrayPartition';

/** States.ArrayPartition(array, chunkSize): chunks of chunkSize items, the last one shorter when items run out. */
export const arrayPartition: IntrinsicFunction = {
  name: 'States.ArrayPartition',
  arity: [2, 2],
  call: ([array, size]) => {
    const items = expectArray(NAME, array, 'first');
    const chunk = expectInteger(NAME, size, 'second');
    if (chunk <= 0) throw intrinsicFailure(NAME, 'the chunk size must be greater than 0');
    const out = [];
    for (let i = 0; i < items.length; i += chunk) out.push(items.slice(i, i + chunk));
    return out;
  },
};
