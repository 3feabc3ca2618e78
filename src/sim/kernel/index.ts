export * from './clock';
export * from './ids';
export * from './trace';
export * from './aws-error';
export * from './virtual-wait';
export * from './fiber';
export * from './arn';
export * from './duration';
