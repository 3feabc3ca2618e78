/**
 * The field-writing tasks (AppFlow API, Task): Map copies a source field to the destination field, converted to
 * DESTINATION_DATA_TYPE (a value that does not convert fails the run); Map_all copies every field but those in
 * EXCLUDE_SOURCE_FIELDS_LIST; Merge joins source fields into one (CONCAT_FORMAT, `${field}` placeholders, else
 * concatenation); Arithmetic applies ADDITION / SUBTRACTION / MULTIPLICATION / DIVISION to two fields; Mask replaces
 * characters with MASK_VALUE (MASK_ALL, MASK_FIRST_N, MASK_LAST_N with MASK_LENGTH); Truncate keeps TRUNCATE_LENGTH
 * characters.
 */
import { isNumericType } from './values';
import { FlowTask } from '../flow-config';

export class TaskError extends Error {}

export function mapField(source: Record<string, unknown>, out: Record<string, unknown>, task: FlowTask): void {
  const field = task.sourceFields[0];
  if (!Object.prototype.hasOwnProperty.call(source, field)) return;
  out[task.destinationField ?? field] = convert(source[field], task.properties.DESTINATION_DATA_TYPE, field);
}

export function mapAll(source: Record<string, unknown>, out: Record<string, unknown>, task: FlowTask): void {
  let excluded: string[] = [];
  try {
    excluded = JSON.parse(task.properties.EXCLUDE_SOURCE_FIELDS_LIST ?? '[]');
  } catch {
    excluded = [];
  }
  for (const [k, v] of Object.entries(source)) if (!excluded.includes(k)) out[k] = v;
}

export function merge(source: Record<string, unknown>, out: Record<string, unknown>, task: FlowTask): void {
  const format = task.properties.CONCAT_FORMAT;
  out[task.destinationField ?? task.sourceFields.join('_')] = format
    ? format.replace(/\$\{([^}]+)\}/g, (_m, f: string) => String(source[f] ?? ''))
    : task.sourceFields.map(f => String(source[f] ?? '')).join('');
}

export function arithmetic(source: Record<string, unknown>, out: Record<string, unknown>, task: FlowTask): void {
  const order = (task.properties.MATH_OPERATION_FIELDS_ORDER ?? task.sourceFields.join(',')).split(',').map(s => s.trim());
  const [a, b] = order.map(f => Number(source[f]));
  if (!Number.isFinite(a) || !Number.isFinite(b)) throw new TaskError(`Arithmetic on ${order.join(', ')}: the values are not numbers`);
  const result = task.operator === 'ADDITION' ? a + b : task.operator === 'SUBTRACTION' ? a - b
    : task.operator === 'MULTIPLICATION' ? a * b : task.operator === 'DIVISION' ? a / b : NaN;
  out[task.destinationField ?? order[0]] = result;
}

export function mask(out: Record<string, unknown>, task: FlowTask): void {
  const field = task.destinationField ?? task.sourceFields[0];
  if (out[field] === undefined || out[field] === null) return;
  const text = String(out[field]);
  const symbol = task.properties.MASK_VALUE ?? '*';
  const n = Math.min(text.length, Number(task.properties.MASK_LENGTH ?? text.length));
  out[field] = task.operator === 'MASK_FIRST_N' ? symbol.repeat(n) + text.slice(n)
    : task.operator === 'MASK_LAST_N' ? text.slice(0, text.length - n) + symbol.repeat(n)
      : symbol.repeat(text.length);
}

export function truncate(out: Record<string, unknown>, task: FlowTask): void {
  const field = task.destinationField ?? task.sourceFields[0];
  if (typeof out[field] === 'string') out[field] = (out[field] as string).slice(0, Number(task.properties.TRUNCATE_LENGTH ?? Infinity));
}

function convert(value: unknown, type: string | undefined, field: string): unknown {
  if (value === null || value === undefined || type === undefined) return value;
  const t = type.toLowerCase();
  if (isNumericType(t)) {
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(n)) throw new TaskError(`Mapping field ${field}: the value ${JSON.stringify(value)} cannot be converted to ${type}`);
    return n;
  }
  if (t === 'boolean') return value === true || String(value).toLowerCase() === 'true';
  if (t === 'string') return typeof value === 'object' ? JSON.stringify(value) : String(value);
  return value;
}
