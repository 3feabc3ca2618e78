/**
 * The Lambda simulator: AWS::Lambda::Function, ::Permission (the resource-based policy), ::EventInvokeConfig
 * (asynchronous retries, event age, destinations) and ::EventSourceMapping (SQS pollers). Other services reach it
 * through `invokeAsync` (SNS, S3), which checks the function's resource policy first, as Lambda does.
 */
import { AsyncInvocationQueue } from './async-invocation';
import { payloadBlob, payloadText } from './blob';
import { codeRunner, CodeSources } from './code';
import { AsyncOutcomes } from './destinations';
import { DynamoDbStreamMapping, dynamoDbStreamMapping } from './dynamodb-stream-mapping';
import { SqsEventSourceMapping } from './event-source-mapping';
import { FilterPatternError, parseFilterCriteria } from './filter-criteria';
import { ExecutionResult, FunctionConfig, SimFunction } from './function';
import { InvokeInput, InvokeOutput, LambdaHandle, LambdaInvoker } from './handle';
import { permissionStatement } from './permission';
import { authorize } from '../iam/authorize';
import { AwsError, TemplateLoadError, virtualDeferred } from '../kernel';
import { parseArn } from '../kernel/arn';
import { AccessDecision, CallerIdentity, DeliveryOutcome, QueueAccess, LambdaDelivery, SimContext, SimService, TemplateResource } from '../runtime';
import { optionalBoolean, optionalInteger, optionalList, optionalString, schemaError } from '../template/properties';

/** Synchronous and asynchronous request payload limits (Invoke API reference). */
export const MAX_SYNC_PAYLOAD_BYTES = 6 * 1024 * 1024;
export const MAX_ASYNC_PAYLOAD_BYTES = 1024 * 1024;

/** The runtime's environment variables a function cannot set ("Defined runtime environment variables"). */
const RESERVED_ENVIRONMENT_KEYS = new Set([
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
]);

const CUSTOM_RESOURCE_TYPES = /^(Custom::|AWS::CloudFormation::CustomResource$)/;

export class LambdaService implements SimService, LambdaDelivery, LambdaInvoker {
  public readonly resourceTypes = [
    'AWS::Lambda::Function',
    'AWS::Lambda::Permission',
    'AWS::Lambda::EventInvokeConfig',
    'AWS::Lambda::EventSourceMapping',
  ] as const;

  /** The Lambda API (ServiceApi): Invoke, as `caller`. */
  public readonly actions: readonly string[] = ['Invoke'];

  private readonly functions = new Map<string, SimFunction>();
  private readonly byName = new Map<string, SimFunction>();
  private readonly asyncQueues = new Map<SimFunction, AsyncInvocationQueue>();
  private readonly handles = new Map<string, LambdaHandle>();
  private readonly permissions: TemplateResource[] = [];
  private readonly invokeConfigs: TemplateResource[] = [];
  private readonly mappingResources: TemplateResource[] = [];
  private readonly mappings = new Map<string, SqsEventSourceMapping>();
  private readonly streamMappings = new Map<string, DynamoDbStreamMapping>();
  private readonly codeSources: CodeSources;
  private readonly outcomes: AsyncOutcomes;

  constructor(private readonly ctx: SimContext) {
    this.codeSources = new CodeSources(ctx.code?.assemblyDirs ?? []);
    this.outcomes = new AsyncOutcomes(ctx, (arn, event, caller) => this.invokeAsync(arn, event, caller));
  }

  public create(resource: TemplateResource): void {
    switch (resource.type) {
      case 'AWS::Lambda::Function':
        this.createFunction(resource);
        break;
      case 'AWS::Lambda::Permission':
        this.permissions.push(resource);
        break;
      case 'AWS::Lambda::EventInvokeConfig':
        this.invokeConfigs.push(resource);
        break;
      case 'AWS::Lambda::EventSourceMapping':
        this.mappingResources.push(resource);
        break;
      default:
        throw new Error(`LambdaService: unexpected resource type ${resource.type}`);
    }
  }

  public link(): void {
    for (const p of this.permissions) this.linkPermission(p);
    for (const c of this.invokeConfigs) this.linkInvokeConfig(c);
    for (const m of this.mappingResources) this.linkMapping(m);
    for (const m of this.mappings.values()) m.start();
    for (const m of this.streamMappings.values()) m.start();
  }

  /** The handle of the function `logicalId`. */
  public handle(logicalId: string): LambdaHandle {
    const fn = this.functions.get(logicalId);
    if (!fn) throw new Error(`LambdaService: no AWS::Lambda::Function '${logicalId}'`);
    let h = this.handles.get(logicalId);
    if (!h) {
      h = new LambdaHandle(fn, this);
      this.handles.set(logicalId, h);
    }
    return h;
  }

  /** The event source mapping `logicalId` (undefined when it is not an active SQS mapping). */
  public eventSourceMapping(logicalId: string): SqsEventSourceMapping | undefined {
    return this.mappings.get(logicalId);
  }

  // ---- resources ----------------------------------------------------------------------------------------------

  private createFunction(r: TemplateResource): void {
    const p = r.properties;
    const { env } = this.ctx;
    const name = r.ref;
    const arn = r.attributes.Arn ?? `arn:${env.partition}:lambda:${env.region}:${env.account}:function:${name}`;
    const timeoutSeconds = optionalInteger(r.logicalId, 'Timeout', p.Timeout, 1, 900) ?? 3;
    const memoryMb = optionalInteger(r.logicalId, 'MemorySize', p.MemorySize, 128, 10240) ?? 128;
    const reservedConcurrency = optionalInteger(r.logicalId, 'ReservedConcurrentExecutions', p.ReservedConcurrentExecutions, 0, Number.MAX_SAFE_INTEGER);
    const deadLetterTargetArn = optionalString(r.logicalId, 'DeadLetterConfig/TargetArn', p.DeadLetterConfig?.TargetArn);
    if (deadLetterTargetArn !== undefined) {
      const service = parseArn(deadLetterTargetArn)?.service;
      if (service !== 'sqs' && service !== 'sns') {
        throw new TemplateLoadError(r.logicalId, 'InvalidParameterValueException', `The dead-letter target ${deadLetterTargetArn} must be an Amazon SQS queue or Amazon SNS topic ARN.`);
      }
      if (deadLetterTargetArn.endsWith('.fifo')) {
        throw new TemplateLoadError(r.logicalId, 'InvalidParameterValueException', `The dead-letter target ${deadLetterTargetArn} is a FIFO ${service === 'sqs' ? 'queue' : 'topic'}; Lambda supports only standard queues and topics as dead-letter targets.`);
      }
    }
    const variables = p.Environment?.Variables ?? {};
    const environment: Record<string, string> = {};
    for (const [k, v] of Object.entries(variables)) environment[k] = String(v);
    const reserved = Object.keys(environment).filter(k => RESERVED_ENVIRONMENT_KEYS.has(k));
    if (reserved.length > 0) {
      throw new TemplateLoadError(r.logicalId, 'InvalidParameterValueException', 'Lambda was unable to configure your environment variables because the '
        + 'environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in '
        + `this request: ${reserved.join(', ')}`);
    }
    const config: FunctionConfig = {
      logicalId: r.logicalId,
      name,
      arn,
      timeoutSeconds,
      memoryMb,
      reservedConcurrency,
      deadLetterTargetArn,
      roleArn: typeof p.Role === 'string' ? p.Role : undefined,
      logGroupName: typeof p.LoggingConfig?.LogGroup === 'string' ? p.LoggingConfig.LogGroup : `/aws/lambda/${name}`,
      environment,
      infrastructure: this.infrastructureReason(arn),
    };
    const fn = new SimFunction(this.ctx, config);
    if (this.ctx.code && !config.infrastructure) {
      const { runner, reason } = codeRunner(this.ctx, this.ctx.code, config, r, this.codeSources);
      fn.code = runner;
      fn.codeUnavailable = runner ? undefined : reason;
      if (!runner && this.ctx.code.runCode) this.unsupported(r, `its code is not run: ${reason}; register a stand-in with sim.lambda(...).handle(fn)`);
      if (runner && Array.isArray(r.properties.Layers) && r.properties.Layers.length > 0) {
        this.unsupported(r, 'its layers are not loaded: modules the code requires from a layer (/opt) are not found');
      }
    }
    this.functions.set(r.logicalId, fn);
    this.byName.set(name, fn);
  }

  /** A function that serves a custom resource (its ServiceToken) runs at deploy time only, e.g. BucketNotificationsHandler. */
  private infrastructureReason(arn: string): string | undefined {
    for (const r of this.ctx.resources.values()) {
      if (CUSTOM_RESOURCE_TYPES.test(r.type) && r.properties.ServiceToken === arn) return `the provider of ${r.type} '${r.logicalId}'`;
    }
    return undefined;
  }

  private linkPermission(r: TemplateResource): void {
    const target = this.resolveFunction(String(r.properties.FunctionName ?? ''));
    if (!target) {
      this.unsupported(r, `Permission for function '${r.properties.FunctionName}', which is not in the template: not enforced`);
      return;
    }
    target.fn.policy = { ...target.fn.policy, Statement: [...target.fn.policy.Statement, permissionStatement(r, target.fn.arn, this.ctx.env)] };
  }

  private linkInvokeConfig(r: TemplateResource): void {
    const p = r.properties;
    const target = this.resolveFunction(String(p.FunctionName ?? ''));
    if (!target) {
      this.unsupported(r, `EventInvokeConfig for function '${p.FunctionName}', which is not in the template`);
      return;
    }
    const qualifier = p.Qualifier ?? '$LATEST';
    if (qualifier !== '$LATEST') {
      this.unsupported(r, `EventInvokeConfig for qualifier '${qualifier}': versions and aliases are not simulated (the function is invoked as $LATEST)`);
      return;
    }
    const cfg = target.fn.asyncConfig;
    cfg.maximumRetryAttempts = optionalInteger(r.logicalId, 'MaximumRetryAttempts', p.MaximumRetryAttempts, 0, 2) ?? 2;
    cfg.maximumEventAgeSeconds = optionalInteger(r.logicalId, 'MaximumEventAgeInSeconds', p.MaximumEventAgeInSeconds, 60, 21600) ?? 21600;
    cfg.onSuccess = this.destination(r, 'DestinationConfig/OnSuccess/Destination', p.DestinationConfig?.OnSuccess?.Destination, false);
    cfg.onFailure = this.destination(r, 'DestinationConfig/OnFailure/Destination', p.DestinationConfig?.OnFailure?.Destination, true);
  }

  private destination(r: TemplateResource, property: string, value: unknown, onFailure: boolean): string | undefined {
    const arn = optionalString(r.logicalId, property, value);
    if (arn === undefined) return undefined;
    const service = parseArn(arn)?.service;
    const allowed = onFailure ? ['sqs', 'sns', 'lambda', 'events', 's3'] : ['sqs', 'sns', 'lambda', 'events'];
    if (!service || !allowed.includes(service)) {
      throw new TemplateLoadError(r.logicalId, 'InvalidParameterValueException', `The destination ARN ${arn} is invalid: an ${onFailure ? 'on-failure' : 'on-success'} destination must be an SQS queue, SNS topic, Lambda function${onFailure ? ', S3 bucket' : ''} or EventBridge event bus.`);
    }
    return arn;
  }

  private linkMapping(r: TemplateResource): void {
    const p = r.properties;
    const id = r.logicalId;
    const sourceArn = String(p.EventSourceArn ?? '');
    const parsed = parseArn(sourceArn);
    if (parsed?.service === 'dynamodb') {
      this.linkStreamMapping(r, sourceArn);
      return;
    }
    if (!parsed || parsed.service !== 'sqs') {
      this.unsupported(r, `event source ${sourceArn || '(none)'}: only Amazon SQS and DynamoDB stream event source mappings are simulated`);
      return;
    }
    const target = this.resolveFunction(String(p.FunctionName ?? ''));
    if (!target) throw new TemplateLoadError(id, 'ResourceNotFoundException', `Function not found: ${p.FunctionName}`);
    const queue = this.ctx.services.sqs.queueByArn(sourceArn);
    if (!queue) {
      this.unsupported(r, `queue ${sourceArn} is not in the template (imported queues are not simulated)`);
      return;
    }
    const fifo = queue.fifo;
    const batchSize = optionalInteger(id, 'BatchSize', p.BatchSize, 1, 10000) ?? 10;
    const windowSeconds = optionalInteger(id, 'MaximumBatchingWindowInSeconds', p.MaximumBatchingWindowInSeconds, 0, 300) ?? 0;
    if (fifo && batchSize > 10) {
      throw new TemplateLoadError(id, 'InvalidParameterValueException', `Invalid batch size ${batchSize}: for FIFO queues the maximum batch size is 10.`);
    }
    if (fifo && windowSeconds > 0) {
      throw new TemplateLoadError(id, 'InvalidParameterValueException', 'Batching window is not supported for FIFO queues.');
    }
    if (batchSize > 10 && windowSeconds === 0) {
      throw new TemplateLoadError(id, 'InvalidParameterValueException', 'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10');
    }
    if (queue.visibilityTimeoutSeconds < target.fn.config.timeoutSeconds) {
      throw new TemplateLoadError(id, 'InvalidParameterValueException',
        `Queue visibility timeout: ${queue.visibilityTimeoutSeconds} seconds is less than Function timeout: ${target.fn.config.timeoutSeconds} seconds`);
    }
    const responseTypes = optionalList(id, 'FunctionResponseTypes', p.FunctionResponseTypes) ?? [];
    for (const t of responseTypes) {
      if (t !== 'ReportBatchItemFailures') throw schemaError(id, 'FunctionResponseTypes', `${String(t)} is not a valid enum value (ReportBatchItemFailures)`);
    }
    const maximumConcurrency = optionalInteger(id, 'ScalingConfig/MaximumConcurrency', p.ScalingConfig?.MaximumConcurrency, 2, 1000);
    let filters;
    try {
      filters = parseFilterCriteria(p.FilterCriteria);
    } catch (e) {
      if (e instanceof FilterPatternError) throw new TemplateLoadError(id, 'InvalidParameterValueException', `Invalid filter pattern definition: ${e.message}`);
      throw e;
    }
    for (const ignored of ['ProvisionedPollerConfig', 'MetricsConfig', 'KmsKeyArn', 'Tags']) {
      if (p[ignored] !== undefined) this.unsupported(r, `${ignored} has no effect in the simulator`);
    }
    this.checkPollerRole(id, target.fn, queue);
    const mapping = new SqsEventSourceMapping(this.ctx, {
      logicalId: id,
      uuid: r.ref,
      batchSize,
      batchingWindowMs: windowSeconds * 1000,
      reportBatchItemFailures: responseTypes.includes('ReportBatchItemFailures'),
      maximumConcurrency,
      enabled: optionalBoolean(id, 'Enabled', p.Enabled) ?? true,
      filters,
    }, queue, target.fn);
    this.mappings.set(id, mapping);
  }

  /**
   * Lambda checks the execution role when the mapping is created: without sqs:ReceiveMessage, sqs:DeleteMessage and
   * sqs:GetQueueAttributes on the queue the deployment fails ("Lambda execution role" in the Lambda Developer Guide).
   */
  private checkPollerRole(id: string, fn: SimFunction, queue: QueueAccess): void {
    const caller = fn.roleIdentity();
    for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes']) {
      const decision = authorize(this.ctx, {
        action, resource: queue.arn, caller, resourcePolicies: queue.policies ?? [], service: 'lambda', logicalId: id,
      });
      if (!decision.allowed) {
        throw new TemplateLoadError(id, 'InvalidParameterValueException',
          `The provided execution role does not have permissions to call ${action.slice('sqs:'.length)} on SQS`);
      }
    }
  }

  /** A DynamoDB stream mapping (dynamodb-stream-mapping.ts). */
  private linkStreamMapping(r: TemplateResource, streamArn: string): void {
    const target = this.resolveFunction(String(r.properties.FunctionName ?? ''));
    if (!target) throw new TemplateLoadError(r.logicalId, 'ResourceNotFoundException', `Function not found: ${r.properties.FunctionName}`);
    const stream = this.ctx.services.dynamodb?.streamByArn(streamArn);
    if (!stream) {
      this.unsupported(r, `stream ${streamArn} is not the stream of a table in the template (imported tables are not simulated)`);
      return;
    }
    this.streamMappings.set(r.logicalId, dynamoDbStreamMapping(this.ctx, r, target.fn, stream, reason => this.unsupported(r, reason)));
  }

  private unsupported(r: TemplateResource, reason: string): void {
    this.ctx.reportUnsupported(r.logicalId, r.type, reason);
    this.ctx.trace.record('lambda', r.logicalId, 'unsupported', { reason });
  }

  /** Finds a function by name, ARN, partial ARN (`123456789012:function:name`), with or without a qualifier. */
  private resolveFunction(ref: string): { fn: SimFunction; qualifier?: string } | undefined {
    let rest = ref;
    const arn = parseArn(ref);
    if (arn) {
      if (arn.service !== 'lambda' || !arn.resource.startsWith('function:')) return undefined;
      rest = arn.resource.slice('function:'.length);
    } else {
      const partial = /^\d{12}:function:(.+)$/.exec(ref);
      if (partial) rest = partial[1];
    }
    const colon = rest.indexOf(':');
    const name = colon >= 0 ? rest.slice(0, colon) : rest;
    const qualifier = colon >= 0 ? rest.slice(colon + 1) : undefined;
    const fn = this.byName.get(name);
    return fn ? { fn, qualifier } : undefined;
  }

  private queueOf(fn: SimFunction): AsyncInvocationQueue {
    let q = this.asyncQueues.get(fn);
    if (!q) {
      q = new AsyncInvocationQueue(this.ctx, fn, this.outcomes);
      this.asyncQueues.set(fn, q);
    }
    return q;
  }

  /** The function's resource policy (its permissions) or the caller's identity-based policies must allow the invoke. */
  private allowed(fn: SimFunction, caller: CallerIdentity): AccessDecision {
    return authorize(this.ctx, {
      action: 'lambda:InvokeFunction', resource: fn.arn, caller, resourcePolicies: [fn.policy], service: 'lambda', logicalId: fn.logicalId,
    });
  }

  // ---- LambdaDelivery ----------------------------------------------------------------------------------------

  public invokeAsync(functionArn: string, event: unknown, caller: CallerIdentity): DeliveryOutcome {
    const target = this.resolveFunction(functionArn);
    if (!target || (target.qualifier !== undefined && target.qualifier !== '$LATEST')) {
      return { ok: false, errorName: 'ResourceNotFoundException', errorMessage: `Function not found: ${functionArn}` };
    }
    const fn = target.fn;
    const decision = this.allowed(fn, caller);
    if (!decision.allowed) {
      return {
        ok: false,
        errorName: 'AccessDeniedException',
        errorMessage: decision.message ?? `User: ${caller.principal} is not authorized to perform: lambda:InvokeFunction on resource: ${fn.arn}`,
        deniedByPolicy: true,
      };
    }
    const size = Buffer.byteLength(JSON.stringify(event ?? {}) ?? '');
    if (size > MAX_ASYNC_PAYLOAD_BYTES) {
      return { ok: false, errorName: 'RequestTooLargeException', errorMessage: `Request must be smaller than ${MAX_ASYNC_PAYLOAD_BYTES} bytes for the InvokeFunction operation` };
    }
    const requestId = this.queueOf(fn).enqueue(event, caller);
    return { ok: true, messageId: requestId };
  }

  public onFunctionMetricChange(functionName: string, listener: () => void): () => void {
    const fn = this.byName.get(functionName);
    return fn ? fn.onMetricChange(listener) : () => undefined;
  }

  public functionMetric(functionName: string, metricName: string): number | undefined {
    const fn = this.byName.get(functionName);
    if (!fn) return undefined;
    return (fn.counters as Record<string, number>)[metricName];
  }

  // ---- Invoke (handles) ----------------------------------------------------------------------------------------

  /** Answers one API call (ServiceApi). */
  public async call(action: string, input: Record<string, any>, caller: CallerIdentity): Promise<Record<string, any>> {
    if (action !== 'Invoke') throw new AwsError('InvalidAction', `The action ${action} is not valid for this endpoint (lambda), or the simulator does not simulate it.`);
    if (typeof input.FunctionName !== 'string') throw new AwsError('ValidationException', "1 validation error detected: Value null at 'functionName' failed to satisfy constraint: Member must not be null");
    return this.invokeAs(input.FunctionName, input as InvokeInput, caller);
  }

  /** A handle's Invoke: as the account owner, on the handle's function unless `FunctionName` names another. */
  public invoke(handleFn: SimFunction, input: InvokeInput): Promise<InvokeOutput> {
    let fn = handleFn;
    if (input.FunctionName !== undefined && input.FunctionName !== handleFn.name && input.FunctionName !== handleFn.arn) {
      const other = this.resolveFunction(input.FunctionName);
      if (!other) return Promise.reject(new AwsError('ResourceNotFoundException', `Function not found: ${input.FunctionName}`, { httpStatusCode: 404 }));
      fn = other.fn;
    }
    const invocation = this.invokeFunction(fn, input, this.ctx.ownerIdentity);
    // A handler with a duration answers after it: an awaited handle call drives the clock until then.
    const result = virtualDeferred<InvokeOutput>(this.ctx.clock, { label: `lambda Invoke of ${fn.logicalId}` });
    invocation.then(out => result.resolve(out), err => result.reject(err));
    return result.promise;
  }

  /**
   * Invoke (RequestResponse, Event or DryRun) of the function `functionRef` names (name, ARN or partial ARN), as
   * `caller`, through the function's resource policy: API Gateway integrations, Step Functions tasks, SDK calls. A
   * synchronous invocation resolves at the virtual time it ends (its handler's duration), so callers wait for it
   * through a fiber or a virtual wait.
   */
  public invokeAs(functionRef: string, input: InvokeInput, caller: CallerIdentity): Promise<InvokeOutput> {
    const found = this.resolveFunction(functionRef);
    if (!found) return Promise.reject(new AwsError('ResourceNotFoundException', `Function not found: ${functionRef}`, { httpStatusCode: 404 }));
    if (found.qualifier !== undefined && found.qualifier !== '$LATEST') {
      return Promise.reject(new AwsError('ResourceNotFoundException', `Function not found: ${functionRef}`, { httpStatusCode: 404 }));
    }
    return this.invokeFunction(found.fn, input, caller);
  }

  private async invokeFunction(fn: SimFunction, input: InvokeInput, caller: CallerIdentity): Promise<InvokeOutput> {
    const type = input.InvocationType ?? 'RequestResponse';
    if (type !== 'RequestResponse' && type !== 'Event' && type !== 'DryRun') {
      throw new AwsError('ValidationException', `1 validation error detected: Value '${type}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`);
    }
    if (input.Qualifier !== undefined && input.Qualifier !== '$LATEST') {
      throw new AwsError('ResourceNotFoundException', `Function not found: ${fn.arn}:${input.Qualifier}`, { httpStatusCode: 404 });
    }
    const decision = this.allowed(fn, caller);
    if (!decision.allowed) {
      throw new AwsError('AccessDeniedException', decision.message ?? `User: ${caller.principal} is not authorized to perform: lambda:InvokeFunction on resource: ${fn.arn}`,
        { httpStatusCode: 403 });
    }
    const text = payloadText(input.Payload);
    const limit = type === 'Event' ? MAX_ASYNC_PAYLOAD_BYTES : MAX_SYNC_PAYLOAD_BYTES;
    if (text !== undefined && Buffer.byteLength(text) > limit) {
      throw new AwsError('RequestTooLargeException', `Request must be smaller than ${limit} bytes for the InvokeFunction operation`, { httpStatusCode: 413 });
    }
    let event: unknown = {};
    if (text !== undefined && text !== '') {
      try {
        event = JSON.parse(text);
      } catch (e) {
        throw new AwsError('InvalidRequestContentException', `Could not parse request body into json: Could not parse payload into json: ${(e as Error).message}`);
      }
    }
    if (type === 'DryRun') return { StatusCode: 204, $metadata: { httpStatusCode: 204 } };
    if (type === 'Event') {
      const requestId = this.queueOf(fn).enqueue(event, caller);
      return { StatusCode: 202, Payload: payloadBlob(''), $metadata: { httpStatusCode: 202, requestId } };
    }
    if (!fn.tryAcquire()) {
      fn.throttled('invoke');
      const err = new AwsError('TooManyRequestsException', 'Rate Exceeded.', { httpStatusCode: 429 });
      (err as unknown as { Reason: string }).Reason = 'ReservedFunctionConcurrentInvocationLimitExceeded';
      throw err;
    }
    let result: ExecutionResult;
    try {
      const invokedBy = caller === this.ctx.ownerIdentity ? undefined : caller.principal;
      result = await fn.execute(event, { source: 'invoke', ...(invokedBy ? { invokedBy } : {}) });
    } catch (err) {
      fn.release();
      throw err;
    }
    // The invocation holds its concurrency slot for its duration and answers when it ends.
    if (result.durationMs > 0) {
      await new Promise<void>(resolve => this.ctx.clock.schedule(this.ctx.clock.now() + result.durationMs, resolve, { label: `lambda ${fn.logicalId} invocation` }));
    }
    fn.release();
    return {
      StatusCode: 200,
      ...(result.ok ? {} : { FunctionError: 'Unhandled' }),
      ...(input.LogType === 'Tail' ? { LogResult: tailLog(result, fn) } : {}),
      Payload: payloadBlob(result.payload),
      ExecutedVersion: '$LATEST',
      $metadata: { httpStatusCode: 200, requestId: result.requestId },
    };
  }
}

/** The last 4 KB of the log, base64, as LogType Tail returns it (START, the code's own lines, END and REPORT). */
function tailLog(result: ExecutionResult, fn: SimFunction): string {
  const lines = [
    `START RequestId: ${result.requestId} Version: $LATEST`,
    ...(result.logs ?? []),
    ...(result.ok ? [] : [`${result.requestId}\tERROR\tInvoke Error \t${result.payload}`]),
    `END RequestId: ${result.requestId}`,
    `REPORT RequestId: ${result.requestId}\tDuration: ${result.durationMs.toFixed(2)} ms\tBilled Duration: ${Math.max(1, Math.ceil(result.durationMs))} ms\tMemory Size: ${fn.config.memoryMb} MB`,
  ];
  const log = Buffer.from(lines.join('\n') + '\n', 'utf8');
  return log.subarray(Math.max(0, log.length - 4096)).toString('base64');
}
