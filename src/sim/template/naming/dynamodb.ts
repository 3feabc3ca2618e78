import { physicalName } from './generated-name';
import { Namer, NamingInput, ResourceIdentity } from './types';

/**
 * The stream label: the stream's creation time (ISO 8601 without zone). The loader does not know the virtual start
 * time, so the label is fixed; it only has to be stable and well formed.
 */
const STREAM_LABEL = '2024-01-01T00:00:00.000';

function identity(input: NamingInput, extra: Record<string, string> = {}): ResourceIdentity {
  const name = physicalName(input, 'TableName', { maxLength: 255 });
  const arn = `arn:${input.env.partition}:dynamodb:${input.env.region}:${input.env.account}:table/${name}`;
  // GetAtt StreamArn exists only for a table with a StreamSpecification (CloudFormation fails the attribute otherwise).
  const stream: Record<string, string> = input.properties.StreamSpecification?.StreamViewType !== undefined ? { StreamArn: `${arn}/stream/${STREAM_LABEL}` } : {};
  return { ref: name, attributes: { Arn: arn, ...stream, ...extra } };
}

/** AWS::DynamoDB::Table. Ref is the table name (at most 255); Arn is `...:table/<name>`; StreamArn `<arn>/stream/<label>`. */
export const dynamoDbTable: Namer = input => identity(input);

/** AWS::DynamoDB::GlobalTable: as a table, plus TableId. */
export const dynamoDbGlobalTable: Namer = input => identity(input, { TableId: input.ids.uuid() });
