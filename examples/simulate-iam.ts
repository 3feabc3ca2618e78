// Scenarios of IAM for the offline run (`npm run examples`): the example stacks' roles call through the AWS SDK v3 as
// themselves, so their identity-based policies decide as in AWS. (KMS key policies are exercised by every scenario
// with an encrypted topic: S3, CloudWatch and Step Functions publish to SSE-KMS topics only as their key policies or
// grants allow.)
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { finish, loadExample as load, ScenarioResult } from './scenario';

/** The order consumer's role may consume its queue and nothing else: the common "missing grant" mistake, caught offline. */
async function consumerRoleGrants(outdir: string): Promise<ScenarioResult> {
  const sim = load(outdir, 'QueueExample');
  const start = sim.now();
  const role = sim.resource('QueueExample/OrderHandler/FunctionRole').attributes.Arn as string;
  const sqs = new SQSClient(sim.clientConfig({ as: role }));
  const sns = new SNSClient(sim.clientConfig({ as: role }));
  await sim.queue('QueueExample/Orders/Queue').sendMessage({ MessageBody: JSON.stringify({ order: 'order-1' }) });
  const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: sim.queue('QueueExample/Orders/Queue').queueUrl, WaitTimeSeconds: 0 }));
  const send = await sqs.send(new SendMessageCommand({
    QueueUrl: sim.queue('QueueExample/Payments/Queue').queueUrl, MessageBody: 'x', MessageGroupId: 'g',
  })).catch((e: Error) => e);
  const publish = await sns.send(new PublishCommand({ TopicArn: sim.topic('QueueExample/AlarmTopic/Topic').topicArn, Message: 'x' })).catch((e: Error) => e);
  const denials = sim.trace.filter({ type: 'denied' }).map(e => e.detail);
  return finish('IAM: the consumer role\'s grants, through the SDK as that role (QueueExample)', sim, start, [
    [`the role receives from its queue (${received.Messages?.length ?? 0} message)`, received.Messages?.length === 1],
    [`it may not send to the payments queue (${(send as Error).name})`, (send as Error).name === 'AccessDenied'],
    [`nor publish to the alarm topic (${(publish as Error).name})`, (publish as Error).name === 'AuthorizationErrorException'],
    ['the trace names each implicit deny: no identity-based policy allows the action', denials.length === 2
      && denials.every(d => d.principal === role && d.statement === 'no statement allows' && /because no identity-based policy allows/.test(d.reason ?? ''))],
  ]);
}

export const IAM_SCENARIOS = [consumerRoleGrants];
