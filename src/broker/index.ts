export * from './broker-options';
export * from './message-broker';
