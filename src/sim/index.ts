/**
 * cdk-decoupling-patterns/sim: an in-process, deterministic AWS simulator driven by the synthesized template.
 */
export * from './simulator';
export type { PrincipalView } from './iam/principal-view';
export type { ResourceRef } from './handles';
export type { HandleTypes } from './registry';
export { AwsError, TemplateLoadError } from './kernel';
export type { TraceService, RunUntilIdleResult, DurationInput } from './kernel';
export type { TraceEvent, TraceQuery, SimTrace } from './trace-view';
export type { DiagramOptions } from './report/diagram';
export type { SequenceOptions } from './report/sequence';
export { renderReport, writeReport } from './report/html';
export type { ReportSection, ReportSimulator, PageOptions } from './report/html';
export type { SimEvents, TraceEventType } from './trace-events';
export type { UnsupportedResource, UnsupportedImpact } from './template';
export type { TemplateResource, CallerIdentity, SimEnvironment } from './runtime';
export type { QueueHandle } from './sqs';
export type { TopicHandle } from './sns';
export type { LambdaHandle, LambdaHandlerFn, InvocationRecord, LambdaContext, SqsEvent, SqsEventRecord, InvokeInput, InvokeOutput } from './lambda';
export type { BucketHandle, S3Event, S3EventRecord } from './s3';
export type { AlarmHandle, AlarmState, AlarmHistoryEntry } from './cloudwatch';
export type { DeliveryStreamHandle } from './firehose';
export type { JobQueueHandle, JobDefinitionHandle, BatchJob, JobHandler, JobHandlerOptions, SubmitJobInput, JobStatus } from './batch';
export type { FlowHandle, ExecutionRecord } from './appflow';
export type { TableHandle, TableRequest, TableResponse, AttributeValueShape, ItemShape, ReadOutput, GetItemOutput, WriteOutput } from './dynamodb';
export type { DynamoDbStreamRecord } from './runtime';
export type {
  ClientConfigOptions, IamMode, ListenOptions, SimClientConfig, SimCredentials, SimInProcessClientConfig, SimServer, SimRequestHandler,
  ExecuteApiEndpoint, ApiInvokeRequest, ApiInvokeResponse,
} from './wire';
export type { ApiHandle, WebSocketClient, ApiRequestInput, ApiResponse, TrustedIssuer, HttpBackend, HttpIntegrationRequest, HttpIntegrationResponse, ConnectInput } from './apigateway';
export type {
  StateMachineHandle, StepFunctionsApi, DescribeExecutionOutput, StartExecutionInput, StartExecutionOutput, StartSyncExecutionOutput,
  ExecutionListItem, HistoryEvent,
} from './stepfunctions';
