import { Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Simulator, SimulatorOptions } from '../../../src/sim';

const PARTNER = 'arn:aws:iam::999999999999:role/Partner';

function app(configure?: (s: { stack: Stack; queue: sqs.Queue; fn: lambda.Function; table: dynamodb.Table }) => void) {
  const stack = new Stack();
  const queue = new sqs.Queue(stack, 'Orders');
  const table = new dynamodb.Table(stack, 'Ledger', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
  const fn = new lambda.Function(stack, 'Worker', {
    runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {}'),
  });
  configure?.({ stack, queue, fn, table });
  return { stack, queue, fn, table };
}

function load(a: ReturnType<typeof app>, options: SimulatorOptions = {}) {
  return Simulator.fromStack(a.stack, options);
}

describe('identity-based policies (IAM policy evaluation logic, same account)', () => {
  test('a missing grant: no identity-based policy allows sqs:SendMessage -> AccessDenied, and the trace names the implicit deny', async () => {
    const a = app();
    const sim = load(a);
    const role = sim.resource(a.fn.role!).attributes.Arn;
    await expect(sim.as(a.fn.role!).queue(a.queue).sendMessage({ MessageBody: 'x' })).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: ${role} is not authorized to perform: sqs:SendMessage on resource: ${sim.queue(a.queue).queueArn} `
        + 'because no identity-based policy allows the sqs:SendMessage action',
    });
    const [denied] = sim.trace.filter({ type: 'denied' });
    expect(denied.detail).toMatchObject({ action: 'sqs:SendMessage', principal: role, statement: 'no statement allows', decision: 'implicit', enforced: true });
    expect(sim.queue(a.queue).peek().length).toBe(0);
  });

  test('queue.grantSendMessages(fn): the role\'s identity-based policy allows the send', async () => {
    const a = app(({ queue, fn }) => queue.grantSendMessages(fn));
    const sim = load(a);
    await sim.as(a.fn.role!).queue(a.queue).sendMessage({ MessageBody: 'x' });
    expect(sim.queue(a.queue).peek().length).toBe(1);
    expect(sim.trace.filter({ type: 'denied' })).toHaveLength(0);
    // The grant is for sending only.
    await expect(sim.as(a.fn.role!).queue(a.queue).receiveMessage({})).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  test('the test\'s own handle calls run as the account root (the administrator): allowed without any grant', async () => {
    const a = app();
    const sim = load(a);
    await sim.queue(a.queue).sendMessage({ MessageBody: 'x' });
    await sim.table(a.table).putItem({ Item: { pk: { S: '1' } } });
    expect(sim.trace.filter({ type: 'denied' })).toHaveLength(0);
  });

  test('an explicit Deny in an identity-based policy overrides the grant; the trace names the deciding statement', async () => {
    const a = app(({ queue, fn }) => {
      queue.grantSendMessages(fn);
      fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'NoSends', effect: iam.Effect.DENY, actions: ['sqs:SendMessage'], resources: [queue.queueArn] }));
    });
    const sim = load(a);
    await expect(sim.as(a.fn.role!).queue(a.queue).sendMessage({ MessageBody: 'x' })).rejects.toMatchObject({
      name: 'AccessDenied', message: expect.stringContaining('with an explicit deny in an identity-based policy'),
    });
    const [denied] = sim.trace.filter({ type: 'denied' });
    expect(denied.detail).toMatchObject({ decision: 'explicit', statement: expect.stringMatching(/^WorkerServiceRoleDefaultPolicy\w+ NoSends$/) });
  });

  test('a permissions boundary caps the identity-based policies: granted but outside the boundary is denied', async () => {
    const a = app(({ stack, queue, fn }) => {
      queue.grantSendMessages(fn);
      const boundary = new iam.ManagedPolicy(stack, 'Boundary', { statements: [new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage'], resources: ['*'] })] });
      iam.PermissionsBoundary.of(fn).apply(boundary);
    });
    const sim = load(a);
    await expect(sim.as(a.fn.role!).queue(a.queue).sendMessage({ MessageBody: 'x' })).rejects.toMatchObject({
      message: expect.stringContaining('because no permissions boundary allows the sqs:SendMessage action'),
    });
  });

  test('a queue policy naming the role ARN allows without an identity grant, but is still capped by the role\'s permissions boundary', async () => {
    const named = (withBoundary: boolean) => app(({ stack, queue, fn }) => {
      queue.addToResourcePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], principals: [fn.role!], resources: [queue.queueArn] }));
      if (withBoundary) {
        const boundary = new iam.ManagedPolicy(stack, 'Boundary', { statements: [new iam.PolicyStatement({ actions: ['logs:*'], resources: ['*'] })] });
        iam.PermissionsBoundary.of(fn).apply(boundary);
      }
    });
    const open = named(false);
    const sim = load(open);
    await sim.as(open.fn.role!).queue(open.queue).sendMessage({ MessageBody: 'x' });
    expect(sim.queue(open.queue).peek().length).toBe(1);

    const capped = named(true);
    const sim2 = load(capped);
    await expect(sim2.as(capped.fn.role!).queue(capped.queue).sendMessage({ MessageBody: 'x' })).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  test('DynamoDB (no resource policy): table.grantWriteData(fn) allows PutItem, a missing grant is AccessDeniedException', async () => {
    const denied = app();
    const sim = load(denied);
    await expect(sim.as(denied.fn.role!).table(denied.table).putItem({ Item: { pk: { S: '1' } } })).rejects.toMatchObject({
      name: 'AccessDeniedException', message: expect.stringContaining('because no identity-based policy allows the dynamodb:PutItem action'),
    });
    const granted = app(({ table, fn }) => table.grantWriteData(fn));
    const sim2 = load(granted);
    await sim2.as(granted.fn.role!).table(granted.table).putItem({ Item: { pk: { S: '1' } } });
    await expect(sim2.as(granted.fn.role!).table(granted.table).getItem({ Key: { pk: { S: '1' } } })).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect((await sim2.table(granted.table).getItem({ Key: { pk: { S: '1' } } })).Item).toEqual({ pk: { S: '1' } });
  });
});

describe('cross-account requests (cross-account policy evaluation logic: both sides must allow)', () => {
  test('another account\'s principal needs the queue policy to name it; its own identity side is unknown and listed in sim.unsupported', async () => {
    const closed = app();
    const sim = load(closed);
    await expect(sim.as(PARTNER).queue(closed.queue).sendMessage({ MessageBody: 'x' })).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(sim.trace.filter({ type: 'denied' })[0].detail).toMatchObject({ reason: expect.stringContaining('because no resource-based policy allows') });

    const shared = app(({ queue }) => queue.addToResourcePolicy(new iam.PolicyStatement({
      actions: ['sqs:SendMessage'], principals: [new iam.AccountPrincipal('999999999999')], resources: [queue.queueArn],
    })));
    const sim2 = load(shared);
    await sim2.as(PARTNER).queue(shared.queue).sendMessage({ MessageBody: 'x' });
    expect(sim2.queue(shared.queue).peek().length).toBe(1);
    expect(sim2.unsupported.features).toEqual(expect.arrayContaining([
      expect.objectContaining({ logicalId: PARTNER, reason: expect.stringContaining('identity-based policies unknown') }),
    ]));
  });
});

describe('iam modes', () => {
  test('iam: \'report\' records what would be denied (enforced: false) and lets it through', async () => {
    const a = app();
    const sim = load(a, { iam: 'report' });
    await sim.as(a.fn.role!).queue(a.queue).sendMessage({ MessageBody: 'x' });
    expect(sim.queue(a.queue).peek().length).toBe(1);
    expect(sim.trace.filter({ type: 'denied' }).map(e => e.detail)).toEqual([
      expect.objectContaining({ action: 'sqs:SendMessage', enforced: false, decision: 'implicit' }),
    ]);
  });

  test('iam: \'off\' evaluates no policy at all', async () => {
    const a = app();
    const sim = load(a, { iam: 'off' });
    await sim.as(a.fn.role!).queue(a.queue).sendMessage({ MessageBody: 'x' });
    await sim.as(a.fn.role!).table(a.table).putItem({ Item: { pk: { S: '1' } } });
    expect(sim.trace.filter({ type: 'denied' })).toHaveLength(0);
  });
});

describe('sim.as(principal)', () => {
  test('takes a role ARN, a role construct or its logical id; test utilities are refused on the view', async () => {
    const a = app(({ queue, fn }) => queue.grantSendMessages(fn));
    const sim = load(a);
    const arn = sim.resource(a.fn.role!).attributes.Arn;
    expect(sim.as(arn).principal).toBe(arn);
    expect(sim.as(sim.resource(a.fn.role!).logicalId).principal).toBe(arn);
    expect(() => sim.as(a.fn.role!).queue(a.queue).peek()).toThrow('not an API action');
    expect(() => sim.as(a.queue)).toThrow('not an IAM role or user');
  });
});

describe('AWS managed policies and condition keys', () => {
  test('AWS managed policies in the simulator\'s table grant their documented actions; others grant nothing and are listed', async () => {
    const a = app(({ fn }) => {
      fn.role!.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaSQSQueueExecutionRole'));
      fn.role!.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSQSFullAccess'));
    });
    const sim = load(a);
    await sim.queue(a.queue).sendMessage({ MessageBody: 'x' });
    const out = await sim.as(a.fn.role!).queue(a.queue).receiveMessage({});
    expect(out.Messages).toHaveLength(1);
    await expect(sim.as(a.fn.role!).queue(a.queue).sendMessage({ MessageBody: 'y' })).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(sim.unsupported.features).toEqual(expect.arrayContaining([
      expect.objectContaining({ type: 'AWS::IAM::Role', reason: expect.stringContaining('AmazonSQSFullAccess is not in the simulator\'s table') }),
    ]));
  });

  test('a condition on a key the simulator does not set finds it absent (the statement does not apply) and the key is listed once', async () => {
    const a = app(({ queue, fn }) => fn.addToRolePolicy(new iam.PolicyStatement({
      actions: ['sqs:SendMessage'], resources: [queue.queueArn], conditions: { StringEquals: { 'aws:PrincipalOrgID': 'o-123' } },
    })));
    const sim = load(a);
    await expect(sim.as(a.fn.role!).queue(a.queue).sendMessage({ MessageBody: 'x' })).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(sim.as(a.fn.role!).queue(a.queue).sendMessage({ MessageBody: 'x' })).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(sim.unsupported.features.filter(f => f.reason.includes('aws:PrincipalOrgID'))).toHaveLength(1);
  });

  test('aws:SecureTransport and aws:PrincipalArn conditions in identity policies are evaluated', async () => {
    const a = app(({ queue, fn }) => fn.addToRolePolicy(new iam.PolicyStatement({
      actions: ['sqs:SendMessage'], resources: [queue.queueArn], conditions: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*Worker*' } },
    })));
    const sim = load(a);
    await sim.as(a.fn.role!).queue(a.queue).sendMessage({ MessageBody: 'x' });
    expect(sim.queue(a.queue).peek().length).toBe(1);
  });
});

describe('services without resource policies: Step Functions', () => {
  test('StartExecution as a role needs states:StartExecution on the state machine (stateMachine.grantStartExecution)', async () => {
    const build = (grant: boolean) => {
      const a = app();
      const machine = new sfn.StateMachine(a.stack, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(a.stack, 'Done')) });
      if (grant) machine.grantStartExecution(a.fn);
      return { ...a, machine };
    };
    const denied = build(false);
    const sim = load(denied);
    await expect(sim.as(denied.fn.role!).stateMachine(denied.machine).startExecution({ input: '{}' })).rejects.toMatchObject({
      name: 'AccessDeniedException', message: expect.stringContaining('no identity-based policy allows the states:StartExecution action'),
    });
    const granted = build(true);
    const sim2 = load(granted);
    const out = await sim2.as(granted.fn.role!).stateMachine(granted.machine).startExecution({ input: '{}' });
    expect(out.executionArn).toContain(':execution:');
  });
});

describe('service integrations call as their role', () => {
  test('a Step Functions task runs as the state machine role: a grant on the wrong table fails the execution, the denial in the trace', async () => {
    const a = app();
    const task = new tasks.CallAwsService(a.stack, 'Put', {
      service: 'dynamodb',
      action: 'putItem',
      parameters: { TableName: a.table.tableName, Item: { pk: { S: 'x' } } },
      iamResources: [a.stack.formatArn({ service: 'dynamodb', resource: 'table', resourceName: 'other' })],
    });
    const machine = new sfn.StateMachine(a.stack, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(task) });
    const sim = load(a);
    const { executionArn } = await sim.stateMachine(machine).startExecution({ input: '{}' });
    await sim.runUntilIdle();
    expect((await sim.stateMachine(machine).describeExecution({ executionArn })).status).toBe('FAILED');
    const role = sim.resource(machine.role).attributes.Arn;
    expect(sim.trace.filter({ type: 'denied' }).map(e => e.detail)).toEqual([
      expect.objectContaining({ action: 'dynamodb:PutItem', principal: role, statement: 'no statement allows' }),
    ]);
  });
});
