/**
 * The trace: the ordered record of everything the simulator did, at virtual times. Services write to it through
 * `Trace.record`; tests read it through `TraceReader` (what `sim.trace` is typed as), which has no write methods.
 * Both are generic in the event map (`SimEvents` in ../trace-events.ts): an event's `type` names its detail's shape.
 */

/** Which simulated service recorded an event. */
export type TraceService = 'sqs' | 'sns' | 'lambda' | 's3' | 'cloudwatch' | 'firehose' | 'iam' | 'kms' | 'simulator'
| 'stepfunctions' | 'apigateway' | 'batch' | 'dynamodb' | 'appflow' | 'wire';

/** One thing that happened, at a virtual time. */
export interface TraceEventOf<Events, K extends keyof Events = keyof Events> {
  /** Virtual epoch ms. */
  readonly time: number;
  readonly service: TraceService;
  /** Logical id of the resource the event belongs to (`Stack/LogicalId` when several stacks are loaded). */
  readonly resource: string;
  readonly type: K;
  readonly detail: Events[K];
}

/** Any event of `Events`, discriminated by `type`. */
export type AnyTraceEvent<Events> = { [K in keyof Events]: TraceEventOf<Events, K> }[keyof Events];

/**
 * Selects events: every given field must match. `resource` is a logical id here; `sim.trace` also accepts a construct
 * or a construct path. `type` may list several types.
 */
export interface TraceQueryOf<Events, K extends keyof Events = keyof Events, R = string> {
  readonly resource?: R;
  readonly type?: K | readonly K[];
  readonly service?: TraceService;
}

/** The read side of the trace, as tests see it. It reads like a read-only array of events. */
export interface TraceReader<Events, R = string> extends Iterable<AnyTraceEvent<Events>> {
  readonly length: number;
  /** False when the simulator was created with `trace: false` (benchmarks). */
  readonly isEnabled: boolean;
  /** The event at `index` (negative counts from the end). */
  at(index: number): AnyTraceEvent<Events> | undefined;
  filter<K extends keyof Events>(where: TraceQueryOf<Events, K, R>): TraceEventOf<Events, K>[];
  filter(where: (event: AnyTraceEvent<Events>, index: number) => boolean): AnyTraceEvent<Events>[];
  find<K extends keyof Events>(where: TraceQueryOf<Events, K, R>): TraceEventOf<Events, K> | undefined;
  find(where: (event: AnyTraceEvent<Events>, index: number) => boolean): AnyTraceEvent<Events> | undefined;
  some<K extends keyof Events>(where: TraceQueryOf<Events, K, R> | ((event: AnyTraceEvent<Events>, index: number) => boolean)): boolean;
  /** How many events a query selects. */
  count<K extends keyof Events>(where?: TraceQueryOf<Events, K, R>): number;
  map<T>(fn: (event: AnyTraceEvent<Events>, index: number) => T): T[];
  /** `service:resource:type` lines, handy for readable assertions. */
  summary<K extends keyof Events>(where?: TraceQueryOf<Events, K, R>): string[];
  /** A copy of the events. */
  toArray(): AnyTraceEvent<Events>[];
  toJSON(): readonly AnyTraceEvent<Events>[];
}

/** The trace as services hold it: the reader plus `record`. */
export class Trace<Events extends object> implements TraceReader<Events> {
  private readonly events: AnyTraceEvent<Events>[] = [];

  constructor(private readonly clock: { now(): number }, private readonly enabled = true) {}

  /** Records one event at the current virtual time. */
  public record<K extends keyof Events>(service: TraceService, resource: string, type: K, detail: Events[K]): void {
    if (!this.enabled) return;
    this.events.push({ time: this.clock.now(), service, resource, type, detail } as TraceEventOf<Events, K> as AnyTraceEvent<Events>);
  }

  public get length(): number {
    return this.events.length;
  }

  public get isEnabled(): boolean {
    return this.enabled;
  }

  public at(index: number): AnyTraceEvent<Events> | undefined {
    return this.events.at(index);
  }

  public filter<K extends keyof Events>(where: TraceQueryOf<Events, K>): TraceEventOf<Events, K>[];
  public filter(where: (event: AnyTraceEvent<Events>, index: number) => boolean): AnyTraceEvent<Events>[];
  public filter(where: TraceQueryOf<Events> | ((event: AnyTraceEvent<Events>, index: number) => boolean)): AnyTraceEvent<Events>[] {
    return this.events.filter(typeof where === 'function' ? where : matcher(where));
  }

  public find<K extends keyof Events>(where: TraceQueryOf<Events, K>): TraceEventOf<Events, K> | undefined;
  public find(where: (event: AnyTraceEvent<Events>, index: number) => boolean): AnyTraceEvent<Events> | undefined;
  public find(where: TraceQueryOf<Events> | ((event: AnyTraceEvent<Events>, index: number) => boolean)): AnyTraceEvent<Events> | undefined {
    return this.events.find(typeof where === 'function' ? where : matcher(where));
  }

  public some(where: TraceQueryOf<Events> | ((event: AnyTraceEvent<Events>, index: number) => boolean)): boolean {
    return this.events.some(typeof where === 'function' ? where : matcher(where));
  }

  public count(where: TraceQueryOf<Events> = {}): number {
    const match = matcher(where);
    let n = 0;
    for (let i = 0; i < this.events.length; i++) if (match(this.events[i], i)) n++;
    return n;
  }

  public map<T>(fn: (event: AnyTraceEvent<Events>, index: number) => T): T[] {
    return this.events.map(fn);
  }

  public summary(where: TraceQueryOf<Events> = {}): string[] {
    return this.filter(where).map(e => `${e.service}:${e.resource}:${String(e.type)}`);
  }

  public toArray(): AnyTraceEvent<Events>[] {
    return this.events.slice();
  }

  public toJSON(): readonly AnyTraceEvent<Events>[] {
    return this.events;
  }

  public [Symbol.iterator](): Iterator<AnyTraceEvent<Events>> {
    return this.events[Symbol.iterator]();
  }
}

function matcher<Events>(where: TraceQueryOf<Events>): (event: AnyTraceEvent<Events>, index: number) => boolean {
  const types = where.type === undefined ? undefined : new Set<unknown>(Array.isArray(where.type) ? where.type : [where.type]);
  return e => (where.resource === undefined || e.resource === where.resource)
    && (types === undefined || types.has(e.type))
    && (where.service === undefined || e.service === where.service);
}
