/**
 * What a Task's Resource names ("Integrating services with Step Functions"): an optimized integration
 * (`arn:aws:states:::sqs:sendMessage`), an AWS SDK integration (`arn:aws:states:::aws-sdk:s3:getObject`), each with
 * its pattern suffix (`.sync`, `.sync:2`, `.waitForTaskToken`), a Lambda function ARN, or an activity.
 */
import { parseArn } from '../../kernel/arn';

export type IntegrationPattern = 'request-response' | 'sync' | 'sync:2' | 'waitForTaskToken';

export interface ResourceDescription {
  readonly kind: 'optimized' | 'aws-sdk' | 'lambda-function' | 'activity' | 'unknown';
  /** As history events name it: `lambda`, `sqs`, `aws-sdk:s3`. */
  readonly resourceType: string;
  /** As history events name it: `invoke`, `sendMessage.waitForTaskToken`, `getObject`. */
  readonly resourceName: string;
  /** The service (`lambda`, `sqs`, `s3`, `states`...). */
  readonly service: string;
  /** The action without the pattern (`invoke`, `sendMessage`, `getObject`). */
  readonly action: string;
  readonly pattern: IntegrationPattern;
}

export function describeResource(resource: string): ResourceDescription {
  const arn = parseArn(resource);
  if (arn?.service === 'lambda' && arn.resourceType === 'function') {
    return { kind: 'lambda-function', resourceType: 'lambda', resourceName: resource, service: 'lambda', action: 'invoke', pattern: 'request-response' };
  }
  if (arn?.service === 'states' && arn.resourceType === 'activity') {
    return { kind: 'activity', resourceType: 'activity', resourceName: resource, service: 'states', action: 'activity', pattern: 'request-response' };
  }
  if (arn?.service === 'states' && arn.region === '' && arn.account === '') {
    const sdk = /^aws-sdk:([a-z0-9]+):([A-Za-z0-9]+)(?:\.(waitForTaskToken))?$/.exec(arn.resource);
    if (sdk) {
      const pattern = (sdk[3] as IntegrationPattern | undefined) ?? 'request-response';
      return { kind: 'aws-sdk', resourceType: `aws-sdk:${sdk[1]}`, resourceName: arn.resource.slice(`aws-sdk:${sdk[1]}:`.length), service: sdk[1], action: sdk[2], pattern };
    }
    const opt = /^([a-z0-9-]+):([A-Za-z0-9]+)(?:\.(sync:2|sync|waitForTaskToken))?$/.exec(arn.resource);
    if (opt) {
      const pattern = (opt[3] as IntegrationPattern | undefined) ?? 'request-response';
      return { kind: 'optimized', resourceType: opt[1], resourceName: arn.resource.slice(opt[1].length + 1), service: opt[1], action: opt[2], pattern };
    }
  }
  return { kind: 'unknown', resourceType: 'unknown', resourceName: resource, service: '', action: '', pattern: 'request-response' };
}
