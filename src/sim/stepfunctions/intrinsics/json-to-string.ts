import { IntrinsicFunction } from './types';

/** States.JsonToString(value): the value as compact JSON text. */
export const jsonToString: IntrinsicFunction = { name: 'States.JsonToString', arity: [1, 1], call: ([value]) => JSON.stringify(value) };
