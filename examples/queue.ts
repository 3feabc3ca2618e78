import { App, ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { QueueConsumer, ResilientQueue } from '../src';
import { acknowledgeRules } from '../src/core';

/** Reports the messages it cannot parse as JSON, so only those return to the queue (partial batch response). */
const ORDER_HANDLER_CODE = `
exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      const order = JSON.parse(record.body);
      console.log(JSON.stringify({ messageId: record.messageId, orderId: order.orderId }));
    } catch (err) {
      console.error(JSON.stringify({ messageId: record.messageId, error: String(err) }));
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
`;

/** Standard queue -> Lambda, and a FIFO queue whose alarms notify an encrypted topic. */
export function addQueueExamples(app: App): void {
  const stack = new Stack(app, 'QueueExample', { description: 'ResilientQueue and QueueConsumer: SQS with matched DLQs, alarms and a Lambda consumer' });

  const orders = new ResilientQueue(stack, 'Orders', {
    // Six times the handler's 10-second timeout, as AWS recommends for Lambda consumers (QueueConsumer checks it).
    visibilityTimeout: Duration.minutes(1),
    maxMessageAge: Duration.minutes(15),
  });
  const handler = new OrderHandler(stack, 'OrderHandler', { maxConcurrency: 5 });
  new QueueConsumer(stack, 'OrderConsumer', {
    queue: orders.queue,
    handler: handler.function,
    batchSize: 10,
    maxConcurrency: handler.maxConcurrency,
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

interface OrderHandlerProps {
  /** The consumer's maximum concurrency: the bound that stands in for reserved concurrency. */
  readonly maxConcurrency: number;
}

/** An inline Node.js 24 function with its own encrypted log group and a role that holds only customer managed policies. */
class OrderHandler extends Construct {
  public readonly function: lambda.Function;
  public readonly maxConcurrency: number;

  constructor(scope: Construct, id: string, props: OrderHandlerProps) {
    super(scope, id);
    this.maxConcurrency = props.maxConcurrency;
    const logKey = new kms.Key(this, 'LogKey', { enableKeyRotation: true, description: 'Encrypts the order handler logs' });
    logKey.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${Stack.of(this).region}.amazonaws.com`));
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_YEAR,
      encryptionKey: logKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new iam.ManagedPolicy(this, 'WriteLogs', {
      roles: [role],
      statements: [new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] })],
    });

    this.function = new lambda.Function(this, 'Function', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(ORDER_HANDLER_CODE),
      timeout: Duration.seconds(10),
      role,
      logGroup,
    });
    acknowledgeRules(this.function, [
      ...['NIST.800.53.R5', 'HIPAA.Security'].flatMap(pack => [
        {
          id: `${pack}-LambdaConcurrency`,
          reason: `The SQS event source mapping caps concurrency at ${props.maxConcurrency}; reserving function concurrency would fail on `
            + 'accounts whose unreserved concurrency is already at its minimum.',
        },
        {
          id: `${pack}-LambdaDLQ`,
          reason: 'Invoked synchronously by the SQS event source mapping, so a Lambda DLQ (asynchronous invocations only) never receives '
            + 'anything; failed messages go to the queue\'s own dead-letter queue after maxReceiveCount receives.',
        },
      ]),
      ...['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].map(pack => ({
        id: `${pack}-LambdaInsideVPC`,
        reason: 'The example handler reaches no private resource (Lambda polls SQS for it); attach it to a VPC when it needs private data stores.',
      })),
    ]);
  }
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
