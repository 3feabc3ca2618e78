import { ApiGatewayManagementApiClient, GetConnectionCommand, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { StartFlowCommand, AppflowClient } from '@aws-sdk/client-appflow';
import { BatchClient, SubmitJobCommand } from '@aws-sdk/client-batch';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { FirehoseClient, PutRecordCommand } from '@aws-sdk/client-firehose';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { AwsError, Simulator } from '../../../src/sim';
import { CallerIdentity, ServiceApi } from '../../../src/sim/runtime';
import { Wire } from '../../../src/sim/wire';
import { fakeContext } from '../fixtures';
import { TEMPLATE } from './fixtures';
import { rawRequest } from './raw-http';

const STATE_MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:orders';

describe('the services that joined after the wire layer answer through their SDK clients', () => {
  test.each([
    ['DynamoDB', () => new DynamoDBClient({ ...config(), maxAttempts: 1 }).send(new PutItemCommand({ TableName: 't', Item: { pk: { S: '1' } } })),
      'ResourceNotFoundException', 400],
    ['Batch', () => new BatchClient({ ...config(), maxAttempts: 1 }).send(new SubmitJobCommand({ jobName: 'j', jobQueue: 'q', jobDefinition: 'd' })),
      'ClientException', 400],
    ['AppFlow', () => new AppflowClient({ ...config(), maxAttempts: 1 }).send(new StartFlowCommand({ flowName: 'f' })), 'ResourceNotFoundException', 404],
    ['Firehose', () => new FirehoseClient({ ...config(), maxAttempts: 1 }).send(new PutRecordCommand({
      DeliveryStreamName: 's', Record: { Data: new Uint8Array([1]) },
    })), 'ResourceNotFoundException', 400],
  ])('%s: an operation on a resource the stack does not have gets the service\'s own error through the SDK', async (_name, send, name, status) => {
    current = Simulator.fromTemplate(TEMPLATE, { strict: false });
    const err = await send().catch(e => e);
    expect(err.name).toBe(name);
    expect(err.$metadata.httpStatusCode).toBe(status);
    expect(current.trace.some({ type: 'not-simulated' })).toBe(false);
  });
});

describe('a service the simulator does not simulate answers as an endpoint that does not know the operation, and is reported', () => {
  test('an SDK call to a namespace with no simulated API: UnknownOperationException, a not-simulated trace event and a problem', async () => {
    const { wire, ctx } = wireWith({});
    const err = await new SFNClient({ ...wire.clientConfig(), maxAttempts: 1 })
      .send(new StartExecutionCommand({ stateMachineArn: STATE_MACHINE })).catch(e => e);
    expect(err.name).toBe('UnknownOperationException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toContain('is not simulated');
    expect(ctx.trace.filter({ type: 'not-simulated' }).map(e => e.resource)).toEqual(['states']);
    expect(ctx.problems).toHaveLength(1);
  });
});

let current: Simulator;
const config = () => current.clientConfig();

/** A Wire over a context whose `api()` offers the given fake services, as the coming simulators will. */
function wireWith(apis: Record<string, ServiceApi>) {
  const ctx = fakeContext({ iam: 'policies' });
  const calls: { namespace: string; action: string; input: Record<string, any>; caller: CallerIdentity }[] = [];
  const recording = (namespace: string, api: ServiceApi): ServiceApi => Object.assign(Object.create(api), {
    call: (action: string, input: Record<string, any>, caller: CallerIdentity) => {
      calls.push({ namespace, action, input, caller });
      return api.call(action, input, caller);
    },
  });
  const wired = { ...ctx, api: (ns: string) => (apis[ns] ? recording(ns, apis[ns]) : undefined) };
  return { wire: new Wire(wired, 'enforce'), calls, ctx };
}

describe('a service plugs in by implementing ServiceApi: its operation table entry carries the SDK shapes', () => {
  test('Step Functions: StartExecution reaches the API as the SDK input; startDate comes back to the SDK as a Date', async () => {
    const { wire, calls } = wireWith({
      states: {
        actions: ['StartExecution'],
        call: async () => ({ executionArn: `${STATE_MACHINE}:e1`, startDate: new Date(Date.UTC(2024, 0, 1, 0, 0, 5)), $metadata: { httpStatusCode: 200 } }),
      },
    });
    const out = await new SFNClient(wire.clientConfig()).send(new StartExecutionCommand({ stateMachineArn: STATE_MACHINE, input: '{"a":1}', name: 'e1' }));
    expect(out.startDate).toEqual(new Date(Date.UTC(2024, 0, 1, 0, 0, 5)));
    expect(calls).toEqual([{
      namespace: 'states',
      action: 'StartExecution',
      input: { stateMachineArn: STATE_MACHINE, input: '{"a":1}', name: 'e1' },
      caller: expect.objectContaining({ principal: 'arn:aws:iam::123456789012:root' }),
    }]);
  });

  test('DynamoDB: binary attribute values arrive as bytes, also nested in maps and lists; a service error keeps its name', async () => {
    const { wire, calls } = wireWith({
      dynamodb: {
        actions: ['PutItem'],
        call: async (_action, input) => {
          if (input.TableName === 'missing') {
            throw new AwsError('ResourceNotFoundException', 'Requested resource not found');
          }
          return { $metadata: { httpStatusCode: 200 } };
        },
      },
    });
    const ddb = new DynamoDBClient(wire.clientConfig());
    await ddb.send(new PutItemCommand({
      TableName: 'orders', Item: { pk: { S: 'o1' }, raw: { B: new Uint8Array([9, 8]) }, nested: { M: { list: { L: [{ B: new Uint8Array([7]) }] } } } },
    }));
    const item = calls[0].input.Item;
    expect(item.raw.B).toBeInstanceOf(Uint8Array);
    expect(Array.from(item.raw.B)).toEqual([9, 8]);
    expect(Array.from(item.nested.M.list.L[0].B)).toEqual([7]);
    const err = await ddb.send(new PutItemCommand({ TableName: 'missing', Item: { pk: { S: '1' } } })).catch(e => e);
    expect(err.name).toBe('ResourceNotFoundException');
  });

  test('Batch (restJson1): SubmitJob body members become the SDK input', async () => {
    const { wire, calls } = wireWith({
      batch: { actions: ['SubmitJob'], call: async (_action, input) => ({ jobId: 'job-1', jobName: input.jobName, $metadata: { httpStatusCode: 200 } }) },
    });
    const out = await new BatchClient(wire.clientConfig()).send(new SubmitJobCommand({
      jobName: 'resize', jobQueue: 'q', jobDefinition: 'd', parameters: { size: '10' }, containerOverrides: { command: ['run', 'Ref::size'] },
    }));
    expect(out.jobId).toBe('job-1');
    expect(calls[0].input).toEqual({ jobName: 'resize', jobQueue: 'q', jobDefinition: 'd', parameters: { size: '10' }, containerOverrides: { command: ['run', 'Ref::size'] } });
  });

  test('the @connections API: PostToConnection passes the data bytes with the API id and stage; GetConnection dates come back as Dates', async () => {
    const { wire, calls } = wireWith({
      'execute-api': {
        actions: ['PostToConnection', 'GetConnection'],
        call: async action => (action === 'GetConnection'
          ? { ConnectedAt: new Date(Date.UTC(2024, 0, 1)), Identity: { SourceIp: '10.1.2.3', UserAgent: 'ws' }, $metadata: { httpStatusCode: 200 } }
          : { $metadata: { httpStatusCode: 200 } }),
      },
    });
    const client = new ApiGatewayManagementApiClient({ ...wire.clientConfig(), endpoint: 'https://abc123.execute-api.us-east-1.amazonaws.com/prod' });
    await client.send(new PostToConnectionCommand({ ConnectionId: 'conn=1', Data: Buffer.from('hello') }));
    expect(calls[0].action).toBe('PostToConnection');
    expect(calls[0].input).toMatchObject({ ConnectionId: 'conn=1', ApiId: 'abc123', Stage: 'prod' });
    expect(Buffer.from(calls[0].input.Data).toString()).toBe('hello');
    const conn = await client.send(new GetConnectionCommand({ ConnectionId: 'conn=1' }));
    expect(conn.ConnectedAt).toEqual(new Date(Date.UTC(2024, 0, 1)));
    expect(conn.Identity).toEqual({ SourceIp: '10.1.2.3', UserAgent: 'ws' });
  });
});

describe('invoking an API Gateway API over the wire (execute-api paths)', () => {
  test('the request is handed to the execute-api endpoint with its source IP (an API the template lacks is 403 Forbidden)', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE, { strict: false });
    const server = await sim.listen();
    try {
      const missing = await rawRequest(server.endpoint, { method: 'GET', path: '/_aws/execute-api/abc123/prod/orders/1' });
      expect(missing.status).toBe(403);
      expect(JSON.parse(missing.body)).toEqual({ message: 'Forbidden' });
    } finally {
      await server.close();
    }

    const seen: unknown[] = [];
    const { wire } = wireWith({
      'execute-api': Object.assign({ actions: [], call: async () => ({}) }, {
        invokeApi: async (request: Record<string, unknown>) => {
          seen.push(request);
          return { statusCode: 201, headers: { 'content-type': 'application/json' }, body: '{"created":true}' };
        },
      }),
    });
    const served = await wire.listen();
    try {
      const created = await rawRequest(served.endpoint, { method: 'POST', path: '/_aws/execute-api/abc123/prod/orders', body: '{"item":"tea"}' });
      expect(created.status).toBe(201);
      expect(JSON.parse(created.body)).toEqual({ created: true });
      expect(seen).toEqual([expect.objectContaining({
        apiId: 'abc123', stage: 'prod', method: 'POST', path: '/orders', body: '{"item":"tea"}', sourceIp: '127.0.0.1', caller: undefined,
      })]);
    } finally {
      await served.close();
    }
  });
});
