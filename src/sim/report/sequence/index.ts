/** `sim.trace.toMermaid()`: a run as a sequence diagram. */
import { buildSequence, SequenceEvent } from './build';
import { sequenceMermaid } from './mermaid';
import type { SequenceOptions } from './model';
import type { TemplateResource } from '../../runtime';

export type { SequenceDiagram, SequenceOptions, SeqParticipant, SeqRow } from './model';
export type { SequenceEvent } from './build';
export type { EventTable } from './events';
export { SEQUENCE_EVENTS } from './events';
export { buildSequence, formatTime, DEFAULT_SEQUENCE_LIMIT } from './build';
export { sequenceMermaid } from './mermaid';

/** The sequence diagram of `events` as mermaid text. */
export function traceMermaid(
  events: Iterable<SequenceEvent>,
  resources: ReadonlyMap<string, TemplateResource>,
  start: number,
  options: SequenceOptions = {},
): string {
  return sequenceMermaid(buildSequence(events, resources, start, options));
}
