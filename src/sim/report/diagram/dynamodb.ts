/** DynamoDB: a table that streams into Kinesis. (Stream consumers are event source mappings: lambda.ts.) */
import { EdgeExtractor } from './extractor';

export const dynamoDbExtractor: EdgeExtractor = {
  types: ['AWS::DynamoDB::Table'],
  extract(r, g) {
    g.edge(g.node(r), g.nodeOf(r.properties.KinesisStreamSpecification?.StreamArn), 'flow', 'change data');
  },
};
