export * from './batch-compute-type';
export * from './compute-advisor';
export * from './s3-to-batch-pipeline';
