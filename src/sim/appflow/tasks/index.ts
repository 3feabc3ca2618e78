/**
 * A flow's tasks applied to the pulled records, in the order AppFlow applies them: filters and validations on the
 * source records (PROJECTION narrows the fields pulled), then the field-writing tasks build each output record. A task
 * naming a field no pulled record has fails the run, as a flow whose mapping names a field the source object lacks
 * does; so does a value that cannot be converted to its destination type.
 */
import { keeps, project } from './filter';
import { arithmetic, mapAll, mapField, mask, merge, TaskError, truncate } from './transforms';
import { fieldExists } from './values';
import { FlowTask } from '../flow-config';

export interface TaskOutcome {
  readonly records: Record<string, unknown>[];
  /** Records a filter or a DropRecord validation removed. */
  readonly filtered: number;
  /** Set when the run fails. */
  readonly error?: string;
}

const VALIDATIONS: Record<string, (v: unknown) => boolean> = {
  VALIDATE_NON_NULL: v => v !== null && v !== undefined,
  VALIDATE_NON_ZERO: v => Number(v) !== 0,
  VALIDATE_NON_NEGATIVE: v => Number(v) >= 0,
  VALIDATE_NUMERIC: v => v !== null && v !== undefined && v !== '' && Number.isFinite(Number(v)),
  VALIDATE_NON_EMPTY: v => v !== null && v !== undefined && String(v) !== '',
};

export function applyTasks(pulled: Record<string, unknown>[], tasks: readonly FlowTask[]): TaskOutcome {
  let records = pulled;
  if (records.length > 0) {
    for (const t of tasks) {
      if (t.taskType === 'Map_all' || (t.taskType === 'Filter' && t.operator === 'PROJECTION')) continue;
      const missing = t.sourceFields.find(f => !fieldExists(records, f));
      if (missing !== undefined) {
        return { records: [], filtered: 0, error: `${t.taskType} task: the source field ${missing} does not exist in the ${pulled.length} record(s) pulled from the source` };
      }
    }
  }
  for (const t of tasks) if (t.taskType === 'Filter' && t.operator === 'PROJECTION') records = project(records, t);
  const before = records.length;
  records = records.filter(r => tasks.every(t => t.taskType !== 'Filter' || t.operator === 'PROJECTION' || keeps(r, t)));
  for (const t of tasks.filter(x => x.taskType === 'Validate')) {
    const check = VALIDATIONS[t.operator];
    if (!check) continue;
    const bad = records.filter(r => !check(r[t.sourceFields[0]]));
    if (bad.length > 0 && t.properties.VALIDATION_ACTION === 'TerminateFlow') {
      return { records: [], filtered: 0, error: `Validate task ${t.operator} on ${t.sourceFields[0]} failed for ${bad.length} record(s) (VALIDATION_ACTION TerminateFlow)` };
    }
    records = records.filter(r => check(r[t.sourceFields[0]]));
  }
  const filtered = before - records.length;
  try {
    const out = records.map(source => {
      const record: Record<string, unknown> = {};
      for (const t of tasks) {
        if (t.taskType === 'Map') mapField(source, record, t);
        else if (t.taskType === 'Map_all') mapAll(source, record, t);
        else if (t.taskType === 'Merge') merge(source, record, t);
        else if (t.taskType === 'Arithmetic') arithmetic(source, record, t);
      }
      for (const t of tasks) {
        if (t.taskType === 'Mask') mask(record, t);
        else if (t.taskType === 'Truncate') truncate(record, t);
      }
      return record;
    });
    return { records: out, filtered };
  } catch (err) {
    if (err instanceof TaskError) return { records: [], filtered: 0, error: err.message };
    throw err;
  }
}
