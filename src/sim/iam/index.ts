export * from './evaluator';
export { compileStatement } from './statement';
export { requestContext } from './request-context';
export { arnMatches } from './conditions';
export type { RawStatement } from './policy-shape';
export { IamService, IAM_RESOURCE_TYPES } from './iam-service';
export type { IamIdentity, IdentityLookup } from './identity-store';
export { authorize } from './authorize';
