// Scenarios of the wire protocols for the offline run (`npm run examples`): the example stacks driven by real AWS SDK
// v3 clients, in-process (`sim.clientConfig()`) and over HTTP (`sim.listen()`), where the library's own policies apply
// to the transport exactly as in AWS.
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { finish, loadExample as load, ScenarioResult } from './scenario';

/** Architecture 1 through the SDK: a publish by SNSClient reaches both queues, read back by SQSClient. */
async function fanoutWithTheSdk(outdir: string): Promise<ScenarioResult> {
  const sim = load(outdir, 'FanoutExample');
  const start = sim.now();
  const sns = new SNSClient(sim.clientConfig());
  const sqs = new SQSClient(sim.clientConfig());
  const published = await sns.send(new PublishCommand({ TopicArn: sim.topic('OrderEvents/Topic').topicArn, Message: JSON.stringify({ order: 'order-7' }) }));
  await sim.runUntilIdle();
  const receive = async (queue: string) => (await sqs.send(new ReceiveMessageCommand({ QueueUrl: sim.queue(queue).queueUrl }))).Messages ?? [];
  const processing = await receive('OrderEvents/OrderProcessing/Queue');
  const fulfillment = await receive('OrderEvents/OrderFulfillment/Queue');
  const envelope = processing.length === 1 ? JSON.parse(processing[0].Body ?? '{}') : {};
  return finish('Webapp fanout through the AWS SDK v3, in-process (FanoutExample)', sim, start, [
    ['SNSClient Publish answers with a MessageId', typeof published.MessageId === 'string'],
    ['the processing queue gets the SNS envelope of that message', envelope.Type === 'Notification' && envelope.MessageId === published.MessageId],
    ['the fulfillment queue gets the raw message', fulfillment.map(m => m.Body).join() === JSON.stringify({ order: 'order-7' })],
    ['no request denied (the in-process client uses HTTPS, as the enforce-SSL policies require)', !sim.trace.some({ type: 'denied' })],
  ]);
}

/** The library's enforce-SSL topic policy, over plain HTTP: AWS refuses the publish, and so does the simulator. */
async function enforceSslOverHttp(outdir: string): Promise<ScenarioResult> {
  const sim = load(outdir, 'FanoutExample');
  const start = sim.now();
  const server = await sim.listen();
  try {
    const sns = new SNSClient({ ...server.clientConfig(), maxAttempts: 1 });
    const refused = await sns.send(new PublishCommand({ TopicArn: sim.topic('OrderEvents/Topic').topicArn, Message: 'x' })).catch((e: Error) => e);
    return finish('Enforce-SSL over sim.listen() plain HTTP (FanoutExample)', sim, start, [
      [`an SNSClient publish over http:// is refused (${(refused as Error).name})`, (refused as Error).name === 'AuthorizationErrorException'],
      ['the trace names the denied action and principal', sim.trace.some(e => e.type === 'denied' && e.detail.action === 'sns:Publish')],
    ]);
  } finally {
    await server.close();
  }
}

export const WIRE_SCENARIOS: readonly ((outdir: string) => Promise<ScenarioResult>)[] = [fanoutWithTheSdk, enforceSslOverHttp];
