// The data-pipeline scenarios of the offline run (examples/simulate.ts): S3 -> Lambda -> Batch -> DynamoDB, an AppFlow
// scheduled ingest, and the SNS -> Firehose -> S3 archive, each loaded from cdk.out/ and asserted.
import { gunzipSync } from 'zlib';
import { parse } from 'csv-parse/sync';
import { finish, loadExample as load, ScenarioResult } from './scenario';
import { Simulator } from '../src/sim';

function idOf(sim: Simulator, type: string, pathPart: string): string {
  // By construct path (cdk.out templates carry it) or, without path metadata, by the logical id CDK derives from it.
  const found = [...sim.resources.values()].find(r => r.type === type
    && ((r.path ?? '').includes(`${pathPart}/Resource`) || new RegExp(`^${pathPart.replace(/\//g, '')}[0-9A-F]{8}$`).test(r.logicalId)));
  if (!found) throw new Error(`no ${type} under ${pathPart}`);
  return found.logicalId;
}

/** The pattern notes' "Upload 20GB CSV": an upload becomes a Batch job whose rows land in the output table. */
async function csvToBatch(outdir: string): Promise<ScenarioResult> {
  const sim = load(outdir, 'S3ToBatchExample');
  const start = sim.now();
  const bucketId = idOf(sim, 'AWS::S3::Bucket', 'CsvPipeline/InputBucket');
  const queueId = idOf(sim, 'AWS::Batch::JobQueue', 'CsvPipeline/JobQueue');
  const tableId = idOf(sim, 'AWS::DynamoDB::Table', 'CsvPipeline/OutputTable');
  const table = sim.table(tableId);
  const seen: { command: readonly string[]; rows: number }[] = [];
  sim.jobDefinition(idOf(sim, 'AWS::Batch::JobDefinition', 'CsvPipeline/JobDefinition')).handle(async job => {
    const object = await sim.bucket(bucketId).getObject({ Key: job.parameters.key });
    const rows: Record<string, string>[] = parse(await object.Body.transformToString(), { columns: true, skip_empty_lines: true });
    seen.push({ command: job.command, rows: rows.length });
    // BatchWriteItem takes at most 25 writes per call.
    const tableName = job.environment.OUTPUT_TABLE;
    for (let i = 0; i < rows.length; i += 25) {
      const batch = rows.slice(i, i + 25).map(r => ({ PutRequest: { Item: { pk: { S: `order#${r.order}` }, sk: { S: job.parameters.key }, amount: { N: r.amount } } } }));
      await table.batchWriteItem({ RequestItems: { [tableName]: batch } });
    }
  }, { durationMs: 4 * 60_000 });
  const csv = 'order,amount\n' + Array.from({ length: 30 }, (_, i) => `${i + 1},${(i + 1) * 10}`).join('\n') + '\n';
  const bucketName = sim.bucket(bucketId).bucketName;
  await sim.bucket(bucketId).putObject({ Key: 'uploads/2024/orders.csv', Body: csv });
  await sim.runUntilIdle();
  const listed = await sim.jobQueue(queueId).listJobs({ jobStatus: 'SUCCEEDED' });
  const job = listed.jobSummaryList[0];
  const items = (await table.scan({})).Items ?? [];
  return finish('CSV upload -> Lambda -> Batch job -> table (S3ToBatchExample)', sim, start, [
    ['the upload invoked the submitter once (S3 event notification)', sim.lambda(idOf(sim, 'AWS::Lambda::Function', 'CsvPipeline/Submitter')).invocations.length === 1],
    [`one Batch job SUCCEEDED (${job?.jobName ?? 'none'}, ${listed.jobSummaryList.length} job(s))`, listed.jobSummaryList.length === 1 && job.jobName === 's3-uploads-2024-orders-csv'],
    [`Ref::bucket and Ref::key resolved in the command (${seen[0]?.command.slice(-2).join(' ')})`, seen[0]?.command.slice(-2).join() === `${bucketName},uploads/2024/orders.csv`],
    [`the job read the ${seen[0]?.rows ?? 0} CSV rows`, seen[0]?.rows === 30],
    [`the 30 rows are in the output table (BatchWriteItem): ${items.length} items`, items.length === 30],
  ]);
}

/** AppFlowIngest on a schedule: two hourly runs, each pulling the accounts changed since the last. */
async function scheduledIngest(outdir: string): Promise<ScenarioResult> {
  const sim = load(outdir, 'AppFlowIngestExample');
  const start = sim.now();
  const flowId = idOf(sim, 'AWS::AppFlow::Flow', 'SalesforceAccounts');
  const flow = sim.flow(flowId);
  const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
  flow.setSourceRecords([
    { Id: '001', Name: 'Acme', AnnualRevenue: 5_000_000, LastModifiedDate: at(10) },
    { Id: '002', Name: 'Tiny', AnnualRevenue: 20_000, LastModifiedDate: at(20) },
  ]);
  await sim.advance(60 * 60_000);
  flow.setSourceRecords([
    { Id: '001', Name: 'Acme', AnnualRevenue: 5_000_000, LastModifiedDate: at(10) },
    { Id: '002', Name: 'Tiny', AnnualRevenue: 20_000, LastModifiedDate: at(20) },
    { Id: '003', Name: 'Globex', AnnualRevenue: 9_000_000, LastModifiedDate: at(90) },
  ]);
  await sim.advance(60 * 60_000);
  const runs = (await flow.describeFlowExecutionRecords()).flowExecutions.reverse();
  const bucket = sim.bucket(idOf(sim, 'AWS::S3::Bucket', 'SalesforceAccounts/Destination'));
  const files = (await bucket.listObjectsV2({})).Contents ?? [];
  const heads = await Promise.all(files.map(async f => (await bucket.getObject({ Key: f.Key })).Body.transformToString('latin1')));
  return finish('AppFlow scheduled ingest over two virtual hours (AppFlowIngestExample)', sim, start, [
    [`the flow is Active as deployed (${flow.flowStatus})`, flow.flowStatus === 'Active'],
    [`two hourly runs, both Successful (${runs.map(r => r.executionStatus).join(', ')})`, runs.length === 2 && runs.every(r => r.executionStatus === 'Successful')],
    [`incremental pulls kept the accounts over 1,000,000 changed since the last run (${runs.map(r => r.executionResult.recordsProcessed).join(', ')})`,
      runs.map(r => r.executionResult.recordsProcessed).join() === '1,1'],
    [`two Parquet files under the flow's prefix (${files.length})`, files.length === 2 && heads.every(h => h.startsWith('PAR1'))],
  ]);
}

/** FirehoseArchive: events published to the topic are archived, gzip, once the buffer interval passes. */
async function firehoseArchive(outdir: string): Promise<ScenarioResult> {
  const sim = load(outdir, 'FirehoseArchiveExample');
  const start = sim.now();
  const topic = sim.topic(idOf(sim, 'AWS::SNS::Topic', 'OrderArchive/Fanout/Topic'));
  for (const order of ['o-1', 'o-2', 'o-3']) await topic.publish({ Message: JSON.stringify({ order }) });
  const bucket = sim.bucket(idOf(sim, 'AWS::S3::Bucket', 'OrderArchive/Bucket'));
  await sim.advance(299_000);
  const early = (await bucket.listObjectsV2({ Prefix: 'orders/' })).KeyCount;
  await sim.advance(1_000);
  const listed = (await bucket.listObjectsV2({ Prefix: 'orders/' })).Contents ?? [];
  const body = listed.length === 1 ? gunzipSync(Buffer.from(await (await bucket.getObject({ Key: listed[0].Key })).Body.transformToByteArray())).toString() : '';
  const orders = body.match(/o-\d/g) ?? [];
  return finish('SNS -> Firehose -> S3 archive (FirehoseArchiveExample)', sim, start, [
    ['nothing is written before the 300-second buffer interval', early === 0],
    [`one object under orders/yyyy/MM/dd/HH/ (${listed[0]?.Key ?? 'none'})`, listed.length === 1 && /^orders\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/.+\.gz$/.test(listed[0].Key)],
    [`it holds the three published events (${orders.join(', ')})`, orders.join() === 'o-1,o-2,o-3'],
    ['no delivery denied by a policy', !sim.trace.some({ type: 'denied' })],
  ]);
}

export const pipelineScenarios: Array<(outdir: string) => Promise<ScenarioResult>> = [csvToBatch, scheduledIngest, firehoseArchive];
