/** Small helpers for the SVG the report draws itself (diagrams and charts): escaping and text measurement. */

/** Escapes text for SVG/HTML element content and attribute values. */
export function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));
}

/**
 * The width of a line of text in the report's sans-serif font, estimated per character (no font metrics offline):
 * narrow letters count less, capitals and wide letters more. Close enough to size boxes and columns.
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) {
    if ('ilj.,:;|!\'`'.includes(ch)) units += 0.3;
    else if ('ftrI()[]{}- /'.includes(ch)) units += 0.4;
    else if ('mwMW@%'.includes(ch)) units += 0.85;
    else if (ch >= 'A' && ch <= 'Z') units += 0.68;
    else if (ch.charCodeAt(0) > 0x2000) units += 0.9;
    else units += 0.56;
  }
  return units * fontSize * (bold ? 1.15 : 1.04);
}

/** Rounds for compact SVG numbers. */
export function n(x: number): string {
  return String(Math.round(x * 10) / 10);
}
