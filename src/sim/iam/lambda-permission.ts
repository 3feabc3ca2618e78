import { PolicyDocumentLike } from '../runtime';
import { RawStatement } from './policy-shape';

/** The AWS::Lambda::Permission properties that shape the function's resource policy. */
export interface LambdaPermissionProperties {
  readonly Action: string;
  readonly Principal: string;
  readonly SourceArn?: string;
  readonly SourceAccount?: string;
  readonly PrincipalOrgID?: string;
  /** Alexa skill token: not a condition the simulator can check; ignored. */
  readonly EventSourceToken?: string;
  /** Function URL auth type: function URLs are not simulated; ignored. */
  readonly FunctionUrlAuthType?: string;
}

/**
 * The statement Lambda adds to a function's resource policy for an AWS::Lambda::Permission (AddPermission): a
 * service principal (`sns.amazonaws.com`), an account id or ARN, or `*`; SourceArn becomes an ArnLike condition on
 * aws:SourceArn and SourceAccount a StringEquals on aws:SourceAccount, as in the policy GetPolicy returns.
 */
export function lambdaPermissionStatement(properties: LambdaPermissionProperties, functionArn: string, sid?: string): RawStatement {
  const principal = String(properties.Principal);
  const condition: Record<string, Record<string, string>> = {};
  if (properties.SourceArn !== undefined) condition.ArnLike = { 'AWS:SourceArn': String(properties.SourceArn) };
  if (properties.SourceAccount !== undefined) condition.StringEquals = { 'AWS:SourceAccount': String(properties.SourceAccount) };
  if (properties.PrincipalOrgID !== undefined) {
    condition.StringEquals = { ...condition.StringEquals, 'aws:PrincipalOrgID': String(properties.PrincipalOrgID) };
  }
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: principal === '*' ? '*' : isServicePrincipal(principal) ? { Service: principal } : { AWS: principal },
    Action: String(properties.Action),
    Resource: functionArn,
    ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
  };
}

/** A whole resource policy from a function's permissions. */
export function lambdaPermissionPolicy(
  permissions: ReadonlyArray<{ properties: LambdaPermissionProperties; sid?: string }>,
  functionArn: string,
): PolicyDocumentLike {
  return { Version: '2012-10-17', Statement: permissions.map(p => lambdaPermissionStatement(p.properties, functionArn, p.sid)) };
}

function isServicePrincipal(p: string): boolean {
  return !p.startsWith('arn:') && !/^\d{12}$/.test(p) && p.includes('.');
}
