/**
 * The SQS actions that name no queue URL, through SDK v3 clients (in-process and the AWS CLI's JSON protocol), and
 * the message-move-task actions, which name their queue by ARN or task handle.
 */
import {
  CancelMessageMoveTaskCommand, GetQueueUrlCommand, ListMessageMoveTasksCommand, ListQueuesCommand, SendMessageCommand, SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { TEMPLATE } from './fixtures';
import { Simulator } from '../../../src/sim';

const WITH_DLQ = {
  Resources: {
    ...TEMPLATE.Resources,
    OrdersDlq: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'orders-dlq' } },
    Work: {
      Type: 'AWS::SQS::Queue',
      Properties: { QueueName: 'work', RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['OrdersDlq', 'Arn'] }, maxReceiveCount: 1 } },
    },
  },
};

describe('GetQueueUrl and ListQueues (SQS API reference)', () => {
  test('GetQueueUrl returns the URL of the queue with that name; an unknown name is QueueDoesNotExist', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const sqs = new SQSClient(sim.clientConfig());
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'jobs' }));
    expect(QueueUrl).toBe('https://sqs.us-east-1.amazonaws.com/123456789012/jobs');
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'found by name' }));
    expect(sim.queue('Jobs').peek().map(m => m.Body)).toEqual(['found by name']);

    const err = await sqs.send(new GetQueueUrlCommand({ QueueName: 'nope' })).catch(e => e);
    expect(err.name).toBe('QueueDoesNotExist');
    expect(err.$metadata.httpStatusCode).toBe(400);
    const otherAccount = await sqs.send(new GetQueueUrlCommand({ QueueName: 'jobs', QueueOwnerAWSAccountId: '210987654321' })).catch(e => e);
    expect(otherAccount.name).toBe('QueueDoesNotExist');
  });

  test('ListQueues lists the account\'s queues by name prefix; with MaxResults it pages with NextToken', async () => {
    const sim = Simulator.fromTemplate(WITH_DLQ);
    const sqs = new SQSClient(sim.clientConfig());
    const all = await sqs.send(new ListQueuesCommand({}));
    expect(all.QueueUrls?.map(u => u.split('/').pop()).sort()).toEqual(['jobs', 'orders', 'orders-dlq', 'work']);
    expect(all.NextToken).toBeUndefined();

    const prefixed = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'orders' }));
    expect(prefixed.QueueUrls?.map(u => u.split('/').pop())).toEqual(['orders', 'orders-dlq']);
    expect((await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'zzz' }))).QueueUrls).toBeUndefined();

    const first = await sqs.send(new ListQueuesCommand({ MaxResults: 3 }));
    expect(first.QueueUrls).toHaveLength(3);
    const second = await sqs.send(new ListQueuesCommand({ MaxResults: 3, NextToken: first.NextToken }));
    expect(second.QueueUrls).toHaveLength(1);
    expect(second.NextToken).toBeUndefined();
    expect(new Set([...first.QueueUrls!, ...second.QueueUrls!]).size).toBe(4);

    const bad = await sqs.send(new ListQueuesCommand({ MaxResults: 1001 })).catch(e => e);
    expect(bad.name).toBe('InvalidParameterValue');
  });
});

describe('message move tasks over the SDK (the source queue is named by SourceArn or the task handle)', () => {
  test('StartMessageMoveTask from a DLQ by ARN, ListMessageMoveTasks by SourceArn, CancelMessageMoveTask by handle', async () => {
    const sim = Simulator.fromTemplate(WITH_DLQ);
    const sqs = new SQSClient(sim.clientConfig());
    const dlq = sim.queue('OrdersDlq');
    for (let i = 0; i < 3; i++) await dlq.sendMessage({ MessageBody: `poison ${i}` });
    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({
      SourceArn: dlq.queueArn, DestinationArn: sim.queue('Work').queueArn, MaxNumberOfMessagesPerSecond: 1,
    }));
    expect(TaskHandle).toEqual(expect.any(String));
    const listed = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlq.queueArn }));
    expect(listed.Results?.[0]).toMatchObject({ Status: 'RUNNING', SourceArn: dlq.queueArn, TaskHandle });
    const cancelled = await sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
    expect(cancelled.ApproximateNumberOfMessagesMoved).toEqual(expect.any(Number));
    const unknown = await sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: 'nope' })).catch(e => e);
    expect(unknown.name).toBe('ResourceNotFoundException');
  });
});
