import { generatedId, physicalName } from './generated-name';
import { Namer } from './types';

function path(value: unknown): string {
  return typeof value === 'string' && value.length > 0 ? value : '/';
}

/** AWS::IAM::Role. Ref is the role name (at most 64 characters); Arn is `arn:<partition>:iam::<account>:role<Path><name>`. */
export const iamRole: Namer = input => {
  const name = physicalName(input, 'RoleName', { maxLength: 64 });
  return {
    ref: name,
    attributes: { Arn: `arn:${input.env.partition}:iam::${input.env.account}:role${path(input.properties.Path)}${name}`, RoleId: `AROA${input.ids.suffix(17)}` },
  };
};

/** AWS::IAM::User. */
export const iamUser: Namer = input => {
  const name = physicalName(input, 'UserName', { maxLength: 64 });
  return { ref: name, attributes: { Arn: `arn:${input.env.partition}:iam::${input.env.account}:user${path(input.properties.Path)}${name}` } };
};

/** AWS::IAM::ManagedPolicy: Ref is the policy ARN. */
export const iamManagedPolicy: Namer = input => {
  const name = physicalName(input, 'ManagedPolicyName', { maxLength: 128 });
  const arn = `arn:${input.env.partition}:iam::${input.env.account}:policy${path(input.properties.Path)}${name}`;
  return { ref: arn, attributes: { PolicyArn: arn } };
};

/** AWS::IAM::Policy (inline): Ref is a generated id. */
export const iamPolicy: Namer = input => ({ ref: generatedId(input, 128), attributes: {} });
