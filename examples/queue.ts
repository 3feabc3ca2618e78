import { App, ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { exampleFunction } from './support';
import { QueueConsumer, ResilientQueue } from '../src';
import { acknowledgeRules, NagFinding } from '../src/core';

/**
 * Writes each order to the table the stack names in ORDERS_TABLE, through the AWS SDK v3 the Lambda runtime
 * provides. Messages it cannot parse as JSON orders are reported, so only those return to the queue (partial batch
 * response) and, after maxReceiveCount receives, move to the dead-letter queue.
 */
const ORDER_HANDLER_CODE = `
const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');
const dynamodb = new DynamoDBClient({});
exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      const order = JSON.parse(record.body);
      if (typeof order.orderId !== 'string') throw new Error('the order has no orderId');
      await dynamodb.send(new PutItemCommand({
        TableName: process.env.ORDERS_TABLE,
        Item: { orderId: { S: order.orderId }, messageId: { S: record.messageId }, body: { S: record.body } },
      }));
      console.log(JSON.stringify({ messageId: record.messageId, orderId: order.orderId }));
    } catch (err) {
      console.error(JSON.stringify({ messageId: record.messageId, error: String(err) }));
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
`;

/** The consumer's maximum concurrency: the bound that stands in for reserved concurrency. */
const ORDER_CONSUMER_MAX_CONCURRENCY = 5;

/** Standard queue -> Lambda, and a FIFO queue whose alarms notify an encrypted topic. */
export function addQueueExamples(app: App): void {
  const stack = new Stack(app, 'QueueExample', { description: 'ResilientQueue and QueueConsumer: SQS with matched DLQs, alarms and a Lambda consumer' });

  const orders = new ResilientQueue(stack, 'Orders', {
    // Six times the handler's 10-second timeout, as AWS recommends for Lambda consumers (QueueConsumer checks it).
    visibilityTimeout: Duration.minutes(1),
    maxMessageAge: Duration.minutes(15),
  });
  // An SQS-invoked function: the mapping's maximum concurrency bounds it and failed messages go to the queue's own
  // dead-letter queue, so it has neither reserved concurrency nor a Lambda dead-letter queue.
  // Grouped under OrderHandler, so the function keeps the path OrderHandler/Function (the offline simulation names it so).
  const table = new dynamodb.Table(stack, 'OrdersTable', {
    partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: dynamodb.TableEncryption.AWS_MANAGED,
  });
  // The compliance packs want the table in an AWS Backup plan as well as point-in-time recovery.
  const selection = backup.BackupPlan.dailyWeeklyMonthly5YearRetention(stack, 'Backups').addSelection('Orders', {
    resources: [backup.BackupResource.fromDynamoDbTable(table)],
  });
  acknowledgeRules(selection.node.findChild('Role'), [{
    id: NagFinding.awsManagedPolicy('AwsSolutions-IAM4', 'service-role/AWSBackupServiceRolePolicyForBackup'),
    reason: 'AWS Backup documents this AWS managed policy as the role it needs to back up resources.',
  }]);
  const handler = exampleFunction(new Construct(stack, 'OrderHandler'), 'Function', ORDER_HANDLER_CODE, {
    sqsMaxConcurrency: ORDER_CONSUMER_MAX_CONCURRENCY,
    code: true,
    environment: { ORDERS_TABLE: table.tableName },
  });
  // Only the one call it makes, on this table.
  table.grant(handler, 'dynamodb:PutItem');
  new QueueConsumer(stack, 'OrderConsumer', {
    queue: orders.queue,
    handler,
    batchSize: 10,
    maxConcurrency: ORDER_CONSUMER_MAX_CONCURRENCY,
  });

  const alarmTopic = new EncryptedAlarmTopic(stack, 'AlarmTopic').topic;
  new ResilientQueue(stack, 'Payments', {
    fifo: true,
    queueName: 'payments',
    contentBasedDeduplication: true,
    maxMessageAge: Duration.minutes(5),
    alarmTopic,
  });
}

/** An SNS topic for alarm notifications, encrypted with a rotating key that CloudWatch may use, TLS-only. */
class EncryptedAlarmTopic extends Construct {
  public readonly topic: sns.Topic;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    const key = new kms.Key(this, 'Key', { enableKeyRotation: true, description: 'Encrypts the alarm notifications' });
    const cloudwatch = new iam.ServicePrincipal('cloudwatch.amazonaws.com');
    // CloudWatch publishes encrypted notifications only if the key lets it create data keys.
    key.grant(cloudwatch, 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new sns.Topic(this, 'Topic', { masterKey: key, enforceSSL: true });
    this.topic.addToResourcePolicy(new iam.PolicyStatement({
      actions: ['sns:Publish'],
      principals: [cloudwatch],
      resources: [this.topic.topicArn],
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
      },
    }));
  }
}
