import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Simulator } from '../../../src/sim';

function stack(grant: boolean) {
  const s = new Stack();
  const queue = new sqs.Queue(s, 'Queue');
  const table = new dynamodb.Table(s, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
  const fn = new lambda.Function(s, 'Fn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {}') });
  if (grant) {
    queue.grantSendMessages(fn);
    table.grantWriteData(fn);
  }
  return { s, queue, table, fn };
}

describe('SDK v3 clients signing as a role get the identity-based decision (sim.clientConfig({ as }))', () => {
  test('without grants: SQS AccessDenied and DynamoDB AccessDeniedException, as the SDK names them', async () => {
    const { s, queue, table, fn } = stack(false);
    const sim = Simulator.fromStack(s);
    const as = sim.resource(fn.role!).attributes.Arn as string;
    const sqsClient = new SQSClient(sim.clientConfig({ as }));
    const ddb = new DynamoDBClient(sim.clientConfig({ as }));
    const sent = await sqsClient.send(new SendMessageCommand({ QueueUrl: sim.queue(queue).queueUrl, MessageBody: 'x' })).catch((e: Error) => e);
    expect(sent).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    const put = await ddb.send(new PutItemCommand({ TableName: sim.table(table).tableName, Item: { pk: { S: '1' } } })).catch((e: Error) => e);
    expect(put).toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('no identity-based policy allows the dynamodb:PutItem action') });
  });

  test('with queue.grantSendMessages and table.grantWriteData the same calls succeed', async () => {
    const { s, queue, table, fn } = stack(true);
    const sim = Simulator.fromStack(s);
    const config = sim.as(fn.role!).clientConfig();
    await new SQSClient(config).send(new SendMessageCommand({ QueueUrl: sim.queue(queue).queueUrl, MessageBody: 'x' }));
    await new DynamoDBClient(config).send(new PutItemCommand({ TableName: sim.table(table).tableName, Item: { pk: { S: '1' } } }));
    expect(sim.queue(queue).peek()).toHaveLength(1);
    expect(sim.trace.filter({ type: 'denied' })).toHaveLength(0);
  });
});
