export * from './fanout-topic';
export * from './subscription-options';
