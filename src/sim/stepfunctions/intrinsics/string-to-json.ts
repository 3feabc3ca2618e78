import { expectString, intrinsicFailure, IntrinsicFunction } from './types';

/** States.StringToJson(text): the parsed JSON. */
export const stringToJson: IntrinsicFunction = {
  name: 'States.StringToJson',
  arity: [1, 1],
  call: ([value]) => {
    const text = expectString('States.StringToJson', value, 'first');
    try {
      return JSON.parse(text);
    } catch {
      throw intrinsicFailure('States.StringToJson', `'${text}' is not valid JSON`);
    }
  },
};
