/** Which simulated service recorded an event. */
export type TraceService = 'sqs' | 'sns' | 'lambda' | 's3' | 'cloudwatch' | 'firehose' | 'iam' | 'simulator';

/**
 * One thing that happened, at a virtual time. `type` is a short verb phrase in kebab case, e.g.
 * `sent`, `received`, `deleted`, `published`, `filtered-out`, `delivered`, `delivery-failed`, `denied`, `invoked`,
 * `invocation-failed`, `moved-to-dlq`, `expired`, `alarm-state-changed`, `object-created`.
 */
export interface TraceEvent {
  /** Virtual epoch ms. */
  readonly time: number;
  readonly service: TraceService;
  /** Logical id of the resource the event belongs to. */
  readonly resource: string;
  readonly type: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** Selects events by resource, type and/or service (all given fields must match). */
export interface TraceQuery {
  readonly resource?: string;
  readonly type?: string;
  readonly service?: TraceService;
}

/**
 * The ordered record of everything the simulator did. It reads like a read-only array of `TraceEvent`
 * (`length`, `at(i)`, iteration, `filter`, `find`, `some`, `map`) so tests can assert on it directly.
 */
export class Trace implements Iterable<TraceEvent> {
  private readonly events: TraceEvent[] = [];

  constructor(private readonly clock: { now(): number }, private readonly enabled = true) {}

  public record(service: TraceService, resource: string, type: string, detail: Record<string, unknown> = {}): void {
    if (!this.enabled) return;
    this.events.push({ time: this.clock.now(), service, resource, type, detail });
  }

  /** All events so far, oldest first (the live array: do not modify it). */
  public all(): readonly TraceEvent[] {
    return this.events;
  }

  /** Events of one resource and/or type and/or service, or those a predicate selects. */
  public filter(where: TraceQuery | ((event: TraceEvent, index: number) => boolean)): TraceEvent[] {
    if (typeof where === 'function') return this.events.filter(where);
    return this.events.filter(e => matches(e, where));
  }

  public find(where: TraceQuery | ((event: TraceEvent) => boolean)): TraceEvent | undefined {
    return typeof where === 'function' ? this.events.find(where) : this.events.find(e => matches(e, where));
  }

  public some(where: TraceQuery | ((event: TraceEvent) => boolean)): boolean {
    return this.find(where) !== undefined;
  }

  public map<T>(fn: (event: TraceEvent, index: number) => T): T[] {
    return this.events.map(fn);
  }

  /** The event at `index` (negative counts from the end), or undefined. */
  public at(index: number): TraceEvent | undefined {
    return this.events[index < 0 ? this.events.length + index : index];
  }

  /** `service:resource:type` lines, handy for readable assertions and snapshots. */
  public summary(where?: TraceQuery): string[] {
    return (where ? this.filter(where) : this.events).map(e => `${e.service}:${e.resource}:${e.type}`);
  }

  /** A copy of the events. */
  public toArray(): TraceEvent[] {
    return this.events.slice();
  }

  public toJSON(): readonly TraceEvent[] {
    return this.events;
  }

  public [Symbol.iterator](): Iterator<TraceEvent> {
    return this.events[Symbol.iterator]();
  }

  public get length(): number {
    return this.events.length;
  }

  /** False when the simulator was created with `trace: false` (benchmarks). */
  public get isEnabled(): boolean {
    return this.enabled;
  }
}

function matches(e: TraceEvent, where: TraceQuery): boolean {
  return (where.resource === undefined || e.resource === where.resource)
    && (where.type === undefined || e.type === where.type)
    && (where.service === undefined || e.service === where.service);
}
