/**
 * S3 object keys as Firehose names them (Developer Guide, "Configure Amazon S3 object name format" and "Custom
 * prefixes for Amazon S3 objects"): `<evaluated prefix><suffix>`, the suffix being
 * `<stream name>-<stream version>-<yyyy>-<MM>-<dd>-<HH>-<mm>-<ss>-<uuid><file extension>`. With no Prefix the
 * evaluated prefix is the UTC time prefix `yyyy/MM/dd/HH/`; a Prefix with no `!{timestamp:...}` expression gets that
 * time prefix appended; a Prefix with expressions is evaluated as written: `!{timestamp:<Java DateTimeFormatter
 * pattern>}` at the arrival time of the oldest record in the object, `!{firehose:random-string}` and
 * `!{firehose:error-output-type}` (error output only).
 */

/** Formats `time` (epoch ms, UTC) with the Java DateTimeFormatter letters Firehose prefixes use (y M d H m s, 'quoted' text). */
export function formatTimestamp(pattern: string, time: number): string {
  const d = new Date(time);
  const fields: Record<string, number> = {
    y: d.getUTCFullYear(), M: d.getUTCMonth() + 1, d: d.getUTCDate(), H: d.getUTCHours(), m: d.getUTCMinutes(), s: d.getUTCSeconds(),
  };
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i];
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      const literal = end < 0 ? pattern.slice(i + 1) : pattern.slice(i + 1, end);
      out += literal === '' ? "'" : literal;
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (fields[c] !== undefined) {
      let n = 1;
      while (pattern[i + n] === c) n++;
      const value = fields[c];
      out += c === 'y' && n === 2 ? String(value % 100).padStart(2, '0') : String(value).padStart(n, '0');
      i += n;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

const DEFAULT_TIME_PREFIX = 'yyyy/MM/dd/HH/';
const EXPRESSION = /!\{([a-zA-Z]+):([^}]*)\}/g;

export interface PrefixContext {
  /** Arrival time of the oldest record in the object. */
  readonly time: number;
  readonly randomString: () => string;
  /** `processing-failed` and the like, for error output prefixes. */
  readonly errorOutputType?: string;
}

/** The evaluated prefix for `prefix` (undefined or '' = the default time prefix). */
export function evaluatePrefix(prefix: string | undefined, ctx: PrefixContext): string {
  if (!prefix) return formatTimestamp(DEFAULT_TIME_PREFIX, ctx.time);
  if (!/!\{timestamp:/.test(prefix)) {
    return expand(prefix, ctx) + formatTimestamp(DEFAULT_TIME_PREFIX, ctx.time);
  }
  return expand(prefix, ctx);
}

function expand(prefix: string, ctx: PrefixContext): string {
  return prefix.replace(EXPRESSION, (whole, namespace: string, value: string) => {
    if (namespace === 'timestamp') return formatTimestamp(value, ctx.time);
    if (namespace === 'firehose' && value === 'random-string') return ctx.randomString();
    if (namespace === 'firehose' && value === 'error-output-type') return ctx.errorOutputType ?? '';
    return whole;
  });
}

/** `<stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid><extension>`, at the oldest record's arrival time. */
export function objectSuffix(streamName: string, version: number, time: number, uuid: string, extension: string): string {
  return `${streamName}-${version}-${formatTimestamp('yyyy-MM-dd-HH-mm-ss', time)}-${uuid}${extension}`;
}
