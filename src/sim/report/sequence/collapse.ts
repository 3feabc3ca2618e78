/**
 * Long runs summarised: a run of rows that repeats back to back (a poison message received, failed and made visible
 * again, five times) is drawn once inside a `loop ×N`. Rows compare by what they draw, not by when or which message.
 */
import type { SeqArrow, SeqLoop, SeqNote, SeqRow } from './model';

/** The longest repeating block looked for, in rows. */
const MAX_PERIOD = 8;

export function collapseRepeats(rows: ReadonlyArray<SeqArrow | SeqNote>): SeqRow[] {
  const keys = rows.map(signature);
  const out: SeqRow[] = [];
  let i = 0;
  while (i < rows.length) {
    let best: { period: number; times: number } | undefined;
    for (let period = 1; period <= MAX_PERIOD && i + 2 * period <= rows.length; period++) {
      let times = 1;
      while (i + (times + 1) * period <= rows.length && sameBlock(keys, i, i + times * period, period)) times++;
      // A loop costs two rows (its frame): worth it only when it saves rows.
      if (times >= 2 && period * times > period + 2 && (!best || period * times > best.period * best.times)) best = { period, times };
    }
    if (!best) {
      out.push(rows[i]);
      i++;
      continue;
    }
    const covered = rows.slice(i, i + best.period * best.times);
    const loop: SeqLoop = {
      kind: 'loop',
      count: best.times,
      from: covered[0].time,
      until: covered[covered.length - 1].time,
      rows: covered.slice(0, best.period),
      events: covered.reduce((sum, r) => sum + r.events, 0),
    };
    out.push(loop);
    i += best.period * best.times;
  }
  return out;
}

function signature(r: SeqArrow | SeqNote): string {
  return r.kind === 'arrow' ? `a|${r.from}|${r.to}|${r.line}|${r.tone}|${r.text}` : `n|${r.over}|${r.tone}|${r.text}`;
}

function sameBlock(keys: readonly string[], a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (keys[a + k] !== keys[b + k]) return false;
  return true;
}
