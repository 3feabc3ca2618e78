import { functionArn, lambdaFunction, ROLE_ARN, simulate } from './helpers';

const queue = { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'work' } };
const topic = { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'events' } };
const bucket = { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'data-bucket' } };
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/work';

function task(resource: string, parameters: object, more: object = {}) {
  return { StartAt: 'T', States: { T: { Type: 'Task', Resource: resource, Parameters: parameters, ...more, End: true } } };
}

describe('Lambda', () => {
  test('lambda:invoke wraps the answer in Payload with StatusCode, ExecutedVersion and the SDK metadata', async () => {
    const sim = simulate(task('arn:aws:states:::lambda:invoke', { 'FunctionName': 'fn', 'Payload.$': '$' }), { extra: { Fn: lambdaFunction('fn') } });
    sim.lambda('Fn').handle(async (e: { n: number }) => ({ doubled: e.n * 2 }));
    const d = await sim.stateMachine('Machine').run({ input: '{"n":21}' });
    const out = JSON.parse(d.output!);
    expect(out).toMatchObject({ Payload: { doubled: 42 }, StatusCode: 200, ExecutedVersion: '$LATEST', SdkHttpMetadata: { HttpStatusCode: 200 } });
    expect(out.SdkResponseMetadata.RequestId).toBe(sim.lambda('Fn').invocations[0].requestId);
  });

  test('a function ARN as Resource returns the payload itself, recorded as LambdaFunction* history events', async () => {
    const sim = simulate({ StartAt: 'T', States: { T: { Type: 'Task', Resource: functionArn('fn'), End: true } } }, { extra: { Fn: lambdaFunction('fn') } });
    sim.lambda('Fn').handle(async () => ({ ok: true }));
    const d = await sim.stateMachine('Machine').run();
    expect(JSON.parse(d.output!)).toEqual({ ok: true });
    const { events } = await sim.stateMachine('Machine').getExecutionHistory({ executionArn: d.executionArn });
    expect(events.map(e => e.type)).toEqual([
      'ExecutionStarted', 'TaskStateEntered', 'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionSucceeded', 'TaskStateExited', 'ExecutionSucceeded',
    ]);
  });

  test('an unknown function fails the task with Lambda.ResourceNotFoundException', async () => {
    const sim = simulate(task('arn:aws:states:::lambda:invoke', { FunctionName: 'nope' }));
    const d = await sim.stateMachine('Machine').run();
    expect(d.error).toBe('Lambda.ResourceNotFoundException');
  });
});

describe('SNS, SQS and S3 through their APIs, as the state machine role', () => {
  test('sqs:sendMessage sends the JSON text of a non-string MessageBody', async () => {
    const sim = simulate(task('arn:aws:states:::sqs:sendMessage', { 'QueueUrl': QUEUE_URL, 'MessageBody.$': '$' }), { extra: { Q: queue } });
    const d = await sim.stateMachine('Machine').run({ input: '{"order":1}' });
    expect(JSON.parse(d.output!).MessageId).toBeDefined();
    const got = await sim.queue('Q').receiveMessage({ MaxNumberOfMessages: 10 });
    expect(got.Messages!.map(m => m.Body)).toEqual(['{"order":1}']);
  });

  test('the role calls through the target\'s own API path: a queue policy that denies it fails the task', async () => {
    const policy = {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [QUEUE_URL],
        PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { AWS: ROLE_ARN }, Action: 'sqs:SendMessage', Resource: '*' }] },
      },
    };
    const sim = simulate(task('arn:aws:states:::sqs:sendMessage', { QueueUrl: QUEUE_URL, MessageBody: 'x' }), { extra: { Q: queue, P: policy } });
    const d = await sim.stateMachine('Machine').run();
    expect(d.status).toBe('FAILED');
    expect(d.error).toMatch(/^SQS\./);
    expect(sim.trace.filter({ type: 'denied' })[0].detail).toMatchObject({ action: 'sqs:SendMessage', principal: ROLE_ARN });
  });

  test('sns:publish publishes as the role; a topic that does not exist is SNS.NotFoundException', async () => {
    const sim = simulate({
      StartAt: 'A',
      States: {
        A: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:events', Message: 'hi' }, Next: 'B' },
        B: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:missing', Message: 'hi' }, End: true },
      },
    }, { extra: { T: topic } });
    const d = await sim.stateMachine('Machine').run();
    expect(d.error).toBe('SNS.NotFoundException');
    expect(sim.trace.filter({ type: 'published' })).toHaveLength(1);
  });

  test('aws-sdk:s3:getObject returns the body as text; a missing key is S3.NoSuchKeyException', async () => {
    const sim = simulate({
      StartAt: 'Get',
      States: {
        Get: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:getObject', Parameters: { Bucket: 'data-bucket', Key: 'a.txt' }, ResultSelector: { 'body.$': '$.Body' }, Next: 'Missing' },
        Missing: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:s3:getObject',
          Parameters: { Bucket: 'data-bucket', Key: 'none' },
          Catch: [{ ErrorEquals: ['S3.NoSuchKeyException'], ResultPath: '$.err', Next: 'Done' }],
          ResultPath: '$.unused',
          End: true,
        },
        Done: { Type: 'Pass', End: true },
      },
    }, { extra: { B: bucket } });
    await sim.bucket('B').putObject({ Key: 'a.txt', Body: 'hello' });
    const d = await sim.stateMachine('Machine').run();
    const out = JSON.parse(d.output!);
    expect(out.body).toBe('hello');
    expect(out.err.Error).toBe('S3.NoSuchKeyException');
  });

  test('aws-sdk:sqs:sendMessage errors are prefixed Sqs. and end in Exception', async () => {
    const sim = simulate(task('arn:aws:states:::aws-sdk:sqs:sendMessage', { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/none', MessageBody: 'x' }));
    const d = await sim.stateMachine('Machine').run();
    expect(d.error).toMatch(/^Sqs\..*Exception$/);
  });
});

describe('.waitForTaskToken', () => {
  const definition = {
    StartAt: 'Ask',
    States: {
      Ask: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        Parameters: { QueueUrl: QUEUE_URL, MessageBody: { 'token.$': '$$.Task.Token', 'order.$': '$.order' } },
        End: true,
      },
    },
  };

  test('the task waits for SendTaskSuccess with its token; the output is the callback output', async () => {
    const sim = simulate(definition, { extra: { Q: queue } });
    const sm = sim.stateMachine('Machine');
    const { executionArn } = await sm.startExecution({ input: '{"order":5}' });
    await sim.advance(60_000);
    expect((await sm.describeExecution({ executionArn })).status).toBe('RUNNING');
    const message = (await sim.queue('Q').receiveMessage({})).Messages![0];
    const { token, order } = JSON.parse(message.Body!);
    expect(order).toBe(5);
    await sim.stepFunctions.sendTaskSuccess({ taskToken: token, output: '{"approved":true}' });
    await sim.runUntilIdle();
    const d = await sm.describeExecution({ executionArn });
    expect(d).toMatchObject({ status: 'SUCCEEDED', output: '{"approved":true}' });
    await expect(sim.stepFunctions.sendTaskSuccess({ taskToken: token, output: '{}' })).rejects.toMatchObject({ name: 'TaskTimedOut' });
    expect(sim.trace.filter({ type: 'task-callback' }).map(e => e.detail)).toEqual([{ action: 'SendTaskSuccess', executionArn }]);
  });

  test('SendTaskFailure fails the task with its error and cause; an unknown token is TaskDoesNotExist', async () => {
    const sim = simulate(definition, { extra: { Q: queue } });
    const sm = sim.stateMachine('Machine');
    const { executionArn } = await sm.startExecution({ input: '{"order":5}' });
    await sim.runUntilIdle();
    const { token } = JSON.parse((await sim.queue('Q').receiveMessage({})).Messages![0].Body!);
    await sim.stepFunctions.sendTaskFailure({ taskToken: token, error: 'Rejected', cause: 'no stock' });
    await sim.runUntilIdle();
    expect(await sm.describeExecution({ executionArn })).toMatchObject({ status: 'FAILED', error: 'Rejected', cause: 'no stock' });
    await expect(sim.stepFunctions.sendTaskSuccess({ taskToken: 'AQCunknown', output: '{}' })).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
  });
});

describe('states:startExecution', () => {
  test('.sync:2 runs a nested execution and returns its output parsed; request-response returns the ARN', async () => {
    const child = {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        StateMachineName: 'Child',
        RoleArn: ROLE_ARN,
        DefinitionString: JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 30, Next: 'P' }, P: { Type: 'Pass', Parameters: { 'got.$': '$.x' }, End: true } } }),
      },
    };
    const sim = simulate({
      StartAt: 'Sync',
      States: {
        Sync: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.sync:2',
          Parameters: { StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Child', Input: { x: 1 } },
          ResultSelector: { 'out.$': '$.Output' },
          Next: 'Fire',
        },
        Fire: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution',
          Parameters: { StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Child', Input: '{"x":2}' },
          ResultPath: '$.fired',
          End: true,
        },
      },
    }, { extra: { Child: child } });
    const d = await sim.stateMachine('Machine').run();
    const out = JSON.parse(d.output!);
    expect(out.out).toEqual({ got: 1 });
    expect(out.fired.ExecutionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:execution:Child:/);
    expect(d.stopDate!.getTime() - d.startDate.getTime()).toBe(30_000);
  });
});

describe('events:putEvents', () => {
  test('EventBridge is not simulated: the entries are recorded in the trace and the task gets event ids', async () => {
    const sim = simulate(task('arn:aws:states:::events:putEvents', { Entries: [{ Source: 'orders', DetailType: 'Placed', Detail: { id: 1 } }] }));
    const d = await sim.stateMachine('Machine').run();
    expect(JSON.parse(d.output!)).toMatchObject({ FailedEntryCount: 0, Entries: [{ EventId: expect.any(String) }] });
    const [event] = sim.trace.filter({ type: 'events-put' });
    expect(event.detail.entries).toEqual([{ Source: 'orders', DetailType: 'Placed', Detail: '{"id":1}' }]);
  });
});

describe('services the simulator does not simulate', () => {
  test('an aws-sdk task for a service without a simulator is reported and fails with <Service>.SdkClientException', async () => {
    const sim = simulate(task('arn:aws:states:::aws-sdk:ecs:listClusters', {}), { strict: false });
    const d = await sim.stateMachine('Machine').run();
    expect(d).toMatchObject({ status: 'FAILED', error: 'Ecs.SdkClientException' });
    expect(sim.trace.filter({ type: 'problem' })[0].detail.message).toMatch(/aws-sdk:ecs:listClusters, but the ecs service is not simulated/);
  });

  test('dynamodb:putItem into a table the template does not declare fails with DynamoDB.ResourceNotFoundException', async () => {
    // AWS: errors from an optimized integration are prefixed with the service name (DynamoDB.<ErrorCode>).
    const sim = simulate(task('arn:aws:states:::dynamodb:putItem', { TableName: 't', Item: { id: { S: '1' } } }), { strict: false });
    const d = await sim.stateMachine('Machine').run();
    expect(d).toMatchObject({ status: 'FAILED', error: 'DynamoDB.ResourceNotFoundException' });
  });

  test('an activity is listed in sim.unsupported at load', () => {
    const sim = simulate(task('arn:aws:states:us-east-1:123456789012:activity:approve', {}));
    expect(sim.unsupported.features.map(f => f.reason)).toContainEqual(expect.stringMatching(/activities .* are not simulated/));
  });
});
