export * from './validation';
export * from './nag';
export * from './nag-finding';
export * from './fifo';
export * from './secure-bucket';
export * from './managed-policy-role';
export * from './bucket-notifications-handler';
export * from './log-encryption';
