/**
 * fauxqs 1.9.2 driven two ways on the SQS benchmark workload:
 * - in-process: its own SqsStore and the SQS action functions its HTTP router dispatches to (no HTTP, no JSON);
 * - over HTTP: its Fastify app listening on 127.0.0.1 (never 0.0.0.0) with the AWS SDK v3 SQSClient, as users run it.
 * fauxqs is an ES module whose package exports only its entry point, so the store and actions are imported by file.
 */
import * as path from 'path';
import { pathToFileURL } from 'url';

const FAUXQS_DIST = path.join(__dirname, '..', '..', 'node_modules', 'fauxqs', 'dist');

async function load<T = any>(relative: string): Promise<T> {
  return import(pathToFileURL(path.join(FAUXQS_DIST, relative)).href) as Promise<T>;
}

/** The operations the workload needs, whatever carries them. */
export interface SqsDriver {
  sendBatch(entries: { Id: string; MessageBody: string }[]): Promise<number>;
  receive(max: number): Promise<{ ReceiptHandle: string }[]>;
  deleteBatch(entries: { Id: string; ReceiptHandle: string }[]): Promise<number>;
  close(): Promise<void>;
}

const ACCOUNT = '000000000000';

export async function fauxqsInProcess(queueName: string): Promise<SqsDriver> {
  const { SqsStore } = await load('sqs/sqsStore.js');
  const { sendMessageBatch } = await load('sqs/actions/sendMessageBatch.js');
  const { receiveMessage } = await load('sqs/actions/receiveMessage.js');
  const { deleteMessageBatch } = await load('sqs/actions/deleteMessageBatch.js');
  const store = new SqsStore();
  const QueueUrl = `http://sqs.us-east-1.localhost/${ACCOUNT}/${queueName}`;
  store.createQueue(queueName, QueueUrl, `arn:aws:sqs:us-east-1:${ACCOUNT}:${queueName}`, {});
  return {
    async sendBatch(Entries) {
      const r = sendMessageBatch({ QueueUrl, Entries }, store);
      return r.Successful.length;
    },
    async receive(max) {
      const r = await receiveMessage({ QueueUrl, MaxNumberOfMessages: max, WaitTimeSeconds: 0 }, store);
      return r.Messages ?? [];
    },
    async deleteBatch(Entries) {
      const r = deleteMessageBatch({ QueueUrl, Entries }, store);
      return r.Successful.length;
    },
    async close() {
      store.shutdown();
    },
  };
}

export async function fauxqsOverHttp(queueName: string): Promise<SqsDriver> {
  const { buildApp } = await load('app.js');
  const { SqsStore } = await load('sqs/sqsStore.js');
  const { SnsStore } = await load('sns/snsStore.js');
  const { S3Store } = await load('s3/s3Store.js');
  const { SQSClient, SendMessageBatchCommand, ReceiveMessageCommand, DeleteMessageBatchCommand } = await import('@aws-sdk/client-sqs');
  const sqsStore = new SqsStore();
  const app = buildApp({ logger: false, stores: { sqsStore, snsStore: new SnsStore(), s3Store: new S3Store() } });
  // Loopback only: the benchmark never opens a port beyond this machine.
  const address: string = await app.listen({ port: 0, host: '127.0.0.1' });
  const QueueUrl = `${address}/${ACCOUNT}/${queueName}`;
  sqsStore.createQueue(queueName, QueueUrl, `arn:aws:sqs:us-east-1:${ACCOUNT}:${queueName}`, {});
  const client = new SQSClient({
    region: 'us-east-1',
    endpoint: address,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
  });
  return {
    async sendBatch(Entries) {
      const r = await client.send(new SendMessageBatchCommand({ QueueUrl, Entries }));
      return r.Successful?.length ?? 0;
    },
    async receive(max) {
      const r = await client.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: max, WaitTimeSeconds: 0 }));
      return (r.Messages ?? []).map(m => ({ ReceiptHandle: m.ReceiptHandle as string }));
    },
    async deleteBatch(Entries) {
      const r = await client.send(new DeleteMessageBatchCommand({ QueueUrl, Entries }));
      return r.Successful?.length ?? 0;
    },
    async close() {
      client.destroy();
      sqsStore.shutdown();
      await app.close();
    },
  };
}
