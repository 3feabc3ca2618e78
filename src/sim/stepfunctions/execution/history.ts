/**
 * An execution's event history as GetExecutionHistory returns it: AWS's event type names and detail shapes
 * (`@aws-sdk/client-sfn` `HistoryEvent`), ids from 1, each event's `previousEventId` the event before it on the same
 * thread (a Parallel branch or Map iteration chains its own events from the event that started it).
 *
 * Events keep the state's data as values (the interpreter never changes a value once made) and write the JSON text
 * of `input`, `output`, `parameters` and assigned variables when the history is read: recording costs no
 * serialization, which keeps a 10,000-item Map's 80,000 events cheap.
 */
/** The event types an execution records (AWS's names; a subset of the SDK's `HistoryEventType`). */
export type HistoryEventType =
  | 'ExecutionStarted' | 'ExecutionSucceeded' | 'ExecutionFailed' | 'ExecutionTimedOut' | 'ExecutionAborted' | 'ExecutionRedriven'
  | `${'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map'}StateEntered`
  | `${'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Parallel' | 'Map'}StateExited`
  | 'TaskScheduled' | 'TaskStarted' | 'TaskSubmitted' | 'TaskSucceeded' | 'TaskFailed' | 'TaskTimedOut'
  | 'LambdaFunctionScheduled' | 'LambdaFunctionStarted' | 'LambdaFunctionSucceeded' | 'LambdaFunctionFailed' | 'LambdaFunctionTimedOut'
  | 'ParallelStateStarted' | 'ParallelStateSucceeded' | 'ParallelStateFailed'
  | 'MapStateStarted' | 'MapStateSucceeded' | 'MapStateFailed' | 'MapIterationStarted' | 'MapIterationSucceeded' | 'MapIterationFailed'
  | 'MapIterationAborted' | 'MapRunStarted' | 'MapRunSucceeded' | 'MapRunFailed';

export interface HistoryEvent {
  readonly timestamp: Date;
  readonly type: HistoryEventType;
  readonly id: number;
  readonly previousEventId: number;
  readonly [details: string]: unknown;
}

interface StoredEvent {
  readonly time: number;
  readonly type: HistoryEventType;
  readonly previousEventId: number;
  readonly detailsKey?: string;
  readonly details?: Record<string, unknown>;
}

/** Detail members whose values are written as JSON text when read. */
const JSON_FIELDS = new Set(['input', 'output', 'parameters']);
/** The detail members that carry execution data (left out when includeExecutionData is false). */
const DATA_FIELDS = new Set(['input', 'output', 'parameters', 'inputDetails', 'outputDetails', 'assignedVariables', 'assignedVariablesDetails']);

export class History {
  private readonly stored: StoredEvent[] = [];
  /** Set when the execution has ended: threads still unwinding (a stopped execution's branches) record nothing more. */
  public closed = false;

  constructor(private readonly now: () => number) {}

  public get length(): number {
    return this.stored.length;
  }

  /**
   * Appends an event after `previous` (the thread's last event id) and returns its id. Values under `input`,
   * `output` and `parameters` (and each assigned variable) are kept as values and written as JSON when read.
   */
  public add(type: HistoryEventType, previous: number, detailsKey?: string, details?: Record<string, unknown>): number {
    if (this.closed) return this.stored.length;
    this.stored.push({ time: this.now(), type, previousEventId: previous, detailsKey, details });
    return this.stored.length;
  }

  /** The events as GetExecutionHistory returns them. */
  public view(options: { reverseOrder?: boolean; includeExecutionData?: boolean } = {}): HistoryEvent[] {
    const include = options.includeExecutionData ?? true;
    const events = this.stored.map((e, i) => materialise(e, i + 1, include));
    return options.reverseOrder ? events.reverse() : events;
  }

  /** The events as GetExecutionHistory returns them, with execution data. */
  public get events(): HistoryEvent[] {
    return this.view();
  }
}

function materialise(e: StoredEvent, id: number, include: boolean): HistoryEvent {
  const out: Record<string, unknown> = { timestamp: new Date(e.time), type: e.type, id, previousEventId: e.previousEventId };
  if (e.detailsKey) {
    const details: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e.details ?? {})) {
      if (!include && DATA_FIELDS.has(k)) continue;
      if (JSON_FIELDS.has(k)) details[k] = JSON.stringify(v);
      else if (k === 'assignedVariables') details[k] = Object.fromEntries(Object.entries(v as object).map(([name, value]) => [name, JSON.stringify(value)]));
      else details[k] = v;
    }
    out[e.detailsKey] = details;
  }
  return out as HistoryEvent;
}

/** `{ truncated: false }`, as the details of every input/output AWS reports. */
export const NOT_TRUNCATED = Object.freeze({ truncated: false });
