/**
 * cdk-decoupling-patterns/sim: an in-process, deterministic AWS simulator driven by the synthesized template.
 */
export * from './simulator';
export type { ResourceRef } from './handles';
export { AwsError, TemplateLoadError, Trace } from './kernel';
export type { TraceEvent, TraceQuery, TraceService, RunUntilIdleResult } from './kernel';
export type { UnsupportedResource } from './template';
export type { TemplateResource, CallerIdentity, SimEnvironment } from './runtime';
