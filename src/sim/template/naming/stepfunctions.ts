import { physicalName } from './generated-name';
import { Namer } from './types';

/** AWS::StepFunctions::StateMachine. Ref is the ARN (names at most 80 characters). */
export const stateMachine: Namer = input => {
  const name = physicalName(input, 'StateMachineName', { maxLength: 80 });
  const arn = `arn:${input.env.partition}:states:${input.env.region}:${input.env.account}:stateMachine:${name}`;
  return { ref: arn, attributes: { Arn: arn, Name: name } };
};
