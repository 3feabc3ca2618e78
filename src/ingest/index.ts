export * from './ingest-options';
export * from './appflow-ingest';
