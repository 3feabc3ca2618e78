import { physicalName } from './generated-name';
import { Namer } from './types';

/** AWS::CloudWatch::Alarm and CompositeAlarm. Ref is the alarm name (at most 255); Arn is `...:alarm:<name>`. */
export const cloudWatchAlarm: Namer = input => {
  const name = physicalName(input, 'AlarmName', { maxLength: 255 });
  return { ref: name, attributes: { Arn: `arn:${input.env.partition}:cloudwatch:${input.env.region}:${input.env.account}:alarm:${name}` } };
};
