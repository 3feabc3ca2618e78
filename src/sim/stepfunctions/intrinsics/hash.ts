import { createHash } from 'crypto';
import { expectString, intrinsicFailure, IntrinsicFunction, typeOf } from './types';

/** The algorithms States.Hash (and JSONata's $hash) accept, with node's names for them. */
export const HASH_ALGORITHMS: Readonly<Record<string, string>> = { 'MD5': 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
const MAX_INPUT = 10_000;

/** The hex digest of `text`, or undefined for an algorithm Step Functions does not offer. */
export function hashHex(text: string, algorithm: string): string | undefined {
  const node = HASH_ALGORITHMS[algorithm];
  return node ? createHash(node).update(text, 'utf8').digest('hex') : undefined;
}

/** States.Hash(data, algorithm): the hex digest; data up to 10,000 characters (JSON text for a non-string). */
export const hash: IntrinsicFunction = {
  name: 'States.Hash',
  arity: [2, 2],
  call: ([data, algorithm]) => {
    if (data === null) throw intrinsicFailure('States.Hash', `the first argument must not be ${typeOf(data)}`);
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    if (text.length > MAX_INPUT) throw intrinsicFailure('States.Hash', `the input exceeds ${MAX_INPUT} characters`);
    const name = expectString('States.Hash', algorithm, 'second');
    const digest = hashHex(text, name);
    if (digest === undefined) throw intrinsicFailure('States.Hash', `algorithm ${name} is not one of ${Object.keys(HASH_ALGORITHMS).join(', ')}`);
    return digest;
  },
};
