import { expectString, IntrinsicFunction } from './types';

/** States.StringSplit(text, delimiters): split at any of the delimiter characters, empty pieces dropped. */
export const stringSplit: IntrinsicFunction = {
  name: 'States.StringSplit',
  arity: [2, 2],
  call: ([value, delimiters]) => {
    const text = expectString('States.StringSplit', value, 'first');
    const chars = new Set(expectString('States.StringSplit', delimiters, 'second'));
    const out: string[] = [];
    let piece = '';
    for (const c of text) {
      if (chars.has(c)) {
        if (piece !== '') out.push(piece);
        piece = '';
      } else {
        piece += c;
      }
    }
    if (piece !== '') out.push(piece);
    return out;
  },
};
