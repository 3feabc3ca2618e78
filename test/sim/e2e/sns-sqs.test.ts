/**
 * End to end on a raw template: SNS fanout to SQS queues with filter policies, queue policies enforced, raw delivery
 * and the SNS JSON envelope, and a consumer that long-polls in virtual time.
 */
import { Simulator } from '../../../src/sim';

function queuePolicy(queue: string, topic: string): object {
  return {
    Type: 'AWS::SQS::QueuePolicy',
    Properties: {
      Queues: [{ Ref: queue }],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Principal: { Service: 'sns.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: { 'Fn::GetAtt': [queue, 'Arn'] },
          Condition: { ArnEquals: { 'aws:SourceArn': { Ref: topic } } },
        }],
      },
    },
  };
}

function subscription(queue: string, extra: object = {}): object {
  return { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: 'Orders' }, Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': [queue, 'Arn'] }, ...extra } };
}

function template(options: { refundsPolicy?: boolean } = {}): object {
  return {
    Parameters: { Env: { Type: 'String', Default: 'test' } },
    Resources: {
      Orders: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { 'Fn::Sub': 'orders-${Env}' } } },
      Processing: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'processing', ReceiveMessageWaitTimeSeconds: '20' } },
      Refunds: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'refunds' } },
      Audit: { Type: 'AWS::SQS::Queue' },
      ProcessingPolicy: queuePolicy('Processing', 'Orders'),
      ...(options.refundsPolicy === false ? {} : { RefundsPolicy: queuePolicy('Refunds', 'Orders') }),
      AuditPolicy: queuePolicy('Audit', 'Orders'),
      ProcessingSub: subscription('Processing', { FilterPolicy: { orderStatus: ['submitted'] }, RawMessageDelivery: 'true' }),
      // A filter policy as a JSON string, as CloudFormation also accepts.
      RefundsSub: subscription('Refunds', { FilterPolicy: JSON.stringify({ orderStatus: ['refunded'] }) }),
      AuditSub: subscription('Audit'),
    },
  };
}

describe('SNS -> SQS fanout (raw template)', () => {
  test('a submitted order reaches the processing queue and the audit queue, not the refunds queue', async () => {
    const sim = Simulator.fromTemplate(template());
    await sim.topic('Orders').publish({ Message: '{"id":1}', MessageAttributes: { orderStatus: { DataType: 'String', StringValue: 'submitted' } } });
    await sim.runUntilIdle();

    const processing = await sim.queue('Processing').receiveMessage({ MaxNumberOfMessages: 10 });
    expect(processing.Messages?.map(m => m.Body)).toEqual(['{"id":1}']);
    expect((await sim.queue('Refunds').receiveMessage({ WaitTimeSeconds: 0 })).Messages ?? []).toHaveLength(0);

    const audit = await sim.queue('Audit').receiveMessage({});
    const envelope = JSON.parse(audit.Messages![0].Body!);
    expect(envelope).toMatchObject({
      Type: 'Notification',
      TopicArn: 'arn:aws:sns:us-east-1:123456789012:orders-test',
      Message: '{"id":1}',
      MessageAttributes: { orderStatus: { Type: 'String', Value: 'submitted' } },
    });
    expect(sim.trace.some({ type: 'filtered-out', resource: 'RefundsSub' })).toBe(true);
  });

  test('without a queue policy allowing the topic, delivery is denied (trace shows it) and the queue stays empty', async () => {
    const sim = Simulator.fromTemplate(template({ refundsPolicy: false }));
    await sim.topic('Orders').publish({ Message: 'r', MessageAttributes: { orderStatus: { DataType: 'String', StringValue: 'refunded' } } });
    await sim.runUntilIdle();
    expect(sim.trace.find({ service: 'sqs', type: 'denied', resource: 'Refunds' })).toBeDefined();
    expect((await sim.queue('Refunds').receiveMessage({ WaitTimeSeconds: 0 })).Messages ?? []).toHaveLength(0);
    expect((await sim.queue('Audit').receiveMessage({})).Messages).toHaveLength(1);
  });

  test('a long poll on an empty queue waits in virtual time until a message arrives', async () => {
    const sim = Simulator.fromTemplate(template());
    const start = sim.now();
    const received = sim.queue('Processing').receiveMessage({ WaitTimeSeconds: 20 });
    // Nothing arrives: the receive returns empty after 20 virtual seconds, without waiting in real time.
    expect((await received).Messages ?? []).toHaveLength(0);
    expect(sim.now() - start).toBe(20_000);
  });

  test('same inputs, same trace', async () => {
    const run = async () => {
      const sim = Simulator.fromTemplate(template());
      for (const status of ['submitted', 'refunded', 'cancelled']) {
        await sim.topic('Orders').publish({ Message: status, MessageAttributes: { orderStatus: { DataType: 'String', StringValue: status } } });
      }
      await sim.runUntilIdle();
      await sim.queue('Audit').receiveMessage({ MaxNumberOfMessages: 10 });
      return JSON.stringify(sim.trace);
    };
    expect(await run()).toBe(await run());
  });
});
