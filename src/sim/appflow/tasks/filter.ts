/**
 * Filter tasks (AppFlow API, Task / ConnectorOperator): PROJECTION keeps only the listed source fields; a comparison
 * operator keeps the records whose field compares true against VALUES (a comma-separated list for EQUAL_TO and
 * NOT_EQUAL_TO), or LOWER_BOUND and UPPER_BOUND for BETWEEN (inclusive), reading the field as DATA_TYPE. A record
 * without the field is filtered out.
 */
import { comparable } from './values';
import { FlowTask } from '../flow-config';

export function project(records: Record<string, unknown>[], task: FlowTask): Record<string, unknown>[] {
  return records.map(r => {
    const out: Record<string, unknown> = {};
    for (const f of task.sourceFields) if (Object.prototype.hasOwnProperty.call(r, f)) out[f] = r[f];
    return out;
  });
}

export function keeps(record: Record<string, unknown>, task: FlowTask): boolean {
  const type = task.properties.DATA_TYPE;
  const value = comparable(record[task.sourceFields[0]], type);
  if (value === undefined) return false;
  const values = (task.properties.VALUES ?? '').split(',').map(v => comparable(v.trim(), type));
  const first = values[0];
  switch (task.operator) {
    case 'EQUAL_TO': return values.includes(value);
    case 'NOT_EQUAL_TO': return !values.includes(value);
    case 'GREATER_THAN': return first !== undefined && value > first;
    case 'GREATER_THAN_OR_EQUAL_TO': return first !== undefined && value >= first;
    case 'LESS_THAN': return first !== undefined && value < first;
    case 'LESS_THAN_OR_EQUAL_TO': return first !== undefined && value <= first;
    case 'CONTAINS': return String(value).includes(String(task.properties.VALUES ?? ''));
    case 'BETWEEN': {
      const lo = comparable(task.properties.LOWER_BOUND, type);
      const hi = comparable(task.properties.UPPER_BOUND, type);
      return lo !== undefined && hi !== undefined && value >= lo && value <= hi;
    }
    default: return true;
  }
}
