import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { DEFAULT_START_TIME, Simulator } from '../../../src/sim';

const TEMPLATE = {
  Resources: {
    OrdersTopic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'orders' }, Metadata: { 'aws:cdk:path': 'App/Orders/Topic/Resource' } },
    RefundsTopic: { Type: 'AWS::SNS::Topic', Metadata: { 'aws:cdk:path': 'App/Refunds/Topic/Resource' } },
    Worker: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'worker', Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'x' }, Role: { 'Fn::GetAtt': ['WorkerRole', 'Arn'] } } },
    WorkerRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
    Key: { Type: 'AWS::KMS::Key', Properties: {} },
    Dashboard: { Type: 'AWS::CloudWatch::Dashboard', Properties: { DashboardBody: '{}' } },
  },
};

describe('Simulator: time', () => {
  test('starts at a fixed virtual time by default (runs repeat exactly), or at options.startTime', () => {
    expect(Simulator.fromTemplate(TEMPLATE).now()).toBe(DEFAULT_START_TIME);
    expect(Simulator.fromTemplate(TEMPLATE, { startTime: new Date('2030-05-01T00:00:00Z') }).now()).toBe(Date.parse('2030-05-01T00:00:00Z'));
  });

  test('advance moves virtual time; a negative duration is refused', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    await sim.advance(15 * 60 * 1000);
    expect(sim.now()).toBe(DEFAULT_START_TIME + 15 * 60 * 1000);
    await expect(sim.advance(-1)).rejects.toThrow('finite number of milliseconds >= 0');
  });

  test('runUntilIdle returns at once when nothing is pending', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    await expect(sim.runUntilIdle()).resolves.toEqual({ idle: true, now: DEFAULT_START_TIME, tasksRun: 0, denied: 0, problems: [] });
  });
});

describe('Simulator: environment', () => {
  test('defaults: account 123456789012, region us-east-1; ARNs follow the options', () => {
    const sim = Simulator.fromTemplate(TEMPLATE, { account: '111122223333', region: 'eu-west-1' });
    expect(sim.env).toMatchObject({ account: '111122223333', region: 'eu-west-1', partition: 'aws' });
    expect(sim.topic('OrdersTopic').topicArn).toBe('arn:aws:sns:eu-west-1:111122223333:orders');
    expect(Simulator.fromTemplate(TEMPLATE).topic('OrdersTopic').topicArn).toBe('arn:aws:sns:us-east-1:123456789012:orders');
  });

  test('an account that is not 12 digits is refused', () => {
    expect(() => Simulator.fromTemplate(TEMPLATE, { account: '123' })).toThrow("account '123' is not a 12-digit AWS account id");
  });

  test('resources without runtime behaviour are listed in sim.unsupported with the reason, not fatal', () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    expect(sim.unsupported.resources).toEqual(expect.arrayContaining([
      { logicalId: 'Dashboard', type: 'AWS::CloudWatch::Dashboard', reason: expect.stringContaining('not simulated'), impact: 'resource' },
    ]));
    // Roles and keys are loaded for their policies (identity-based policies, key policies), not listed.
    expect(sim.unsupported.resources.map(r => r.logicalId)).not.toContain('WorkerRole');
    expect(sim.unsupported.features).toEqual([]);
  });

  test('parameters override template defaults (and feed Fn::Sub names)', () => {
    const t = {
      Parameters: { Env: { Type: 'String', Default: 'dev' } },
      Resources: { T: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { 'Fn::Sub': 'orders-${Env}' } } } },
    };
    expect(Simulator.fromTemplate(t).topic('T').topicArn).toMatch(/:orders-dev$/);
    expect(Simulator.fromTemplate(t, { parameters: { Env: 'prod' } }).topic('T').topicArn).toMatch(/:orders-prod$/);
  });

  test('a template AWS would refuse to deploy fails to load with the error AWS reports (an invalid filter policy)', () => {
    const t = {
      Resources: {
        T: { Type: 'AWS::SNS::Topic' },
        S: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: 'T' }, Protocol: 'email', Endpoint: 'a@example.com', FilterPolicy: { n: [{ numeric: ['<'] }] } } },
      },
    };
    expect(() => Simulator.fromTemplate(t)).toThrow('S: Invalid parameter: Attributes Reason: FilterPolicy: Value of < must be numeric');
  });

  test('trace: false records nothing (for benchmarks)', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE, { trace: false });
    await sim.topic('OrdersTopic').publish({ Message: 'x' });
    expect(sim.trace.length).toBe(0);
  });

  test('sim.outputs holds the resolved Outputs', () => {
    const sim = Simulator.fromTemplate({ ...TEMPLATE, Outputs: { TopicArn: { Value: { Ref: 'OrdersTopic' } }, Fn: { Value: { 'Fn::GetAtt': ['Worker', 'Arn'] } } } });
    expect(sim.outputs).toEqual({
      TopicArn: 'arn:aws:sns:us-east-1:123456789012:orders',
      Fn: 'arn:aws:lambda:us-east-1:123456789012:function:worker',
    });
  });

  test('an unknown resource type is listed as unsupported', () => {
    const sim = Simulator.fromTemplate({ Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } } } });
    expect(sim.unsupported.all).toEqual([{ logicalId: 'Vpc', type: 'AWS::EC2::VPC', reason: 'not simulated: AWS::EC2::VPC has no simulated behaviour', impact: 'resource' }]);
  });
});

describe('Simulator: handle lookup', () => {
  const sim = Simulator.fromTemplate(TEMPLATE);

  test('by logical id, and by construct path (with or without the stack prefix and /Resource)', () => {
    expect(sim.topic('OrdersTopic').logicalId).toBe('OrdersTopic');
    expect(sim.topic('App/Orders/Topic/Resource').logicalId).toBe('OrdersTopic');
    expect(sim.topic('App/Orders/Topic').logicalId).toBe('OrdersTopic');
    expect(sim.topic('Orders/Topic').logicalId).toBe('OrdersTopic');
  });

  test('the same handle object is returned for the same resource', () => {
    expect(sim.topic('OrdersTopic')).toBe(sim.topic('Orders/Topic'));
  });

  test('an unknown ref throws an error listing the closest candidates of that type', () => {
    expect(() => sim.topic('OrderTopic')).toThrow("sim.topic('OrderTopic'): no such resource. Closest AWS::SNS::Topic resources: 'OrdersTopic (App/Orders/Topic/Resource)', 'RefundsTopic (App/Refunds/Topic/Resource)'.");
  });

  test('a ref to a resource of another type says which accessor to use', () => {
    expect(() => sim.topic('Worker')).toThrow("sim.topic('Worker'): 'Worker' is a AWS::Lambda::Function, not a AWS::SNS::Topic. Use sim.lambda('Worker').");
  });

  test('a template without any resource of the wanted type says so', () => {
    expect(() => sim.bucket('Uploads')).toThrow("sim.bucket('Uploads'): no such resource. The template has no AWS::S3::Bucket resource.");
  });

  test('a resource whose Condition is false is named as not created', () => {
    const s = Simulator.fromTemplate({
      Conditions: { Never: { 'Fn::Equals': ['a', 'b'] } },
      Resources: { T: { Type: 'AWS::SNS::Topic', Condition: 'Never' }, U: { Type: 'AWS::SNS::Topic' } },
    });
    expect(() => s.topic('T')).toThrow("resource 'T' is not created because its Condition 'Never' is false");
  });

  test('sim.resource(ref) gives the resolved template resource of any type', () => {
    expect(sim.resource('WorkerRole').attributes.Arn).toMatch(/^arn:aws:iam::123456789012:role\/SimStack-WorkerRole-[A-Z0-9]{13}$/);
  });
});

class Notifier extends Construct {
  public readonly topic: sns.Topic;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic');
  }
}

describe('Simulator.fromStack', () => {
  function build() {
    const app = new App();
    const stack = new Stack(app, 'Shop', { env: { account: '444455556666', region: 'eu-central-1' } });
    const notifier = new Notifier(stack, 'Notifier');
    const fn = new lambda.Function(stack, 'Handler', {
      runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {}'),
    });
    notifier.topic.addSubscription(new subs.LambdaSubscription(fn));
    const l1 = new sns.CfnTopic(stack, 'Raw', { topicName: 'raw' });
    return { stack, notifier, fn, l1 };
  }

  test('takes account, region and stack name from a concrete stack environment', () => {
    const { stack } = build();
    const sim = Simulator.fromStack(stack);
    expect(sim.env).toMatchObject({ account: '444455556666', region: 'eu-central-1', stackName: 'Shop' });
  });

  test('names resources by L1, L2 (its default child), an L3 holding one resource of the type, or construct path', () => {
    const { stack, notifier, fn, l1 } = build();
    const sim = Simulator.fromStack(stack);
    const topicId = stack.getLogicalId(notifier.topic.node.defaultChild as sns.CfnTopic);
    expect(sim.topic(notifier.topic).logicalId).toBe(topicId);
    expect(sim.topic(notifier).logicalId).toBe(topicId);
    expect(sim.topic(l1).logicalId).toBe('Raw');
    expect(sim.topic('Shop/Notifier/Topic').logicalId).toBe(topicId);
    expect(sim.topic('Notifier/Topic').logicalId).toBe(topicId);
    expect(sim.lambda(fn).functionArn).toMatch(/^arn:aws:lambda:eu-central-1:444455556666:function:Shop-Handler/);
  });

  test('a construct of another type, or with several resources of the type, gives a clear error', () => {
    const { stack, fn } = build();
    const sim = Simulator.fromStack(stack);
    expect(() => sim.topic(fn)).toThrow(/is a AWS::Lambda::Function, not a AWS::SNS::Topic\. Use sim\.lambda/);
    expect(() => sim.topic(stack)).toThrow(/the construct holds 2 AWS::SNS::Topic resources/);
  });
});
