import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { FanoutTopic, FilterRoutedTopic, FirehoseArchive, S3EventFanout } from '../src';

/** Example stacks for the SNS fanout patterns of the pattern notes (Architectures 1 to 4), one stack each. */
export function addFanoutExamples(app: App): void {
  // Architecture 1, webapp fanout: one order event, processed and fulfilled in parallel by two queues.
  const webapp = new Stack(app, 'FanoutExample', { description: 'FanoutTopic: web app -> SNS -> order processing and order fulfillment queues' });
  const orders = new FanoutTopic(webapp, 'OrderEvents', { largePayloads: true });
  orders.addQueue('OrderProcessing');
  orders.addQueue('OrderFulfillment', { rawMessageDelivery: true });

  // Architecture 4, filter-policy routing: orderStatus picks the queue; other statuses land in the catch-all queue.
  const routing = new Stack(app, 'FilterRoutingExample', { description: 'FilterRoutedTopic: orderStatus submitted / refunded / anything else' });
  new FilterRoutedTopic(routing, 'OrderStatusRouting', { attributeName: 'orderStatus', routes: ['submitted', 'refunded'] });

  // Architecture 2, S3 event fanout: every new order file is processed and fulfilled in parallel.
  const uploads = new Stack(app, 'S3EventFanoutExample', { description: 'S3EventFanout: S3 object-created events -> SNS -> two queues' });
  const orderFiles = new S3EventFanout(uploads, 'OrderFiles', { events: [s3.EventType.OBJECT_CREATED], prefix: 'orders/', suffix: '.json' });
  orderFiles.fanout.addQueue('OrderProcessing');
  orderFiles.fanout.addQueue('OrderFulfillment');

  // Architecture 3, Kinesis Data Firehose: every published event is archived to S3.
  const archive = new Stack(app, 'FirehoseArchiveExample', { description: 'FirehoseArchive: SNS -> Kinesis Data Firehose -> encrypted S3 archive' });
  new FirehoseArchive(archive, 'OrderArchive', { dataOutputPrefix: 'orders/' });
}
