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
import { AlarmHandle, CloudWatchService } from './cloudwatch';
import { DeliveryStreamHandle, FirehoseService } from './firehose';
import { HANDLE_KINDS, HandleKind } from './handles';
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
}

/** A created service: it makes its resources and hands out handles for its accessors; it may offer its API. */
export interface RegisteredService extends SimService, Partial<ServiceApi> {
  handle(accessor: HandleAccessor, logicalId: string): unknown;
}

/** Adapts a service whose handles come from `handle(logicalId)` (one accessor). */
function singleHandle<S extends SimService & { handle(logicalId: string): unknown }>(service: S): S & RegisteredService {
  const handle = service.handle.bind(service);
  return Object.assign(service, { handle: (_accessor: HandleAccessor, logicalId: string) => handle(logicalId) });
}

/**
 * The services, in the order they are created and linked: a service's `link` may look up resources of services
 * before it (SNS subscriptions find their queues; event source mappings find theirs).
 */
export const SERVICES: readonly ServiceEntry[] = [
  { name: 'sqs', namespace: 'sqs', handles: { queue: HANDLE_KINDS.queue }, create: ctx => singleHandle(new SqsService(ctx)) },
  { name: 'sns', namespace: 'sns', handles: { topic: HANDLE_KINDS.topic }, create: ctx => singleHandle(new SnsService(ctx)) },
  { name: 'firehose', namespace: 'firehose', handles: { deliveryStream: HANDLE_KINDS.deliveryStream }, create: ctx => singleHandle(new FirehoseService(ctx)) },
  { name: 'lambda', namespace: 'lambda', handles: { lambda: HANDLE_KINDS.lambda }, create: ctx => singleHandle(new LambdaService(ctx)) },
  { name: 's3', namespace: 's3', handles: { bucket: HANDLE_KINDS.bucket }, create: ctx => singleHandle(new S3Service(ctx)) },
  { name: 'cloudwatch', namespace: 'cloudwatch', handles: { alarm: HANDLE_KINDS.alarm }, create: ctx => singleHandle(new CloudWatchService(ctx)) },
  { name: 'stepfunctions', namespace: 'states', handles: { stateMachine: HANDLE_KINDS.stateMachine }, create: ctx => new StepFunctionsService(ctx) },
];

/** The directory entries services are registered under (a service may serve none). */
export type DirectoryKey = keyof ServiceDirectory;
