import { expectInteger, intrinsicFailure, IntrinsicFunction } from './types';

const NAME = 'States.MathAdd';
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** States.MathAdd(a, b): the sum of two integers in the 32-bit range the guide gives. */
export const mathAdd: IntrinsicFunction = {
  name: NAME,
  arity: [2, 2],
  call: ([a, b]) => {
    const x = expectInteger(NAME, a, 'first');
    const y = expectInteger(NAME, b, 'second');
    for (const v of [x, y]) if (v < INT_MIN || v > INT_MAX) throw intrinsicFailure(NAME, `${v} is outside ${INT_MIN}..${INT_MAX}`);
    return x + y;
  },
};
