/**
 * `arn:aws:states:::dynamodb:putItem|getItem|updateItem|deleteItem`: the DynamoDB API (SDK v3 low-level shapes) as
 * the state machine's role. Errors are `DynamoDB.<Exception>` (`DynamoDB.ConditionalCheckFailedException`).
 */
import type { IntegrationContext } from './context';
import { optimizedError, withSdkMetadata } from './sdk';
import type { Json } from '../paths/jsonpath';

export const DYNAMODB_ACTIONS: Readonly<Record<string, string>> = {
  putItem: 'PutItem', getItem: 'GetItem', updateItem: 'UpdateItem', deleteItem: 'DeleteItem',
};

export async function dynamoDbItem(ic: IntegrationContext): Promise<Json> {
  const api = ic.api('dynamodb', 'DynamoDB');
  try {
    const out = await api.call(DYNAMODB_ACTIONS[ic.resource.action], ic.parameters, ic.caller);
    return withSdkMetadata(out);
  } catch (e) {
    throw optimizedError('DynamoDB', e);
  }
}
