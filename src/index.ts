export * from './testing';
export * from './queue';
export * from './fanout';
export * from './api';
export * from './batch';
export * from './workflow';
export * from './ingest';
export * from './broker';
