import { accountOf } from '../kernel';
import { CallerIdentity, PolicyDocumentLike } from '../runtime';

/**
 * Access to a topic without an AWS::SNS::TopicPolicy: SNS's default topic policy allows the topic owner's account
 * (`Principal: {"AWS": "*"}` with `AWS:SourceOwner` = the owner). CloudWatch alarm actions in the same account
 * publish under it (alarms need no topic policy); other services, such as S3 event notifications, need a topic
 * policy that names their service principal.
 */
export function defaultPolicyAllowsPublish(caller: CallerIdentity, account: string): boolean {
  if (caller.principalType === 'Service') {
    return caller.principal === 'cloudwatch.amazonaws.com' && (caller.sourceAccount ?? account) === account;
  }
  return caller.sourceAccount === account || accountOf(caller.principal) === account;
}

/** A TopicPolicy's PolicyDocument, which CloudFormation accepts as an object or a JSON string. */
export function policyDocument(value: unknown): PolicyDocumentLike | undefined {
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as PolicyDocumentLike;
    } catch {
      return undefined;
    }
  }
  if (value !== null && typeof value === 'object' && 'Statement' in value) return value as PolicyDocumentLike;
  return undefined;
}
