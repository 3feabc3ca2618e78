export * from './workflow-pipeline';
export * from './workflow-steps';
