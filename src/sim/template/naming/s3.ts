import { generatedId, generatedName } from './generated-name';
import { Namer } from './types';

/**
 * AWS::S3::Bucket. Ref is the bucket name; Arn is `arn:<partition>:s3:::<name>` (no region or account). Generated
 * names are lower case (3-63 characters).
 */
export const s3Bucket: Namer = input => {
  const { env } = input;
  const given = input.properties.BucketName;
  const name = typeof given === 'string' && given.length > 0
    ? given
    : generatedName(env.stackName, input.logicalId, input.ids, { maxLength: 63, suffixLength: 12, lowercase: true });
  return {
    ref: name,
    attributes: {
      Arn: `arn:${env.partition}:s3:::${name}`,
      DomainName: `${name}.s3.${env.urlSuffix}`,
      RegionalDomainName: `${name}.s3.${env.region}.${env.urlSuffix}`,
      DualStackDomainName: `${name}.s3.dualstack.${env.region}.${env.urlSuffix}`,
      WebsiteURL: `http://${name}.s3-website-${env.region}.${env.urlSuffix}`,
    },
  };
};

/** AWS::S3::BucketPolicy: Ref is a generated id. */
export const s3BucketPolicy: Namer = input => ({ ref: generatedId(input, 255), attributes: {} });
