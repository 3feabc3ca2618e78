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

/** The ordered record of everything the simulator did. */
export class Trace {
  private readonly events: TraceEvent[] = [];

  constructor(private readonly clock: { now(): number }, private readonly enabled = true) {}

  public record(service: TraceService, resource: string, type: string, detail: Record<string, unknown> = {}): void {
    if (!this.enabled) return;
    this.events.push({ time: this.clock.now(), service, resource, type, detail });
  }

  /** All events so far, oldest first. */
  public all(): readonly TraceEvent[] {
    return this.events;
  }

  /** Events of one resource and/or type. */
  public filter(where: { resource?: string; type?: string; service?: TraceService }): TraceEvent[] {
    return this.events.filter(e =>
      (where.resource === undefined || e.resource === where.resource)
      && (where.type === undefined || e.type === where.type)
      && (where.service === undefined || e.service === where.service));
  }

  public get length(): number {
    return this.events.length;
  }
}
