import { expectString, intrinsicFailure, IntrinsicFunction } from './types';

/** The guide limits the input of the Base64 intrinsics to 10,000 characters. */
export const MAX_BASE64_INPUT = 10_000;

/** States.Base64Encode(string): the Base64 of the string's UTF-8 bytes. */
export const base64Encode: IntrinsicFunction = {
  name: 'States.Base64Encode',
  arity: [1, 1],
  call: ([value]) => {
    const text = expectString('States.Base64Encode', value, 'first');
    if (text.length > MAX_BASE64_INPUT) throw intrinsicFailure('States.Base64Encode', `the input exceeds ${MAX_BASE64_INPUT} characters`);
    return Buffer.from(text, 'utf8').toString('base64');
  },
};
