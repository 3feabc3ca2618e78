import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { Consumer } from 'sqs-consumer';
import { ACCOUNT, TEMPLATE } from './fixtures';
import { Simulator } from '../../../src/sim';

const WORKER_ROLE = `arn:aws:iam::${ACCOUNT}:role/worker-role`;

/** Resolves when `count` messages were processed by `consumer` (its `message_processed` event). */
function processed(consumer: Consumer, count: number): Promise<void> {
  let seen = 0;
  return new Promise(resolve => consumer.on('message_processed', () => {
    if (++seen === count) resolve();
  }));
}

describe('sqs-consumer polling a simulated queue', () => {
  test('in-process (sim.clientConfig()): every message is handled once and deleted; a failed one comes back after its visibility timeout', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const QueueUrl = sim.queue('Orders').queueUrl;
    for (const body of ['a', 'b', 'poison-once']) await sim.queue('Orders').sendMessage({ MessageBody: body });
    const handled: { body: string; at: number }[] = [];
    let failedOnce = false;
    const consumer = Consumer.create({
      queueUrl: QueueUrl,
      sqs: new SQSClient(sim.clientConfig()),
      batchSize: 10,
      visibilityTimeout: 30,
      handleMessage: async message => {
        if (message.Body === 'poison-once' && !failedOnce) {
          failedOnce = true;
          throw new Error('transient');
        }
        handled.push({ body: message.Body!, at: sim.now() });
        return message;
      },
    });
    const done = processed(consumer, 3);
    const start = sim.now();
    consumer.start();
    await done;
    consumer.stop({ abort: true });
    expect(handled.map(h => h.body).sort()).toEqual(['a', 'b', 'poison-once']);
    // The failed message was redelivered only once its 30-second visibility timeout had passed in virtual time.
    expect(handled.find(h => h.body === 'poison-once')!.at - start).toBeGreaterThanOrEqual(30_000);
    const attrs = await sim.queue('Orders').getQueueAttributes({ AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] });
    expect(attrs.Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
  });

  test('over sim.listen(): the consumer in real time receives what the test sends and deletes it', async () => {
    const sim = Simulator.fromTemplate(TEMPLATE);
    const server = await sim.listen();
    const bodies: string[] = [];
    const consumer = Consumer.create({
      queueUrl: sim.queue('Orders').queueUrl,
      sqs: new SQSClient(server.clientConfig()),
      waitTimeSeconds: 1,
      handleMessage: async message => {
        bodies.push(message.Body!);
        return message;
      },
    });
    try {
      const done = processed(consumer, 2);
      consumer.start();
      await sim.queue('Orders').sendMessage({ MessageBody: 'first' });
      await new Promise(resolve => setTimeout(resolve, 100));
      await sim.queue('Orders').sendMessage({ MessageBody: 'second' });
      await done;
      expect(bodies).toEqual(['first', 'second']);
      expect(sim.trace.filter({ resource: 'Orders', type: 'deleted' }).flatMap(e => e.detail.messageIds)).toHaveLength(2);
    } finally {
      consumer.stop({ abort: true });
      await server.close();
    }
  });
});

describe('the Powertools for AWS Lambda batch processor in a simulated consumer function', () => {
  /** A queue with a DLQ after 2 receives, consumed by a function through an event source mapping with partial batch responses. */
  const template = {
    Resources: {
      ...TEMPLATE.Resources,
      Work: {
        Type: 'AWS::SQS::Queue',
        Properties: {
          QueueName: 'work',
          VisibilityTimeout: 60,
          RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['WorkDlq', 'Arn'] }, maxReceiveCount: 2 },
        },
      },
      WorkDlq: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'work-dlq' } },
      Worker: {
        Type: 'AWS::Lambda::Function',
        Properties: { FunctionName: 'worker', Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'x' }, Role: WORKER_ROLE, Timeout: 30 },
      },
      WorkerMapping: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: {
          EventSourceArn: { 'Fn::GetAtt': ['Work', 'Arn'] },
          FunctionName: { Ref: 'Worker' },
          BatchSize: 10,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        },
      },
    },
  };

  test('records are processed by Powertools; the handler writes each to S3 through the SDK as its role; a poison record ends in the DLQ', async () => {
    const sim = Simulator.fromTemplate(template);
    const s3 = new S3Client(sim.clientConfig({ as: WORKER_ROLE }));
    const processor = new BatchProcessor(EventType.SQS);
    const recordHandler = async (record: SQSRecord): Promise<void> => {
      const order = JSON.parse(record.body) as { id: string; total: number };
      if (order.total < 0) throw new Error(`order ${order.id} has a negative total`);
      await s3.send(new PutObjectCommand({ Bucket: 'archive', Key: `orders/${order.id}.json`, Body: record.body }));
    };
    sim.lambda('Worker').handle((event: SQSEvent, context) => processPartialResponse(event, recordHandler, processor, { context: context as unknown as Context }));

    for (const order of [{ id: '1', total: 5 }, { id: '2', total: -1 }, { id: '3', total: 7 }]) {
      await sim.queue('Work').sendMessage({ MessageBody: JSON.stringify(order) });
    }
    await sim.runUntilIdle();

    const listed = await sim.bucket('Archive').listObjectsV2({ Prefix: 'orders/' });
    expect(listed.Contents?.map(c => c.Key)).toEqual(['orders/1.json', 'orders/3.json']);
    const dead = await sim.queue('WorkDlq').receiveMessage({ MaxNumberOfMessages: 10 });
    expect(dead.Messages?.map(m => JSON.parse(m.Body).id)).toEqual(['2']);
    // The function's responses reported only the poison record as failed, each time it was received.
    // First batch: Powertools reports only the poison record. Second batch (the poison record alone): every record
    // failed, so Powertools throws FullBatchFailureError, as documented, and the whole batch comes back.
    const invocations = sim.lambda('Worker').invocations;
    expect(invocations).toHaveLength(2);
    expect((invocations[0].result as { batchItemFailures: unknown[] }).batchItemFailures).toHaveLength(1);
    expect(invocations[1].error?.errorType).toBe('FullBatchFailureError');
  });
});
