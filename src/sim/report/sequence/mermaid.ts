/** A sequence diagram as mermaid text: `->>` calls, `-->>` replies, `--x` failures, notes, `loop ×N` blocks. */
import { formatTime } from './build';
import type { SeqArrow, SeqNote, SeqRow, SequenceDiagram } from './model';

export function sequenceMermaid(d: SequenceDiagram): string {
  const lines = ['sequenceDiagram'];
  for (const p of d.participants) lines.push(`  participant ${p.id} as ${text(p.label)}`);
  const first = d.participants[0]?.id;
  const last = d.participants[d.participants.length - 1]?.id;
  const time = (t: number) => {
    const s = formatTime(t, d.start, d.times);
    return s ? `${s} ` : '';
  };
  const row = (r: SeqArrow | SeqNote, indent: string, withTime: boolean) => {
    const prefix = withTime ? time(r.time) : '';
    if (r.kind === 'note') {
      lines.push(`${indent}Note over ${r.over}: ${text(prefix + r.text)}`);
      return;
    }
    const arrow = r.line === 'call' ? '->>' : r.line === 'reply' ? '-->>' : '--x';
    lines.push(`${indent}${r.from}${arrow}${r.to}: ${text(prefix + r.text)}`);
  };
  for (const r of d.rows as readonly SeqRow[]) {
    if (r.kind === 'loop') {
      lines.push(`  loop ×${r.count} ${text(range(time(r.from).trim(), time(r.until).trim()))}`);
      for (const inner of r.rows) row(inner, '    ', false);
      lines.push('  end');
    } else if (r.kind === 'more') {
      const span = first && last && first !== last ? `${first},${last}` : first ?? 'client';
      lines.push(`  Note over ${span}: ${text(`${r.events} more events ${range(time(r.from).trim(), time(r.until).trim())}`.trim())}`);
    } else {
      row(r, '  ', true);
    }
  }
  return lines.join('\n');
}

function range(from: string, until: string): string {
  if (!from) return '';
  return from === until ? `(${from})` : `(${from} to ${until})`;
}

/** Message and label text: `#` and `;` (mermaid's comment and statement separators) as entity codes. */
function text(s: string): string {
  return s.replace(/[#;]/g, c => `#${c.charCodeAt(0)};`);
}
