import { expectInteger, intrinsicFailure, IntrinsicFunction } from './types';

const NAME = 'States.ArrayRange';
/** The guide caps the generated array at 1,000 items. */
const MAX_ITEMS = 1000;

/** States.ArrayRange(start, end, step): start, start+step, ... up to and including end. */
export const arrayRange: IntrinsicFunction = {
  name: NAME,
  arity: [3, 3],
  call: ([a, b, c]) => {
    const start = expectInteger(NAME, a, 'first');
    const end = expectInteger(NAME, b, 'second');
    const step = expectInteger(NAME, c, 'third');
    if (step === 0) throw intrinsicFailure(NAME, 'the step must not be 0');
    const count = Math.floor((end - start) / step) + 1;
    if (count > MAX_ITEMS) throw intrinsicFailure(NAME, `the range would have ${count} items; the maximum is ${MAX_ITEMS}`);
    const out: number[] = [];
    for (let i = 0; i < count; i++) out.push(start + i * step);
    return out;
  },
};
