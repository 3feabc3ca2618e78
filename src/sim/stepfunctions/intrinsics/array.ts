import { IntrinsicFunction } from './types';

/** States.Array: its arguments, in order, as an array. */
export const statesArray: IntrinsicFunction = { name: 'States.Array', arity: [0, Infinity], call: args => [...args] };
