/**
 * `sim.trace`: the trace as a test reads it. Queries name resources the way handles do (a logical id, a construct
 * path or a construct object; an L3 selects the events of every resource beneath it), and it has no write methods.
 */
import { ResourceRef } from './handles';
import { AnyTraceEvent, Trace, TraceEventOf, TraceQueryOf, TraceReader } from './kernel';
import { SequenceOptions, traceMermaid } from './report/sequence';
import type { TemplateResource } from './runtime';
import type { SimEvents, TraceEventType } from './trace-events';

/** An event of the simulation. `TraceEvent<'denied'>` is a denial with its typed detail. */
export type TraceEvent<K extends TraceEventType = TraceEventType> = K extends TraceEventType ? TraceEventOf<SimEvents, K> : never;

/** Selects events of `sim.trace`: every given field must match. */
export type TraceQuery<K extends TraceEventType = TraceEventType> = TraceQueryOf<SimEvents, K, ResourceRef>;

/** The type of `sim.trace`. */
export interface SimTrace extends TraceReader<SimEvents, ResourceRef> {
  /**
   * The run as a mermaid sequence diagram: requests, deliveries, filtered-out messages, invocations, failures, moves
   * to DLQs, alarm changes..., with virtual times; repeats collapsed into loops, and at most `limit` rows.
   */
  toMermaid(options?: SequenceOptions): string;
}

/** What the sequence diagram names participants from: the loaded resources, and the time the simulation started. */
export interface TraceSource {
  readonly resources: ReadonlyMap<string, TemplateResource>;
  readonly startTime: number;
}

/**
 * The logical ids whose events a query by these resources selects. SNS records a delivery (`delivered`,
 * `filtered-out`, ...) against the subscription that made it; a query by the topic selects its subscriptions' events
 * too, since a test that names a topic means everything the topic did.
 */
export function withTopicSubscriptions(ids: ReadonlySet<string>, resources: ReadonlyMap<string, TemplateResource>): ReadonlySet<string> {
  const topicArns = new Set<unknown>();
  for (const id of ids) {
    const r = resources.get(id);
    if (r?.type === 'AWS::SNS::Topic') topicArns.add(r.ref);
  }
  if (topicArns.size === 0) return ids;
  const out = new Set(ids);
  for (const r of resources.values()) {
    if (r.type === 'AWS::SNS::Subscription' && topicArns.has(r.properties.TopicArn)) out.add(r.logicalId);
  }
  return out;
}

export class TraceView implements SimTrace {
  constructor(
    private readonly trace: Trace<SimEvents>,
    /** The logical ids a reference names (all resources beneath a construct). */
    private readonly logicalIdsOf: (ref: ResourceRef) => ReadonlySet<string>,
    private readonly source: TraceSource = { resources: new Map(), startTime: 0 },
  ) {}

  public get length(): number {
    return this.trace.length;
  }

  public get isEnabled(): boolean {
    return this.trace.isEnabled;
  }

  public at(index: number): AnyTraceEvent<SimEvents> | undefined {
    return this.trace.at(index);
  }

  public filter<K extends TraceEventType>(where: TraceQuery<K>): TraceEventOf<SimEvents, K>[];
  public filter(where: (event: AnyTraceEvent<SimEvents>, index: number) => boolean): AnyTraceEvent<SimEvents>[];
  public filter(where: TraceQuery | ((event: AnyTraceEvent<SimEvents>, index: number) => boolean)): AnyTraceEvent<SimEvents>[] {
    return this.trace.filter(this.predicate(where));
  }

  public find<K extends TraceEventType>(where: TraceQuery<K>): TraceEventOf<SimEvents, K> | undefined;
  public find(where: (event: AnyTraceEvent<SimEvents>, index: number) => boolean): AnyTraceEvent<SimEvents> | undefined;
  public find(where: TraceQuery | ((event: AnyTraceEvent<SimEvents>, index: number) => boolean)): AnyTraceEvent<SimEvents> | undefined {
    const predicate = this.predicate(where);
    return this.trace.find((e, i) => predicate(e, i));
  }

  public some(where: TraceQuery | ((event: AnyTraceEvent<SimEvents>, index: number) => boolean)): boolean {
    return this.trace.some(this.predicate(where));
  }

  public count(where: TraceQuery = {}): number {
    return this.trace.filter(this.predicate(where)).length;
  }

  public map<T>(fn: (event: AnyTraceEvent<SimEvents>, index: number) => T): T[] {
    return this.trace.map(fn);
  }

  public summary(where: TraceQuery = {}): string[] {
    return this.trace.filter(this.predicate(where)).map(e => `${e.service}:${e.resource}:${e.type}`);
  }

  public toArray(): AnyTraceEvent<SimEvents>[] {
    return this.trace.toArray();
  }

  public toMermaid(options: SequenceOptions = {}): string {
    const events = options.where ? this.trace.filter(this.predicate(options.where)) : this.trace.toJSON();
    return traceMermaid(events, this.source.resources, this.source.startTime, options);
  }

  public toJSON(): readonly AnyTraceEvent<SimEvents>[] {
    return this.trace.toJSON();
  }

  public [Symbol.iterator](): Iterator<AnyTraceEvent<SimEvents>> {
    return this.trace[Symbol.iterator]();
  }

  private predicate(where: TraceQuery | ((event: AnyTraceEvent<SimEvents>, index: number) => boolean)):
  (event: AnyTraceEvent<SimEvents>, index: number) => boolean {
    if (typeof where === 'function') return where;
    const resources = where.resource === undefined ? undefined : this.logicalIdsOf(where.resource);
    const types = where.type === undefined ? undefined : new Set<string>(Array.isArray(where.type) ? where.type : [where.type as string]);
    return e => (resources === undefined || resources.has(e.resource))
      && (types === undefined || types.has(e.type))
      && (where.service === undefined || e.service === where.service);
  }
}
