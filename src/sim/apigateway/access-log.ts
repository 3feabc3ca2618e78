/**
 * Access logs: each answered request writes one line rendered from the stage's AccessLogSetting format, whose
 * `$context.x.y` variables are substituted (a missing value is written `-`, as API Gateway does). Lines are kept on
 * the handle (`sim.api(ref).accessLog`), the most recent `ACCESS_LOG_RETENTION` of them (CloudWatch Logs itself is
 * not simulated).
 */
import { ContextVars } from './context';

export const ACCESS_LOG_RETENTION = 100_000;

type Part = string | readonly string[];

export class AccessLog {
  private readonly parts = new Map<string, Part[]>();
  private readonly kept: string[] = [];
  private dropped = 0;

  public write(format: string, ctx: ContextVars): void {
    let parts = this.parts.get(format);
    if (!parts) {
      parts = compile(format);
      this.parts.set(format, parts);
    }
    let line = '';
    for (const p of parts) {
      if (typeof p === 'string') {
        line += p;
        continue;
      }
      let v: unknown = ctx;
      for (const k of p) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
      line += v === undefined || v === null || v === '' ? '-' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
    this.kept.push(line);
    if (this.kept.length > ACCESS_LOG_RETENTION * 2) {
      this.dropped += this.kept.length - ACCESS_LOG_RETENTION;
      this.kept.splice(0, this.kept.length - ACCESS_LOG_RETENTION);
    }
  }

  /** The most recent lines, oldest first. */
  public get lines(): readonly string[] {
    return this.kept.length > ACCESS_LOG_RETENTION ? this.kept.slice(-ACCESS_LOG_RETENTION) : this.kept.slice();
  }

  /** Every line written so far, including those no longer kept. */
  public get written(): number {
    return this.dropped + this.kept.length;
  }
}

function compile(format: string): Part[] {
  const out: Part[] = [];
  const re = /\$context\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_-]+)*)/g;
  let last = 0;
  for (let m = re.exec(format); m; m = re.exec(format)) {
    out.push(format.slice(last, m.index), m[1].split('.'));
    last = m.index + m[0].length;
  }
  out.push(format.slice(last));
  return out.filter(p => p !== '');
}
