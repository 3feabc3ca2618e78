export * from './stable-snapshot';
