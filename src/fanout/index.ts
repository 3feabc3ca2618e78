export * from './fanout-topic';
export * from './subscription-options';
export * from './filter-routed-topic';
export * from './s3-event-fanout';
export * from './firehose-archive';
