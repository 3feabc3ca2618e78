/**
 * The public simulator: loads a synthesized template, creates every resource in the simulated services on one
 * virtual clock, and hands out SDK-shaped handles to its queues, topics, functions, buckets and alarms.
 */
import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AlarmHandle, CloudWatchService } from './cloudwatch';
import { DeliveryStreamHandle, FirehoseService } from './firehose';
import { HANDLE_KINDS, HandleIndex, HandleKind, ResourceRef, SkippedResource } from './handles';
import { ResourcePolicyEvaluator } from './iam';
import { RunUntilIdleResult, SeededIds, Trace, VirtualClock } from './kernel';
import { LambdaHandle, LambdaService } from './lambda';
import {
  CallerIdentity,
  DeliveryOutcome,
  FirehoseDelivery,
  LambdaDelivery,
  ServiceDirectory,
  SimContext,
  SimEnvironment,
  SimService,
  SnsDelivery,
  SqsDelivery,
  TemplateResource,
} from './runtime';
import { BucketHandle, S3Service } from './s3';
import { SnsService, TopicHandle } from './sns';
import { QueueHandle, SqsService } from './sqs';
import { loadTemplate, UnsupportedResource } from './template';

/*
 * The simulated services. Each module exports `new XxxService(ctx)` implementing `SimService` (+ its delivery
 * interface) and `handle(logicalId)`; `createServices` constructs them in this order:
 *   sqs        ./sqs         SqsService         -> sim.queue()
 *   sns        ./sns         SnsService         -> sim.topic()
 *   firehose   ./firehose    FirehoseService    -> sim.deliveryStream()
 *   lambda     ./lambda      LambdaService      -> sim.lambda()
 *   s3         ./s3          S3Service          -> sim.bucket()
 *   cloudwatch ./cloudwatch  CloudWatchService  -> sim.alarm()
 */

export type { QueueHandle } from './sqs';
export type { TopicHandle } from './sns';
export type { LambdaHandle } from './lambda';
export type { DeliveryStreamHandle } from './firehose';
export type { BucketHandle } from './s3';
export type { AlarmHandle } from './cloudwatch';

export interface SimulatorOptions {
  /** @default '123456789012' */
  readonly account?: string;
  /** @default 'us-east-1' (or the stack's concrete region for `fromStack`) */
  readonly region?: string;
  /** Virtual time at which the simulation starts. @default 2024-01-01T00:00:00Z (fixed, so runs repeat exactly) */
  readonly startTime?: Date;
  /** Used by `AWS::StackName`, `AWS::StackId` and generated physical names. @default 'SimStack' (or the stack's name) */
  readonly stackName?: string;
  /** Template parameter values by name, overriding the defaults. */
  readonly parameters?: Readonly<Record<string, string | number | boolean | readonly string[]>>;
  /** Seed of the id generator (message ids, receipt handles, name suffixes). @default 1 */
  readonly seed?: number;
  /** Record the trace. Turn off only for benchmarks. @default true */
  readonly trace?: boolean;
}

export interface RunUntilIdleOptions {
  /**
   * Virtual milliseconds after which to stop even if work is still pending (e.g. a consumer that fails forever).
   * @default 86_400_000 (24 hours: longer than SQS's 12-hour maximum visibility timeout and Lambda's 6-hour maximum
   * event age for asynchronous retries, so every documented retry schedule completes)
   */
  readonly maxTime?: number;
}

/** Default `runUntilIdle` bound: 24 virtual hours. */
export const DEFAULT_RUN_UNTIL_IDLE_MS = 24 * 60 * 60 * 1000;
/** Default virtual start time: 2024-01-01T00:00:00Z. */
export const DEFAULT_START_TIME = Date.UTC(2024, 0, 1);

/** A simulated service as the simulator holds it. */
interface WiredService extends SimService {
  handle(logicalId: string): unknown;
}

type ServiceKey = 'sqs' | 'sns' | 'firehose' | 'lambda' | 's3' | 'cloudwatch';

/** Types the simulator knows and deliberately does not simulate, with the reason shown in `sim.unsupported`. */
const NOT_SIMULATED: Readonly<Record<string, string>> = {
  'AWS::IAM::Role': 'not simulated: identity-based IAM policies are not evaluated (only resource policies are)',
  'AWS::IAM::Policy': 'not simulated: identity-based IAM policies are not evaluated (only resource policies are)',
  'AWS::IAM::ManagedPolicy': 'not simulated: identity-based IAM policies are not evaluated (only resource policies are)',
  'AWS::IAM::User': 'not simulated: identity-based IAM policies are not evaluated (only resource policies are)',
  'AWS::IAM::Group': 'not simulated: identity-based IAM policies are not evaluated (only resource policies are)',
  'AWS::KMS::Key': 'not simulated: encryption is not modelled; key policies are not evaluated',
  'AWS::KMS::Alias': 'not simulated: encryption is not modelled',
  'AWS::Logs::LogGroup': 'not simulated: no log storage; function results are in sim.lambda(...).invocations',
  'AWS::Logs::SubscriptionFilter': 'not simulated: no log storage',
  'AWS::Logs::MetricFilter': 'not simulated: no log storage',
  'AWS::CloudWatch::Dashboard': 'not simulated: dashboards have no runtime behaviour',
  'AWS::CloudFormation::Stack': 'not simulated: nested stacks are not loaded',
  'AWS::CloudFormation::WaitConditionHandle': 'not simulated: no deployment-time behaviour',
  'AWS::Lambda::LayerVersion': 'not simulated: handlers are registered in the test with sim.lambda(...).handle(fn)',
  'AWS::Lambda::Alias': 'not simulated: invoke the function itself',
  'AWS::Lambda::Version': 'not simulated: invoke the function itself',
};

/** Resource types that are metadata, not resources (neither simulated nor reported). */
const IGNORED_TYPES = new Set(['AWS::CDK::Metadata']);

export class Simulator {
  /** Loads a CloudFormation template object (e.g. `Template.fromStack(stack).toJSON()` or a parsed JSON file). */
  public static fromTemplate(template: object, options: SimulatorOptions = {}): Simulator {
    return new Simulator(template, options, new Map(), new Map());
  }

  /**
   * Synthesizes `stack` and loads its template. Construct objects of the stack (L1, L2 through `node.defaultChild`,
   * or an L3 holding one resource of the wanted type) and their construct paths then name resources in handles.
   */
  public static fromStack(stack: Stack, options: SimulatorOptions = {}): Simulator {
    const template = Template.fromStack(stack).toJSON();
    const constructIds = new Map<object, string>();
    const paths = new Map<string, string>();
    for (const c of stack.node.findAll()) {
      if (!CfnResource.isCfnResource(c) || Stack.of(c) !== stack) continue;
      const logicalId = stack.resolve(c.logicalId) as string;
      constructIds.set(c, logicalId);
      paths.set(logicalId, c.node.path);
    }
    const concrete = (v: string) => (Token.isUnresolved(v) ? undefined : v);
    return new Simulator(template, {
      account: concrete(stack.account),
      region: concrete(stack.region),
      stackName: stack.stackName,
      ...definedOnly(options),
    }, constructIds, paths);
  }

  /** Account, region, partition and stack identity the template was loaded with. */
  public readonly env: SimEnvironment;
  /** Every event in order, with its virtual time, resource and detail. */
  public readonly trace: Trace;
  /** Resources (and features) the simulator does not simulate, with the reason. */
  public readonly unsupported: UnsupportedResource[] = [];
  /** Every created resource, resolved, by logical id. */
  public readonly resources: ReadonlyMap<string, TemplateResource>;
  /** The template's Outputs, resolved. */
  public readonly outputs: Readonly<Record<string, unknown>>;

  private readonly clock: VirtualClock;
  private readonly context: SimContext;
  private readonly index: HandleIndex;
  private readonly services = new Map<ServiceKey, WiredService>();
  private readonly handles = new Map<string, unknown>();

  private constructor(template: object, options: SimulatorOptions, constructIds: ReadonlyMap<object, string>, paths: ReadonlyMap<string, string>) {
    this.env = environment(options);
    this.clock = new VirtualClock(options.startTime ? options.startTime.getTime() : DEFAULT_START_TIME);
    this.trace = new Trace(this.clock, options.trace ?? true);
    const seed = options.seed ?? 1;
    const ids = new SeededIds(seed);
    // Names get their own generator, so adding a resource does not change every message id of a test.
    const loaded = loadTemplate(template, { env: this.env, parameters: options.parameters, ids: new SeededIds(seed + 0x5eed5), paths });
    this.unsupported.push(...loaded.unsupported);
    this.outputs = loaded.outputs;

    const resources = new Map<string, TemplateResource>();
    for (const r of loaded.resources) resources.set(r.logicalId, r);
    this.resources = resources;

    const directory: { -readonly [K in keyof ServiceDirectory]: ServiceDirectory[K] } = {
      sqs: missingService('sqs'),
      sns: missingService('sns'),
      lambda: missingService('lambda'),
    };
    const ownerIdentity: CallerIdentity = {
      principalType: 'AWS',
      principal: `arn:${this.env.partition}:iam::${this.env.account}:root`,
      sourceAccount: this.env.account,
      secureTransport: true,
    };
    this.context = {
      env: this.env,
      clock: this.clock,
      trace: this.trace,
      ids,
      iam: new ResourcePolicyEvaluator(this.env.account),
      services: directory,
      resources,
      ownerIdentity,
      reportUnsupported: (logicalId, type, reason) => this.unsupported.push({ logicalId, type, reason }),
    };

    this.createServices(this.context, directory);

    const byType = new Map<string, WiredService>();
    for (const service of this.services.values()) for (const type of service.resourceTypes) byType.set(type, service);
    for (const r of loaded.resources) {
      const service = byType.get(r.type);
      if (service) {service.create(r);} else if (!IGNORED_TYPES.has(r.type) && !this.unsupported.some(u => u.logicalId === r.logicalId)) {
        this.unsupported.push({ logicalId: r.logicalId, type: r.type, reason: NOT_SIMULATED[r.type] ?? `not simulated: ${r.type} has no simulated behaviour` });
      }
    }
    for (const service of this.services.values()) service.link?.();

    const skipped = new Map<string, SkippedResource>();
    for (const s of loaded.skipped) skipped.set(s.logicalId, s);
    this.index = new HandleIndex(resources, constructIds, skipped);
  }

  /** The SQS queue `ref` names (logical id, construct path or construct). */
  public queue(ref: ResourceRef): QueueHandle {
    return this.handleOf('sqs', HANDLE_KINDS.queue, ref) as QueueHandle;
  }

  /** The SNS topic `ref` names. */
  public topic(ref: ResourceRef): TopicHandle {
    return this.handleOf('sns', HANDLE_KINDS.topic, ref) as TopicHandle;
  }

  /** The Lambda function `ref` names. */
  public lambda(ref: ResourceRef): LambdaHandle {
    return this.handleOf('lambda', HANDLE_KINDS.lambda, ref) as LambdaHandle;
  }

  /** The Firehose delivery stream `ref` names (it records the records it receives). */
  public deliveryStream(ref: ResourceRef): DeliveryStreamHandle {
    return this.handleOf('firehose', HANDLE_KINDS.deliveryStream, ref) as DeliveryStreamHandle;
  }

  /** The S3 bucket `ref` names. */
  public bucket(ref: ResourceRef): BucketHandle {
    return this.handleOf('s3', HANDLE_KINDS.bucket, ref) as BucketHandle;
  }

  /** The CloudWatch alarm `ref` names. */
  public alarm(ref: ResourceRef): AlarmHandle {
    return this.handleOf('cloudwatch', HANDLE_KINDS.alarm, ref) as AlarmHandle;
  }

  /** The resolved template resource `ref` names, of any type. */
  public resource(ref: ResourceRef): TemplateResource {
    const id = this.index.resolve(ref, { accessor: 'resource', types: [...new Set([...this.resources.values()].map(r => r.type))] });
    return this.resources.get(id)!;
  }

  /** Virtual time, epoch milliseconds. */
  public now(): number {
    return this.clock.now();
  }

  /** Moves virtual time forward by `ms`, running everything that falls due on the way, in order. */
  public async advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`sim.advance(${ms}): the duration must be a finite number of milliseconds >= 0`);
    await this.clock.advanceTo(this.clock.now() + ms);
  }

  /**
   * Runs everything pending (deliveries, retries, polling consumers with work, visibility timeouts, alarm
   * evaluations) until nothing is left or `maxTime` virtual milliseconds have passed. Background housekeeping
   * (retention expiry, idle pollers) does not keep it running. `idle` is false when the bound stopped it.
   */
  public async runUntilIdle(options: RunUntilIdleOptions = {}): Promise<RunUntilIdleResult> {
    const maxTime = options.maxTime ?? DEFAULT_RUN_UNTIL_IDLE_MS;
    if (!Number.isFinite(maxTime) || maxTime < 0) throw new Error(`sim.runUntilIdle({ maxTime: ${maxTime} }): maxTime must be a finite number of milliseconds >= 0`);
    return this.clock.runUntilIdle(this.clock.now() + maxTime);
  }

  private handleOf(key: ServiceKey, kind: HandleKind, ref: ResourceRef): unknown {
    const logicalId = this.index.resolve(ref, kind);
    const cached = this.handles.get(logicalId);
    if (cached !== undefined) return cached;
    const service = this.services.get(key);
    if (!service) throw new Error(`sim.${kind.accessor}(): the ${key} service is not wired into the simulator yet`);
    const handle = service.handle(logicalId);
    this.handles.set(logicalId, handle);
    return handle;
  }

  /** Constructs the services (see the wiring list at the top of this file) and fills the service directory. */
  private createServices(ctx: SimContext, directory: { -readonly [K in keyof ServiceDirectory]: ServiceDirectory[K] }): void {
    // Order: sqs, sns, firehose, lambda, s3, cloudwatch (see the wiring list at the top of this file).
    const sqs = new SqsService(ctx);
    this.services.set('sqs', sqs);
    directory.sqs = sqs;
    const sns = new SnsService(ctx);
    this.services.set('sns', sns);
    directory.sns = sns;
    const firehose = new FirehoseService(ctx);
    this.services.set('firehose', firehose);
    directory.firehose = firehose;
    const lambda = new LambdaService(ctx);
    this.services.set('lambda', lambda);
    directory.lambda = lambda;
    this.services.set('s3', new S3Service(ctx));
    this.services.set('cloudwatch', new CloudWatchService(ctx));
  }
}

function environment(options: SimulatorOptions): SimEnvironment {
  const account = options.account ?? '123456789012';
  const region = options.region ?? 'us-east-1';
  if (!/^\d{12}$/.test(account)) throw new Error(`Simulator: account '${account}' is not a 12-digit AWS account id`);
  const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  const urlSuffix = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  const stackName = options.stackName ?? 'SimStack';
  // A fixed stack id (CloudFormation appends a UUID; a constant keeps runs identical).
  const stackId = `arn:${partition}:cloudformation:${region}:${account}:stack/${stackName}/5eed0000-0000-4000-8000-000000000001`;
  return { account, region, partition, urlSuffix, stackName, stackId };
}

/** A directory entry for a service that is not wired: every delivery fails, naming the missing service. */
function missingService(name: string): SqsDelivery & SnsDelivery & LambdaDelivery & FirehoseDelivery {
  const fail = (): DeliveryOutcome => ({ ok: false, errorName: 'NotSimulated', errorMessage: `the ${name} service is not simulated` });
  return {
    deliver: fail,
    publishFrom: fail,
    invokeAsync: fail,
    putRecord: fail,
    queueByArn: () => undefined,
    queueByName: () => undefined,
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
