// DynamoDB scenarios of the offline run (imported by simulate.ts): the S3ToBatchPipeline output table used as the
// Batch job uses it, through the simulator's table handle in the SDK v3 shapes.
import { finish, loadExample as load, ScenarioResult } from './scenario';

const row = (job: string, line: number, amount: number) => ({
  PutRequest: { Item: { pk: { S: `job#${job}` }, sk: { S: `row#${String(line).padStart(5, '0')}` }, amount: { N: String(amount) } } },
});

/** The output table of S3ToBatchPipeline: batch writes of 25, a paginated query in sort order, a conditional write. */
async function outputTable(outdir: string): Promise<ScenarioResult> {
  const sim = load(outdir, 'S3ToBatchExample');
  const start = sim.now();
  const table = sim.table('CsvPipeline/OutputTable');
  const rows = Array.from({ length: 60 }, (_, i) => row('42', i, i * 10));
  for (let i = 0; i < rows.length; i += 25) await table.batchWriteItem({ RequestItems: { [table.tableName]: rows.slice(i, i + 25) } });
  const tooMany = await table.batchWriteItem({ RequestItems: { [table.tableName]: Array.from({ length: 26 }, (_, i) => row('43', i, 1)) } })
    .then(() => 'accepted', (e: Error) => e.message);
  const seen: string[] = [];
  let pages = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query({
      KeyConditionExpression: 'pk = :job AND begins_with(sk, :row)',
      ExpressionAttributeValues: { ':job': { S: 'job#42' }, ':row': { S: 'row#' } },
      Limit: 25,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    });
    seen.push(...(page.Items ?? []).map(i => i.sk.S ?? ''));
    startKey = page.LastEvaluatedKey;
    pages++;
  } while (startKey);
  const sorted = seen.every((sk, i) => i === 0 || seen[i - 1] < sk);
  const guard = {
    Key: { pk: { S: 'job#42' }, sk: { S: 'summary' } },
    UpdateExpression: 'SET #rows = :n',
    ConditionExpression: 'attribute_not_exists(pk)',
    ExpressionAttributeNames: { '#rows': 'rows' },
    ExpressionAttributeValues: { ':n': { N: String(seen.length) } },
  };
  await table.updateItem(guard);
  const second = await table.updateItem(guard).then(() => 'written twice', (e: Error) => e.name);
  return finish('Batch output table (S3ToBatchExample, DynamoDB)', sim, start, [
    ['60 rows written in batches of 25, 25 and 10', table.items().length === 60 + 1],
    ['a 26-request BatchWriteItem is refused (25 requests at most)', /Member must have length less than or equal to 25/.test(tooMany)],
    [`the query returns the 60 rows in sort-key order over ${pages} pages of at most 25`, seen.length === 60 && sorted && pages === 3],
    [`a second summary write is refused by its condition (${second})`, second === 'ConditionalCheckFailedException'],
  ]);
}

export const DYNAMODB_SCENARIOS = [outputTable];
