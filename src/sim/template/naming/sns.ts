import { generatedId, generatedName } from './generated-name';
import { isTrue } from '../properties';
import { Namer } from './types';

/** AWS::SNS::Topic. Ref is the topic ARN; names are at most 256 characters; a generated FIFO name keeps `.fifo`. */
export const snsTopic: Namer = input => {
  const { env, properties } = input;
  const given = properties.TopicName;
  const name = typeof given === 'string' && given.length > 0
    ? given
    : generatedName(env.stackName, input.logicalId, input.ids, { maxLength: 256, ending: isTrue(properties.FifoTopic) ? '.fifo' : '' });
  const arn = `arn:${env.partition}:sns:${env.region}:${env.account}:${name}`;
  return { ref: arn, attributes: { TopicArn: arn, TopicName: name } };
};

/** AWS::SNS::Subscription. Ref is the subscription ARN, `<topicArn>:<uuid>`. */
export const snsSubscription: Namer = input => {
  const topicArn = typeof input.properties.TopicArn === 'string' ? input.properties.TopicArn : `arn:${input.env.partition}:sns:${input.env.region}:${input.env.account}:unknown`;
  return { ref: `${topicArn}:${input.ids.uuid()}`, attributes: {} };
};

/** AWS::SNS::TopicPolicy: Ref is a generated id. */
export const snsTopicPolicy: Namer = input => ({ ref: generatedId(input, 255), attributes: {} });
