/**
 * S3: each event notification is an edge from the bucket to its destination, labelled with the events and the key
 * filter. Both shapes are read: the bucket's own NotificationConfiguration (CloudFormation shape) and aws-cdk-lib's
 * Custom::S3BucketNotifications (the S3 API shape its deploy-time handler passes to PutBucketNotificationConfiguration).
 */
import type { GraphBuilder } from './builder';
import { asList, EdgeExtractor } from './extractor';

export const s3Extractor: EdgeExtractor = {
  types: ['AWS::S3::Bucket', 'Custom::S3BucketNotifications'],
  extract(r, g) {
    if (r.type === 'AWS::S3::Bucket') {
      const c = r.properties.NotificationConfiguration ?? {};
      const bucket = g.node(r);
      for (const n of asList<any>(c.QueueConfigurations)) notify(g, bucket, n?.Queue, asList(n?.Event), n?.Filter?.S3Key?.Rules);
      for (const n of asList<any>(c.TopicConfigurations)) notify(g, bucket, n?.Topic, asList(n?.Event), n?.Filter?.S3Key?.Rules);
      for (const n of asList<any>(c.LambdaConfigurations)) notify(g, bucket, n?.Function, asList(n?.Event), n?.Filter?.S3Key?.Rules);
      if (c.EventBridgeConfiguration?.EventBridgeEnabled === true || c.EventBridgeConfiguration?.EventBridgeEnabled === 'true') {
        g.edge(bucket, g.external('default_bus', 'default event bus', 'EventBridge', 'bus'), 'flow', 'all events');
      }
      return;
    }
    const bucket = g.nodeOf(r.properties.BucketName);
    const c = r.properties.NotificationConfiguration ?? {};
    for (const n of asList<any>(c.QueueConfigurations)) notify(g, bucket, n?.QueueArn, asList(n?.Events), n?.Filter?.Key?.FilterRules);
    for (const n of asList<any>(c.TopicConfigurations)) notify(g, bucket, n?.TopicArn, asList(n?.Events), n?.Filter?.Key?.FilterRules);
    for (const n of asList<any>(c.LambdaFunctionConfigurations)) {
      notify(g, bucket, n?.LambdaFunctionArn, asList(n?.Events), n?.Filter?.Key?.FilterRules);
    }
  },
};

function notify(g: GraphBuilder, bucket: string | undefined, destination: unknown, events: unknown[], rules: unknown): void {
  let prefix = '';
  let suffix = '';
  for (const rule of asList<any>(rules)) {
    if (String(rule?.Name).toLowerCase() === 'prefix') prefix = String(rule.Value);
    if (String(rule?.Name).toLowerCase() === 'suffix') suffix = String(rule.Value);
  }
  const names = events.map(e => String(e).replace(/^s3:/, '')).join(', ');
  const filter = prefix || suffix ? ` ${prefix}*${suffix}` : '';
  g.edge(bucket, g.nodeOf(destination), 'flow', `${names}${filter}`);
}
