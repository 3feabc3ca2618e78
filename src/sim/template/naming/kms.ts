import { Namer } from './types';

/** AWS::KMS::Key. Ref is the key id (a UUID); Arn is `arn:<partition>:kms:<region>:<account>:key/<id>`. */
export const kmsKey: Namer = input => {
  const id = input.ids.uuid();
  return { ref: id, attributes: { Arn: `arn:${input.env.partition}:kms:${input.env.region}:${input.env.account}:key/${id}`, KeyId: id } };
};

/** AWS::KMS::Alias. Ref is the alias name. */
export const kmsAlias: Namer = input => ({ ref: String(input.properties.AliasName ?? `alias/${input.logicalId}`), attributes: {} });
