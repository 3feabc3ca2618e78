/**
 * `arn:aws:states:::events:putEvents`: EventBridge is not simulated, so the entries are recorded in the trace
 * (`events-put`, with each entry) and the task gets PutEvents' answer (an EventId per entry, no failed entry).
 */
import type { IntegrationContext } from './context';
import { asText } from './sdk';
import { StatesError } from '../errors';
import type { Json } from '../paths/jsonpath';

export async function eventsPutEvents(ic: IntegrationContext): Promise<Json> {
  const entries = ic.parameters.Entries;
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > 10) {
    throw new StatesError('EventBridge.ValidationException', 'Entries must hold 1 to 10 entries');
  }
  const recorded = entries.map(e => {
    const entry = (e ?? {}) as Record<string, Json>;
    return { ...entry, Detail: asText(entry.Detail) ?? '{}' } as Record<string, Json>;
  });
  const ids = recorded.map(() => ic.ctx.ids.uuid());
  ic.ctx.trace.record('stepfunctions', ic.call.env.machine.logicalId, 'events-put', {
    executionArn: ic.call.env.execution.arn, state: ic.call.stateName, entries: recorded, eventIds: ids,
  });
  return { Entries: ids.map(EventId => ({ EventId })), FailedEntryCount: 0 };
}
