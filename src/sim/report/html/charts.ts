/**
 * The report's charts, drawn as inline SVG (no chart library, no script): a step chart of values over virtual time
 * (queue depth) and horizontal bar charts (invocations and errors per function, API requests by status).
 */
import { formatTime } from '../sequence/build';
import { esc, n, textWidth } from '../svg-util';

export const PALETTE = ['#3b6fd4', '#d86613', '#2e7d32', '#c7136f', '#6a3fc1', '#00838f', '#b8860b', '#5d4037', '#c62828', '#546e7a'];

export interface Series {
  readonly name: string;
  /** [virtual time, value] at each change, in time order. */
  readonly points: ReadonlyArray<readonly [number, number]>;
}

/** Values over virtual time as step lines (a value holds until the next change), with a legend. */
export function stepChart(series: readonly Series[], start: number, lastTime: number, yLabel: string): string {
  let end = lastTime;
  const W = 560;
  const legendRows = Math.ceil(series.length / 2);
  const H = 220 + legendRows * 16;
  const left = 44;
  const right = W - 12;
  const top = 12;
  const bottom = 186;
  // A little room after the last change, so a line that ends on the frame stays visible.
  const span = Math.max(1000, end - start) * 1.04;
  end = start + span;
  const maxY = Math.max(1, ...series.flatMap(s => s.points.map(p => p[1])));
  const yTicks = niceTicks(maxY);
  const yMax = yTicks[yTicks.length - 1];
  const x = (t: number) => left + ((t - start) / span) * (right - left);
  const y = (v: number) => bottom - (v / yMax) * (bottom - top);
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" class="chart step-chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" `
    + 'font-family="system-ui, sans-serif" font-size="11">'];
  for (const v of yTicks) {
    out.push(`<line x1="${left}" x2="${right}" y1="${n(y(v))}" y2="${n(y(v))}" stroke="#edf2f7"/>`
      + `<text x="${left - 6}" y="${n(y(v) + 4)}" text-anchor="end" fill="#718096">${v}</text>`);
  }
  for (let i = 0; i <= 4; i++) {
    const t = start + ((lastTime - start) * i) / 4;
    out.push(`<text x="${n(x(t))}" y="${bottom + 16}" text-anchor="${i === 0 ? 'start' : 'middle'}" fill="#718096">${esc(formatTime(t, start, 'relative'))}</text>`);
  }
  out.push(`<line x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}" stroke="#a0aec0"/>`);
  out.push(`<text x="12" y="${n((top + bottom) / 2)}" transform="rotate(-90 12 ${n((top + bottom) / 2)})" text-anchor="middle" fill="#4a5568">${esc(yLabel)}</text>`);
  series.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length];
    let d = `M${n(x(start))},${n(y(0))}`;
    let last = 0;
    for (const [t, v] of s.points) {
      d += ` H${n(x(t))} V${n(y(v))}`;
      last = v;
    }
    d += ` H${n(x(end))}`;
    out.push(`<path class="series" d="${d}" fill="none" stroke="${colour}" stroke-width="2"><title>${esc(s.name)}: ${last} at the end</title></path>`);
    const lx = left + (i % 2) * ((right - left) / 2);
    const ly = bottom + 34 + Math.floor(i / 2) * 16;
    out.push(`<rect x="${n(lx)}" y="${n(ly - 8)}" width="12" height="4" fill="${colour}"/>`
      + `<text x="${n(lx + 16)}" y="${n(ly - 3)}" fill="#2d3748">${esc(clipText(s.name, (right - left) / 2 - 24))}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}

export interface BarGroup {
  readonly label: string;
  readonly values: ReadonlyArray<{ readonly name: string; readonly value: number; readonly colour: string }>;
}

/** One row per group, one bar per value, each labelled with its number. */
export function barChart(groups: readonly BarGroup[]): string {
  const W = 560;
  const labelWidth = Math.min(220, Math.max(60, ...groups.map(g => textWidth(g.label, 11) + 16)));
  const barH = 13;
  const rowH = Math.max(1, ...groups.map(g => g.values.length)) * (barH + 2) + 12;
  const H = groups.length * rowH + 30;
  const max = Math.max(1, ...groups.flatMap(g => g.values.map(v => v.value)));
  // Room after the longest bar for its label (`12 invocations`).
  const plot = W - labelWidth - 100;
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" class="chart bar-chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" `
    + 'font-family="system-ui, sans-serif" font-size="11">'];
  groups.forEach((g, i) => {
    const top = 6 + i * rowH;
    out.push(`<text x="${n(labelWidth - 8)}" y="${n(top + rowH / 2)}" text-anchor="end" fill="#2d3748">${esc(clipText(g.label, labelWidth - 10))}</text>`);
    g.values.forEach((v, k) => {
      const y = top + 4 + k * (barH + 2);
      const w = Math.max(v.value > 0 ? 2 : 0, (v.value / max) * plot);
      out.push(`<rect class="bar" x="${labelWidth}" y="${n(y)}" width="${n(w)}" height="${barH}" rx="2" fill="${v.colour}"><title>${esc(`${g.label}: ${v.value} ${v.name}`)}</title></rect>`
        + `<text x="${n(labelWidth + w + 4)}" y="${n(y + barH - 3)}" fill="#4a5568">${v.value} ${esc(v.name)}</text>`);
    });
  });
  out.push('</svg>');
  return out.join('\n');
}

/** 0, a round step, ... up to at least `max` (about four steps). */
export function niceTicks(max: number): number[] {
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map(m => m * magnitude).find(s => s >= raw) ?? raw);
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) {
    ticks.push(Math.round(v));
    if (v >= max) break;
  }
  return ticks;
}

function clipText(text: string, width: number): string {
  if (textWidth(text, 11) <= width) return text;
  let s = text;
  while (s.length > 4 && textWidth(`…${s}`, 11) > width) s = s.slice(1);
  return `…${s}`;
}
