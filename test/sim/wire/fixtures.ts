/** A small template with one resource of each simulated service the wire layer carries, for the wire tests. */
export const ACCOUNT = '123456789012';

export const TEMPLATE = {
  Resources: {
    Orders: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'orders' } },
    Jobs: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'jobs', ReceiveMessageWaitTimeSeconds: 0 } },
    Events: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'events' } },
    EventsToJobs: {
      Type: 'AWS::SNS::Subscription',
      Properties: { TopicArn: { Ref: 'Events' }, Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': ['Jobs', 'Arn'] }, RawMessageDelivery: true },
    },
    JobsPolicy: {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [{ Ref: 'Jobs' }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: { 'Fn::GetAtt': ['Jobs', 'Arn'] },
            Condition: { ArnEquals: { 'aws:SourceArn': { Ref: 'Events' } } },
          }],
        },
      },
    },
    Archive: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'archive' } },
    Echo: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        FunctionName: 'echo',
        Runtime: 'nodejs20.x',
        Handler: 'index.handler',
        Code: { ZipFile: 'exports.handler = async e => e;' },
        Role: `arn:aws:iam::${ACCOUNT}:role/echo-role`,
      },
    },
  },
};
