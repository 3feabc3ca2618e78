import { expectInteger, intrinsicFailure, IntrinsicFunction } from './types';

const NAME = 'States.MathRandom';

/**
 * States.MathRandom(start, end[, seed]): a random integer from start (inclusive) to end (exclusive), from the
 * simulation's seeded generator, or from `seed` (the same seed, the same number).
 */
export const mathRandom: IntrinsicFunction = {
  name: NAME,
  arity: [2, 3],
  call: ([a, b, seed], cx) => {
    const start = expectInteger(NAME, a, 'first');
    const end = expectInteger(NAME, b, 'second');
    if (end <= start) throw intrinsicFailure(NAME, 'the end must be greater than the start');
    const r = seed === undefined ? cx.random() : cx.random(expectInteger(NAME, seed, 'third'));
    return start + Math.floor(r * (end - start));
  },
};
