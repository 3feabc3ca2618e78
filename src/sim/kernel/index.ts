export * from './clock';
export * from './ids';
export * from './trace';
export * from './aws-error';
