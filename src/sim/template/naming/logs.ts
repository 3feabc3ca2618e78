import { physicalName } from './generated-name';
import { Namer } from './types';

/** AWS::Logs::LogGroup. Ref is the name (at most 512 characters); Arn ends with `:*` as CloudFormation returns it. */
export const logGroup: Namer = input => {
  const name = physicalName(input, 'LogGroupName', { maxLength: 512 });
  return { ref: name, attributes: { Arn: `arn:${input.env.partition}:logs:${input.env.region}:${input.env.account}:log-group:${name}:*` } };
};
