/** Runs shared by the report tests: a poison message on a queue with a consumer, and SNS deliveries refused by queue policies. */
import { Simulator } from '../../../src/sim';

const role = {
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    // The event source mapping polls as this role: Lambda refuses the mapping without SQS permissions.
    ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole'],
  },
};

export const consumerTemplate = {
  Resources: {
    Orders: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 30, RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['OrdersDlq', 'Arn'] }, maxReceiveCount: 3 } } },
    OrdersDlq: { Type: 'AWS::SQS::Queue', Properties: {} },
    Role: role,
    Handler: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'x' }, Role: { 'Fn::GetAtt': ['Role', 'Arn'] } } },
    Mapping: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { EventSourceArn: { 'Fn::GetAtt': ['Orders', 'Arn'] }, FunctionName: { Ref: 'Handler' }, BatchSize: 1 } },
  },
};

const sub = (queue: string) => ({
  Type: 'AWS::SNS::Subscription',
  Properties: { TopicArn: { Ref: 'Topic' }, Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': [queue, 'Arn'] }, RawMessageDelivery: true },
});

/** SNS to two queues: `Audit` allows only another topic (implicit deny), `Blocked` denies this topic explicitly. */
export const deniedTemplate = {
  Resources: {
    Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'orders' } },
    Audit: { Type: 'AWS::SQS::Queue', Properties: {} },
    Blocked: { Type: 'AWS::SQS::Queue', Properties: {} },
    AuditPolicy: {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [{ Ref: 'Audit' }],
        PolicyDocument: {
          Statement: [{
            Sid: 'FromPaymentsTopic',
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: '*',
            Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:payments' } },
          }],
        },
      },
    },
    BlockedPolicy: {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [{ Ref: 'Blocked' }],
        PolicyDocument: {
          Statement: [
            { Sid: 'AllowSns', Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: '*' },
            { Sid: 'NoOrders', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: '*', Condition: { ArnEquals: { 'aws:SourceArn': { Ref: 'Topic' } } } },
          ],
        },
      },
    },
    ToAudit: sub('Audit'),
    ToBlocked: sub('Blocked'),
  },
};

export async function poisonRun(): Promise<Simulator> {
  const sim = Simulator.fromTemplate(consumerTemplate, { stackName: 'Shop' });
  sim.lambda('Handler').handle(async () => {
    throw new Error('cannot parse order');
  });
  await sim.queue('Orders').sendMessage({ MessageBody: 'not json' });
  await sim.runUntilIdle();
  return sim;
}

export async function deniedRun(): Promise<Simulator> {
  const sim = Simulator.fromTemplate(deniedTemplate, { stackName: 'Audit' });
  await sim.topic('Topic').publish({ Message: 'o-1' });
  await sim.runUntilIdle();
  return sim;
}
