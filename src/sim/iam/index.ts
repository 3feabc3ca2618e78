export * from './evaluator';
export * from './lambda-permission';
export { compileStatement } from './statement';
export { requestContext } from './request-context';
export { arnMatches } from './conditions';
export type { RawStatement } from './policy-shape';
