/**
 * cdk-decoupling-patterns/sim: an in-process, deterministic AWS simulator driven by the synthesized template.
 */
export * from './simulator';
export type { ResourceRef } from './handles';
export { AwsError, TemplateLoadError, Trace } from './kernel';
export type { TraceEvent, TraceQuery, TraceService, RunUntilIdleResult } from './kernel';
export type { UnsupportedResource } from './template';
export type { TemplateResource, CallerIdentity, SimEnvironment } from './runtime';
export type { LambdaHandlerFn, InvocationRecord, LambdaContext, SqsEvent, SqsEventRecord, InvokeInput, InvokeOutput } from './lambda';
export type { S3Event, S3EventRecord } from './s3';
export type { AlarmState, AlarmHistoryEntry } from './cloudwatch';
