/**
 * `$util` of REST API mapping templates, with Java's semantics:
 * - `urlEncode` is `java.net.URLEncoder` form encoding: a space is `+`; only letters, digits and `.-*_` stay as they
 *   are (JavaScript's encodeURIComponent would leave `!'()~` and write a space as `%20`);
 * - `escapeJavaScript` is Commons Lang's `StringEscapeUtils.escapeJavaScript`: `'` becomes `\'` (invalid in JSON, as
 *   the Developer Guide warns), `/` becomes `\/`, and every character outside printable ASCII becomes `\uXXXX`.
 */
import { javaValue } from './java';

export function urlEncode(s: unknown): string {
  const text = s === null || s === undefined ? '' : String(s);
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9.\-*_]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function urlDecode(s: unknown): string {
  const text = s === null || s === undefined ? '' : String(s);
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

export function escapeJavaScript(s: unknown): string {
  if (s === null || s === undefined) return '';
  let out = '';
  for (const ch of String(s)) {
    const code = ch.codePointAt(0)!;
    switch (ch) {
      case '\'': out += '\\\''; break;
      case '"': out += '\\"'; break;
      case '\\': out += '\\\\'; break;
      case '/': out += '\\/'; break;
      case '\b': out += '\\b'; break;
      case '\n': out += '\\n'; break;
      case '\t': out += '\\t'; break;
      case '\f': out += '\\f'; break;
      case '\r': out += '\\r'; break;
      default:
        if (code < 32 || code > 0x7e) {
          // Java strings are UTF-16: a character outside the BMP is two \u escapes.
          for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
        } else {
          out += ch;
        }
    }
  }
  return out;
}

/** The `$util` object of a template. */
export function utilVariable(): Record<string, (...args: any[]) => unknown> {
  return {
    escapeJavaScript,
    urlEncode,
    urlDecode,
    base64Encode: (s: unknown) => Buffer.from(s === null || s === undefined ? '' : String(s), 'utf8').toString('base64'),
    base64Decode: (s: unknown) => Buffer.from(s === null || s === undefined ? '' : String(s), 'base64').toString('utf8'),
    parseJson: (s: unknown) => javaValue(JSON.parse(String(s))),
  };
}
