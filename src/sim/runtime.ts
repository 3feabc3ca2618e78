/**
 * The contract between the simulator's parts. The template loader resolves a template into `TemplateResource`s;
 * each service creates its resources from them; services reach each other only through the delivery interfaces
 * below, the same paths AWS uses (SNS delivers to a queue through the queue's send path after the queue policy
 * allows it; an event source mapping polls a queue through its receive path).
 */
import type { IdentityLookup } from './iam/identity-store';
import { SeededIds, Trace, TraceService, VirtualClock } from './kernel';
import type { KmsAccess } from './kms/kms-service';
import type { InvokeInput, InvokeOutput } from './lambda/handle';
import type { SimEvents } from './trace-events';
import type { IamMode } from './wire/types';

export interface SimEnvironment {
  readonly account: string;
  readonly region: string;
  /** `aws` (or `aws-cn`, `aws-us-gov` by region). */
  readonly partition: string;
  /** `amazonaws.com` (`amazonaws.com.cn` in China regions). */
  readonly urlSuffix: string;
  readonly stackName: string;
  readonly stackId: string;
}

/** A template resource with every intrinsic function resolved to a concrete value. */
export interface TemplateResource {
  readonly logicalId: string;
  readonly type: string;
  /** Resolved properties; numbers may still be strings where CloudFormation accepts them (services coerce). */
  readonly properties: Record<string, any>;
  /** Construct path from the `aws:cdk:path` metadata, when present. */
  readonly path?: string;
  /** What `Ref` returns (queue URL, topic ARN, function name, bucket name, ...). */
  readonly ref: string;
  /** `Fn::GetAtt` attributes (Arn, QueueName, TopicName, ...). */
  readonly attributes: Readonly<Record<string, string>>;
}

/**
 * Who is making a request, for resource-policy evaluation. Calls made through simulator handles are the stack's own
 * account over TLS; deliveries between services carry the service principal and the source ARN / account, as
 * AWS sets `aws:SourceArn` and `aws:SourceAccount`.
 */
export interface CallerIdentity {
  readonly principalType: 'Service' | 'AWS';
  /** `sns.amazonaws.com` for a service, an account root or role ARN for AWS principals. */
  readonly principal: string;
  readonly sourceArn?: string;
  readonly sourceAccount?: string;
  /** aws:SecureTransport. Handles and service deliveries use TLS; a request over `sim.listen()`'s plain HTTP does not. */
  readonly secureTransport: boolean;
  /** aws:SourceIp: the address a request over `sim.listen()` came from (absent for in-process calls and deliveries). */
  readonly sourceIp?: string;
  /**
   * kms:ViaService: the service endpoint (`sqs.us-east-1.amazonaws.com`) that uses a KMS key on the caller's behalf
   * (SSE-KMS queues and topics). Absent for direct calls.
   */
  readonly viaService?: string;
}

/** What a cross-service delivery came to. On failure, the error AWS would report. */
export type DeliveryOutcome =
  | { readonly ok: true; readonly messageId?: string }
  | { readonly ok: false; readonly errorName: string; readonly errorMessage: string; readonly deniedByPolicy?: boolean };

/** SDK-shaped SQS/SNS message attribute value (PascalCase, as in the AWS SDK v3 inputs). */
export interface MessageAttributeValue {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: Uint8Array;
}

/** A body's UTF-8 length and whether it holds a character SQS refuses (sqs/message-validation.ts). */
export interface BodyMeasure {
  readonly utf8Bytes: number;
  readonly invalidCharacters: boolean;
}

/** A message another service sends into a queue (SNS fanout, S3 notification, alarm action, Lambda destination). */
export interface InboundQueueMessage {
  readonly body: string;
  /**
   * What the sender already knows of `body`, when it wrote the body from parts it measured once for many deliveries
   * (an SNS envelope: the text every subscription shares is measured once per publish). The queue then checks these
   * figures against its limits instead of scanning the body again; the rules applied are the same.
   */
  readonly bodyMeasure?: BodyMeasure;
  readonly messageAttributes?: Readonly<Record<string, MessageAttributeValue>>;
  /** FIFO queues: the message group (SNS FIFO topics pass theirs on). */
  readonly messageGroupId?: string;
  readonly messageDeduplicationId?: string;
}

/** A message as ReceiveMessage returns it (SDK v3 `Message` shape). */
export interface ReceivedQueueMessage {
  readonly MessageId: string;
  readonly ReceiptHandle: string;
  readonly Body: string;
  readonly MD5OfBody: string;
  readonly MD5OfMessageAttributes?: string;
  readonly Attributes: Record<string, string>;
  readonly MessageAttributes?: Record<string, MessageAttributeValue>;
}

/** Direct access to one queue for other services (Lambda event source mappings, alarms). */
export interface QueueAccess {
  readonly logicalId: string;
  /** The queue policies (for pollers that authorize as their role). */
  readonly policies?: readonly AttachedPolicy[];
  /** The SSE-KMS key (KmsMasterKeyId), when the queue has one. */
  readonly kmsMasterKeyId?: string;
  readonly arn: string;
  readonly url: string;
  readonly name: string;
  readonly fifo: boolean;
  /** The queue's VisibilityTimeout in seconds. */
  readonly visibilityTimeoutSeconds: number;
  /** Receives up to `max` messages now (no waiting), as ReceiveMessage with all attributes would. */
  receive(max: number, visibilityTimeoutSeconds?: number): ReceivedQueueMessage[];
  /** Deletes by receipt handle; throws AwsError for an invalid handle as DeleteMessage does. */
  delete(receiptHandle: string): void;
  changeVisibility(receiptHandle: string, visibilityTimeoutSeconds: number): void;
  /** The earliest virtual time at which a message could become receivable, or undefined if the queue holds none. */
  nextAvailableAt(): number | undefined;
  /** Called whenever a message may have become receivable (sent, delay ended, visibility expired). Returns an unsubscribe. */
  onMessageAvailable(listener: () => void): () => void;
  /** CloudWatch metric value now (ApproximateNumberOfMessagesVisible, ApproximateNumberOfMessagesNotVisible,
   * ApproximateNumberOfMessagesDelayed, ApproximateAgeOfOldestMessage, NumberOfMessagesSent, NumberOfMessagesReceived,
   * NumberOfMessagesDeleted, NumberOfEmptyReceives, SentMessageSize), or undefined for an unknown metric. */
  metric(metricName: string): number | undefined;
  /**
   * Called after any operation that may change a metric (send, receive, delete, visibility change, purge, expiry,
   * move to a DLQ), so CloudWatch alarms evaluate only while something changes. Returns an unsubscribe. Optional:
   * alarms fall back to `onMessageAvailable` plus periodic sampling. Alarms read the `NumberOf*` metrics as
   * cumulative totals since the queue was created and take per-minute differences.
   */
  onMetricChange?(listener: () => void): () => void;
}

export interface SqsDelivery {
  /**
   * Sends through the queue's send path after its queue policy allows `caller` (sqs:SendMessage): the message is
   * validated as SendMessage validates it, and refused with SendMessage's error.
   */
  deliver(queueArn: string, message: InboundQueueMessage, caller: CallerIdentity): DeliveryOutcome;
  queueByArn(arn: string): QueueAccess | undefined;
  queueByName(name: string): QueueAccess | undefined;
}

export interface SnsPublishInput {
  readonly Message: string;
  readonly Subject?: string;
  readonly MessageAttributes?: Record<string, MessageAttributeValue>;
  readonly MessageGroupId?: string;
  readonly MessageDeduplicationId?: string;
}

export interface SnsDelivery {
  /** Publishes after the topic policy allows `caller` (sns:Publish); used by S3 notifications and alarm actions. */
  publishFrom(topicArn: string, input: SnsPublishInput, caller: CallerIdentity): DeliveryOutcome;
}

export interface LambdaDelivery {
  /**
   * Invoke (RequestResponse, Event or DryRun) of the function `functionRef` names (name, ARN or partial ARN) as
   * `caller`, after the function's resource policy allows it (a service principal needs an AWS::Lambda::Permission).
   * Rejects with the `AwsError` Lambda returns (AccessDeniedException, ResourceNotFoundException,
   * TooManyRequestsException, ...). A synchronous invocation resolves at the virtual time it ends (the handler's
   * duration): wait for it through a fiber (`fiber.wait`) or a virtual wait, never by blocking a clock task.
   */
  invokeAs(functionRef: string, input: InvokeInput, caller: CallerIdentity): Promise<InvokeOutput>;
  /**
   * Asynchronous invocation (InvocationType Event) after the function's resource policy (AWS::Lambda::Permission)
   * allows `caller`: queued, retried as AWS documents, then sent to the function's DLQ / on-failure destination.
   */
  invokeAsync(functionArn: string, event: unknown, caller: CallerIdentity): DeliveryOutcome;
  /**
   * A function's CloudWatch counter (`Invocations`, `Errors`, `Throttles`) as a cumulative total since the simulation
   * started, or undefined for an unknown function or metric. Used by alarms on `AWS/Lambda` metrics.
   */
  functionMetric?(functionName: string, metricName: string): number | undefined;
  /** Called whenever one of the function's counters changes (an invocation, error or throttle). Returns an unsubscribe. */
  onFunctionMetricChange?(functionName: string, listener: () => void): () => void;
}

export interface FirehoseDelivery {
  /** Puts a record after the caller is allowed (role-based: SNS uses the subscription role). */
  putRecord(deliveryStreamArn: string, data: string, caller: CallerIdentity): DeliveryOutcome;
}

/** What Step Functions' `batch:submitJob.sync` waits on (the Batch simulator provides it). */
export interface BatchDelivery {
  /**
   * Resolves with the job's `DescribeJobs` entry (SDK v3 `JobDetail` shape) when it reaches SUCCEEDED or FAILED, at that
   * virtual time; rejects with `ClientException` for an unknown job id.
   */
  whenJobEnds(jobId: string): Promise<Record<string, any>>;
}

/** A DynamoDB stream record as a Lambda event source mapping delivers it (an entry of the event's `Records`). */
export interface DynamoDbStreamRecord {
  readonly eventID: string;
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly eventVersion: string;
  readonly eventSource: 'aws:dynamodb';
  readonly awsRegion: string;
  readonly eventSourceARN: string;
  readonly dynamodb: {
    readonly ApproximateCreationDateTime: number;
    readonly Keys: Record<string, unknown>;
    readonly NewImage?: Record<string, unknown>;
    readonly OldImage?: Record<string, unknown>;
    readonly SequenceNumber: string;
    readonly SizeBytes: number;
    readonly StreamViewType: string;
  };
  /** Set on TTL deletions: `{ type: 'Service', principalId: 'dynamodb.amazonaws.com' }`. */
  readonly userIdentity?: { readonly type: string; readonly principalId: string };
}

/** One table's stream, as Lambda's pollers read it (a single shard; records kept 24 hours). */
export interface DynamoDbStreamAccess {
  readonly arn: string;
  readonly tableLogicalId: string;
  readonly shardId: string;
  /** Position (index) of the oldest record still retained. */
  trimHorizon(): number;
  /** Position the next record will take. */
  latest(): number;
  /** Records from position `from` on (at most `max`), each with its position and the virtual time it was written. */
  read(from: number, max: number): readonly { readonly position: number; readonly at: number; readonly record: DynamoDbStreamRecord }[];
  /** Called after each new record. Returns an unsubscribe. */
  onRecord(listener: () => void): () => void;
}

export interface DynamoDbDelivery {
  streamByArn(arn: string): DynamoDbStreamAccess | undefined;
}

/** Step Functions' CloudWatch metrics (namespace AWS/States, dimension StateMachineArn), for alarms. */
export interface StateMachineMetrics {
  /**
   * A state machine's counter (`ExecutionsStarted`, `ExecutionsSucceeded`, `ExecutionsFailed`, `ExecutionsTimedOut`,
   * `ExecutionsAborted`) as a cumulative total, or undefined for an unknown state machine or metric.
   */
  stateMachineMetric(stateMachineArn: string, metricName: string): number | undefined;
  /** Called whenever one of the state machine's counters changes. Returns an unsubscribe. */
  onStateMachineMetricChange(stateMachineArn: string, listener: () => void): () => void;
}

/** The services as other services see them. */
export interface ServiceDirectory {
  readonly sqs: SqsDelivery;
  readonly sns: SnsDelivery;
  readonly lambda: LambdaDelivery;
  readonly firehose?: FirehoseDelivery;
  readonly batch?: BatchDelivery;
  readonly dynamodb?: DynamoDbDelivery;
  readonly stepfunctions?: StateMachineMetrics;
  /** The template's IAM principals and their identity-based policies. */
  readonly iam?: IdentityLookup;
  /** Key-use checks for SSE-KMS queues and topics. */
  readonly kms?: KmsAccess;
}

export interface PolicyDocumentLike {
  readonly Version?: string;
  readonly Statement: any[] | any;
}

export type PolicyDecision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** A policy with the name the trace and the report show for it (a logical id, a policy name, an AWS managed policy ARN). */
export interface NamedPolicy {
  readonly name: string;
  readonly document: PolicyDocumentLike;
}

/** A resource policy as services keep it: the document and the logical id of the resource that attached it. */
export interface AttachedPolicy {
  readonly logicalId: string;
  readonly document: PolicyDocumentLike;
}

/** A request to authorize, with where its denial is recorded. */
export interface AccessRequest {
  /** `sqs:SendMessage`, `kms:GenerateDataKey`, ... */
  readonly action: string;
  /** The resource's ARN. */
  readonly resource: string;
  readonly caller: CallerIdentity;
  /** The resource's resource-based policies (none for resource types without one, such as DynamoDB tables). */
  readonly resourcePolicies?: readonly (PolicyDocumentLike | NamedPolicy | AttachedPolicy)[];
  /**
   * KMS keys: the key policy must allow the request, directly or by naming the account (which delegates to IAM);
   * an identity-based policy alone grants nothing ("Key policies in AWS KMS").
   */
  readonly resourcePolicyRequired?: boolean;
  /** Where a denial is recorded in the trace: the service and the resource's logical id. */
  readonly service: TraceService;
  readonly logicalId: string;
}

/** What authorization came to. */
export interface AccessDecision {
  /** Whether the request goes ahead: false when denied with `iam: 'enforce'`; true for a denial with `iam: 'report'`. */
  readonly allowed: boolean;
  /** What IAM decided, whatever the mode. */
  readonly decision: PolicyDecision;
  /** The deciding statement (`PolicyName Sid`) for an explicit deny, or `no statement allows` for an implicit one. */
  readonly statement?: string;
  /** AWS's sentence for a denial: `User: <arn> is not authorized to perform: <action> on resource: <arn> because ...`. */
  readonly message?: string;
  /** Which side refused: the resource's policy (or key policy), or the caller's identity-based policies / boundary. */
  readonly side?: 'resource' | 'identity';
}

/** Resource-policy evaluation (queue policies, topic policies, Lambda permissions). */
export interface PolicyEvaluator {
  /** `SimulatorOptions.iam`: enforce denials, record them and let requests through (`report`), or evaluate nothing. */
  readonly mode?: IamMode;
  evaluate(policies: readonly PolicyDocumentLike[], request: { action: string; resource: string; caller: CallerIdentity }): PolicyDecision;
  /**
   * The access decision for a call (as `authorize`, without recording it and ignoring the `report` mode): a service
   * principal needs an explicit Allow; an AWS principal as IAM evaluates it (identity-based policies of principals the
   * template declares; the account root has full access).
   */
  isAllowed(policies: readonly PolicyDocumentLike[], request: { action: string; resource: string; caller: CallerIdentity }): boolean;
  /**
   * The whole IAM decision (explicit deny anywhere; identity-based policies, permissions boundary and resource
   * policy as AWS combines them for the same account, another account or a service principal) under the simulator's
   * `iam` mode. Services call it through `authorize()` (src/sim/iam/authorize.ts), which records a denial as a `denied`
   * trace event with the deciding statement; optional so simple test evaluators need not implement it.
   */
  authorize?(request: AccessRequest): AccessDecision;
}

/**
 * A service's API as an SDK v3 client sees it: an action by its command name without `Command` (`SendMessage`,
 * `StartExecution`), the input and output in SDK v3 shapes (the output with `$metadata`), run as `caller`. Errors are
 * thrown as `AwsError` named as the SDK names them. Step Functions' `aws-sdk:` integrations, API Gateway's AWS
 * integrations and the wire protocols (in-process SDK, HTTP endpoint) all come in here, so a behaviour has one
 * implementation whichever way it is reached.
 */
export interface ServiceApi {
  /** The actions this service answers, by command name. */
  readonly actions: readonly string[];
  call(action: string, input: Record<string, any>, caller: CallerIdentity): Promise<Record<string, any>>;
}

/**
 * What running functions' own code needs from the simulator (`Simulator` provides it; a context without it runs only
 * the handlers tests register). Kept to plain values so the Lambda service needs nothing of the wire layer's types.
 */
export interface FunctionCodeSupport {
  /** `SimulatorOptions.runCode`: false -> functions need registered stand-in handlers. */
  readonly runCode: boolean;
  /** The cloud assembly directories the templates came from (where asset directories live); empty for `fromTemplate`. */
  readonly assemblyDirs: readonly string[];
  /**
   * An SDK v3 client configuration answered by the simulator in-process, signing as `principalArn` (region,
   * credentials, endpoint, in-process requestHandler).
   */
  clientConfig(principalArn: string): Record<string, unknown>;
  /** The access keys that sign as `principalArn`. */
  credentialsFor(principalArn: string): { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
  /**
   * A loopback HTTP endpoint for code running in other processes (Python handlers), started on first use; it does not
   * make the clock follow real time, and it does not keep the process alive.
   */
  endpointForProcesses(): Promise<string>;
}

/** Everything a service needs from the simulator. */
export interface SimContext {
  readonly env: SimEnvironment;
  readonly clock: VirtualClock;
  readonly trace: Trace<SimEvents>;
  readonly ids: SeededIds;
  readonly iam: PolicyEvaluator;
  /** Filled in before any `create` runs. */
  readonly services: ServiceDirectory;
  /**
   * The API of a simulated service by its ARN service namespace (`sqs`, `sns`, `lambda`, `s3`, `states`,
   * `dynamodb`, `batch`, ...), or undefined when that service is not simulated or offers no API yet.
   */
  readonly api: (service: string) => ServiceApi | undefined;
  /** All resolved resources, by logical id (for cross references such as a subscription's Endpoint). */
  readonly resources: ReadonlyMap<string, TemplateResource>;
  /** The identity handle calls run as (the stack's account, over TLS). */
  readonly ownerIdentity: CallerIdentity;
  /**
   * Lists a feature of a created resource that the simulator does not model in `sim.unsupported` (e.g. an alarm's
   * metric math).
   */
  readonly reportUnsupported: (logicalId: string, type: string, reason: string) => void;
  /**
   * Reports something the simulation could not do as AWS would while it runs: a function invoked with neither a
   * handler nor code to run, traffic that reaches a resource type the simulator does not simulate. A strict simulator
   * fails the run that met it (`SimulationError`); the trace records it as a `problem` event.
   */
  readonly reportProblem: (resource: string, message: string) => void;
  /** Running functions' own code (inline, assets); absent in unit-test contexts: only registered handlers run. */
  readonly code?: FunctionCodeSupport;
}

/**
 * A simulated service. The simulator calls `create` for each resource of `resourceTypes`, in dependency order,
 * then `link` once all exist. `create` throws `TemplateLoadError` for what AWS would refuse to deploy.
 */
export interface SimService {
  readonly resourceTypes: readonly string[];
  create(resource: TemplateResource): void;
  link?(): void;
}
