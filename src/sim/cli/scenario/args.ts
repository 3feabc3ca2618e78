/** Reading a step's arguments, with one clear line for what is missing or malformed. */
import { UsageError } from '../io';

export class StepArgs {
  public static of(step: string, raw: unknown, shorthand?: string): StepArgs {
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) return new StepArgs(step, raw as Record<string, unknown>);
    if (shorthand !== undefined && raw !== undefined && raw !== null) return new StepArgs(step, { [shorthand]: raw });
    throw new UsageError(`${step}: expected an object of arguments`);
  }

  constructor(private readonly step: string, private readonly args: Record<string, unknown>) {}

  public has(name: string): boolean {
    return this.args[name] !== undefined;
  }

  /** A resource reference or other required string. */
  public name(name: string): string {
    const v = this.args[name];
    if (typeof v !== 'string' || v === '') throw new UsageError(`${this.step}: '${name}' is required (the resource's construct path or logical id)`);
    return v;
  }

  /** Text: a string as is, anything else as JSON (a message or body written as YAML). */
  public text(name: string, fallback?: string): string {
    const v = this.args[name];
    if (v === undefined) {
      if (fallback !== undefined) return fallback;
      throw new UsageError(`${this.step}: '${name}' is required`);
    }
    return typeof v === 'string' ? v : JSON.stringify(v);
  }

  public optionalText(name: string): string | undefined {
    return this.args[name] === undefined ? undefined : this.text(name);
  }

  public number(name: string): number | undefined {
    const v = this.args[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new UsageError(`${this.step}: '${name}' must be a number, not ${JSON.stringify(v)}`);
    return v;
  }

  public raw(name: string): unknown {
    return this.args[name];
  }
}

/** `500ms`, `30s`, `5m`, `2h`, `1d`, or a number of milliseconds. */
export function durationMs(step: string, value: unknown): number {
  if (typeof value === 'number' && value >= 0) return value;
  const m = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|d)?\s*$/.exec(value) : null;
  if (!m) throw new UsageError(`${step}: '${String(value)}' is not a duration (e.g. 500ms, 30s, 5m, 2h, 1d)`);
  const unit = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] ?? 'ms'] ?? 1;
  return Number(m[1]) * unit;
}

/** SNS/SQS message attributes from `{ name: value }`: strings, numbers (Number) and string lists (String.Array). */
export function messageAttributes(step: string, value: unknown): Record<string, { DataType: string; StringValue: string }> | undefined {
  if (value === undefined) return undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${step}: 'attributes' must map names to values`);
  const out: Record<string, { DataType: string; StringValue: string }> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'number') out[k] = { DataType: 'Number', StringValue: String(v) };
    else if (Array.isArray(v)) out[k] = { DataType: 'String.Array', StringValue: JSON.stringify(v) };
    else out[k] = { DataType: 'String', StringValue: String(v) };
  }
  return out;
}
