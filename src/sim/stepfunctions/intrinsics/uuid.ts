import { IntrinsicFunction } from './types';

/** States.UUID(): a version 4 UUID, from the simulation's seeded generator. */
export const uuid: IntrinsicFunction = { name: 'States.UUID', arity: [0, 0], call: (_args, cx) => cx.uuid() };
