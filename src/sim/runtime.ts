/**
 * The contract between the simulator's parts. The template loader resolves a template into `TemplateResource`s;
 * each service creates its resources from them; services reach each other only through the delivery interfaces
 * below, the same paths AWS uses (SNS delivers to a queue through the queue's send path after the queue policy
 * allows it; an event source mapping polls a queue through its receive path).
 */
import { SeededIds, Trace, VirtualClock } from './kernel';
import type { InvokeInput, InvokeOutput } from './lambda/handle';
import type { SimEvents } from './trace-events';

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
  /** aws:SecureTransport. Handles and service deliveries use TLS. */
  readonly secureTransport: boolean;
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

/**
 * Text a sender describes before writing it: SNS knows the size of an envelope from its parts (ids, ARNs, the
 * JSON-escaped message) without assembling the 800-odd characters, so a queue that stores it writes it only when
 * someone reads the message. `text()` returns the same string on every call.
 */
export interface DeferredText {
  /**
   * The length of the text when every character of it is ASCII (one UTF-8 byte each, none that SQS refuses:
   * control characters are escaped in JSON), else -1: the receiver then writes the text and checks it as usual.
   */
  readonly asciiLength: number;
  text(): string;
}

/** A piece of a message body: a string, or text written on first read. */
export type BodyPiece = string | DeferredText;

/** The text of a body piece. */
export function pieceText(piece: BodyPiece): string {
  return typeof piece === 'string' ? piece : piece.text();
}

/** The text of a body given as pieces. */
export function piecesText(pieces: readonly BodyPiece[]): string {
  return pieces.map(pieceText).join('');
}

/** A message another service sends into a queue (SNS fanout, S3 notification, alarm action). */
export interface InboundQueueMessage {
  /** The body. With `bodyParts` given, the queue reads it only if a piece fails its check (it may be a getter). */
  readonly body: string;
  readonly messageAttributes?: Record<string, MessageAttributeValue>;
  readonly messageGroupId?: string;
  readonly messageDeduplicationId?: string;
  /**
   * Optional: pieces whose concatenation is `body`, for a sender that assembles bodies from pieces it reuses (SNS:
   * one envelope head and tail per publish, one UnsubscribeURL per subscription). The queue checks characters and
   * counts UTF-8 bytes piece by piece, caching by piece, and keeps the pieces instead of one string per message;
   * the result is the same as checking `body`.
   */
  readonly bodyParts?: readonly BodyPiece[];
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
   * Sends through the queue's send path after its queue policy allows `caller` (sqs:SendMessage). `message` is read
   * during the call only: a sender may reuse the object for its next delivery (SNS does), so keep copies, not it.
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
  readonly stepfunctions?: StateMachineMetrics;
}

export interface PolicyDocumentLike {
  readonly Version?: string;
  readonly Statement: any[] | any;
}

export type PolicyDecision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** Resource-policy evaluation (queue policies, topic policies, Lambda permissions). */
export interface PolicyEvaluator {
  evaluate(policies: readonly PolicyDocumentLike[], request: { action: string; resource: string; caller: CallerIdentity }): PolicyDecision;
  /**
   * The access decision AWS makes for a resource-based-policy-only call: a service principal needs an explicit
   * Allow; the resource owner's own account (handle calls) is allowed unless explicitly denied, because identity
   * policies are not modelled.
   */
  isAllowed(policies: readonly PolicyDocumentLike[], request: { action: string; resource: string; caller: CallerIdentity }): boolean;
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
