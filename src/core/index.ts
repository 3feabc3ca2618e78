export * from './validation';
export * from './nag';
export * from './fifo';
