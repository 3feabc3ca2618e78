export { DynamoDbService, DYNAMODB_ACTIONS } from './dynamodb-service';
export { TableHandle } from './handle';
export type { TableRequest, TableResponse } from './handle';
export { DEFAULT_TTL_DELETION_DELAY_MS } from './ttl';
export type { AttributeValue, Item } from './values/attribute-value';
