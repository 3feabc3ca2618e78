export * from './batch-compute-type';
export * from './compute-advisor';
