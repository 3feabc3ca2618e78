export * from './evaluator';
export { compileStatement } from './statement';
export { requestContext } from './request-context';
export { arnMatches } from './conditions';
export type { RawStatement } from './policy-shape';
