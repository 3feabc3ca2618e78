import { physicalName } from './generated-name';
import { Namer } from './types';

/** AWS::DynamoDB::Table. Ref is the table name (at most 255); Arn is `...:table/<name>`. */
export const dynamoDbTable: Namer = input => {
  const name = physicalName(input, 'TableName', { maxLength: 255 });
  const arn = `arn:${input.env.partition}:dynamodb:${input.env.region}:${input.env.account}:table/${name}`;
  return { ref: name, attributes: { Arn: arn, StreamArn: `${arn}/stream/2024-01-01T00:00:00.000` } };
};
