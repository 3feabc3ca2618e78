import { physicalName } from './generated-name';
import { Namer } from './types';

/**
 * AWS::Batch::ComputeEnvironment. Ref is the ARN `...:compute-environment/<name>` (names at most 128 characters);
 * GetAtt ComputeEnvironmentArn is the same ARN.
 */
export const batchComputeEnvironment: Namer = input => {
  const name = physicalName(input, 'ComputeEnvironmentName', { maxLength: 128 });
  const arn = `arn:${input.env.partition}:batch:${input.env.region}:${input.env.account}:compute-environment/${name}`;
  return { ref: arn, attributes: { ComputeEnvironmentArn: arn } };
};

/** AWS::Batch::JobQueue. Ref is the ARN `...:job-queue/<name>`; GetAtt JobQueueArn is the same ARN. */
export const batchJobQueue: Namer = input => {
  const name = physicalName(input, 'JobQueueName', { maxLength: 128 });
  const arn = `arn:${input.env.partition}:batch:${input.env.region}:${input.env.account}:job-queue/${name}`;
  return { ref: arn, attributes: { JobQueueArn: arn } };
};

/**
 * AWS::Batch::JobDefinition. Ref is the ARN of the registered revision `...:job-definition/<name>:1` (a new stack
 * registers revision 1). GetAtt JobDefinitionArn is the same ARN.
 */
export const batchJobDefinition: Namer = input => {
  const name = physicalName(input, 'JobDefinitionName', { maxLength: 128 });
  const arn = `arn:${input.env.partition}:batch:${input.env.region}:${input.env.account}:job-definition/${name}:1`;
  return { ref: arn, attributes: { JobDefinitionArn: arn } };
};
