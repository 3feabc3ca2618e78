/**
 * The simulated services, in one list. Each entry declares the resource types its service creates (through
 * `SimService.resourceTypes`), the handle accessors it serves (`sim.queue(ref)` -> `QueueHandle`) and how to build it;
 * services reach each other only through the `ServiceDirectory`, by the delivery interface each declares.
 *
 * Adding a service: its entry in `SERVICES`, its handle types in `HandleTypes` (and the kinds in handles.ts), its
 * delivery interface in `ServiceDirectory` (runtime.ts) if other services call it, and one accessor line in
 * simulator.ts. Heavy libraries a service needs (a JSONata engine, a JSON-schema validator) are loaded when its first
 * resource is created, not here: every test file loads this list.
 */
import { ApiGatewayService, ApiHandle } from './apigateway';
import { AppFlowService, FlowHandle } from './appflow';
import { BatchService, JobDefinitionHandle, JobQueueHandle } from './batch';
import { AlarmHandle, CloudWatchService } from './cloudwatch';
import { DynamoDbService, TableHandle } from './dynamodb';
import { DeliveryStreamHandle, FirehoseService } from './firehose';
import { HANDLE_KINDS, HandleKind } from './handles';
import { IamService } from './iam';
import { KmsService } from './kms';
import { LambdaHandle, LambdaService } from './lambda';
import { ServiceApi, ServiceDirectory, SimContext, SimService } from './runtime';
import { BucketHandle, S3Service } from './s3';
import { SnsService, TopicHandle } from './sns';
import { QueueHandle, SqsService } from './sqs';
import { StateMachineHandle, StepFunctionsService } from './stepfunctions';

/** What each handle accessor of the simulator returns. */
export interface HandleTypes {
  queue: QueueHandle;
  topic: TopicHandle;
  lambda: LambdaHandle;
  bucket: BucketHandle;
  alarm: AlarmHandle;
  deliveryStream: DeliveryStreamHandle;
  jobQueue: JobQueueHandle;
  jobDefinition: JobDefinitionHandle;
  flow: FlowHandle;
  table: TableHandle;
  api: ApiHandle;
  stateMachine: StateMachineHandle;
}

export type HandleAccessor = keyof HandleTypes;

/** A service as the registry builds it. */
export interface ServiceEntry {
  /** The service's key in the directory (`ctx.services.sqs`). */
  readonly name: string;
  /** Its ARN service namespace (`sqs`, `states`), under which `ctx.api()` finds its API when it implements `call`. */
  readonly namespace: string;
  /** The handle accessors it serves, with the resource kind each names. */
  readonly handles: Partial<Record<HandleAccessor, HandleKind>>;
  create(ctx: SimContext): RegisteredService;
  /** The handle of `logicalId` for `accessor`. */
  handle(service: RegisteredService, accessor: HandleAccessor, logicalId: string): unknown;
}

/** A created service: it makes its resources; it may offer its API. */
export interface RegisteredService extends SimService, Partial<ServiceApi> {}

/** The handle of a service with one accessor: its own `handle(logicalId)`. */
const own = (service: RegisteredService, _accessor: HandleAccessor, logicalId: string) =>
  (service as unknown as { handle(logicalId: string): unknown }).handle(logicalId);

/**
 * The services, in the order they are created and linked: a service's `link` may look up resources of services
 * before it (SNS subscriptions find their queues; event source mappings find theirs).
 */
export const SERVICES: readonly ServiceEntry[] = [
  { name: 'iam', namespace: 'iam', handles: {}, create: ctx => new IamService(ctx), handle: own },
  { name: 'kms', namespace: 'kms', handles: {}, create: ctx => new KmsService(ctx), handle: own },
  { name: 'sqs', namespace: 'sqs', handles: { queue: HANDLE_KINDS.queue }, create: ctx => new SqsService(ctx), handle: own },
  { name: 'sns', namespace: 'sns', handles: { topic: HANDLE_KINDS.topic }, create: ctx => new SnsService(ctx), handle: own },
  { name: 'firehose', namespace: 'firehose', handles: { deliveryStream: HANDLE_KINDS.deliveryStream }, create: ctx => new FirehoseService(ctx), handle: own },
  { name: 'lambda', namespace: 'lambda', handles: { lambda: HANDLE_KINDS.lambda }, create: ctx => new LambdaService(ctx), handle: own },
  { name: 's3', namespace: 's3', handles: { bucket: HANDLE_KINDS.bucket }, create: ctx => new S3Service(ctx), handle: own },
  {
    name: 'batch',
    namespace: 'batch',
    handles: { jobQueue: HANDLE_KINDS.jobQueue, jobDefinition: HANDLE_KINDS.jobDefinition },
    create: ctx => new BatchService(ctx),
    handle: (service, accessor, logicalId) => (service as BatchService).handle(accessor, logicalId),
  },
  { name: 'appflow', namespace: 'appflow', handles: { flow: HANDLE_KINDS.flow }, create: ctx => new AppFlowService(ctx), handle: own },
  { name: 'dynamodb', namespace: 'dynamodb', handles: { table: HANDLE_KINDS.table }, create: ctx => new DynamoDbService(ctx), handle: own },
  { name: 'apigateway', namespace: 'execute-api', handles: { api: HANDLE_KINDS.api }, create: ctx => new ApiGatewayService(ctx), handle: own },
  {
    name: 'stepfunctions',
    namespace: 'states',
    handles: { stateMachine: HANDLE_KINDS.stateMachine },
    create: ctx => new StepFunctionsService(ctx),
    handle: (service, accessor, logicalId) => (service as StepFunctionsService).handle(accessor, logicalId),
  },
  { name: 'cloudwatch', namespace: 'cloudwatch', handles: { alarm: HANDLE_KINDS.alarm }, create: ctx => new CloudWatchService(ctx), handle: own },
];

/** The directory entries services are registered under (a service may serve none). */
export type DirectoryKey = keyof ServiceDirectory;
