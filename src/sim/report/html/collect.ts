/**
 * What a report section shows, collected from one simulator: the numbers at a glance, queue depths over virtual time
 * (rebuilt from the trace), invocations and errors per function, state machine executions with their path, API
 * requests with their status, denials with the statement that decided, and what was not simulated.
 */
import { Denial, explainDenials } from './denials';
import type { SimEnvironment, TemplateResource } from '../../runtime';
import type { UnsupportedResource } from '../../template';
import { displayPath } from '../diagram/builder';
import type { DiagramOptions } from '../diagram/model';
import type { SequenceEvent } from '../sequence/build';

/** What the report reads from a simulator (`Simulator` has all of it). */
export interface ReportSimulator {
  readonly resources: ReadonlyMap<string, TemplateResource>;
  readonly trace: { toJSON(): readonly SequenceEvent[] };
  readonly unsupported: { readonly all: readonly UnsupportedResource[] };
  readonly env: SimEnvironment;
  /** Virtual time at which the simulation started. */
  readonly startTime: number;
  now(): number;
  diagram(options?: DiagramOptions): string;
}

/** One section of a report: a simulator (one scenario, one stack or several), with a title. */
export interface ReportSection {
  readonly title: string;
  readonly simulator: ReportSimulator;
  /** Whether the scenario's checks passed (a badge); leave out when there were none. */
  readonly passed?: boolean;
  /** Lines shown under the title (a scenario's checks: `ok  ...`, `FAIL ...`). */
  readonly notes?: readonly string[];
}

export interface Summary {
  readonly events: number;
  readonly published: number;
  readonly sent: number;
  readonly delivered: number;
  readonly filteredOut: number;
  readonly invocations: number;
  readonly errors: number;
  readonly deadLettered: number;
  readonly denials: number;
  readonly problems: number;
  /** Alarms whose last state change went to ALARM. */
  readonly alarmsInAlarm: readonly string[];
}

export interface FunctionStats {
  readonly label: string;
  readonly invocations: number;
  readonly errors: number;
  readonly throttles: number;
}

export interface Execution {
  readonly name: string;
  readonly machine: string;
  readonly status: string;
  readonly started: number;
  readonly ended?: number;
  readonly path: readonly string[];
}

export interface ApiRequest {
  readonly time: number;
  readonly api: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

export interface SectionData {
  readonly title: string;
  readonly passed?: boolean;
  readonly notes: readonly string[];
  readonly env: SimEnvironment;
  readonly start: number;
  readonly end: number;
  readonly events: readonly SequenceEvent[];
  readonly summary: Summary;
  readonly queueDepths: ReadonlyArray<{ readonly name: string; readonly points: ReadonlyArray<readonly [number, number]> }>;
  readonly functions: readonly FunctionStats[];
  readonly executions: readonly Execution[];
  readonly apiRequests: readonly ApiRequest[];
  readonly denials: readonly Denial[];
  readonly unsupported: readonly UnsupportedResource[];
  readonly problems: ReadonlyArray<{ readonly time: number; readonly resource: string; readonly message: string }>;
  label(logicalId: string): string;
}

export function collectSection(section: ReportSection): SectionData {
  const sim = section.simulator;
  const events = sim.trace.toJSON();
  const label = (id: string) => displayPath(sim.resources.get(id)?.path) ?? id;
  return {
    title: section.title,
    passed: section.passed,
    notes: section.notes ?? [],
    env: sim.env,
    start: sim.startTime,
    end: Math.max(sim.now(), ...events.map(e => e.time)),
    events,
    summary: summarise(events, label),
    queueDepths: queueDepths(events, sim.resources, label),
    functions: functionStats(events, sim.resources, label),
    executions: executions(events, label),
    apiRequests: apiRequests(events, label),
    denials: explainDenials(events, sim.resources, sim.env),
    unsupported: sim.unsupported.all,
    problems: events.filter(e => e.type === 'problem').map(e => ({ time: e.time, resource: e.resource, message: String(field(e, 'message') ?? '') })),
    label,
  };
}

function summarise(events: readonly SequenceEvent[], label: (id: string) => string): Summary {
  let published = 0;
  let sent = 0;
  let delivered = 0;
  let filteredOut = 0;
  let invocations = 0;
  let errors = 0;
  let deadLettered = 0;
  let denials = 0;
  let problems = 0;
  const alarms = new Map<string, string>();
  for (const e of events) {
    switch (e.type) {
      case 'published': published++; break;
      case 'sent': sent += ids(e); break;
      case 'delivered': delivered++; break;
      case 'filtered-out': filteredOut++; break;
      case 'invoked': invocations++; break;
      case 'invocation-failed': errors++; break;
      case 'moved-to-dlq': case 'sent-to-dlq': deadLettered++; break;
      case 'denied': denials++; break;
      case 'problem': problems++; break;
      case 'alarm-state-changed': alarms.set(e.resource, String(field(e, 'to'))); break;
      default: break;
    }
  }
  const alarmsInAlarm = [...alarms].filter(([, state]) => state === 'ALARM').map(([id]) => label(id));
  return { events: events.length, published, sent, delivered, filteredOut, invocations, errors, deadLettered, denials, problems, alarmsInAlarm };
}

/**
 * Messages stored in each queue over virtual time, rebuilt from the trace: SendMessage (`sent`) adds, DeleteMessage
 * (`deleted`), retention expiry and purges remove, a move to the dead-letter queue (maxReceiveCount) or a redrive moves
 * one from queue to queue. In-flight messages count as stored, as in ApproximateNumberOfMessages plus NotVisible.
 */
function queueDepths(events: readonly SequenceEvent[], resources: ReadonlyMap<string, TemplateResource>, label: (id: string) => string) {
  const depth = new Map<string, number>();
  const points = new Map<string, Array<[number, number]>>();
  const change = (queue: string | undefined, by: number, time: number) => {
    if (!queue || resources.get(queue)?.type !== 'AWS::SQS::Queue') return;
    const v = Math.max(0, (depth.get(queue) ?? 0) + by);
    depth.set(queue, v);
    const list = points.get(queue) ?? [];
    if (list.length > 0 && list[list.length - 1][0] === time) list[list.length - 1][1] = v;
    else list.push([time, v]);
    points.set(queue, list);
  };
  for (const e of events) {
    if (e.service !== 'sqs') continue;
    switch (e.type) {
      case 'sent': change(e.resource, ids(e), e.time); break;
      case 'deleted': change(e.resource, -ids(e), e.time); break;
      case 'expired': change(e.resource, -1, e.time); break;
      case 'purged': change(e.resource, -Number(field(e, 'count') ?? 0), e.time); break;
      case 'moved-to-dlq':
        change(e.resource, -1, e.time);
        change(String(field(e, 'deadLetterQueue') ?? ''), 1, e.time);
        break;
      case 'redriven':
        change(e.resource, -1, e.time);
        change(String(field(e, 'destination') ?? ''), 1, e.time);
        break;
      default: break;
    }
  }
  return [...points].map(([id, p]) => ({ name: label(id), points: p }));
}

function functionStats(
  events: readonly SequenceEvent[],
  resources: ReadonlyMap<string, TemplateResource>,
  label: (id: string) => string,
): FunctionStats[] {
  const stats = new Map<string, { invocations: number; errors: number; throttles: number }>();
  const of = (id: string) => {
    let s = stats.get(id);
    if (!s) stats.set(id, s = { invocations: 0, errors: 0, throttles: 0 });
    return s;
  };
  for (const e of events) {
    if (e.service !== 'lambda' || resources.get(e.resource)?.type !== 'AWS::Lambda::Function') continue;
    if (e.type === 'invoked') of(e.resource).invocations++;
    else if (e.type === 'invocation-failed') of(e.resource).errors++;
    else if (e.type === 'throttled') of(e.resource).throttles++;
  }
  return [...stats].map(([id, s]) => ({ label: label(id), ...s }));
}

/**
 * State machine executions, read from the Step Functions events by their fields: events carrying an `executionArn`
 * belong to that execution; a `state` field on a state event (`state-run`) names a state on its path; an execution
 * event with a `status` (`execution-ended`), or a type ending in `succeeded`, `failed`, `timed-out` or `aborted`,
 * ends it.
 */
function executions(events: readonly SequenceEvent[], label: (id: string) => string): Execution[] {
  const byArn = new Map<string, { machine: string; started: number; ended?: number; status: string; path: string[] }>();
  for (const e of events) {
    const arn = field(e, 'executionArn');
    if (e.service !== 'stepfunctions' || typeof arn !== 'string') continue;
    let x = byArn.get(arn);
    if (!x) byArn.set(arn, x = { machine: label(e.resource), started: e.time, status: 'RUNNING', path: [] });
    const state = field(e, 'state') ?? field(e, 'stateName');
    if (typeof state === 'string' && /state/.test(e.type) && x.path[x.path.length - 1] !== state) x.path.push(state);
    const status = field(e, 'status');
    const suffix = /(succeeded|failed|timed-out|aborted)$/.exec(e.type);
    if (/execution/.test(e.type) && (typeof status === 'string' || suffix)) {
      x.status = typeof status === 'string' ? status : suffix![1].toUpperCase().replace('-', '_');
      if (x.status !== 'RUNNING') x.ended = e.time;
    }
  }
  return [...byArn].map(([arn, x]) => ({ name: arn.split(':').pop() ?? arn, ...x }));
}

/**
 * API requests, read from the API Gateway events by their fields: events with the same `requestId` are one request;
 * `method` and `path` (or `routeKey`) say what was asked, and the last numeric `status` is what it was answered
 * (an authorizer's 403, then the response: the response counts).
 */
function apiRequests(events: readonly SequenceEvent[], label: (id: string) => string): ApiRequest[] {
  const byId = new Map<string, { time: number; api: string; method: string; path: string; status?: number }>();
  for (const e of events) {
    const id = field(e, 'requestId');
    if (e.service !== 'apigateway' || typeof id !== 'string') continue;
    let r = byId.get(id);
    if (!r) byId.set(id, r = { time: e.time, api: label(e.resource), method: '', path: '' });
    const method = field(e, 'method') ?? field(e, 'httpMethod');
    const path = field(e, 'path') ?? field(e, 'resourcePath') ?? field(e, 'routeKey');
    if (typeof method === 'string') r.method = method;
    if (typeof path === 'string') r.path = path;
    const status = field(e, 'status') ?? field(e, 'statusCode');
    if (typeof status === 'number') r.status = status;
  }
  return [...byId.values()].filter((r): r is ApiRequest => r.status !== undefined);
}

function field(e: SequenceEvent, name: string): unknown {
  return e.detail && typeof e.detail === 'object' ? (e.detail as Record<string, unknown>)[name] : undefined;
}

function ids(e: SequenceEvent): number {
  const list = field(e, 'messageIds');
  return Array.isArray(list) ? list.length : 1;
}
