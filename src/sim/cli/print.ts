/**
 * The readable trace: one line per event (virtual time, service, resource, event, its detail in a few words), failures
 * in red and successes in green when colours are on, and the progress line of a long run.
 */
import { CliIo, painter } from './io';
import { displayPath } from '../report/diagram/builder';
import { formatTime } from '../report/sequence/build';
import type { SequenceEvent } from '../report/sequence/build';
import type { TemplateResource } from '../runtime';

const BAD = /denied|failed|moved-to-dlq|dropped|throttled|exhausted|expired|discarded|problem|unsupported|rejected|refused|blocked/;
const GOOD = /delivered|succeeded|batch-succeeded|sent-to-destination|redriven|completed/;

export class TracePrinter {
  private printed = 0;
  private readonly paint: ReturnType<typeof painter>;

  constructor(private readonly io: CliIo, private readonly resources: ReadonlyMap<string, TemplateResource>, private readonly start: number) {
    this.paint = painter(io.colour);
  }

  /** Prints the events recorded since the last call. */
  public flush(events: readonly SequenceEvent[]): void {
    for (; this.printed < events.length; this.printed++) this.io.out(this.line(events[this.printed]));
  }

  public line(e: SequenceEvent): string {
    const p = this.paint;
    const time = formatTime(e.time, this.start, 'relative').padEnd(9);
    const resource = (displayPath(this.resources.get(e.resource)?.path) ?? e.resource).padEnd(30);
    const type = e.type.padEnd(20);
    const typeText = BAD.test(e.type) ? p('red', type) : GOOD.test(e.type) ? p('green', type) : type;
    const name = (id: string) => (this.resources.has(id) ? displayPath(this.resources.get(id)?.path) ?? id : id);
    return `  ${p('grey', time)} ${p('cyan', e.service.padEnd(10))} ${resource} ${typeText} ${p('grey', detailText(e.detail, name))}`.trimEnd();
  }
}

/** The detail's simple fields as `key=value`, ids shortened, logical ids as construct paths, lists counted. */
export function detailText(detail: unknown, name: (id: string) => string = id => id): string {
  if (!detail || typeof detail !== 'object') return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(detail as Record<string, unknown>)) {
    if (Array.isArray(v)) parts.push(`${k}=${v.length === 1 && typeof v[0] === 'string' ? short(v[0]) : `[${v.length}]`}`);
    else if (typeof v === 'string') parts.push(`${k}=${short(name(v))}`);
    else if (typeof v === 'number' || typeof v === 'boolean') parts.push(`${k}=${v}`);
  }
  return parts.join(' ');
}

function short(s: string): string {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-/.test(s)) return s.slice(0, 8);
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}

/** The progress of a long run on stderr: rewritten in place on a terminal, a line every few seconds otherwise. */
export class Progress {
  private readonly began = Date.now();
  private last = 0;
  private shown = false;

  constructor(private readonly io: CliIo, private readonly start: number) {}

  public update(now: number, events: number): void {
    const wall = Date.now();
    if (wall - this.began < 1000 || wall - this.last < (this.io.interactive ? 200 : 5000)) return;
    this.last = wall;
    const text = `running: ${formatTime(now, this.start, 'relative')} of virtual time, ${events.toLocaleString('en-US')} events`;
    if (this.io.interactive) {
      process.stderr.write(`\r${text}\u001b[K`);
      this.shown = true;
    } else {
      this.io.err(text);
    }
  }

  public done(): void {
    if (this.shown) process.stderr.write('\r\u001b[K');
    this.shown = false;
  }
}
