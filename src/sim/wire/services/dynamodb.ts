/**
 * Amazon DynamoDB on the wire (awsJson1_0, `DynamoDB_20120810.<Action>`): the item operations of the DynamoDB
 * simulator. Binary attribute values (`B`, `BS`) are base64 on the wire and bytes in the SDK shapes, so every place an
 * AttributeValue can appear in an input is declared; outputs write bytes as base64 wherever they are.
 */
import { blob, lazy, list, map, Shape, struct } from '../protocols/shapes';
import { WireService } from '../types';

const attributeValue: Shape = lazy(() => struct({
  B: blob,
  BS: list(blob),
  M: map(attributeValue),
  L: list(attributeValue),
}));
const item = map(attributeValue);
const values = { ExpressionAttributeValues: item };
const keyed = { Key: item, ...values };

export const DYNAMODB_WIRE: WireService = {
  namespace: 'dynamodb',
  title: 'Amazon DynamoDB',
  signingName: 'dynamodb',
  hostPattern: /^dynamodb\./,
  auth: 'json',
  json: { version: '1.0', targetPrefix: 'DynamoDB_20120810', errorNamespace: 'com.amazonaws.dynamodb.v20120810' },
  operations: {
    PutItem: { input: struct({ Item: item, ...values }) },
    GetItem: { input: struct({ Key: item }) },
    UpdateItem: { input: struct(keyed) },
    DeleteItem: { input: struct(keyed) },
    Query: { input: struct({ ExclusiveStartKey: item, ...values }) },
    Scan: { input: struct({ ExclusiveStartKey: item, ...values }) },
    BatchWriteItem: {
      input: struct({ RequestItems: map(list(struct({ PutRequest: struct({ Item: item }), DeleteRequest: struct({ Key: item }) }))) }),
    },
    BatchGetItem: { input: struct({ RequestItems: map(struct({ Keys: list(item) })) }) },
    TransactWriteItems: {
      input: struct({
        TransactItems: list(struct({
          ConditionCheck: struct(keyed), Put: struct({ Item: item, ...values }), Delete: struct(keyed), Update: struct(keyed),
        })),
      }),
    },
    TransactGetItems: { input: struct({ TransactItems: list(struct({ Get: struct({ Key: item }) })) }) },
    DescribeTable: {},
  },
};
