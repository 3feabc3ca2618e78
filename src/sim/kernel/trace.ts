/* eslint-disable no-bitwise */
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

/** Builds an event's detail, when the event is read, from the one value recorded with it. */
export type TraceDetail<T> = (value: T) => Record<string, unknown>;

/**
 * A kind of event that a hot path records many times (one resource, one type, one detail shape), registered once
 * with `Trace.channel`. Recording through it stores a number and one value; no object is built until someone reads.
 */
export interface TraceChannel<T> {
  /** @internal index into the trace's kind table */
  readonly kind: number;
  /** Phantom: the type of the recorded value. */
  readonly __value?: T;
}

interface EventKind {
  readonly service: TraceService;
  readonly resource: string;
  readonly type: string;
  /** Undefined: the recorded value is the detail itself. */
  readonly detail: TraceDetail<any> | undefined;
}

/**
 * Event i is at (chunk i >>> CHUNK_BITS, offset i & CHUNK_MASK). Chunks are 4,096 events: times and kinds in typed
 * arrays (32 KiB and 16 KiB buffers outside the collected heap, quick to allocate), values in a plain array (a
 * regular heap object; a large-object-space array costs milliseconds to allocate on the benchmark machine). The
 * first chunk is created small and replaced by a full-size copy once it fills, so a short simulation stays small.
 */
const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;
const FIRST_CHUNK = 256;

const NO_DETAIL: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * The ordered record of everything the simulator did. It reads like a read-only array of `TraceEvent`
 * (`length`, `at(i)`, iteration, `filter`, `find`, `some`, `map`) so tests can assert on it directly.
 *
 * Storage is columnar (times, kind indexes and one value per event, in chunked arrays) and events are built
 * when first read: a run that keeps every event otherwise keeps an object or two per event alive, and with hundreds
 * of thousands of events that retention, not the recording, was most of the simulator's cost (V8's young-generation
 * collector copies every surviving object). Reading an event twice returns the same object.
 */
export class Trace implements Iterable<TraceEvent> {
  /** Events in fixed-size chunks (never copied): times, kind indexes and recorded values. */
  private readonly timeChunks: Float64Array[] = [];
  private readonly kindChunks: Int32Array[] = [];
  private readonly valueChunks: unknown[][] = [];
  private count = 0;
  private readonly kindTable: EventKind[] = [];
  /** Kinds of plain `record` calls, by resource, then type. */
  private readonly plainKinds = new Map<string, Map<string, number>>();
  /** Events built so far, in order (a prefix of the trace; extended on read). */
  private readonly built: TraceEvent[] = [];

  constructor(private readonly clock: { now(): number }, private readonly enabled = true) {}

  public record(service: TraceService, resource: string, type: string, detail: Record<string, unknown> = NO_DETAIL): void {
    if (!this.enabled) return;
    let byType = this.plainKinds.get(resource);
    if (byType === undefined) this.plainKinds.set(resource, byType = new Map());
    let kind = byType.get(type);
    if (kind === undefined || this.kindTable[kind].service !== service) {
      // One resource's events normally come from one service; another service's gets its own key.
      const key = kind === undefined ? type : `${service} ${type}`;
      kind = byType.get(key);
      if (kind === undefined) {
        kind = this.kindTable.push({ service, resource, type, detail: undefined }) - 1;
        byType.set(key, kind);
      }
    }
    this.push(kind, detail);
  }

  /** Registers a kind of event for `emit`: its detail is `detail(value)`, built when the event is read. */
  public channel<T>(service: TraceService, resource: string, type: string, detail: TraceDetail<T>): TraceChannel<T> {
    return { kind: this.kindTable.push({ service, resource, type, detail }) - 1 };
  }

  /**
   * Records one event of `channel` with its value. The value is kept as it is: pass immutable values (strings,
   * numbers, frozen or never-modified objects), as the detail is built from it later.
   */
  public emit<T>(channel: TraceChannel<T>, value: T): void {
    if (this.enabled) this.push(channel.kind, value);
  }

  private push(kind: number, value: unknown): void {
    const i = this.count;
    const chunk = i >>> CHUNK_BITS;
    const offset = i & CHUNK_MASK;
    if (offset === 0) this.addChunk();
    else if (offset === this.timeChunks[chunk].length) this.growFirstChunk();
    this.timeChunks[chunk][offset] = this.clock.now();
    this.kindChunks[chunk][offset] = kind;
    this.valueChunks[chunk][offset] = value;
    this.count = i + 1;
  }

  private addChunk(): void {
    const size = this.count === 0 ? FIRST_CHUNK : CHUNK;
    const [times, kinds] = numericColumns(size);
    this.timeChunks.push(times);
    this.kindChunks.push(kinds);
    this.valueChunks.push(new Array(size));
  }

  /** The first chunk only: grows it fourfold (up to CHUNK) when it is full. */
  private growFirstChunk(): void {
    const size = Math.min(this.timeChunks[0].length * 4, CHUNK);
    const [times, kinds] = numericColumns(size);
    times.set(this.timeChunks[0]);
    this.timeChunks[0] = times;
    kinds.set(this.kindChunks[0]);
    this.kindChunks[0] = kinds;
    this.valueChunks[0] = grown(this.valueChunks[0], size, undefined);
  }

  private kindAt(i: number): number {
    return this.kindChunks[i >>> CHUNK_BITS][i & CHUNK_MASK];
  }

  /** All events so far, oldest first (do not modify the array; later events are added when it is next asked for). */
  public all(): readonly TraceEvent[] {
    const built = this.built;
    for (let i = built.length; i < this.count; i++) built.push(this.build(i));
    return built;
  }

  private build(i: number): TraceEvent {
    const chunk = i >>> CHUNK_BITS;
    const offset = i & CHUNK_MASK;
    const kind = this.kindTable[this.kindChunks[chunk][offset]];
    const value = this.valueChunks[chunk][offset];
    const detail = kind.detail === undefined ? value as Record<string, unknown> : kind.detail(value);
    return { time: this.timeChunks[chunk][offset], service: kind.service, resource: kind.resource, type: kind.type, detail };
  }

  /** Events of one resource and/or type and/or service, or those a predicate selects. */
  public filter(where: TraceQuery | ((event: TraceEvent, index: number) => boolean)): TraceEvent[] {
    if (typeof where === 'function') return this.all().filter(where);
    const kinds = this.kindsMatching(where);
    const out: TraceEvent[] = [];
    for (let i = 0; i < this.count; i++) if (kinds[this.kindAt(i)]) out.push(this.event(i));
    return out;
  }

  public find(where: TraceQuery | ((event: TraceEvent) => boolean)): TraceEvent | undefined {
    if (typeof where === 'function') return this.all().find(where);
    const kinds = this.kindsMatching(where);
    for (let i = 0; i < this.count; i++) if (kinds[this.kindAt(i)]) return this.event(i);
    return undefined;
  }

  public some(where: TraceQuery | ((event: TraceEvent) => boolean)): boolean {
    return this.find(where) !== undefined;
  }

  public map<T>(fn: (event: TraceEvent, index: number) => T): T[] {
    return this.all().map(fn);
  }

  /** The event at `index` (negative counts from the end), or undefined. */
  public at(index: number): TraceEvent | undefined {
    const i = index < 0 ? this.count + index : index;
    return i >= 0 && i < this.count ? this.event(i) : undefined;
  }

  /** `service:resource:type` lines, handy for readable assertions and snapshots. */
  public summary(where?: TraceQuery): string[] {
    const kinds = where ? this.kindsMatching(where) : undefined;
    const out: string[] = [];
    for (let i = 0; i < this.count; i++) {
      const k = this.kindAt(i);
      if (kinds !== undefined && !kinds[k]) continue;
      const kind = this.kindTable[k];
      out.push(`${kind.service}:${kind.resource}:${kind.type}`);
    }
    return out;
  }

  /** A copy of the events. */
  public toArray(): TraceEvent[] {
    return this.all().slice();
  }

  public toJSON(): readonly TraceEvent[] {
    return this.all();
  }

  public [Symbol.iterator](): Iterator<TraceEvent> {
    return this.all()[Symbol.iterator]();
  }

  public get length(): number {
    return this.count;
  }

  /** False when the simulator was created with `trace: false` (benchmarks). */
  public get isEnabled(): boolean {
    return this.enabled;
  }

  /** Event `i`, built once (built events form a prefix, so reading the last one builds all before it). */
  private event(i: number): TraceEvent {
    return i < this.built.length ? this.built[i] : this.all()[i];
  }

  /** Which kinds a query selects, as a lookup by kind index (queries compare a few kinds, not every event). */
  private kindsMatching(where: TraceQuery): boolean[] {
    return this.kindTable.map(kind => (where.resource === undefined || kind.resource === where.resource)
      && (where.type === undefined || kind.type === where.type)
      && (where.service === undefined || kind.service === where.service));
  }
}

/** A copy of `items` with room for `size` (the rest filled with `fill`). */
function grown<T>(items: readonly T[], size: number, fill: T): T[] {
  const out = new Array<T>(size).fill(fill);
  for (let k = 0; k < items.length; k++) out[k] = items[k];
  return out;
}

/** A chunk's time and kind columns, in one buffer: one zeroed allocation instead of two. */
function numericColumns(size: number): [Float64Array, Int32Array] {
  const buffer = new ArrayBuffer(size * 12);
  return [new Float64Array(buffer, 0, size), new Int32Array(buffer, size * 8, size)];
}
