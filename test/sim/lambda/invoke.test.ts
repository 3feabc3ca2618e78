import { fn, FUNCTION_ARN, setupLambda } from './helpers';
import { permissionStatement } from '../../../src/sim/lambda/permission';
import { resource, TEST_ENV } from '../fixtures';

const text = (p?: Uint8Array & { transformToString(): string }) => p?.transformToString();

describe('Invoke (RequestResponse, Event, DryRun)', () => {
  test('RequestResponse runs the handler and returns StatusCode 200, the JSON result as Payload and ExecutedVersion $LATEST', async () => {
    const { lambda } = setupLambda([fn('Worker')]);
    const h = lambda.handle('Worker').handle(async (event: { n: number }) => ({ doubled: event.n * 2 }));
    const out = await h.invoke({ Payload: new TextEncoder().encode(JSON.stringify({ n: 21 })) });
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
    expect(out.ExecutedVersion).toBe('$LATEST');
    expect(out.Payload).toBeInstanceOf(Uint8Array);
    expect(JSON.parse(text(out.Payload)!)).toEqual({ doubled: 42 });
    expect(h.invocations[0]).toMatchObject({ source: 'invoke', event: { n: 21 }, result: { doubled: 42 } });
  });

  test('a handler returning nothing gives the payload null; a string Payload input is accepted', async () => {
    const { lambda } = setupLambda([fn('Worker')]);
    const h = lambda.handle('Worker').handle(() => undefined);
    expect(text((await h.invoke({ Payload: '{}' })).Payload)).toBe('null');
  });

  test('a thrown error gives FunctionError Unhandled and the {errorType, errorMessage, trace} payload of the Node.js runtime', async () => {
    const { lambda } = setupLambda([fn('Worker')]);
    class ValidationFailed extends Error {
      constructor(m: string) {
        super(m);
        this.name = 'ValidationFailed';
      }
    }
    const h = lambda.handle('Worker').handle(() => {
      throw new ValidationFailed('amount missing');
    });
    const out = await h.invoke({ Payload: '{}' });
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe('Unhandled');
    const body = JSON.parse(text(out.Payload)!);
    expect(Object.keys(body)).toEqual(['errorType', 'errorMessage', 'trace']);
    expect(body.errorType).toBe('ValidationFailed');
    expect(body.errorMessage).toBe('amount missing');
    expect(body.trace[0]).toBe('ValidationFailed: amount missing');
    expect(h.invocations[0].error?.errorType).toBe('ValidationFailed');
  });

  test('throwing a non-Error value reports its typeof as errorType', async () => {
    const { lambda } = setupLambda([fn('Worker')]);
    const h = lambda.handle('Worker').handle(() => {
      throw 'plain'; // eslint-disable-line no-throw-literal
    });
    expect(JSON.parse(text((await h.invoke()).Payload)!)).toEqual({ errorType: 'string', errorMessage: 'plain', trace: [] });
  });

  test('a callback-style handler (three parameters) settles through the callback', async () => {
    const { lambda } = setupLambda([fn('Worker')]);
    const h = lambda.handle('Worker').handle((_e, _c, callback) => {
      callback(null, { via: 'callback' });
    });
    expect(await h.invokeJson()).toEqual({ via: 'callback' });
  });

  test('Event queues the invocation (StatusCode 202) and runs it on the clock; DryRun only checks permission (204)', async () => {
    const { ctx, lambda } = setupLambda([fn('Worker')]);
    const h = lambda.handle('Worker').handle(() => 'ok');
    const queued = await h.invoke({ InvocationType: 'Event', Payload: '{"a":1}' });
    expect(queued.StatusCode).toBe(202);
    expect(h.invocations).toHaveLength(0);
    await ctx.advance(0);
    expect(h.invocations).toHaveLength(1);
    expect(h.invocations[0]).toMatchObject({ source: 'async', event: { a: 1 } });
    const dry = await h.invoke({ InvocationType: 'DryRun' });
    expect(dry.StatusCode).toBe(204);
    expect(h.invocations).toHaveLength(1);
  });

  test('invalid input gets the errors Lambda gives', async () => {
    const { lambda } = setupLambda([fn('Worker', { ReservedConcurrentExecutions: 0 }), fn('Other')]);
    const h = lambda.handle('Worker').handle(() => 1);
    await expect(h.invoke({ InvocationType: 'Sync' })).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(h.invoke({ Payload: '{nope' })).rejects.toMatchObject({ name: 'InvalidRequestContentException', message: expect.stringMatching(/^Could not parse request body into json/) });
    await expect(h.invoke({ Qualifier: 'prod' })).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: `Function not found: ${FUNCTION_ARN('Worker')}:prod` });
    await expect(h.invoke({ FunctionName: 'Missing' })).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(h.invoke({ Payload: JSON.stringify({ x: 'y'.repeat(6 * 1024 * 1024) }) })).rejects.toMatchObject({ name: 'RequestTooLargeException', $metadata: { httpStatusCode: 413 } });
    await expect(h.invoke()).rejects.toMatchObject({ name: 'TooManyRequestsException', message: 'Rate Exceeded.', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
  });

  test('invoking a function with no registered handler fails with a message that names sim.lambda(ref).handle(fn)', async () => {
    const { lambda } = setupLambda([fn('Worker')]);
    const out = await lambda.handle('Worker').invoke();
    expect(out.FunctionError).toBe('Unhandled');
    expect(JSON.parse(text(out.Payload)!).errorMessage).toMatch(/has no handler: call sim\.lambda\('Worker'\)\.handle/);
  });

  test('a duration longer than the Timeout (default 3 s) ends in Sandbox.Timedout', async () => {
    const { lambda } = setupLambda([fn('Worker')]);
    const h = lambda.handle('Worker').handle(() => 'late', { durationMs: 3001 });
    const out = await h.invoke();
    expect(out.FunctionError).toBe('Unhandled');
    expect(JSON.parse(text(out.Payload)!).errorMessage).toMatch(/Task timed out after 3\.00 seconds$/);
  });

  test('LogType Tail returns a base64 log tail with START, END and REPORT lines', async () => {
    const { lambda } = setupLambda([fn('Worker')]);
    const out = await lambda.handle('Worker').handle(() => 1).invoke({ LogType: 'Tail' });
    const log = Buffer.from(out.LogResult!, 'base64').toString();
    expect(log).toMatch(/^START RequestId: .* Version: \$LATEST\nEND RequestId: .*\nREPORT RequestId: /);
  });

  test('an explicit Deny in the function policy refuses the owner\'s invoke', async () => {
    const { lambda } = setupLambda([fn('Worker')], { iam: 'deny' });
    await expect(lambda.handle('Worker').handle(() => 1).invoke()).rejects.toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
  });

  test('handle exposes the function name, ARN, timeout and resolved environment', () => {
    const { lambda } = setupLambda([fn('Worker', { Timeout: '12', Environment: { Variables: { QUEUE_URL: 'https://q', LIMIT: 5 } } })]);
    const h = lambda.handle('Worker');
    expect([h.functionName, h.functionArn, h.timeoutSeconds]).toEqual(['Worker', FUNCTION_ARN('Worker'), 12]);
    expect(h.environment).toEqual({ QUEUE_URL: 'https://q', LIMIT: '5' });
    expect(() => lambda.handle('Nope')).toThrow(/no AWS::Lambda::Function 'Nope'/);
  });
});

describe('function resources', () => {
  test('aws-cdk-lib\'s BucketNotificationsHandler (a custom-resource provider) is infrastructure: no handler is needed or accepted', async () => {
    const { lambda } = setupLambda([
      fn('BucketNotificationsHandler050a0587b7544547bf325f094a3db8347ECC3691', { Runtime: 'python3.13', Timeout: 300 }),
      resource('Custom::S3BucketNotifications', 'BNotifications', { ServiceToken: FUNCTION_ARN('BucketNotificationsHandler050a0587b7544547bf325f094a3db8347ECC3691'), BucketName: 'b' }),
    ]);
    const h = lambda.handle('BucketNotificationsHandler050a0587b7544547bf325f094a3db8347ECC3691');
    expect(h.infrastructure).toBe(true);
    expect(() => h.handle(() => 1)).toThrow(/deployment infrastructure/);
    const out = await h.invoke();
    expect(JSON.parse(out.Payload!.transformToString()).errorType).toBe('Simulator.InfrastructureFunction');
  });

  test('out-of-range Timeout / MemorySize and FIFO dead-letter targets fail to load', () => {
    expect(() => setupLambda([fn('Worker', { Timeout: 901 })])).toThrow(/#\/Timeout: failed validation constraint for keyword \[maximum\]/);
    expect(() => setupLambda([fn('Worker', { MemorySize: 64 })])).toThrow(/#\/MemorySize/);
    expect(() => setupLambda([fn('Worker', { DeadLetterConfig: { TargetArn: 'arn:aws:sqs:us-east-1:123456789012:d.fifo' } })])).toThrow(/FIFO queue/);
    expect(() => setupLambda([fn('Worker', { DeadLetterConfig: { TargetArn: 'arn:aws:s3:::b' } })])).toThrow(/SQS queue or Amazon SNS topic/);
  });

  test('AWS::Lambda::Permission becomes the resource-policy statement Lambda stores (principal, action, resource, conditions)', () => {
    const p = resource('AWS::Lambda::Permission', 'AllowS3', {
      Action: 'lambda:InvokeFunction',
      FunctionName: FUNCTION_ARN('Worker'),
      Principal: 's3.amazonaws.com',
      SourceAccount: '123456789012',
      SourceArn: 'arn:aws:s3:::uploads',
    });
    expect(permissionStatement(p, FUNCTION_ARN('Worker'), TEST_ENV)).toEqual({
      Sid: 'AllowS3',
      Effect: 'Allow',
      Principal: { Service: 's3.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: FUNCTION_ARN('Worker'),
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::uploads' } },
    });
    const account = resource('AWS::Lambda::Permission', 'AllowAcct', { Action: 'lambda:InvokeFunction', FunctionName: 'Worker', Principal: '111122223333' });
    expect(permissionStatement(account, FUNCTION_ARN('Worker'), TEST_ENV).Principal).toEqual({ AWS: 'arn:aws:iam::111122223333:root' });
    expect(() => permissionStatement({ ...account, properties: { ...account.properties, Action: 's3:GetObject' } }, FUNCTION_ARN('Worker'), TEST_ENV)).toThrow(/not a Lambda action/);
  });

  test('functionMetric reports cumulative Invocations and Errors for CloudWatch alarms', async () => {
    const { lambda } = setupLambda([fn('Worker')]);
    const h = lambda.handle('Worker').handle((e: { fail?: boolean }) => {
      if (e.fail) throw new Error('x');
    });
    await h.invoke({ Payload: '{}' });
    await h.invoke({ Payload: '{"fail":true}' });
    expect(lambda.functionMetric('Worker', 'Invocations')).toBe(2);
    expect(lambda.functionMetric('Worker', 'Errors')).toBe(1);
    expect(lambda.functionMetric('Worker', 'Duration')).toBeUndefined();
    expect(lambda.functionMetric('Nope', 'Errors')).toBeUndefined();
  });
});
