import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { WorkflowPipeline, WorkflowSteps, WorkflowType } from '../../src';
import { APP_VARIANTS, newStack, synthWarnings } from '../util/apps';
import { nagErrors } from '../util/nag';

function fn(stack: Stack, id = 'Fn'): lambda.IFunction {
  return lambda.Function.fromFunctionArn(stack, id, `arn:aws:lambda:us-east-1:123456789012:function:${id}`);
}

/** The rendered Amazon States Language of the only state machine in the stack. */
function asl(stack: Stack): any {
  const sm = Object.values(Template.fromStack(stack).findResources('AWS::StepFunctions::StateMachine'))[0];
  const body = sm.Properties.DefinitionString;
  if (typeof body === 'string') return JSON.parse(body);
  return JSON.parse(body['Fn::Join'][1].map((p: unknown) => (typeof p === 'string' ? p : 'TOKEN')).join(''));
}

describe('WorkflowPipeline defaults', () => {
  test('Standard, 1 hour timeout, X-Ray tracing, logs at level ALL with execution data to a KMS-encrypted vended log group', () => {
    const stack = newStack();
    new WorkflowPipeline(stack, 'Flow', { definition: new sfn.Pass(stack, 'Start') });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true, Destinations: [Match.anyValue()] },
      EncryptionConfiguration: Match.objectLike({ Type: 'CUSTOMER_MANAGED_KMS_KEY' }),
    });
    expect(asl(stack).TimeoutSeconds).toBe(3600);
    t.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: Match.stringLikeRegexp('^/aws/vendedlogs/states/'),
      RetentionInDays: 365,
      KmsKeyId: Match.anyValue(),
    });
  });

  test('Express defaults to a 5 minute timeout', () => {
    const stack = newStack();
    new WorkflowPipeline(stack, 'Flow', { definition: new sfn.Pass(stack, 'Start'), workflowType: WorkflowType.EXPRESS });
    Template.fromStack(stack).hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineType: 'EXPRESS' });
    expect(asl(stack).TimeoutSeconds).toBe(300);
  });

  test('a definition body is accepted as is', () => {
    const stack = newStack();
    const body = sfn.DefinitionBody.fromString(JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Succeed' } } }));
    new WorkflowPipeline(stack, 'Flow', { definitionBody: body });
    Template.fromStack(stack).hasResourceProperties('AWS::StepFunctions::StateMachine', { DefinitionString: Match.stringLikeRegexp('"StartAt":"A"') });
  });

  test.each(APP_VARIANTS)('zero cdk-nag errors in all four packs and no warnings (%s)', (_name, makeApp) => {
    const stack = newStack(makeApp());
    const steps = new WorkflowSteps(stack, 'Steps', { failureTopic: new sns.Topic(stack, 'Failures', { enforceSSL: true }) });
    new WorkflowPipeline(stack, 'Flow', { definition: steps.invokeLambda('Work', fn(stack)) });
    expect(nagErrors(stack.node.findChild('Flow'))).toEqual([]);
    expect(nagErrors(stack.node.findChild('Steps'))).toEqual([]);
    expect(synthWarnings(stack)).toEqual([]);
  });

  test('the state machine may invoke exactly the unqualified function ARN, through a managed (not inline) policy', () => {
    const stack = newStack();
    const steps = new WorkflowSteps(stack, 'Steps');
    new WorkflowPipeline(stack, 'Flow', { definition: steps.invokeLambda('Work', fn(stack)) });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::IAM::Policy', 0);
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:Fn' }]) },
    });
  });
});

describe('WorkflowPipeline validation', () => {
  const pass = (stack: Stack) => new sfn.Pass(stack, 'Start');

  test('Express rejects timeouts over 5 minutes; Standard over 1 year', () => {
    const s1 = newStack(new App());
    expect(() => new WorkflowPipeline(s1, 'F', { definition: pass(s1), workflowType: WorkflowType.EXPRESS, timeout: Duration.minutes(6) }))
      .toThrow(/timeout \(6 minutes\).*1 second to 5 minutes for EXPRESS workflows/);
    const s2 = newStack(new App());
    expect(() => new WorkflowPipeline(s2, 'F', { definition: pass(s2), timeout: Duration.days(366) }))
      .toThrow(/timeout \(366 days\).*1 second to 1 year for STANDARD workflows/);
    const s3 = newStack(new App());
    expect(() => new WorkflowPipeline(s3, 'F', { definition: pass(s3), timeout: Duration.days(365) })).not.toThrow();
  });

  test('exactly one of definition and definitionBody', () => {
    const stack = newStack(new App());
    expect(() => new WorkflowPipeline(stack, 'F', {})).toThrow(/definition\/definitionBody \("neither"\)/);
    expect(() => new WorkflowPipeline(stack, 'G', { definition: pass(stack), definitionBody: sfn.DefinitionBody.fromString('{}') }))
      .toThrow(/definition\/definitionBody \("both"\)/);
  });

  test('Express rejects .sync integrations (run a job), which only Standard workflows support', () => {
    const stack = newStack(new App());
    const steps = new WorkflowSteps(stack, 'Steps');
    const job = steps.submitBatchJob('Crunch', 'arn:aws:batch:us-east-1:123456789012:job-queue/q', 'arn:aws:batch:us-east-1:123456789012:job-definition/d:1');
    expect(() => new WorkflowPipeline(stack, 'F', { definition: job, workflowType: WorkflowType.EXPRESS }))
      .toThrow(/workflowType \("EXPRESS"\).*state "Crunch" uses the .sync \(run a job\) integration pattern/);
  });
});

describe('WorkflowSteps', () => {
  test('Lambda steps retry service exceptions and throttling with backoff and jitter, and catch everything into the failure chain', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Failures');
    const steps = new WorkflowSteps(stack, 'Steps', { failureTopic: topic, failureQueue: new sqs.Queue(stack, 'FailQ') });
    new WorkflowPipeline(stack, 'Flow', { definition: steps.invokeLambda('Charge', fn(stack)) });
    const states = asl(stack).States;
    expect(states.Charge.Retry).toEqual([{
      ErrorEquals: expect.arrayContaining(['Lambda.ServiceException', 'Lambda.TooManyRequestsException']),
      IntervalSeconds: 2,
      MaxAttempts: 6,
      BackoffRate: 2,
      JitterStrategy: 'FULL',
    }]);
    expect(states.Charge.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'NotifyFailureTopic' }]);
    expect(states.NotifyFailureTopic.Next).toBe('NotifyFailureQueue');
    expect(states.NotifyFailureQueue.Next).toBe('Failed');
    expect(states.Failed).toEqual({ Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' });
  });

  test('every helper builds the state it names, with the service integration it promises', () => {
    const stack = newStack();
    const steps = new WorkflowSteps(stack, 'Steps');
    const table = new dynamodb.Table(stack, 'T', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    const chain = steps.publish('Tell', new sns.Topic(stack, 'Topic'), sfn.TaskInput.fromText('hi'))
      .next(steps.sendMessage('Queue', new sqs.Queue(stack, 'Q'), sfn.TaskInput.fromJsonPathAt('$')))
      .next(steps.putItem('Save', table, { pk: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.id')) }))
      .next(steps.wait('Pause', Duration.minutes(30)))
      .next(steps.parallel('Both', [new sfn.Pass(stack, 'A'), new sfn.Pass(stack, 'B')]))
      .next(steps.map('Each', new sfn.Pass(stack, 'Item'), { maxConcurrency: 5 }))
      .next(steps.choice('Done?').when(sfn.Condition.isPresent('$.ok'), new sfn.Succeed(stack, 'Yes')).otherwise(new sfn.Fail(stack, 'No')));
    new WorkflowPipeline(stack, 'Flow', { definition: chain });
    const states = asl(stack).States;
    expect(states.Tell.Resource).toMatch(/:states:::sns:publish$/);
    expect(states.Tell.Retry[0].ErrorEquals).toContain('SNS.ThrottledException');
    expect(states.Queue.Resource).toMatch(/:states:::sqs:sendMessage$/);
    expect(states.Save.Resource).toMatch(/:states:::dynamodb:putItem$/);
    expect(states.Save.Retry[0].ErrorEquals).toContain('DynamoDB.ProvisionedThroughputExceededException');
    expect(states.Pause).toMatchObject({ Type: 'Wait', Seconds: 1800 });
    expect(states.Both.Type).toBe('Parallel');
    expect(states.Both.Catch[0].ErrorEquals).toEqual(['States.ALL']);
    expect(states.Each).toMatchObject({ Type: 'Map', ItemsPath: '$.items', MaxConcurrency: 5 });
    expect(states['Done?'].Type).toBe('Choice');
  });

  test('Batch jobs run with .sync and pass parameters', () => {
    const stack = newStack();
    const steps = new WorkflowSteps(stack, 'Steps');
    new WorkflowPipeline(stack, 'Flow', {
      definition: steps.submitBatchJob('Crunch', 'arn:aws:batch:us-east-1:123456789012:job-queue/q', 'arn:aws:batch:us-east-1:123456789012:job-definition/d:1', {
        parameters: { 'key.$': '$.key' },
      }),
    });
    const state = asl(stack).States.Crunch;
    expect(state.Resource).toMatch(/:states:::batch:submitJob.sync$/);
    expect(state.Parameters.Parameters).toEqual({ 'key.$': '$.key' });
  });

  test('retries can be turned off and catching skipped per step', () => {
    const stack = newStack();
    const steps = new WorkflowSteps(stack, 'Steps', { retryTransientErrors: false });
    new WorkflowPipeline(stack, 'Flow', { definition: steps.invokeLambda('Charge', fn(stack), { catchFailures: false }) });
    const state = asl(stack).States.Charge;
    expect(state.Retry).toBeUndefined();
    expect(state.Catch).toBeUndefined();
  });
});
