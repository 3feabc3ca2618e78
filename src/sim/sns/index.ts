/**
 * Simulated Amazon SNS. `SnsService` creates topics, subscriptions and topic policies from the template and delivers
 * published messages; `TopicHandle` is what `sim.topic(ref)` returns.
 */
export { SnsService } from './sns-service';
export type { PublishResult } from './topic';
export { TopicHandle } from './topic-handle';
export type { EndpointDelivery } from './topic';
export { PROTOCOLS } from './subscription';
export type { Protocol, Subscription } from './subscription';
export { MAX_PUBLISH_BYTES } from './message-attributes';
export * from './types';
export * from './filter-policy';
