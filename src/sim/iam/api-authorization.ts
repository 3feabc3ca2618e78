import { AwsError } from '../kernel/aws-error';
import type { TraceService } from '../kernel/trace';
import { CallerIdentity, SimContext } from '../runtime';
import { authorize } from './authorize';

/** One permission a call needs: the IAM action on a resource ARN. */
export interface RequiredPermission {
  readonly action: string;
  readonly resource: string;
  /** The logical id of the resource (where a denial is recorded); the service's name for account-wide actions. */
  readonly logicalId: string;
}

/**
 * Authorizes an API call of a service without resource-based policies (DynamoDB tables, Step Functions, Batch,
 * Firehose, AppFlow): each permission must be allowed by the caller's identity-based policies (IAM evaluation logic:
 * no resource policy to grant it). The first refusal throws the service's AccessDenied error with IAM's message.
 */
export function authorizeApiCall(ctx: Pick<SimContext, 'iam' | 'trace'>, service: TraceService, caller: CallerIdentity,
  permissions: readonly RequiredPermission[], error: (message: string) => AwsError): void {
  for (const { action, resource, logicalId } of permissions) {
    const decision = authorize(ctx, { action, resource, caller, service, logicalId });
    if (!decision.allowed) throw error(decision.message ?? `User: ${caller.principal} is not authorized to perform: ${action} on resource: ${resource}`);
  }
}

/** The `AccessDeniedException` (HTTP 400) of the JSON-protocol services (DynamoDB, Step Functions, Firehose). */
export function accessDeniedException(message: string): AwsError {
  return new AwsError('AccessDeniedException', message, { httpStatusCode: 400 });
}
