import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { FilterRoutedTopic, QueueConsumer } from 'cdk-decoupling-patterns';
import { Construct } from 'constructs';

/** An app's stack built from the published package: orders routed by status, the submitted ones consumed by a function. */
export class OrdersStack extends cdk.Stack {
  public readonly orders: FilterRoutedTopic;
  public readonly processor: lambda.Function;

  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    this.orders = new FilterRoutedTopic(this, 'Orders', {
      attributeName: 'orderStatus',
      routes: ['submitted', 'refunded'],
      rawMessageDelivery: true,
      // Six times the function's 10-second timeout, as QueueConsumer checks.
      queueProps: { visibilityTimeout: cdk.Duration.minutes(1) },
    });
    this.processor = new lambda.Function(this, 'Processor', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'),
      timeout: cdk.Duration.seconds(10),
    });
    new QueueConsumer(this, 'SubmittedOrders', {
      queue: this.orders.routeQueue('submitted').queue,
      handler: this.processor,
    });
  }
}
