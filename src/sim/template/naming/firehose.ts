import { physicalName } from './generated-name';
import { Namer } from './types';

/** AWS::KinesisFirehose::DeliveryStream. Ref is the name (at most 64); Arn is `...:deliverystream/<name>`. */
export const firehoseDeliveryStream: Namer = input => {
  const name = physicalName(input, 'DeliveryStreamName', { maxLength: 64 });
  return { ref: name, attributes: { Arn: `arn:${input.env.partition}:firehose:${input.env.region}:${input.env.account}:deliverystream/${name}` } };
};
