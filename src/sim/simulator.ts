/**
 * The public simulator: loads synthesized templates, creates every resource in the simulated services (registry.ts)
 * on one virtual clock, and hands out SDK-shaped handles to them.
 */
import { Stack, Stage } from 'aws-cdk-lib';
import { HANDLE_KINDS, HandleIndex, ResourceRef, SkippedResource } from './handles';
import { ResourcePolicyEvaluator } from './iam';
import { principalIdentity, principalView, PrincipalView } from './iam/principal-view';
import { DurationInput, RunUntilIdleResult, SeededIds, toMilliseconds, Trace, VirtualClock } from './kernel';
import { HandleAccessor, HandleTypes, RegisteredService, ServiceEntry, SERVICES } from './registry';
import { classesOfConstructs, DiagramOptions, renderDiagram } from './report/diagram';
import { writeReport } from './report/html';
import { CallerIdentity, ServiceApi, ServiceDirectory, SimContext, SimEnvironment, TemplateResource } from './runtime';
import { assemblySources, deploymentOrder, StackSource, stacksOf, synthesizeStack } from './sources';
import type { StepFunctionsApi } from './stepfunctions';
import { loadTemplate, UnsupportedImpact, UnsupportedResource } from './template';
import type { SimEvents } from './trace-events';
import { SimTrace, TraceView, withTopicSubscriptions } from './trace-view';
import type { ClientConfigOptions, IamMode, ListenOptions, SimCredentials, SimInProcessClientConfig, SimServer, Wire } from './wire';

export interface SimulatorOptions {
  /** @default '123456789012' (or the stack's concrete account for `fromStack`) */
  readonly account?: string;
  /** @default 'us-east-1' (or the stack's concrete region for `fromStack`) */
  readonly region?: string;
  /** Virtual time at which the simulation starts. @default 2024-01-01T00:00:00Z (fixed, so runs repeat exactly) */
  readonly startTime?: Date;
  /** Used by `AWS::StackName`, `AWS::StackId` and generated physical names. @default 'SimStack' (or the stack's name) */
  readonly stackName?: string;
  /** Template parameter values by name, overriding the defaults. */
  readonly parameters?: Readonly<Record<string, string | number | boolean | readonly string[]>>;
  /** Seed of the id generator (message ids, receipt handles, name suffixes) and of every random choice. @default 1 */
  readonly seed?: number;
  /** Record the trace. Turn off only for benchmarks. @default true */
  readonly trace?: boolean;
  /**
   * Fail `runUntilIdle()` and `advance()` when the simulation could not do what AWS would: a function invoked with
   * neither a registered handler nor code the simulator can run, or traffic that reaches a resource type the simulator
   * does not simulate. With `false` the run goes on and returns the problems in its result. @default true
   */
  readonly strict?: boolean;
  /**
   * IAM as AWS evaluates it, for every call (handles, SDK clients, deliveries between services): identity-based
   * policies of the template's roles and users, resource policies, permissions boundaries and KMS key policies, and
   * SigV4 signatures over the wire. `'enforce'` refuses with the service's AccessDenied error (and refuses unsigned or
   * wrongly signed requests: `MissingAuthenticationToken`, `SignatureDoesNotMatch`, ...); `'report'` records each
   * denial (`denied` with `enforced: false`, `authentication-failed`) and lets the request through; `'off'` evaluates
   * no policy and checks no signature. @default 'enforce'
   */
  readonly iam?: IamMode;
  /**
   * Run the functions' own code (inline `ZipFile` code and the assembly's asset directories: Node.js in-process,
   * Python with the machine's python3 and boto3) when no stand-in handler is registered with
   * `sim.lambda(fn).handle(...)`. With `false`, every invoked function needs a stand-in. `fromTemplate` has no
   * assembly, so only inline code runs there. @default true
   */
  readonly runCode?: boolean;
  /**
   * `fromTemplate` only: the stack the template was synthesized from, so its construct objects name resources as in
   * `fromStack`. (Construct paths name resources whenever the template carries `aws:cdk:path` metadata.)
   */
  readonly stack?: Stack;
}

/** `Simulator.fromAssembly` options: the simulator's, with `stack` naming one stack of the assembly. */
export interface AssemblyOptions extends Omit<SimulatorOptions, 'stack'> {
  /** The stack to load (its name, artifact id or display name). @default every stack of the assembly */
  readonly stack?: string;
}

export interface RunUntilIdleOptions {
  /**
   * Virtual time after which to stop even if work is still pending (e.g. a consumer that fails forever), as
   * milliseconds or an aws-cdk-lib `Duration`.
   * @default 24 hours (longer than SQS's 12-hour maximum visibility timeout and Lambda's 6-hour maximum event age for
   * asynchronous retries, so every documented retry schedule completes)
   */
  readonly maxTime?: DurationInput;
}

/** What a run (`runUntilIdle`, `advance`) came to, counting from the end of the previous run. */
export interface RunResult extends RunUntilIdleResult {
  /** Requests and deliveries a policy refused since the previous run (`denied` trace events; 0 with the trace off). */
  readonly denied: number;
  /** What the simulation could not do faithfully since the previous run (with `strict: false`; strict runs throw instead). */
  readonly problems: readonly string[];
}

/** What the simulator does not simulate, grouped by impact. */
export interface UnsupportedReport {
  /** Resources it does not create at all (IAM roles, KMS keys, VPCs, ...). */
  readonly resources: readonly UnsupportedResource[];
  /** Features of simulated resources it does not model (a queue's KMS key, an alarm's metric math, ...). */
  readonly features: readonly UnsupportedResource[];
  /** Attribute values it had to invent (`Fn::GetAtt` of an attribute it does not model). */
  readonly placeholders: readonly UnsupportedResource[];
  /** All of the above, in that order. */
  readonly all: readonly UnsupportedResource[];
}

/** Thrown by a strict run that hit something the simulation could not do; `problems` lists each. */
export class SimulationError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`The simulation could not do what AWS would (strict mode; pass { strict: false } to continue):\n  - ${problems.join('\n  - ')}`);
    this.name = 'SimulationError';
  }
}

/** Default `runUntilIdle` bound: 24 virtual hours. */
export const DEFAULT_RUN_UNTIL_IDLE_MS = 24 * 60 * 60 * 1000;
/** Default virtual start time: 2024-01-01T00:00:00Z. */
export const DEFAULT_START_TIME = Date.UTC(2024, 0, 1);

/** Types the simulator knows and deliberately does not simulate, with the reason shown in `sim.unsupported`. */
const NOT_SIMULATED: Readonly<Record<string, string>> = {
  'AWS::Logs::LogGroup': 'not simulated: no log storage; function results are in sim.lambda(...).invocations',
  'AWS::Logs::SubscriptionFilter': 'not simulated: no log storage',
  'AWS::Logs::MetricFilter': 'not simulated: no log storage',
  'AWS::CloudWatch::Dashboard': 'not simulated: dashboards have no runtime behaviour',
  'AWS::CloudFormation::Stack': 'not simulated: nested stacks are not loaded',
  'AWS::CloudFormation::WaitConditionHandle': 'not simulated: no deployment-time behaviour',
  'AWS::Lambda::LayerVersion': 'not simulated: layers are not loaded into the functions whose code the simulator runs',
  'AWS::Lambda::Alias': 'not simulated: invoke the function itself',
  'AWS::Lambda::Version': 'not simulated: invoke the function itself',
};

/** Resource types that are metadata, not resources (neither simulated nor reported). */
const IGNORED_TYPES = new Set(['AWS::CDK::Metadata']);

export class Simulator {
  /** Loads a CloudFormation template object (e.g. `Template.fromStack(stack).toJSON()` or a parsed JSON file). */
  public static fromTemplate(template: object, options: SimulatorOptions = {}): Simulator {
    const fromStack = options.stack ? synthesizeStack(options.stack) : undefined;
    return new Simulator([{
      stackName: options.stackName ?? fromStack?.stackName ?? 'SimStack',
      template,
      constructIds: fromStack?.constructIds ?? new Map(),
      paths: fromStack?.paths ?? new Map(),
      dependencies: [],
    }], options);
  }

  /**
   * Synthesizes `stack` (without aws-cdk-lib's built-in CloudFormation validation: see sources.ts) and loads its
   * template. Construct objects of the stack (L1, L2, or an L3 holding one resource of the wanted type) and their
   * construct paths then name resources in handles and trace queries.
   */
  public static fromStack(stack: Stack, options: SimulatorOptions = {}): Simulator {
    return new Simulator([synthesizeStack(stack)], options);
  }

  /**
   * Loads several stacks of one app into one simulation (one account, one clock): a topic in one stack delivers to a
   * queue in another, and `Fn::ImportValue` reads the exporting stack's outputs. Logical ids become
   * `StackName/LogicalId` (a unique logical id, or a construct path, still names a resource on its own).
   */
  public static fromStacks(stacks: readonly Stack[], options: SimulatorOptions = {}): Simulator {
    if (stacks.length === 0) throw new Error('Simulator.fromStacks([]): give at least one stack');
    return new Simulator(stacks.map(synthesizeStack), options);
  }

  /** Loads every stack of an app (or stage), as `fromStacks`. */
  public static fromApp(app: Stage, options: SimulatorOptions = {}): Simulator {
    const stacks = stacksOf(app);
    if (stacks.length === 0) throw new Error(`Simulator.fromApp(${app.node.path || 'App'}): the app has no stacks`);
    return Simulator.fromStacks(stacks, options);
  }

  /**
   * Loads a synthesized cloud assembly (`cdk.out`): the named stack, or every stack (as `fromStacks`). The templates'
   * `aws:cdk:path` metadata lets construct paths name resources.
   */
  public static fromAssembly(dir = 'cdk.out', options: AssemblyOptions = {}): Simulator {
    const { stack, ...rest } = options;
    return new Simulator(assemblySources(dir, stack), rest);
  }

  /** Account, region, partition and stack identity the templates were loaded with (the first stack's). */
  public readonly env: SimEnvironment;
  /** Every event in order, with its virtual time, resource and typed detail. */
  public readonly trace: SimTrace;
  /** What the simulator does not simulate, grouped by impact. */
  public readonly unsupported: UnsupportedReport;
  /** Every created resource, resolved, by logical id. */
  public readonly resources: ReadonlyMap<string, TemplateResource>;
  /** The templates' Outputs, resolved, by output name (`StackName/Output` when several stacks are loaded). */
  public readonly outputs: Readonly<Record<string, unknown>>;
  /** Virtual time (epoch ms) at which the simulation started. */
  public readonly startTime: number;

  private readonly clock: VirtualClock;
  private readonly recorder: Trace<SimEvents>;
  private readonly context: SimContext;
  private readonly index: HandleIndex;
  private readonly services: RegisteredService[] = [];
  private readonly byAccessor = new Map<HandleAccessor, { entry: ServiceEntry; service: RegisteredService }>();
  private readonly byName = new Map<string, RegisteredService>();
  private readonly handles = new Map<string, unknown>();
  private readonly unsupportedEntries: UnsupportedResource[] = [];
  private readonly strict: boolean;
  private readonly iamMode: IamMode;
  private wire?: Wire;
  /** Construct objects by logical id (`fromStack`), for the diagram's construct classes. */
  private readonly constructIds: ReadonlyMap<object, string>;
  /** Problems reported since the last run ended (a run answers for what happened since the one before it). */
  private problems: string[] = [];
  /** Trace length when the last run ended. */
  private traceMark = 0;

  private constructor(sources: readonly StackSource[], options: SimulatorOptions) {
    const multi = sources.length > 1;
    const first = sources[0];
    this.env = environment({ account: first.account, region: first.region, stackName: first.stackName, ...definedOnly(options) });
    this.strict = options.strict ?? true;
    this.iamMode = options.iam ?? 'enforce';
    this.startTime = options.startTime ? options.startTime.getTime() : DEFAULT_START_TIME;
    this.clock = new VirtualClock(this.startTime);
    this.recorder = new Trace<SimEvents>(this.clock, options.trace ?? true);
    const seed = options.seed ?? 1;
    // Names get their own generator, so adding a resource does not change every message id of a test.
    const nameIds = new SeededIds(seed + 0x5eed5);

    const resources = new Map<string, TemplateResource>();
    const skipped = new Map<string, SkippedResource>();
    const constructIds = new Map<object, string>();
    const outputs: Record<string, unknown> = {};
    const stackExports = new Map<string, unknown>();
    for (const source of deploymentOrder(sources)) {
      checkSameEnvironment(source, this.env);
      const prefix = multi ? `${source.stackName}/` : '';
      const stackEnv = multi ? environment({ ...this.env, stackName: source.stackName }) : this.env;
      const loaded = loadTemplate(source.template, {
        env: stackEnv, parameters: options.parameters, ids: nameIds, paths: source.paths, exports: stackExports, idPrefix: prefix,
      });
      this.unsupportedEntries.push(...loaded.unsupported);
      for (const r of loaded.resources) resources.set(r.logicalId, r);
      for (const s of loaded.skipped) skipped.set(s.logicalId, s);
      for (const [construct, id] of source.constructIds) constructIds.set(construct, prefix + id);
      for (const [name, value] of Object.entries(loaded.outputs)) outputs[prefix + name] = value;
      for (const [name, value] of loaded.exports) stackExports.set(name, value);
    }
    this.resources = resources;
    this.outputs = outputs;

    const directory = {} as Record<string, unknown>;
    const apis = new Map<string, ServiceApi>();
    const ownerIdentity: CallerIdentity = {
      principalType: 'AWS',
      principal: `arn:${this.env.partition}:iam::${this.env.account}:root`,
      sourceAccount: this.env.account,
      secureTransport: true,
    };
    this.context = {
      env: this.env,
      clock: this.clock,
      trace: this.recorder,
      ids: new SeededIds(seed),
      iam: new ResourcePolicyEvaluator(this.env.account, {
        mode: this.iamMode,
        identities: () => (directory as Partial<ServiceDirectory>).iam,
        now: () => this.clock.now(),
        reportUnsupported: (logicalId, type, reason) => this.unsupportedEntries.push({ logicalId, type, reason, impact: 'feature' }),
      }),
      services: directory as unknown as ServiceDirectory,
      api: namespace => apis.get(namespace),
      resources,
      ownerIdentity,
      reportUnsupported: (logicalId, type, reason) => this.unsupportedEntries.push({ logicalId, type, reason, impact: 'feature' }),
      reportProblem: (resource, message) => {
        // Each occurrence is in the trace; the run's result lists a problem once (a poison message retried three
        // times is one problem, not three).
        const problem = `${resource}: ${message}`;
        if (!this.problems.includes(problem)) this.problems.push(problem);
        this.recorder.record('simulator', resource, 'problem', { message });
      },
      code: {
        runCode: options.runCode ?? true,
        assemblyDirs: [...new Set(sources.map(s => s.assemblyDir).filter((d): d is string => d !== undefined))],
        clientConfig: principal => ({ ...this.wireLayer().clientConfig({ as: principal }) }),
        credentialsFor: principal => this.wireLayer().credentialsFor(principal),
        endpointForProcesses: () => this.wireLayer().endpointForProcesses(),
      },
    };

    const byType = new Map<string, RegisteredService>();
    for (const entry of SERVICES) {
      const service = entry.create(this.context);
      this.services.push(service);
      directory[entry.name] = service;
      this.byName.set(entry.name, service);
      if (typeof service.call === 'function' && service.actions) apis.set(entry.namespace, service as ServiceApi);
      for (const accessor of Object.keys(entry.handles) as HandleAccessor[]) this.byAccessor.set(accessor, { entry, service });
      for (const type of service.resourceTypes) byType.set(type, service);
    }
    for (const r of resources.values()) {
      const service = byType.get(r.type);
      if (service) {
        service.create(r);
      } else if (!IGNORED_TYPES.has(r.type) && !this.unsupportedEntries.some(u => u.logicalId === r.logicalId && u.impact === 'resource')) {
        const reason = NOT_SIMULATED[r.type] ?? `not simulated: ${r.type} has no simulated behaviour`;
        this.unsupportedEntries.push({ logicalId: r.logicalId, type: r.type, reason, impact: 'resource' });
      }
    }
    for (const service of this.services) service.link?.();

    this.index = new HandleIndex(resources, constructIds, skipped);
    this.constructIds = constructIds;
    const traceIdsOf = (ref: ResourceRef) => withTopicSubscriptions(this.index.logicalIdsOf(ref), resources);
    this.trace = new TraceView(this.recorder, traceIdsOf, { resources, startTime: this.startTime });
    // Getters: services report features they meet while running, too.
    const group = (impact: UnsupportedImpact) => this.unsupportedEntries.filter(u => u.impact === impact);
    this.unsupported = {
      get resources() { return group('resource'); },
      get features() { return group('feature'); },
      get placeholders() { return group('placeholder'); },
      get all() { return [...group('resource'), ...group('feature'), ...group('placeholder')]; },
    };
  }

  /** The SQS queue `ref` names (logical id, construct path or construct). */
  public queue(ref: ResourceRef): HandleTypes['queue'] { return this.handleOf('queue', ref); }
  /** The SNS topic `ref` names. */
  public topic(ref: ResourceRef): HandleTypes['topic'] { return this.handleOf('topic', ref); }
  /** The Lambda function `ref` names. */
  public lambda(ref: ResourceRef): HandleTypes['lambda'] { return this.handleOf('lambda', ref); }
  /** The Firehose delivery stream `ref` names. */
  public deliveryStream(ref: ResourceRef): HandleTypes['deliveryStream'] { return this.handleOf('deliveryStream', ref); }
  /** The DynamoDB table `ref` names (AWS::DynamoDB::Table or ::GlobalTable). */
  public table(ref: ResourceRef): HandleTypes['table'] { return this.handleOf('table', ref); }
  /** The S3 bucket `ref` names. */
  public bucket(ref: ResourceRef): HandleTypes['bucket'] { return this.handleOf('bucket', ref); }
  /** The CloudWatch alarm `ref` names. */
  public alarm(ref: ResourceRef): HandleTypes['alarm'] { return this.handleOf('alarm', ref); }
  /** The REST, HTTP or WebSocket API `ref` names (an API, or a front door such as RestApiToLambda). */
  public api(ref: ResourceRef): HandleTypes['api'] { return this.handleOf('api', ref); }
  /** The AWS Batch job queue `ref` names. */
  public jobQueue(ref: ResourceRef): HandleTypes['jobQueue'] { return this.handleOf('jobQueue', ref); }
  /** The AWS Batch job definition `ref` names (register its container stand-in with `.handle(fn)`). */
  public jobDefinition(ref: ResourceRef): HandleTypes['jobDefinition'] { return this.handleOf('jobDefinition', ref); }
  /** The AppFlow flow `ref` names. */
  public flow(ref: ResourceRef): HandleTypes['flow'] { return this.handleOf('flow', ref); }

  /**
   * A configuration for any AWS SDK v3 client of a simulated service (`new SQSClient(sim.clientConfig())`): requests
   * are answered in-process, with no socket, through the same wire protocols as `listen()`, so the SDK's own
   * serializers and error classes run. The client signs as `options.as` (a principal ARN; default the account's root)
   * and its calls run as that principal. An awaited call that waits in virtual time (a long poll) drives the clock
   * as an awaited handle call does; the SDK awaits a request from the moment it is sent.
   */
  public clientConfig(options?: ClientConfigOptions): SimInProcessClientConfig {
    return this.wireLayer().clientConfig(options);
  }

  /**
   * Serves the AWS wire protocols on a loopback port (`http://127.0.0.1:<port>`) for SDKs in other processes and
   * the AWS CLI. While a server listens, the virtual clock follows real time (a long poll waits for real); the test
   * can still move it ahead with `advance` / `runUntilIdle`. Plain HTTP requests carry `aws:SecureTransport` false (the
   * library's enforce-SSL policies refuse them); give `tls: { key, cert }` to serve HTTPS.
   */
  public async listen(options?: ListenOptions): Promise<SimServer> {
    return this.wireLayer().listen(options);
  }

  /**
   * The access keys that sign as `principalArn` (for the AWS CLI's environment or an SDK in another process).
   * @default the account's root (its administrator)
   */
  public credentialsFor(principalArn?: string): SimCredentials {
    return this.wireLayer().credentialsFor(principalArn);
  }

  /**
   * The loaded stack as a mermaid flowchart (or SVG with `{ format: 'svg' }`): producers -> topics -> filtered
   * subscriptions -> queues -> consumers, API routes, bucket notifications, state machine tasks; DLQs and alarms as
   * side paths; grouped by construct; infrastructure hidden unless `{ infrastructure: true }`.
   */
  public diagram(options: DiagramOptions = {}): string {
    return renderDiagram({ resources: this.resources, classes: classesOfConstructs(this.constructIds.keys()) }, options);
  }

  /**
   * Writes what happened so far as one self-contained HTML file (architecture, sequence of the run, queue depths,
   * invocations and errors, executions, API requests, denials with the deciding statement) and returns its absolute
   * path. For several simulators in one report, use `writeReport(file, sections)`.
   */
  public report(file: string, options: { readonly title?: string } = {}): string {
    return writeReport(file, [{ title: options.title ?? this.env.stackName, simulator: this }], { title: options.title });
  }
  /**
   * The simulator as another principal sees it: `sim.as(role).queue(q).sendMessage(...)` runs the API call as that
   * principal (a role or user ARN, or a role/user of the template by logical id or construct), so its identity-based
   * policies, the resource's policy and key policies decide, as for an SDK client it signs. Handle calls on `sim`
   * itself run as the account root (the account's administrator).
   */
  public as(principal: ResourceRef): PrincipalView {
    const arn = typeof principal === 'string' && principal.startsWith('arn:') ? principal : this.principalArnOf(principal);
    return principalView(principalIdentity(arn, this.env.account), {
      handle: (accessor, ref) => this.handleOf(accessor, ref),
      api: namespace => this.context.api(namespace),
      clientConfig: () => this.clientConfig({ as: arn }),
    });
  }

  /** The Step Functions state machine `ref` names. */
  public stateMachine(ref: ResourceRef): HandleTypes['stateMachine'] { return this.handleOf('stateMachine', ref); }
  /** Step Functions' account-wide API: the callbacks of `.waitForTaskToken` tasks (SendTaskSuccess, ...). */
  public get stepFunctions(): StepFunctionsApi { return this.serviceNamed('stepfunctions'); }

  /** The resolved template resource `ref` names, of any type. */
  public resource(ref: ResourceRef): TemplateResource {
    const id = this.index.resolve(ref, { accessor: 'resource', types: [...new Set([...this.resources.values()].map(r => r.type))] });
    return this.resources.get(id)!;
  }

  /** Virtual time, epoch milliseconds. */
  public now(): number {
    return this.clock.now();
  }

  /**
   * Moves virtual time forward by exactly `duration` (milliseconds or an aws-cdk-lib `Duration`), running everything
   * that falls due on the way, in order. Calls waiting in virtual time (a long poll) settle when what they wait for
   * happens on the way; none moves the clock further.
   */
  public async advance(duration: DurationInput): Promise<RunResult> {
    const ms = toMilliseconds(duration, 'sim.advance()');
    const tasksRun = await this.clock.advanceTo(this.clock.now() + ms);
    return this.endRun({ idle: this.clock.pendingForeground === 0, now: this.clock.now(), tasksRun });
  }

  /**
   * Runs everything pending (deliveries, retries, polling consumers with work, visibility timeouts, alarm
   * evaluations, executions) until nothing is left or `maxTime` has passed. Background housekeeping (retention
   * expiry, idle pollers) does not keep it running. `idle` is false when the bound stopped it.
   */
  public async runUntilIdle(options: RunUntilIdleOptions = {}): Promise<RunResult> {
    const maxTime = options.maxTime === undefined ? DEFAULT_RUN_UNTIL_IDLE_MS : toMilliseconds(options.maxTime, 'sim.runUntilIdle({ maxTime })');
    const result = await this.clock.runUntilIdle(this.clock.now() + maxTime);
    return this.endRun(result);
  }

  /** The run's result: what was denied and what went wrong since the previous run ended (a publish before the run included). */
  private endRun(result: RunUntilIdleResult): RunResult {
    let denied = 0;
    for (let i = this.traceMark; i < this.recorder.length; i++) if (this.recorder.at(i)?.type === 'denied') denied++;
    this.traceMark = this.recorder.length;
    const problems = this.problems;
    this.problems = [];
    if (this.strict && problems.length > 0) throw new SimulationError(problems);
    return { ...result, denied, problems };
  }

  private wireLayer(): Wire {
    // Loaded on first use: loading a stack must stay cheap for tests that never speak the wire protocols.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.wire ??= new (require('./wire') as typeof import('./wire')).Wire(this.context, this.iamMode);
    return this.wire;
  }

  private principalArnOf(ref: ResourceRef): string {
    const r = this.resource(ref);
    if (!['AWS::IAM::Role', 'AWS::IAM::User'].includes(r.type) || typeof r.attributes.Arn !== 'string') {
      throw new Error(`sim.as(): ${r.logicalId} is a ${r.type}, not an IAM role or user (or give a principal ARN)`);
    }
    return r.attributes.Arn;
  }

  /** A service-wide object (not tied to a resource), by registry name. */
  private serviceNamed<T>(name: string): T {
    const service = this.byName.get(name) as (RegisteredService & { readonly api?: T }) | undefined;
    if (!service?.api) throw new Error(`sim: the ${name} service offers no service-wide handle`);
    return service.api;
  }

  private handleOf<A extends HandleAccessor>(accessor: A, ref: ResourceRef): HandleTypes[A] {
    const logicalId = this.index.resolve(ref, HANDLE_KINDS[accessor]);
    const key = `${accessor}\u0000${logicalId}`;
    const cached = this.handles.get(key);
    if (cached !== undefined) return cached as HandleTypes[A];
    const served = this.byAccessor.get(accessor);
    if (!served) throw new Error(`sim.${accessor}(): no simulated service serves this accessor`);
    const handle = served.entry.handle(served.service, accessor, logicalId);
    this.handles.set(key, handle);
    return handle as HandleTypes[A];
  }
}

function environment(options: { account?: string; region?: string; stackName?: string }): SimEnvironment {
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

/** One simulation is one account and Region: stacks of other concrete environments are refused, not mixed up. */
function checkSameEnvironment(source: StackSource, env: SimEnvironment): void {
  if ((source.account && source.account !== env.account) || (source.region && source.region !== env.region)) {
    throw new Error(`Simulator: stack ${source.stackName} is in ${source.account ?? env.account}/${source.region ?? env.region}, `
      + `the simulation in ${env.account}/${env.region}; stacks of several accounts or Regions are not simulated together`);
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
