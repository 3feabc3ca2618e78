/**
 * End to end on a raw template: an upload to S3 notifies an SNS topic (topic policy must allow S3), which invokes a
 * Lambda function asynchronously (its permission must allow the topic).
 */
import { Simulator } from '../../../src/sim';

function template(options: { topicPolicy?: boolean; permission?: boolean } = {}): object {
  const resources: Record<string, unknown> = {
    Uploads: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketName: 'uploads-bucket',
        NotificationConfiguration: {
          TopicConfigurations: [{
            Event: 's3:ObjectCreated:*',
            Topic: { Ref: 'Events' },
            Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'incoming/' }, { Name: 'suffix', Value: '.csv' }] } },
          }],
        },
      },
      DependsOn: options.topicPolicy === false ? [] : ['EventsPolicy'],
    },
    Events: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'upload-events' } },
    Worker: {
      Type: 'AWS::Lambda::Function',
      Properties: { FunctionName: 'worker', Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'x' }, Role: 'arn:aws:iam::123456789012:role/worker' },
    },
    WorkerSubscription: {
      Type: 'AWS::SNS::Subscription',
      Properties: { TopicArn: { Ref: 'Events' }, Protocol: 'lambda', Endpoint: { 'Fn::GetAtt': ['Worker', 'Arn'] } },
    },
  };
  if (options.topicPolicy !== false) {
    resources.EventsPolicy = {
      Type: 'AWS::SNS::TopicPolicy',
      Properties: {
        Topics: [{ Ref: 'Events' }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: { Ref: 'Events' },
            // The literal ARN: a Ref to the bucket here would be a cycle, since the bucket depends on this policy.
            Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::uploads-bucket' } },
          }],
        },
      },
    };
  }
  if (options.permission !== false) {
    resources.WorkerPermission = {
      Type: 'AWS::Lambda::Permission',
      Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'Worker' }, Principal: 'sns.amazonaws.com', SourceArn: { Ref: 'Events' } },
    };
  }
  return { Resources: resources };
}

describe('S3 upload -> SNS topic -> Lambda (raw template)', () => {
  test('an upload matching the prefix/suffix filter reaches the function as an SNS event wrapping the S3 event', async () => {
    const sim = Simulator.fromTemplate(template());
    const events: any[] = [];
    sim.lambda('Worker').handle(async (event: any) => { events.push(event); });

    await sim.bucket('Uploads').putObject({ Key: 'incoming/orders.csv', Body: 'a,b\n' });
    await sim.bucket('Uploads').putObject({ Key: 'incoming/readme.txt', Body: 'no' });
    await sim.bucket('Uploads').putObject({ Key: 'other/orders.csv', Body: 'no' });
    await sim.runUntilIdle();

    expect(events).toHaveLength(1);
    const record = events[0].Records[0];
    expect(record.EventSource).toBe('aws:sns');
    expect(record.Sns.TopicArn).toBe('arn:aws:sns:us-east-1:123456789012:upload-events');
    const s3Event = JSON.parse(record.Sns.Message);
    expect(s3Event.Records[0]).toMatchObject({
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      s3: { bucket: { name: 'uploads-bucket', arn: 'arn:aws:s3:::uploads-bucket' }, object: { key: 'incoming/orders.csv' } },
    });
    expect(sim.trace.summary({ type: 'invoked' })).toEqual(['lambda:Worker:invoked']);
  });

  test('without a topic policy allowing S3, the notification is denied and shows in the trace', async () => {
    const sim = Simulator.fromTemplate(template({ topicPolicy: false }));
    const handler = jest.fn();
    sim.lambda('Worker').handle(handler);
    await sim.bucket('Uploads').putObject({ Key: 'incoming/orders.csv', Body: 'x' });
    await sim.runUntilIdle();
    expect(handler).not.toHaveBeenCalled();
    expect(sim.trace.find({ service: 'sns', type: 'denied' })).toMatchObject({ resource: 'Events', detail: { action: 'sns:Publish', principal: 's3.amazonaws.com' } });
  });

  test('without a Lambda permission for the topic, the delivery is denied and the function never runs', async () => {
    const sim = Simulator.fromTemplate(template({ permission: false }));
    const handler = jest.fn();
    sim.lambda('Worker').handle(handler);
    await sim.bucket('Uploads').putObject({ Key: 'incoming/orders.csv', Body: 'x' });
    await sim.runUntilIdle();
    expect(handler).not.toHaveBeenCalled();
    expect(sim.trace.some({ service: 'lambda', type: 'denied', resource: 'Worker' })).toBe(true);
  });

  test('same inputs, same trace (seeded ids, virtual time)', async () => {
    const run = async () => {
      const sim = Simulator.fromTemplate(template());
      sim.lambda('Worker').handle(async () => 'ok');
      await sim.bucket('Uploads').putObject({ Key: 'incoming/a.csv', Body: '1' });
      await sim.runUntilIdle();
      return JSON.stringify(sim.trace);
    };
    expect(await run()).toBe(await run());
  });
});
