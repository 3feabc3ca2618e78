/**
 * From trace events to rows: each event through the event table, entries joined to the arrow that brings them,
 * repeated runs collapsed into loops (collapse.ts), and the limit applied.
 */
import { collapseRepeats } from './collapse';
import { genericStep, SEQUENCE_EVENTS } from './events';
import type { SeqArrow, SeqNote, SeqRow, SequenceDiagram, SequenceOptions } from './model';
import { SequenceContext } from './participants';
import type { EntryStep, Step } from './steps';
import type { TemplateResource } from '../../runtime';
import { ResourceIndex } from '../diagram/resource-index';

/** Events as the sequence diagram reads them (any trace's events: the simulator's, or a saved JSON trace). */
export interface SequenceEvent {
  readonly time: number;
  readonly service: string;
  readonly resource: string;
  readonly type: string;
  readonly detail: unknown;
}

export const DEFAULT_SEQUENCE_LIMIT = 80;

/** How far (in rows at the same virtual time) an entry looks for the arrow that brings it. */
const ENTRY_WINDOW = 12;

type Pending = SeqArrow | SeqNote | (EntryStep & { readonly kind: 'entry'; readonly time: number });

export function buildSequence(
  events: Iterable<SequenceEvent>,
  resources: ReadonlyMap<string, TemplateResource>,
  start: number,
  options: Omit<SequenceOptions, 'where'> = {},
): SequenceDiagram {
  const c = new SequenceContext(new ResourceIndex(resources));
  const table = SEQUENCE_EVENTS as Record<string, ((e: SequenceEvent, ctx: SequenceContext) => Step | readonly Step[] | undefined) | 'quiet'>;
  const pending: Pending[] = [];
  for (const e of events) {
    const render = table[e.type];
    if (render === 'quiet') continue;
    const result = render === undefined ? genericStep(e, c) : render(e, c);
    for (const step of result === undefined ? [] : Array.isArray(result) ? result : [result as Step]) pending.push(toRow(step, e.time));
  }
  const rows = resolveEntries(pending, c);
  const collapsed: SeqRow[] = options.collapse === false ? rows : collapseRepeats(rows);
  const limit = Math.max(1, options.limit ?? DEFAULT_SEQUENCE_LIMIT);
  const shown = collapsed.slice(0, limit);
  if (collapsed.length > limit) {
    const rest = collapsed.slice(limit);
    const eventsLeft = rest.reduce((sum, r) => sum + r.events, 0);
    shown.push({ kind: 'more', events: eventsLeft, from: timeOf(rest[0]), until: timeOf(rest[rest.length - 1], true) });
  }
  // The client first, then participants in order of appearance among the rows shown.
  const used = new Set<string>();
  const visit = (r: SeqRow) => {
    if (r.kind === 'arrow') used.add(r.from).add(r.to);
    else if (r.kind === 'note') used.add(r.over);
    else if (r.kind === 'loop') r.rows.forEach(visit);
  };
  shown.forEach(visit);
  const participants = c.participants.filter(p => used.has(p.id)).sort((a, b) => (a.id === 'client' ? -1 : b.id === 'client' ? 1 : 0));
  return { participants, rows: shown, start, times: options.times ?? 'relative' };
}

function toRow(step: Step, time: number): Pending {
  if ('arrow' in step) {
    return { kind: 'arrow', from: step.arrow[0], to: step.arrow[1], text: step.text, line: step.line ?? 'call', tone: step.tone ?? 'plain', time, events: 1 };
  }
  if ('note' in step) return { kind: 'note', over: step.note, text: step.text, tone: step.tone ?? 'plain', time, events: 1 };
  return { ...step, kind: 'entry', time };
}

/**
 * An entry (a request arriving: SendMessage on a queue, Publish on a topic, an invocation) joins the arrow that
 * brought it at the same virtual time, before or after it in the trace (a queue records `sent` before SNS records
 * `delivered`); with no such arrow, the client (or the entry's own source) made the request.
 */
function resolveEntries(pending: readonly Pending[], c: SequenceContext): Array<SeqArrow | SeqNote> {
  const claimed = new Set<number>();
  const out: Array<SeqArrow | SeqNote | undefined> = pending.map(p => (p.kind === 'entry' ? undefined : p));
  pending.forEach((p, i) => {
    if (p.kind !== 'entry') return;
    let found = -1;
    for (let d = 1; d <= ENTRY_WINDOW && found < 0; d++) {
      for (const j of [i - d, i + d]) {
        const q = pending[j];
        if (q && q.kind === 'arrow' && q.to === p.entry && q.time === p.time && q.line !== 'fail' && !claimed.has(j)) {
          found = j;
          break;
        }
      }
    }
    if (found >= 0) {
      claimed.add(found);
      const a = pending[found] as SeqArrow;
      if (p.merge && !a.text.includes(p.merge)) a.text = `${a.text} · ${p.merge}`;
      a.events++;
      return;
    }
    out[i] = { kind: 'arrow', from: p.from ?? c.client(), to: p.entry, text: p.text, line: 'call', tone: 'plain', time: p.time, events: 1 };
  });
  return out.filter((r): r is SeqArrow | SeqNote => r !== undefined);
}

function timeOf(row: SeqRow, last = false): number {
  if (row.kind === 'loop' || row.kind === 'more') return last ? row.until : row.from;
  return row.time;
}

/** `+0s`, `+250ms`, `+12.5s`, `+3m05s`, `+2h03m`, `+1d02h` since `start`; or the UTC time of day. */
export function formatTime(time: number, start: number, mode: SequenceDiagram['times']): string {
  if (mode === 'none') return '';
  if (mode === 'absolute') return new Date(time).toISOString().slice(11, 23);
  const ms = Math.max(0, time - start);
  const pad = (x: number) => String(x).padStart(2, '0');
  if (ms === 0) return '+0s';
  if (ms < 1000) return `+${ms}ms`;
  if (ms < 60_000) return `+${Math.round(ms / 100) / 10}s`;
  const s = Math.floor(ms / 1000);
  if (s < 3600) return `+${Math.floor(s / 60)}m${pad(s % 60)}s`;
  if (s < 86_400) return `+${Math.floor(s / 3600)}h${pad(Math.floor((s % 3600) / 60))}m`;
  return `+${Math.floor(s / 86_400)}d${pad(Math.floor((s % 86_400) / 3600))}h`;
}
