/**
 * DynamoDB and Batch integrations against stub ServiceApis injected through a fake context (their simulators are
 * being built in parallel): what Step Functions sends, as whom, and what it makes of the answers and errors.
 */
import { ROLE_ARN } from './helpers';
import { AwsError } from '../../../src/sim/kernel';
import { BatchDelivery, CallerIdentity, ServiceApi } from '../../../src/sim/runtime';
import { StepFunctionsService } from '../../../src/sim/stepfunctions';
import { StateMachineHandle } from '../../../src/sim/stepfunctions/handle';
import { FakeContext, fakeContext, resource } from '../fixtures';

interface Call { action: string; input: Record<string, any>; caller: CallerIdentity }

function stubApi(actions: string[], answer: (action: string, input: Record<string, any>) => Record<string, any>): ServiceApi & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    actions,
    calls,
    call: async (action, input, caller) => {
      calls.push({ action, input, caller });
      return answer(action, input);
    },
  };
}

function machine(definition: object, apis: Record<string, ServiceApi>, batch?: BatchDelivery): { sm: StateMachineHandle; ctx: FakeContext } {
  const ctx = fakeContext();
  Object.assign(ctx, { api: (ns: string) => apis[ns] });
  if (batch) Object.assign(ctx.services, { batch });
  const service = new StepFunctionsService(ctx);
  const arn = 'arn:aws:states:us-east-1:123456789012:stateMachine:M';
  service.create(resource('AWS::StepFunctions::StateMachine', 'M', { RoleArn: ROLE_ARN, DefinitionString: JSON.stringify(definition) }, arn, { Arn: arn, Name: 'M' }));
  return { sm: service.handle('stateMachine', 'M') as StateMachineHandle, ctx };
}

describe('dynamodb:putItem/getItem/updateItem/deleteItem through the DynamoDB API', () => {
  test('each action calls the SDK command with the Parameters as the state machine role; the answer gets the SDK metadata', async () => {
    const dynamodb = stubApi(['PutItem', 'GetItem', 'UpdateItem', 'DeleteItem'], action => (action === 'GetItem'
      ? { Item: { id: { S: '1' } }, $metadata: { httpStatusCode: 200, requestId: 'r1' } } : { $metadata: { httpStatusCode: 200, requestId: 'r0' } }));
    const { sm } = machine({
      StartAt: 'Put',
      States: {
        Put: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 't', Item: { id: { 'S.$': '$.id' } } }, ResultPath: null, Next: 'Get' },
        Get: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', Parameters: { TableName: 't', Key: { id: { S: '1' } } }, ResultPath: '$.got', Next: 'Upd' },
        Upd: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:updateItem', Parameters: { TableName: 't', Key: { id: { S: '1' } }, UpdateExpression: 'SET a = :a' }, ResultPath: null, Next: 'Del' },
        Del: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:deleteItem', Parameters: { TableName: 't', Key: { id: { S: '1' } } }, ResultPath: null, End: true },
      },
    }, { dynamodb });
    const d = await sm.run({ input: '{"id":"1"}' });
    expect(dynamodb.calls.map(c => c.action)).toEqual(['PutItem', 'GetItem', 'UpdateItem', 'DeleteItem']);
    expect(dynamodb.calls[0].input).toEqual({ TableName: 't', Item: { id: { S: '1' } } });
    expect(dynamodb.calls[0].caller).toMatchObject({ principalType: 'AWS', principal: ROLE_ARN });
    expect(JSON.parse(d.output!).got).toEqual({
      Item: { id: { S: '1' } }, SdkHttpMetadata: { AllHttpHeaders: {}, HttpHeaders: {}, HttpStatusCode: 200 }, SdkResponseMetadata: { RequestId: 'r1' },
    });
  });

  test('a DynamoDB error is DynamoDB.<name> (ConditionalCheckFailedException), which Retry and Catch match', async () => {
    const dynamodb = stubApi(['PutItem'], () => { throw new AwsError('ConditionalCheckFailedException', 'The conditional request failed'); });
    const { sm } = machine({
      StartAt: 'Put',
      States: {
        Put: {
          Type: 'Task',
          Resource: 'arn:aws:states:::dynamodb:putItem',
          Parameters: { TableName: 't', Item: {} },
          Catch: [{ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], Next: 'Dup' }],
          End: true,
        },
        Dup: { Type: 'Pass', Result: 'duplicate', End: true },
      },
    }, { dynamodb });
    expect((await sm.run()).output).toBe('"duplicate"');
  });

  test('without a DynamoDB API the problem names the integration and the task fails with DynamoDB.SdkClientException', async () => {
    const { sm, ctx } = machine({ StartAt: 'Put', States: { Put: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 't', Item: {} }, End: true } } }, {});
    const d = await sm.run();
    expect(d.error).toBe('DynamoDB.SdkClientException');
    expect(ctx.problems[0]).toMatch(/state 'Put' calls dynamodb:putItem, but the dynamodb service is not simulated/);
  });
});

describe('batch:submitJob and .sync', () => {
  const definition = (taskResource: string) => ({
    StartAt: 'Job', States: { Job: { Type: 'Task', Resource: taskResource, Parameters: { JobName: 'j', JobQueue: 'q', JobDefinition: 'd' }, End: true } },
  });

  test('request-response answers SubmitJob; .sync waits for the job and answers its DescribeJobs entry', async () => {
    const batchApi = stubApi(['SubmitJob'], () => ({ jobArn: 'arn:job', jobId: 'job-1', jobName: 'j', $metadata: { httpStatusCode: 200 } }));
    let release!: (job: Record<string, any>) => void;
    const batch: BatchDelivery = { whenJobEnds: jobId => new Promise(resolve => { release = job => resolve({ ...job, jobId }); }) };
    const { sm, ctx } = machine(definition('arn:aws:states:::batch:submitJob.sync'), { batch: batchApi }, batch);
    const { executionArn } = await sm.startExecution();
    await ctx.advance(1000);
    expect((await sm.describeExecution({ executionArn })).status).toBe('RUNNING');
    ctx.clock.schedule(ctx.clock.now() + 5000, () => release({ status: 'SUCCEEDED', exitCode: 0 }));
    await ctx.advance(6000);
    const d = await sm.describeExecution({ executionArn });
    expect(JSON.parse(d.output!)).toEqual({ status: 'SUCCEEDED', exitCode: 0, jobId: 'job-1' });
    expect(d.stopDate!.getTime() - d.startDate.getTime()).toBe(6000);
    const plain = machine(definition('arn:aws:states:::batch:submitJob'), { batch: batchApi });
    expect(JSON.parse((await plain.sm.run()).output!)).toMatchObject({ jobId: 'job-1', jobArn: 'arn:job' });
  });

  test('a FAILED job fails the task with States.TaskFailed and the job description as the cause', async () => {
    const batchApi = stubApi(['SubmitJob'], () => ({ jobId: 'job-2', $metadata: { httpStatusCode: 200 } }));
    const { sm } = machine(definition('arn:aws:states:::batch:submitJob.sync'), { batch: batchApi }, { whenJobEnds: async () => ({ status: 'FAILED', statusReason: 'exit 1' }) });
    const d = await sm.run();
    expect(d.error).toBe('States.TaskFailed');
    expect(JSON.parse(d.cause!)).toMatchObject({ status: 'FAILED', statusReason: 'exit 1' });
  });
});
