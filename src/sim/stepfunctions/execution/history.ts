/**
 * An execution's event history as GetExecutionHistory returns it: AWS's event type names and detail shapes
 * (`@aws-sdk/client-sfn` `HistoryEvent`), ids from 1, each event's `previousEventId` the event before it on the same
 * thread (a Parallel branch or Map iteration chains its own events from the event that started it).
 */
export interface HistoryEvent {
  readonly timestamp: Date;
  readonly type: string;
  readonly id: number;
  readonly previousEventId: number;
  readonly [details: string]: unknown;
}

/** The detail members that carry execution data (left out when includeExecutionData is false). */
const DATA_FIELDS = new Set(['input', 'output', 'parameters', 'inputDetails', 'outputDetails', 'assignedVariables', 'assignedVariablesDetails']);

export class History {
  public readonly events: HistoryEvent[] = [];
  /** Set when the execution has ended: threads still unwinding (a stopped execution's branches) record nothing more. */
  public closed = false;

  constructor(private readonly now: () => number) {}

  /** Appends an event after `previous` (the thread's last event id) and returns its id. */
  public add(type: string, previous: number, detailsKey?: string, details?: Record<string, unknown>): number {
    if (this.closed) return this.events.length;
    const id = this.events.length + 1;
    const event: HistoryEvent = {
      timestamp: new Date(this.now()),
      type,
      id,
      previousEventId: previous,
      ...(detailsKey ? { [detailsKey]: details ?? {} } : {}),
    };
    this.events.push(event);
    return id;
  }

  /** The events as GetExecutionHistory returns them. */
  public view(options: { reverseOrder?: boolean; includeExecutionData?: boolean } = {}): HistoryEvent[] {
    const include = options.includeExecutionData ?? true;
    const events = this.events.map(e => (include ? copyEvent(e) : withoutData(e)));
    return options.reverseOrder ? events.reverse() : events;
  }
}

function copyEvent(e: HistoryEvent): HistoryEvent {
  return { ...e, timestamp: new Date(e.timestamp.getTime()) };
}

function withoutData(e: HistoryEvent): HistoryEvent {
  const out: Record<string, unknown> = { timestamp: new Date(e.timestamp.getTime()), type: e.type, id: e.id, previousEventId: e.previousEventId };
  for (const [k, v] of Object.entries(e)) {
    if (k in out) continue;
    if (v && typeof v === 'object' && !(v instanceof Date)) {
      out[k] = Object.fromEntries(Object.entries(v).filter(([field]) => !DATA_FIELDS.has(field)));
    } else {
      out[k] = v;
    }
  }
  return out as unknown as HistoryEvent;
}

/** `{ truncated: false }`, as the details of every input/output AWS reports. */
export const NOT_TRUNCATED = Object.freeze({ truncated: false });
