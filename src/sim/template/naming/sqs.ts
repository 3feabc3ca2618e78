import { generatedId, generatedName } from './generated-name';
import { isTrue } from '../properties';
import { Namer } from './types';

/**
 * AWS::SQS::Queue. Ref is the queue URL `https://sqs.<region>.<urlSuffix>/<account>/<name>`; Arn is
 * `arn:<partition>:sqs:<region>:<account>:<name>`. Names are at most 80 characters; a generated FIFO queue name keeps
 * the `.fifo` suffix.
 */
export const sqsQueue: Namer = input => {
  const { env, properties } = input;
  const given = properties.QueueName;
  const name = typeof given === 'string' && given.length > 0
    ? given
    : generatedName(env.stackName, input.logicalId, input.ids, { maxLength: 80, ending: isTrue(properties.FifoQueue) ? '.fifo' : '' });
  const url = `https://sqs.${env.region}.${env.urlSuffix}/${env.account}/${name}`;
  return { ref: url, attributes: { Arn: `arn:${env.partition}:sqs:${env.region}:${env.account}:${name}`, QueueName: name, QueueUrl: url } };
};

/** AWS::SQS::QueuePolicy: Ref is a generated id. */
export const sqsQueuePolicy: Namer = input => ({ ref: generatedId(input, 255), attributes: {} });
