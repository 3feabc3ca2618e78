import { expectString, intrinsicFailure, IntrinsicFunction } from './types';

const NAME = 'States.Format';

/**
 * States.Format(template, ...values): each `{}` replaced by the next value (strings as they are, other values as
 * JSON); `\{` and `\}` are literal braces. The number of `{}` must equal the number of values.
 */
export const format: IntrinsicFunction = {
  name: NAME,
  arity: [1, Infinity],
  call: ([template, ...values]) => {
    const text = expectString(NAME, template, 'first');
    let out = '';
    let next = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '\\' && i + 1 < text.length) {
        out += text[++i];
      } else if (c === '{' && text[i + 1] === '}') {
        if (next >= values.length) throw intrinsicFailure(NAME, 'the template has more {} than there are values');
        const v = values[next++];
        out += typeof v === 'string' ? v : JSON.stringify(v);
        i++;
      } else {
        out += c;
      }
    }
    if (next !== values.length) throw intrinsicFailure(NAME, `the template has ${next} {} for ${values.length} values`);
    return out;
  },
};
