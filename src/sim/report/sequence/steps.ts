/**
 * What one trace event draws: an arrow between participants, a note over one, or an entry (a request arriving at a
 * participant: drawn from the client, unless an arrow from another participant brings it at the same moment: then
 * that arrow already shows it).
 */
import type { Tone } from './model';

export interface ArrowStep {
  readonly arrow: readonly [string, string];
  readonly text: string;
  readonly line?: 'call' | 'reply' | 'fail';
  readonly tone?: Tone;
}

export interface NoteStep {
  readonly note: string;
  readonly text: string;
  readonly tone?: Tone;
}

export interface EntryStep {
  readonly entry: string;
  readonly text: string;
  /** Who makes the request when no arrow brings it. @default the client */
  readonly from?: string;
  /** Added to the arrow that brings it (`receive 1 · invoke`). */
  readonly merge?: string;
}

export type Step = ArrowStep | NoteStep | EntryStep;

export const arrow = (from: string, to: string, text: string, line: ArrowStep['line'] = 'call', tone: Tone = 'plain'): ArrowStep =>
  ({ arrow: [from, to], text, line, tone });
export const fail = (from: string, to: string, text: string): ArrowStep => arrow(from, to, text, 'fail', 'bad');
export const note = (over: string, text: string, tone: Tone = 'plain'): NoteStep => ({ note: over, text, tone });
export const entry = (into: string, text: string, options: { from?: string; merge?: string } = {}): EntryStep => ({ entry: into, text, ...options });

/** `1 message`, `3 messages`. */
export function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** Shortens free text (an error message, a reason) for a row. */
export function short(text: unknown, max = 60): string {
  const s = String(text ?? '').replace(/\s+/g, ' ').trim();
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
