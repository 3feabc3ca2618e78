/**
 * AWS::Lambda::Permission -> the statement Lambda adds to the function's resource-based policy (what GetPolicy
 * returns): the principal (service, account, ARN or `*`), the action, the function ARN as the resource, and the
 * conditions Lambda derives from SourceArn (ArnLike aws:SourceArn), SourceAccount (StringEquals aws:SourceAccount),
 * PrincipalOrgID, EventSourceToken and FunctionUrlAuthType. The IAM evaluator (src/sim/iam) evaluates the statement
 * like any resource policy's.
 */
import { TemplateLoadError } from '../kernel';
import { SimEnvironment, TemplateResource } from '../runtime';

export interface PermissionStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Principal: '*' | { readonly Service: string } | { readonly AWS: string };
  readonly Action: string;
  readonly Resource: string;
  readonly Condition?: Record<string, Record<string, string>>;
}

/** The statement for `permission`, granting access to the function ARN `functionArn` (qualifier included if any). */
export function permissionStatement(permission: TemplateResource, functionArn: string, env: SimEnvironment): PermissionStatement {
  const p = permission.properties;
  const action = p.Action;
  if (typeof action !== 'string' || !/^lambda:[A-Za-z*]+$/.test(action)) {
    throw new TemplateLoadError(permission.logicalId, 'InvalidParameterValueException', `The action '${String(action)}' is not a Lambda action (expected e.g. lambda:InvokeFunction).`);
  }
  const principal = p.Principal;
  if (typeof principal !== 'string' || principal === '') {
    throw new TemplateLoadError(permission.logicalId, 'InvalidParameterValueException', 'Principal is required.');
  }
  const condition: Record<string, Record<string, string>> = {};
  const add = (operator: string, key: string, value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    (condition[operator] ??= {})[key] = String(value);
  };
  add('StringEquals', 'aws:SourceAccount', p.SourceAccount);
  add('ArnLike', 'aws:SourceArn', p.SourceArn);
  add('StringEquals', 'aws:PrincipalOrgID', p.PrincipalOrgID);
  add('StringEquals', 'lambda:EventSourceToken', p.EventSourceToken);
  add('StringEquals', 'lambda:FunctionUrlAuthType', p.FunctionUrlAuthType);
  return {
    Sid: permission.logicalId,
    Effect: 'Allow',
    Principal: principalOf(principal, env),
    Action: action,
    Resource: functionArn,
    ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
  };
}

function principalOf(principal: string, env: SimEnvironment): PermissionStatement['Principal'] {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:${env.partition}:iam::${principal}:root` };
  if (principal.startsWith('arn:')) return { AWS: principal };
  return { Service: principal };
}
