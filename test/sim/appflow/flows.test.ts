import { App, Stack } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { AppFlowIngest, AppFlowIngestProps, IngestFileType, IngestFilterOperator, IngestTrigger, SaasSource } from '../../../src';
import { Simulator } from '../../../src/sim';

const HOUR = 3_600_000;

function ingestSim(props: Partial<AppFlowIngestProps> = {}, options: { startTime?: Date } = {}): { sim: Simulator; ingest: AppFlowIngest } {
  const app = new App();
  const stack = new Stack(app, 'IngestStack', { env: { account: '123456789012', region: 'us-east-1' } });
  const ingest = new AppFlowIngest(stack, 'Accounts', {
    source: SaasSource.ZENDESK,
    object: 'tickets',
    connectorProfileName: 'zendesk',
    ...props,
  });
  return { sim: Simulator.fromStack(stack, options), ingest };
}

async function objects(sim: Simulator, ingest: AppFlowIngest): Promise<Array<{ key: string; body: Buffer }>> {
  const bucket = sim.bucket(ingest.destinationBucket);
  const out = [];
  for (const o of (await bucket.listObjectsV2({})).Contents ?? []) {
    out.push({ key: o.Key, body: Buffer.from(await (await bucket.getObject({ Key: o.Key })).Body.transformToByteArray()) });
  }
  return out;
}

describe('AppFlow flows', () => {
  test('the handle takes the SDK input with its own flowName (or none); another flow\'s name is refused with nothing started', async () => {
    const { sim, ingest } = ingestSim({});
    const flow = sim.flow(ingest);
    expect(flow.logicalId).toBe(sim.resource(ingest).logicalId);
    flow.setSourceRecords([{ id: 1 }]);
    await expect(flow.startFlow({ flowName: 'someone-else' })).rejects.toMatchObject({ name: 'ValidationException' });
    expect((await flow.describeFlowExecutionRecords({ flowName: flow.flowName })).flowExecutions).toHaveLength(0);
    await flow.startFlow({ flowName: flow.flowName });
    expect((await flow.describeFlow({ flowName: flow.flowName })).flowName).toBe(flow.flowName);
    expect((await flow.describeFlowExecutionRecords()).flowExecutions).toHaveLength(1);
  });

  test('StartFlow runs an on-demand flow: JSON Lines under <prefix>/<flow>/<date>/<executionId>/, with an execution record', async () => {
    const { sim, ingest } = ingestSim({}, { startTime: new Date('2024-05-06T10:00:00Z') });
    const flow = sim.flow(ingest);
    flow.setSourceRecords([{ id: 1, subject: 'a' }, { id: 2, subject: 'b' }]);
    const started = await flow.startFlow();
    expect(started).toMatchObject({ flowArn: flow.flowArn, flowStatus: 'Active', executionId: expect.any(String) });
    expect((await flow.describeFlowExecutionRecords()).flowExecutions[0].executionStatus).toBe('InProgress');
    await sim.runUntilIdle();
    const [execution] = (await flow.describeFlowExecutionRecords()).flowExecutions;
    const files = await objects(sim, ingest);
    expect(files).toHaveLength(1);
    expect(files[0].key).toMatch(new RegExp(`^${flow.flowName}/${flow.flowName}/2024/05/06/${started.executionId}/[0-9a-f-]{36}$`));
    expect(files[0].body.toString()).toBe('{"id":1,"subject":"a"}\n{"id":2,"subject":"b"}\n');
    expect(execution).toMatchObject({ executionId: started.executionId, executionStatus: 'Successful', executionResult: { recordsProcessed: 2, bytesWritten: files[0].body.length } });
  });

  test('field mappings project and rename; filters keep the records that compare true as their data type', async () => {
    const { sim, ingest } = ingestSim({
      fieldMappings: [{ source: 'Id' }, { source: 'Name', destination: 'account_name' }, { source: 'Revenue', destination: 'revenue' }],
      filters: [{ field: 'Revenue', operator: IngestFilterOperator.GREATER_THAN, values: ['1000'], dataType: 'double' }],
    });
    const flow = sim.flow(ingest);
    flow.setSourceRecords([
      { Id: 'a', Name: 'Small', Revenue: '999', Secret: 'x' },
      { Id: 'b', Name: 'Big', Revenue: '20000', Secret: 'y' },
      { Id: 'c', Name: 'NoRevenue', Secret: 'z' },
    ]);
    await flow.startFlow();
    await sim.runUntilIdle();
    const [file] = await objects(sim, ingest);
    expect(file.body.toString().trim().split('\n').map(l => JSON.parse(l))).toEqual([{ Id: 'b', account_name: 'Big', revenue: '20000' }]);
  });

  test('a filter on a field no pulled record has fails the run as an execution error', async () => {
    const { sim, ingest } = ingestSim({ filters: [{ field: 'Missing', operator: IngestFilterOperator.EQUAL_TO, values: ['1'] }] });
    const flow = sim.flow(ingest);
    flow.setSourceRecords([{ id: 1 }]);
    await flow.startFlow();
    await sim.runUntilIdle();
    const [execution] = (await flow.describeFlowExecutionRecords()).flowExecutions;
    expect(execution).toMatchObject({ executionStatus: 'Error', executionResult: { errorInfo: { executionMessage: expect.stringMatching(/source field Missing does not exist/) } } });
    expect(await objects(sim, ingest)).toEqual([]);
  });

  test('CSV files have a header row; Parquet files are real Parquet (PAR1)', async () => {
    for (const [fileType, check] of [
      [IngestFileType.CSV, (b: Buffer) => expect(b.toString()).toBe('id,name\n1,"a, b"\n2,c\n')],
      [IngestFileType.PARQUET, (b: Buffer) => expect([b.subarray(0, 4).toString(), b.subarray(-4).toString()]).toEqual(['PAR1', 'PAR1'])],
    ] as const) {
      const { sim, ingest } = ingestSim({ fileType });
      sim.flow(ingest).setSourceRecords([{ id: 1, name: 'a, b' }, { id: 2, name: 'c' }]);
      await sim.flow(ingest).startFlow();
      await sim.runUntilIdle();
      const [file] = await objects(sim, ingest);
      check(file.body);
    }
  });

  test('a scheduled flow runs on its rate and pulls only records changed since the previous run (incremental pull)', async () => {
    const start = new Date('2024-01-01T00:00:00Z');
    const { sim, ingest } = ingestSim({
      source: SaasSource.SALESFORCE, object: 'Account', connectorProfileName: 'sf', trigger: IngestTrigger.ON_SCHEDULE, schedule: { expression: 'rate(1hours)' },
    }, { startTime: start });
    const flow = sim.flow(ingest);
    expect(flow.flowStatus).toBe('Active');
    const at = (h: number, m = 0) => new Date(start.getTime() + h * HOUR + m * 60_000).toISOString();
    flow.setSourceRecords([{ Id: 'old', LastModifiedDate: at(-5) }, { Id: 'a', LastModifiedDate: at(0, 30) }]);
    await sim.advance(HOUR);
    flow.setSourceRecords([{ Id: 'old', LastModifiedDate: at(-5) }, { Id: 'a', LastModifiedDate: at(0, 30) }, { Id: 'b', LastModifiedDate: at(1, 15) }]);
    await sim.advance(HOUR);
    const runs = (await flow.describeFlowExecutionRecords()).flowExecutions.reverse();
    expect(runs.map(r => [r.scheduledStartTime?.toISOString(), r.executionResult.recordsProcessed])).toEqual([[at(1), 2], [at(2), 1]]);
    expect(runs[1]).toMatchObject({ dataPullStartTime: new Date(at(1)), dataPullEndTime: new Date(at(2)) });
  });

  test('a Draft or Suspended scheduled flow does not run; StartFlow activates it', async () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    const ingest = new AppFlowIngest(stack, 'F', {
      source: SaasSource.ZENDESK, object: 'tickets', connectorProfileName: 'z', trigger: IngestTrigger.ON_SCHEDULE, schedule: { expression: 'rate(5minutes)' }, startSuspended: true,
    });
    const sim = Simulator.fromStack(stack);
    const flow = sim.flow(ingest);
    flow.setSourceRecords([{ id: 1 }]);
    expect(flow.flowStatus).toBe('Suspended');
    await sim.advance(HOUR);
    expect((await flow.describeFlowExecutionRecords()).flowExecutions).toEqual([]);
    expect(await flow.startFlow()).toMatchObject({ flowStatus: 'Active' });
    await sim.advance(10 * 60_000);
    expect((await flow.describeFlowExecutionRecords()).flowExecutions).toHaveLength(2);

    const template = JSON.parse(JSON.stringify(sim.resources.get(sim.resource(ingest.flow).logicalId)!.properties));
    delete template.FlowStatus;
    const draft = Simulator.fromTemplate({ Resources: { Flow: { Type: 'AWS::AppFlow::Flow', Properties: template } } });
    expect(draft.flow('Flow').flowStatus).toBe('Draft');
    await draft.advance(HOUR);
    expect((await draft.flow('Flow').describeFlowExecutionRecords()).flowExecutions).toEqual([]);
  });

  test('cron schedules: cron(0 9 ? * MON-FRI *) runs at 09:00 UTC on weekdays', async () => {
    const sim = Simulator.fromTemplate({
      Resources: {
        Flow: {
          Type: 'AWS::AppFlow::Flow',
          Properties: {
            FlowName: 'cron-flow',
            FlowStatus: 'Active',
            TriggerConfig: { TriggerType: 'Scheduled', TriggerProperties: { ScheduleExpression: 'cron(0 9 ? * MON-FRI *)', DataPullMode: 'Complete' } },
            SourceFlowConfig: { ConnectorType: 'Zendesk', SourceConnectorProperties: { Zendesk: { Object: 'tickets' } } },
            DestinationFlowConfigList: [],
            Tasks: [],
          },
        },
      },
    }, { startTime: new Date('2024-01-05T00:00:00Z') }); // a Friday
    await sim.advance(4 * 24 * HOUR);
    const runs = (await sim.flow('Flow').describeFlowExecutionRecords()).flowExecutions.map(r => r.scheduledStartTime!.toISOString()).reverse();
    expect(runs).toEqual(['2024-01-05T09:00:00.000Z', '2024-01-08T09:00:00.000Z']);
  });

  test('an event-triggered flow runs when the source emits records, while Active', async () => {
    const { sim, ingest } = ingestSim({ source: SaasSource.SALESFORCE, object: 'AccountChangeEvent', connectorProfileName: 'sf', trigger: IngestTrigger.ON_EVENT });
    const flow = sim.flow(ingest);
    flow.setSourceRecords([{ Id: 'x' }]);
    await sim.runUntilIdle();
    expect((await flow.describeFlowExecutionRecords()).flowExecutions).toEqual([expect.objectContaining({ executionStatus: 'Successful', executionResult: expect.objectContaining({ recordsProcessed: 1 }) })]);
  });

  test('ServiceApi appflow: StartFlow / DescribeFlow by flowName; an unknown flow is ResourceNotFoundException', async () => {
    const { sim, ingest } = ingestSim();
    const api = (sim as any).context.api('appflow');
    const owner = (sim as any).context.ownerIdentity;
    const name = sim.flow(ingest).flowName;
    sim.flow(ingest).setSourceRecords([{ a: 1 }]);
    await api.call('StartFlow', { flowName: name }, owner);
    await sim.runUntilIdle();
    expect(await api.call('DescribeFlow', { flowName: name }, owner)).toMatchObject({ flowStatus: 'Active', lastRunExecutionDetails: { mostRecentExecutionStatus: 'Successful' } });
    await expect(api.call('StartFlow', { flowName: 'nope' }, owner)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  test('the template\'s Salesforce connector profile and credentials are accepted without simulation', () => {
    const app = new App();
    const stack = new Stack(app, 'P');
    const secret = secretsmanager.Secret.fromSecretNameV2(stack, 'S', 'x');
    new AppFlowIngest(stack, 'F', { source: SaasSource.SLACK, object: 'conversations/C1', credentials: secret, instanceUrl: 'https://x.slack.com' });
    const sim = Simulator.fromStack(stack);
    expect(sim.unsupported.resources.filter(r => r.type.startsWith('AWS::AppFlow'))).toEqual([]);
  });
});
