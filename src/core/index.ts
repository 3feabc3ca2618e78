export * from './validation';
export * from './nag';
export * from './fifo';
export * from './secure-bucket';
export * from './managed-policy-role';
