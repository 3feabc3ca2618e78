import { generatedId, physicalName } from './generated-name';
import { Namer } from './types';

/** AWS::Lambda::Function. Ref is the function name (at most 64 characters); Arn is `...:function:<name>`. */
export const lambdaFunction: Namer = input => {
  const { env } = input;
  const name = physicalName(input, 'FunctionName', { maxLength: 64 });
  return { ref: name, attributes: { Arn: `arn:${env.partition}:lambda:${env.region}:${env.account}:function:${name}` } };
};

/** AWS::Lambda::EventSourceMapping. Ref is the mapping's UUID. */
export const lambdaEventSourceMapping: Namer = input => {
  const { env } = input;
  const id = input.ids.uuid();
  return { ref: id, attributes: { Id: id, EventSourceMappingArn: `arn:${env.partition}:lambda:${env.region}:${env.account}:event-source-mapping:${id}` } };
};

/** AWS::Lambda::Permission: Ref is a generated statement id. */
export const lambdaPermission: Namer = input => ({ ref: generatedId(input, 100), attributes: {} });

/** AWS::Lambda::Version: Ref is the version ARN. */
export const lambdaVersion: Namer = input => {
  const fn = String(input.properties.FunctionName ?? 'unknown');
  const base = fn.startsWith('arn:') ? fn : `arn:${input.env.partition}:lambda:${input.env.region}:${input.env.account}:function:${fn}`;
  return { ref: `${base}:1`, attributes: { Version: '1', FunctionArn: `${base}:1` } };
};

/** AWS::Lambda::Alias: Ref is the alias ARN. */
export const lambdaAlias: Namer = input => {
  const fn = String(input.properties.FunctionName ?? 'unknown');
  const base = fn.startsWith('arn:') ? fn : `arn:${input.env.partition}:lambda:${input.env.region}:${input.env.account}:function:${fn}`;
  const arn = `${base}:${String(input.properties.Name ?? input.logicalId)}`;
  return { ref: arn, attributes: { AliasArn: arn } };
};
