export { DynamoDbService, DYNAMODB_ACTIONS } from './dynamodb-service';
export { TableHandle } from './handle';
export type { AttributeValueShape, GetItemOutput, ItemShape, ReadOutput, TableRequest, TableResponse, WriteOutput } from './handle';
export { DEFAULT_TTL_DELETION_DELAY_MS } from './ttl';
export type { AttributeValue, Item } from './values/attribute-value';
