/**
 * Every event the simulator records, with its detail: `sim.trace` is typed by this map, so a query for an event type
 * that does not exist (`trace.some({ type: 'denid' })`) is a compile error and `trace.filter({ type: 'denied' })`
 * returns events whose `detail` has the fields below. A service that records a new kind of event adds it here, in its
 * section. The same type in two services has one detail shape (its fields optional where one service lacks them).
 */

/** Events any service records. */
interface CommonEvents {
  /** A request or delivery refused by a policy (resource policy, identity policy, key policy). */
  'denied': {
    readonly action: string;
    readonly principal?: string;
    readonly sourceArn?: string;
    readonly resource?: string;
    /**
     * The policy statement that decided (`PolicyName Sid`, or its position `#2`) when one explicitly denied;
     * `no statement allows` for an implicit deny.
     */
    readonly statement?: string;
    /** Explicit (a Deny statement applied) or implicit (no statement allowed). */
    readonly decision?: 'explicit' | 'implicit';
    /** AWS's message (`User: ... is not authorized to perform: ... because no identity-based policy allows ...`). */
    readonly reason?: string;
    /** False when `iam: 'report'` let the request through. */
    readonly enforced?: boolean;
  };
  /** A feature of a simulated resource that the simulator does not model (also in `sim.unsupported`). */
  'unsupported': { readonly reason: string; readonly type?: string };
  /** Work that went to a dead-letter queue (SQS maxReceiveCount, an SNS subscription's DLQ). */
  'moved-to-dlq': {
    readonly messageId: string;
    /** SQS: the dead-letter queue's logical id. */
    readonly deadLetterQueue?: string;
    /** SNS: the subscription's dead-letter queue ARN. */
    readonly deadLetterTargetArn?: string;
    readonly receiveCount?: number;
  };
  /** A FIFO message dropped as a duplicate within the 5-minute deduplication interval. */
  'deduplicated': { readonly messageId: string; readonly deduplicationId?: string };
  /** A delivery between services failed (the target refused it or does not exist). */
  'delivery-failed': {
    readonly messageId: string;
    readonly endpoint: string;
    readonly error: string;
    readonly message?: string;
    readonly deniedByPolicy?: boolean;
  };
  /** A message a filter dropped (an SNS subscription's filter policy, an event source mapping's filter criteria). */
  'filtered-out': { readonly messageId: string };
}

interface SqsEvents {
  'sent': { readonly messageIds: readonly string[] };
  'received': { readonly messageIds: readonly string[] };
  'deleted': { readonly messageIds: readonly string[] };
  'long-poll-not-waited': { readonly waitTimeSeconds: number };
  'receive-retried': { readonly receiveRequestAttemptId: string };
  'visibility-changed': { readonly messageId: string; readonly visibilityTimeout: number };
  'visibility-expired': { readonly messageId: string };
  'purged': { readonly count: number };
  'expired': { readonly messageId: string };
  'delivery-rejected': { readonly errorName: string; readonly sourceArn?: string };
  'queue-policy-replaced': { readonly queuePolicy: string; readonly replaced: string };
  'message-move-task-started': { readonly taskHandle: string; readonly destination?: string; readonly toMove: number };
  'message-move-task-cancelled': { readonly taskHandle: string; readonly moved: number };
  'message-move-task-failed': { readonly taskHandle: string; readonly messageId: string };
  'message-move-task-completed': { readonly taskHandle: string; readonly moved: number };
  'redriven': { readonly messageId: string; readonly destination: string };
}

interface SnsEvents {
  published: { readonly messageId: string; readonly messageGroupId?: string; readonly sequenceNumber?: string };
  delivered: { readonly messageId: string; readonly protocol: string; readonly endpoint: string };
  dropped: { readonly messageId: string; readonly reason: string };
}

interface LambdaEvents {
  /** An event source mapping could not receive (the role may not use the queue's KMS key); the messages stay queued. */
  'poll-failed': { readonly error: string; readonly message: string };
  'invoked': { readonly requestId: string; readonly source: string; readonly attempt?: number };
  'invocation-failed': { readonly requestId: string; readonly errorType: string; readonly errorMessage: string };
  'throttled': {
    readonly source: string;
    readonly reservedConcurrency?: number;
    readonly requestId?: string;
    readonly eventSourceMapping?: string;
    readonly messages?: number;
  };
  'invoke-queued': { readonly requestId: string; readonly invokedBy?: string };
  'retry-scheduled': { readonly requestId: string; readonly attempt: number; readonly at: number };
  'retry-skipped': { readonly requestId: string; readonly reason: string };
  'retries-exhausted': { readonly requestId: string; readonly attempts: number };
  'event-expired': { readonly requestId: string; readonly attempts: number };
  'event-discarded': { readonly requestId: string };
  'sent-to-destination': { readonly requestId: string; readonly condition: string; readonly destination: string };
  'destination-delivery-failed': { readonly requestId: string; readonly condition: string; readonly destination: string; readonly error: string };
  'sent-to-dlq': { readonly requestId: string; readonly target: string };
  'dlq-delivery-failed': { readonly requestId: string; readonly target: string; readonly error: string };
  'mapping-disabled': { readonly queue: string };
  'batch-succeeded': { readonly requestId: string; readonly messages: number };
  'batch-failed': { readonly requestId: string; readonly messages: number; readonly errorType?: string; readonly reason?: string };
  'batch-partially-failed': { readonly requestId: string; readonly messages: number; readonly failed: readonly string[] };
  'delete-failed': { readonly messageId: string; readonly error: string };
  /** One console call of the function's own code (or one line of a Python handler's output), as a CloudWatch Logs event. */
  'log': { readonly requestId?: string; readonly level: string; readonly message: string };
  /** A new execution environment of the function's own code (a cold start: its init code runs). */
  'environment-started': { readonly runtime: string; readonly code: string };
}

interface S3Events {
  'notifications-configured': { readonly source: string; readonly configurations: number };
  'object-created': { readonly key: string; readonly size: number; readonly etag: string };
  'object-removed': { readonly key: string; readonly existed: boolean };
  'notification-sent': { readonly event: string; readonly key: string; readonly destination: string };
  'notification-failed': { readonly event: string; readonly key: string; readonly destination: string; readonly error: string };
}

interface CloudWatchEvents {
  'alarm-state-changed': { readonly from: string; readonly to: string };
  'alarm-action': { readonly action: string; readonly state: string };
  'alarm-action-skipped': { readonly action: string; readonly reason: string };
  'alarm-action-failed': { readonly action: string; readonly state: string; readonly error: string };
}

interface FirehoseEvents {
  'record-received': { readonly recordId: string; readonly bytes: number };
  /** A buffer (or its failed records, `errorOutput`) written to the S3 destination. */
  'object-delivered': { readonly bucket: string; readonly key: string; readonly records: number; readonly bytes: number; readonly errorOutput?: boolean };
  /** What the Lambda processor returned for one flushed buffer. */
  'records-transformed': { readonly ok: number; readonly dropped: number; readonly failed: number };
}

interface BatchEvents {
  'job-submitted': { readonly jobId: string; readonly jobName: string; readonly jobDefinition: string; readonly arraySize?: number };
  'job-status-changed': { readonly jobId: string; readonly from: string; readonly to: string; readonly statusReason?: string };
  'job-attempt-started': { readonly jobId: string; readonly attempt: number; readonly computeEnvironment: string; readonly vcpus: number };
  'job-attempt-ended': {
    readonly jobId: string;
    readonly attempt: number;
    readonly vcpus: number;
    readonly statusReason: string;
    readonly exitCode?: number;
    /** The handler's error, when it threw. */
    readonly error?: string;
  };
  /** A job no compute environment of its queue can run: it stays RUNNABLE (also reported as a problem). */
  'job-blocked': { readonly jobId: string; readonly reason: string; readonly detail: string };
}

interface AppFlowEvents {
  'flow-status-changed': { readonly from: string; readonly to: string };
  'flow-run-started': { readonly executionId: string; readonly trigger: string };
  'flow-run-finished': {
    readonly executionId: string;
    readonly status: string;
    readonly recordsProcessed: number;
    readonly bytesWritten: number;
    readonly error?: string;
  };
}

interface DynamoDbEvents {
  /** An item changed (what a stream would record; written whether or not the table has a stream). */
  'item-changed': { readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE'; readonly keys: string; readonly origin: 'request' | 'ttl' };
  /** A ConditionExpression was false (ConditionalCheckFailedException). */
  'condition-check-failed': { readonly operation: string; readonly keys: string };
  'transaction-canceled': { readonly reasons: readonly string[] };
  /** TTL deleted an expired item. */
  'ttl-deleted': { readonly keys: string; readonly expiredAt: string };
  /** A DynamoDB stream event source mapping gave up on records (retries or record age exhausted). */
  'stream-records-discarded': { readonly condition: string; readonly records: number; readonly destination?: string };
  /** A DynamoDB stream event source mapping will invoke the batch again. */
  'stream-batch-retry': { readonly records: number; readonly attempt: number; readonly bisected?: boolean };
}

/** API Gateway (REST, HTTP and WebSocket APIs); the resource is the API's logical id. */
interface ApiGatewayEvents {
  'request-received': { readonly requestId: string; readonly method: string; readonly path: string; readonly stage: string; readonly sourceIp: string };
  'request-answered': {
    readonly requestId: string;
    readonly status: number;
    /** The gateway response type when API Gateway answered itself (`THROTTLED`, `UNAUTHORIZED`, ...). */
    readonly responseType?: string;
    readonly latencyMs: number;
  };
  'authorizer-invoked': { readonly requestId: string; readonly authorizer: string; readonly functionArn?: string };
  'authorizer-cached': { readonly requestId: string; readonly authorizer: string };
  'authorizer-denied': { readonly requestId: string; readonly authorizer: string; readonly status: number; readonly reason: string };
  'request-throttled': { readonly requestId: string; readonly apiKeyId?: string };
  'quota-exceeded': { readonly requestId: string; readonly apiKeyId: string; readonly usagePlan: string };
  'api-key-refused': { readonly requestId: string; readonly reason: string };
  'validation-failed': { readonly requestId: string; readonly responseType: string; readonly message: string };
  'waf-blocked': { readonly requestId: string; readonly rule: string; readonly sourceIp: string };
  /** A WAF rule the simulator does not evaluate (a managed rule group) that this request would have met. */
  'waf-rule-not-evaluated': { readonly requestId: string; readonly rules: readonly string[] };
  'integration-called': { readonly requestId: string; readonly integration: string; readonly target?: string };
  'integration-failed': { readonly requestId: string; readonly integration: string; readonly error: string; readonly status: number };
  'ws-connected': { readonly connectionId: string };
  'ws-connect-refused': { readonly connectionId: string; readonly status: number };
  'ws-message': { readonly connectionId: string; readonly routeKey: string };
  'ws-disconnected': { readonly connectionId: string; readonly reason: string };
  'ws-posted': { readonly connectionId: string; readonly bytes: number };
}

interface StepFunctionsEvents {
  'execution-started': { readonly executionArn: string; readonly name: string; readonly input: string; readonly redriveCount?: number };
  'execution-ended': {
    readonly executionArn: string;
    readonly status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
    readonly error?: string;
    readonly cause?: string;
  };
  /**
   * One state run, with what each processing step made of the data (TestState's inspection): `input`,
   * `afterInputPath`, `afterParameters` / `afterArguments`, `result`, `afterResultSelector`, `afterResultPath`,
   * `output`, the `variables` it assigned, and where it went (`next`) or the error it ended with.
   */
  'state-run': {
    readonly executionArn: string;
    readonly state: string;
    readonly stateType: string;
    readonly inspection: Readonly<Record<string, unknown>>;
    readonly next?: string;
    readonly error?: string;
    readonly cause?: string;
    readonly retries?: number;
  };
  /** EventBridge is not simulated: `events:putEvents` tasks are recorded with their entries. */
  'events-put': { readonly executionArn: string; readonly state: string; readonly entries: readonly unknown[]; readonly eventIds: readonly string[] };
  'map-run-started': { readonly executionArn: string; readonly mapRunArn: string; readonly items: number };
  'map-run-ended': { readonly executionArn: string; readonly mapRunArn: string; readonly succeeded: number; readonly failed: number; readonly status: string };
  'task-callback': { readonly action: 'SendTaskSuccess' | 'SendTaskFailure' | 'SendTaskHeartbeat'; readonly executionArn: string };
}

/** Events the simulator itself records (strict-mode problems, run boundaries). */
interface SimulatorEvents {
  /** Something the simulator could not do faithfully during a run (see `SimulatorOptions.strict`). */
  problem: { readonly message: string };
}

/** Events of the wire protocols (`sim.clientConfig()`, `sim.listen()`); the resource is the service's namespace. */
interface WireEvents {
  /**
   * A request AWS would refuse before any service looks at it (missing, malformed or wrong signature, unknown key):
   * refused with `iam: 'enforce'` (`enforced: true`), let through with `iam: 'report'`.
   */
  'authentication-failed': {
    readonly errorName: string;
    readonly reason: string;
    readonly accessKeyId?: string;
    readonly principal?: string;
    readonly enforced: boolean;
  };
  /** A request for a service or operation the simulator does not simulate (also reported as a problem). */
  'not-simulated': { readonly action?: string; readonly reason: string };
}

/** Every event type, with the shape of its detail. */
export interface SimEvents extends CommonEvents, SqsEvents, SnsEvents, LambdaEvents, S3Events, CloudWatchEvents, FirehoseEvents,
  BatchEvents, AppFlowEvents, DynamoDbEvents, WireEvents, ApiGatewayEvents, StepFunctionsEvents, SimulatorEvents {}

/** The type of an event (`'sent'`, `'denied'`, ...). */
export type TraceEventType = keyof SimEvents;
