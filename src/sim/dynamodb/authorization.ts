import { RequiredPermission } from '../iam/api-authorization';

/** A table as authorization needs it. */
export interface AuthorizedTable {
  readonly arn: string;
  readonly logicalId: string;
}

const TRANSACT_WRITE: Readonly<Record<string, string>> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem' };

/**
 * The permissions a DynamoDB call needs (Service Authorization Reference, Amazon DynamoDB): the action on the table,
 * on `<table>/index/<name>` for a Query or Scan of an index; batch operations need their own action on every table
 * they name; transactions need the item action of each part (`ConditionCheck` -> `dynamodb:ConditionCheckItem`). A
 * table the simulator does not know is left to the operation (ResourceNotFoundException).
 */
export function dynamoDbPermissions(action: string, input: Record<string, any>,
  table: (name: unknown) => AuthorizedTable | undefined): RequiredPermission[] {
  const out: RequiredPermission[] = [];
  const add = (a: string, name: unknown, index?: unknown) => {
    const t = table(name);
    if (t) out.push({ action: `dynamodb:${a}`, resource: typeof index === 'string' ? `${t.arn}/index/${index}` : t.arn, logicalId: t.logicalId });
  };
  switch (action) {
    case 'BatchGetItem':
    case 'BatchWriteItem':
      for (const name of Object.keys(input.RequestItems ?? {})) add(action, name);
      break;
    case 'TransactWriteItems':
      for (const item of Array.isArray(input.TransactItems) ? input.TransactItems : []) {
        for (const [part, op] of Object.entries(TRANSACT_WRITE)) if (item?.[part]) add(op, item[part].TableName);
      }
      break;
    case 'TransactGetItems':
      for (const item of Array.isArray(input.TransactItems) ? input.TransactItems : []) if (item?.Get) add('GetItem', item.Get.TableName);
      break;
    case 'Query':
    case 'Scan':
      add(action, input.TableName, input.IndexName);
      break;
    default:
      add(action, input.TableName);
  }
  return out;
}
