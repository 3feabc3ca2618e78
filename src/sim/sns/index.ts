/**
 * Simulated Amazon SNS. `SnsService` creates topics, subscriptions and topic policies from the template and delivers
 * published messages; `TopicHandle` is what `sim.topic(ref)` returns.
 */
export { SnsService, PublishResult } from './sns-service';
export { TopicHandle } from './topic-handle';
export { EndpointDelivery, DEDUPLICATION_WINDOW_MS } from './topic';
export { Subscription, Protocol, PROTOCOLS } from './subscription';
export { MAX_PUBLISH_BYTES } from './message-attributes';
export * from './types';
export * from './filter-policy';
