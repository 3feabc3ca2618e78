/**
 * A sequence diagram drawn as SVG for the report: participants as columns with lifelines, one row per arrow or note,
 * loops framed, failures in red, and the virtual time of each row in a left gutter.
 */
import { formatTime } from './build';
import type { SeqArrow, SeqNote, SeqRow, SequenceDiagram } from './model';
import { esc, n, textWidth } from '../svg-util';

const FONT = 12;
const HEAD = 40;
const ROW = 30;
const GUTTER = 72;
const TONES = { plain: '#333333', bad: '#c62828', good: '#2e7d32' } as const;
const NOTE_FILL = { plain: '#fff8d6', bad: '#fde2e2', good: '#e6f4ea' } as const;

export function sequenceSvg(d: SequenceDiagram): string {
  const ps = d.participants;
  if (ps.length === 0) return '<svg xmlns="http://www.w3.org/2000/svg" class="sequence" width="10" height="10"></svg>';
  const index = new Map(ps.map((p, i) => [p.id, i]));
  const widths = ps.map(p => Math.max(90, textWidth(p.label, FONT, true) + 20));
  // Space between neighbouring columns: their boxes, then whatever the arrows between them need.
  const gaps = widths.slice(1).map((w, i) => (widths[i] + w) / 2 + 24);
  const need = (row: SeqArrow) => {
    const a = index.get(row.from)!;
    const b = index.get(row.to)!;
    if (a === b) return;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const have = gaps.slice(lo, hi).reduce((x, y) => x + y, 0);
    const want = textWidth(row.text, FONT) + 30;
    if (want > have) gaps[hi - 1] += want - have;
  };
  const each = (rows: readonly SeqRow[], fn: (r: SeqArrow | SeqNote) => void) => rows.forEach(r => {
    if (r.kind === 'loop') r.rows.forEach(fn);
    else if (r.kind !== 'more') fn(r);
  });
  each(d.rows, r => r.kind === 'arrow' && need(r));
  const xs: number[] = [GUTTER + widths[0] / 2];
  gaps.forEach(g => xs.push(xs[xs.length - 1] + g));
  const noteOverhang = Math.max(0, ...flat(d.rows).filter((r): r is SeqNote => r.kind === 'note')
    .map(r => textWidth(r.text, FONT) / 2 + 10 - widths[index.get(r.over)!] / 2));
  const width = xs[xs.length - 1] + widths[widths.length - 1] / 2 + Math.max(16, noteOverhang);

  const body: string[] = [];
  let y = HEAD + 16;
  const time = (t: number) => formatTime(t, d.start, d.times);
  const drawRow = (r: SeqArrow | SeqNote, showTime: boolean) => {
    const mid = y + ROW / 2;
    if (showTime && d.times !== 'none') body.push(`<text x="8" y="${n(mid + 4)}" font-size="11" fill="#718096">${esc(time(r.time))}</text>`);
    if (r.kind === 'note') {
      const x = xs[index.get(r.over)!];
      const w = textWidth(r.text, FONT) + 16;
      body.push(`<g class="note"><rect x="${n(x - w / 2)}" y="${n(mid - 11)}" width="${n(w)}" height="22" rx="3" fill="${NOTE_FILL[r.tone]}" `
        + `stroke="${r.tone === 'plain' ? '#d6c27a' : TONES[r.tone]}" stroke-width="0.8"/>`
        + `<text x="${n(x)}" y="${n(mid + 4)}" font-size="${FONT}" text-anchor="middle" fill="${TONES[r.tone]}">${esc(r.text)}</text></g>`);
    } else {
      const x1 = xs[index.get(r.from)!];
      const x2 = xs[index.get(r.to)!];
      const colour = TONES[r.tone];
      const dash = r.line === 'call' ? '' : ' stroke-dasharray="5 4"';
      const marker = r.line === 'fail' ? 'cross' : r.line === 'reply' ? 'open' : 'solid';
      const line = x1 === x2
        ? `<path d="M${n(x1)},${n(mid)} h28 v10 h-26" fill="none" stroke="${colour}"${dash} marker-end="url(#seq-${marker}-${r.tone})"/>`
        : `<line x1="${n(x1)}" y1="${n(mid + 4)}" x2="${n(x2 + (x2 > x1 ? -2 : 2))}" y2="${n(mid + 4)}" stroke="${colour}" stroke-width="1.3"${dash} `
          + `marker-end="url(#seq-${marker}-${r.tone})"/>`;
      const tx = x1 === x2 ? x1 + 34 : (x1 + x2) / 2;
      body.push(`<g class="message">${line}<text x="${n(tx)}" y="${n(mid - 2)}" font-size="${FONT}" text-anchor="${x1 === x2 ? 'start' : 'middle'}" `
        + `fill="${colour}">${esc(r.text)}</text></g>`);
    }
    y += ROW;
  };
  for (const r of d.rows) {
    if (r.kind === 'loop') {
      const top = y;
      y += 22;
      r.rows.forEach(inner => drawRow(inner, false));
      const label = `loop ×${r.count}  ${time(r.from)}${r.until !== r.from ? ` to ${time(r.until)}` : ''}`;
      body.push(`<g class="loop"><rect x="${n(GUTTER - 6)}" y="${n(top + 2)}" width="${n(width - GUTTER)}" height="${n(y - top + 2)}" rx="4" `
        + 'fill="none" stroke="#7b8794" stroke-dasharray="3 3"/>'
        + `<rect x="${n(GUTTER - 6)}" y="${n(top + 2)}" width="${n(textWidth(label, 11, true) + 14)}" height="18" rx="4" fill="#eef1f5" stroke="#7b8794"/>`
        + `<text x="${n(GUTTER + 1)}" y="${n(top + 15)}" font-size="11" font-weight="600" fill="#4a5568">${esc(label)}</text></g>`);
      y += 8;
    } else if (r.kind === 'more') {
      const text = `${r.events} more events${d.times === 'none' ? '' : ` (${time(r.from)} to ${time(r.until)})`}: raise the limit to see them`;
      body.push(`<g class="more"><rect x="${n(GUTTER - 6)}" y="${n(y + 4)}" width="${n(width - GUTTER)}" height="24" rx="4" fill="#f7f8fa" stroke="#a0aec0" `
        + `stroke-dasharray="4 3"/><text x="${n(width / 2)}" y="${n(y + 20)}" font-size="${FONT}" text-anchor="middle" fill="#4a5568">${esc(text)}</text></g>`);
      y += ROW + 4;
    } else {
      drawRow(r, true);
    }
  }
  const height = y + 12;
  const heads = ps.map((p, i) => {
    const x = xs[i];
    const w = widths[i];
    return `<g class="participant"><line x1="${n(x)}" y1="${HEAD}" x2="${n(x)}" y2="${n(height - 4)}" stroke="#cbd2d9" stroke-dasharray="4 4"/>`
      + `<rect x="${n(x - w / 2)}" y="6" width="${n(w)}" height="${HEAD - 10}" rx="5" fill="${p.id === 'client' ? '#edf2f7' : '#ffffff'}" stroke="#718096"/>`
      + `<text x="${n(x)}" y="${n(HEAD / 2 + 6)}" font-size="${FONT}" font-weight="600" text-anchor="middle" fill="#1a202c">${esc(p.label)}</text>`
      + `${p.logicalId ? `<title>${esc(p.logicalId)}</title>` : ''}</g>`;
  });
  const markers = (Object.keys(TONES) as Array<keyof typeof TONES>).map(tone => {
    const c = TONES[tone];
    return `<marker id="seq-solid-${tone}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto">`
      + `<path d="M0,0 L10,5 L0,10 z" fill="${c}"/></marker>`
      + `<marker id="seq-open-${tone}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto">`
      + `<path d="M0,0 L10,5 L0,10" fill="none" stroke="${c}" stroke-width="1.5"/></marker>`
      + `<marker id="seq-cross-${tone}" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="9" markerHeight="9" orient="auto">`
      + `<path d="M1,1 L9,9 M9,1 L1,9" stroke="${c}" stroke-width="2"/></marker>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="sequence" viewBox="0 0 ${n(width)} ${n(height)}" width="${n(width)}" height="${n(height)}" `
    + `font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"><defs>${markers}</defs>\n${heads.join('\n')}\n${body.join('\n')}\n</svg>`;
}

function flat(rows: readonly SeqRow[]): Array<SeqArrow | SeqNote> {
  return rows.flatMap(r => (r.kind === 'loop' ? [...r.rows] : r.kind === 'more' ? [] : [r]));
}
