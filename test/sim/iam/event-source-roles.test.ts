import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Simulator } from '../../../src/sim';

function consumer(stack: Stack): lambda.Function {
  return new lambda.Function(stack, 'Consumer', {
    runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {}'), timeout: Duration.seconds(10),
  });
}

describe('event source mappings poll as the execution role (Lambda Developer Guide: execution role permissions for SQS)', () => {
  test('a mapping whose role may not receive from the queue is refused at deployment (InvalidParameterValueException)', () => {
    const stack = new Stack();
    const queue = new sqs.Queue(stack, 'Queue');
    new lambda.EventSourceMapping(stack, 'Mapping', { target: consumer(stack), eventSourceArn: queue.queueArn });
    expect(() => Simulator.fromStack(stack)).toThrow('The provided execution role does not have permissions to call ReceiveMessage on SQS');
  });

  test('SqsEventSource grants what the poller needs, including kms:Decrypt on an SSE-KMS queue\'s key: the messages are processed', async () => {
    const stack = new Stack();
    const queue = new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: new kms.Key(stack, 'Key') });
    const fn = consumer(stack);
    fn.addEventSource(new SqsEventSource(queue));
    const sim = Simulator.fromStack(stack);
    const seen: unknown[] = [];
    sim.lambda(fn).handle(async (event: any) => { seen.push(...event.Records); });
    await sim.queue(queue).sendMessage({ MessageBody: 'x' });
    await sim.runUntilIdle();
    expect(seen).toHaveLength(1);
  });

  test('an SSE-KMS queue whose poller role lacks kms:Decrypt: the receive fails, the denial is recorded, the message stays queued', async () => {
    const stack = new Stack();
    const queue = new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: new kms.Key(stack, 'Key') });
    const fn = consumer(stack);
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], resources: [queue.queueArn] }));
    new lambda.EventSourceMapping(stack, 'Mapping', { target: fn, eventSourceArn: queue.queueArn });
    const sim = Simulator.fromStack(stack);
    let invoked = 0;
    sim.lambda(fn).handle(async () => { invoked++; });
    await sim.queue(queue).sendMessage({ MessageBody: 'x' });
    await sim.runUntilIdle();
    expect(invoked).toBe(0);
    expect(sim.queue(queue).peek()).toHaveLength(1);
    expect(sim.trace.filter({ type: 'poll-failed' })[0].detail).toMatchObject({ error: 'KmsAccessDenied' });
    expect(sim.trace.filter({ type: 'denied' })[0].detail).toMatchObject({ action: 'kms:Decrypt', reason: expect.stringContaining('no identity-based policy allows') });
  });
});
