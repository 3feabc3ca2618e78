import { MAX_BASE64_INPUT } from './base64-encode';
import { expectString, intrinsicFailure, IntrinsicFunction } from './types';

/** States.Base64Decode(base64): the decoded UTF-8 text. */
export const base64Decode: IntrinsicFunction = {
  name: 'States.Base64Decode',
  arity: [1, 1],
  call: ([value]) => {
    const text = expectString('States.Base64Decode', value, 'first');
    if (text.length > MAX_BASE64_INPUT) throw intrinsicFailure('States.Base64Decode', `the input exceeds ${MAX_BASE64_INPUT} characters`);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) throw intrinsicFailure('States.Base64Decode', 'the input is not Base64');
    return Buffer.from(text, 'base64').toString('utf8');
  },
};
