/**
 * The IAM sample of docs/simulator.md, kept runnable: a function role granted consumption of one queue and nothing on
 * a topic ("IAM policy evaluation logic": no identity-based policy allows sns:Publish -> implicit deny).
 */
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Simulator } from '../../../src/sim';

test('the worker may receive orders but not publish alerts (missing grantPublish)', async () => {
  const stack = new Stack(new App(), 'Shop');
  const orders = new sqs.Queue(stack, 'Orders');
  const alerts = new sns.Topic(stack, 'Alerts');
  const worker = new lambda.Function(stack, 'Worker', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'),
  });
  orders.grantConsumeMessages(worker);

  const sim = Simulator.fromStack(stack);
  const asWorker = sim.as(worker.role!);
  await sim.queue(orders).sendMessage({ MessageBody: 'o-1' });
  expect((await asWorker.queue(orders).receiveMessage({})).Messages?.map(m => m.Body)).toEqual(['o-1']);
  await expect(asWorker.topic(alerts).publish({ Message: 'x' })).rejects.toMatchObject({ name: 'AuthorizationErrorException' });
  const [denied] = sim.trace.filter({ type: 'denied' });
  expect(denied.detail).toMatchObject({ action: 'sns:Publish', statement: 'no statement allows', decision: 'implicit' });
  expect(denied.detail.reason).toMatch(/because no identity-based policy allows the sns:Publish action/);
});
