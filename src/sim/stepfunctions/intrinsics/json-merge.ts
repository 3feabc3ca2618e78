import { intrinsicFailure, IntrinsicFunction, typeOf } from './types';
import type { Json } from '../paths/jsonpath';

/** States.JsonMerge(a, b, false): a shallow merge, b's keys winning; the guide supports only a shallow merge. */
export const jsonMerge: IntrinsicFunction = {
  name: 'States.JsonMerge',
  arity: [3, 3],
  call: ([a, b, deep]) => {
    const isObject = (v: Json) => v !== null && typeof v === 'object' && !Array.isArray(v);
    if (!isObject(a) || !isObject(b)) throw intrinsicFailure('States.JsonMerge', `both objects to merge must be JSON objects (got ${typeOf(a)} and ${typeOf(b)})`);
    if (deep !== false) throw intrinsicFailure('States.JsonMerge', 'the third argument must be false: only a shallow merge is supported');
    return { ...(a as object), ...(b as object) } as Json;
  },
};
