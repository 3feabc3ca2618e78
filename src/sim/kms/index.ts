export { KmsService } from './kms-service';
export type { KmsAccess, KeyUseOutcome } from './kms-service';
