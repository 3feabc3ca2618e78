/**
 * A run as a sequence diagram: participants (the resources that took part, plus the client that drove the run) and
 * rows (arrows, notes, collapsed loops). Built from the trace by the event table (events.ts); written as mermaid
 * text (mermaid.ts) or drawn as SVG for the report (svg.ts).
 */
import type { TraceQuery } from '../../trace-view';

export interface SeqParticipant {
  /** Mermaid-safe id. */
  readonly id: string;
  readonly label: string;
  /** The resource it stands for; absent for the client and services outside the template. */
  readonly logicalId?: string;
}

/** How a row reads: plain, a failure (red), a success worth seeing (green). */
export type Tone = 'plain' | 'bad' | 'good';

export interface SeqArrow {
  readonly kind: 'arrow';
  readonly from: string;
  readonly to: string;
  text: string;
  /** `call`: solid arrow; `reply`: dotted; `fail`: dotted with a cross (filtered out, refused, failed). */
  readonly line: 'call' | 'reply' | 'fail';
  readonly tone: Tone;
  readonly time: number;
  /** How many trace events the row stands for. */
  events: number;
}

export interface SeqNote {
  readonly kind: 'note';
  readonly over: string;
  readonly text: string;
  readonly tone: Tone;
  readonly time: number;
  events: number;
}

/** A run of rows that repeated `count` times in a row, drawn once. */
export interface SeqLoop {
  readonly kind: 'loop';
  readonly count: number;
  readonly from: number;
  readonly until: number;
  readonly rows: ReadonlyArray<SeqArrow | SeqNote>;
  readonly events: number;
}

/** What the limit left out. */
export interface SeqMore {
  readonly kind: 'more';
  readonly events: number;
  readonly from: number;
  readonly until: number;
}

export type SeqRow = SeqArrow | SeqNote | SeqLoop | SeqMore;

export interface SequenceDiagram {
  readonly participants: readonly SeqParticipant[];
  readonly rows: readonly SeqRow[];
  /** Virtual time the relative times count from. */
  readonly start: number;
  readonly times: 'relative' | 'absolute' | 'none';
}

/** `sim.trace.toMermaid()` options. */
export interface SequenceOptions {
  /**
   * At most this many rows (arrows, notes, loops); what follows is summed up as one "N more events" row.
   * @default 80
   */
  readonly limit?: number;
  /** Draw a run of rows that repeats (a message received and failed again and again) once, as a `loop ×N`. @default true */
  readonly collapse?: boolean;
  /** Only the events this query selects (as `sim.trace.filter`). @default every event */
  readonly where?: TraceQuery;
  /** Times on the rows: since the simulation started (`+1.5s`), absolute (ISO), or none. @default 'relative' */
  readonly times?: 'relative' | 'absolute' | 'none';
}
