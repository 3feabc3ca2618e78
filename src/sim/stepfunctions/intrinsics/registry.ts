import { statesArray } from './array';
import { arrayContains } from './array-contains';
import { arrayGetItem } from './array-get-item';
import { arrayLength } from './array-length';
import { arrayPartition } from './array-partition';
import { arrayRange } from './array-range';
import { arrayUnique } from './array-unique';
import { base64Decode } from './base64-decode';
import { base64Encode } from './base64-encode';
import { format } from './format';
import { hash } from './hash';
import { jsonMerge } from './json-merge';
import { jsonToString } from './json-to-string';
import { mathAdd } from './math-add';
import { mathRandom } from './math-random';
import { stringSplit } from './string-split';
import { stringToJson } from './string-to-json';
import { IntrinsicFunction } from './types';
import { uuid } from './uuid';

/** The 18 intrinsic functions, by name. */
export const INTRINSICS: ReadonlyMap<string, IntrinsicFunction> = new Map([
  statesArray, arrayPartition, arrayContains, arrayRange, arrayGetItem, arrayLength, arrayUnique,
  base64Encode, base64Decode, hash, jsonMerge, stringToJson, jsonToString, mathRandom, mathAdd, stringSplit, format, uuid,
].map(f => [f.name, f]));

export function intrinsicNamed(name: string): IntrinsicFunction {
  const fn = INTRINSICS.get(name);
  if (!fn) throw new Error(`unknown intrinsic function ${name}`);
  return fn;
}
