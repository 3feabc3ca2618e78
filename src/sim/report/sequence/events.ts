/**
 * The event table: what each trace event type draws in a sequence diagram, one entry per type. A service that adds
 * event types to trace-events.ts adds one line each here. `'quiet'` marks bookkeeping events a reader does not need
 * (they stay in the trace and the report's event log); a type with no entry is drawn as a plain note, never dropped.
 */
import type { SequenceContext } from './participants';
import { arrow, count, entry, fail, note, short, Step } from './steps';
import type { TraceEventOf } from '../../kernel';
import type { SimEvents, TraceEventType } from '../../trace-events';

type Render<K extends TraceEventType> = (e: TraceEventOf<SimEvents, K>, c: SequenceContext) => Step | readonly Step[] | undefined;

export type EventTable = { readonly [K in TraceEventType]?: Render<K> | 'quiet' };

export const SEQUENCE_EVENTS: EventTable = {
  // Any service
  'denied': (e, c) => fail(c.caller(e.detail.principal, e.detail.sourceArn), c.of(e.resource), `denied ${e.detail.action}`),
  // What the simulator does not model is configuration, reported at load (sim.unsupported, the report's own section).
  'unsupported': 'quiet',
  'moved-to-dlq': (e, c) => (e.service === 'sns'
    ? arrow(c.subscription(e.resource).topic, c.target(e.detail.deadLetterTargetArn), 'undeliverable: to DLQ', 'call', 'bad')
    : arrow(c.of(e.resource), c.of(e.detail.deadLetterQueue ?? ''), `to DLQ after ${count(e.detail.receiveCount ?? 0, 'receive')}`, 'call', 'bad')),
  'deduplicated': (e, c) => note(c.of(e.resource), 'duplicate dropped (deduplication)'),
  'delivery-failed': (e, c) => {
    const s = c.subscription(e.resource);
    return fail(s.topic, s.endpoint, `delivery failed: ${e.detail.error}`);
  },
  'filtered-out': (e, c) => {
    if (e.service === 'lambda') {
      const m = c.mapping(e.resource);
      return arrow(m.source, m.fn, 'filtered out (mapping filter)', 'fail');
    }
    const s = c.subscription(e.resource);
    return arrow(s.topic, s.endpoint, 'filtered out', 'fail');
  },

  // SQS
  'sent': (e, c) => entry(c.of(e.resource), `SendMessage (${count(e.detail.messageIds.length, 'message')})`),
  'received': (e, c) => arrow(c.of(e.resource), c.consumerOf(e.resource), `receive ${count(e.detail.messageIds.length, 'message')}`, 'reply'),
  'deleted': (e, c) => note(c.of(e.resource), `deleted ${count(e.detail.messageIds.length, 'message')}`),
  'long-poll-not-waited': 'quiet',
  'receive-retried': 'quiet',
  'visibility-changed': (e, c) => note(c.of(e.resource), `visibility timeout now ${e.detail.visibilityTimeout}s`),
  'visibility-expired': (e, c) => note(c.of(e.resource), 'visible again (visibility timeout ended)'),
  'purged': (e, c) => note(c.of(e.resource), `purged ${count(e.detail.count, 'message')}`),
  'expired': (e, c) => note(c.of(e.resource), 'deleted: retention period ended', 'bad'),
  'delivery-rejected': (e, c) => note(c.of(e.resource), `refused a delivery: ${e.detail.errorName}`, 'bad'),
  'queue-policy-replaced': 'quiet',
  'message-move-task-started': (e, c) => note(c.of(e.resource), `redrive started (${count(e.detail.toMove, 'message')})`),
  'message-move-task-cancelled': (e, c) => note(c.of(e.resource), `redrive cancelled after ${e.detail.moved}`),
  'message-move-task-failed': (e, c) => note(c.of(e.resource), 'redrive failed', 'bad'),
  'message-move-task-completed': (e, c) => note(c.of(e.resource), `redrive done (${e.detail.moved} moved)`, 'good'),
  'redriven': (e, c) => arrow(c.of(e.resource), c.target(e.detail.destination), 'redrive'),

  // SNS
  'published': (e, c) => entry(c.of(e.resource), 'Publish'),
  'delivered': (e, c) => {
    const s = c.subscription(e.resource);
    return arrow(s.topic, s.endpoint, e.detail.protocol === 'sqs' || e.detail.protocol === 'lambda' ? 'deliver' : `deliver (${e.detail.protocol})`);
  },
  'dropped': (e, c) => note(c.subscription(e.resource).topic, `dropped: ${short(e.detail.reason)}`, 'bad'),

  // Lambda
  'invoked': (e, c) => {
    const attempt = e.detail.attempt ? ` (attempt ${e.detail.attempt + 1})` : '';
    const from = e.detail.source === 'sqs' ? c.mappedSourceOf(e.resource) : undefined;
    return entry(c.of(e.resource), `Invoke${attempt}`, { from, merge: `invoke${attempt}` });
  },
  'invocation-failed': (e, c) => note(c.of(e.resource), `${e.detail.errorType}: ${short(e.detail.errorMessage, 48)}`, 'bad'),
  'throttled': (e, c) => note(c.of(e.resource), `throttled (${e.detail.source})`, 'bad'),
  'invoke-queued': (e, c) => entry(c.of(e.resource), 'Invoke (async)', { merge: 'queued' }),
  'retry-scheduled': (e, c) => note(c.of(e.resource), `retry ${e.detail.attempt} scheduled`),
  'retry-skipped': (e, c) => note(c.of(e.resource), `no retry: ${short(e.detail.reason)}`, 'bad'),
  'retries-exhausted': (e, c) => note(c.of(e.resource), `retries exhausted (${count(e.detail.attempts, 'attempt')})`, 'bad'),
  'event-expired': (e, c) => note(c.of(e.resource), 'event too old: given up', 'bad'),
  'event-discarded': (e, c) => note(c.of(e.resource), 'event discarded (no destination, no DLQ)', 'bad'),
  'sent-to-destination': (e, c) => arrow(c.of(e.resource), c.target(e.detail.destination), `${e.detail.condition} destination`,
    'call', e.detail.condition === 'OnSuccess' ? 'plain' : 'bad'),
  'destination-delivery-failed': (e, c) => fail(c.of(e.resource), c.target(e.detail.destination), `destination failed: ${e.detail.error}`),
  'sent-to-dlq': (e, c) => arrow(c.of(e.resource), c.target(e.detail.target), 'to DLQ', 'call', 'bad'),
  'dlq-delivery-failed': (e, c) => fail(c.of(e.resource), c.target(e.detail.target), `DLQ failed: ${e.detail.error}`),
  'mapping-disabled': (e, c) => note(c.mapping(e.resource).source, 'event source mapping disabled'),
  'batch-succeeded': (e, c) => {
    const m = c.mapping(e.resource);
    return arrow(m.fn, m.source, `batch ok: delete ${count(e.detail.messages, 'message')}`, 'reply', 'good');
  },
  'batch-failed': (e, c) => {
    const m = c.mapping(e.resource);
    return fail(m.fn, m.source, `batch failed (${count(e.detail.messages, 'message')})${e.detail.reason ? `: ${short(e.detail.reason, 40)}` : ''}`);
  },
  'batch-partially-failed': (e, c) => {
    const m = c.mapping(e.resource);
    return fail(m.fn, m.source, `${e.detail.failed.length} of ${count(e.detail.messages, 'message')} failed`);
  },
  'delete-failed': (e, c) => note(c.mapping(e.resource).source, `delete failed: ${e.detail.error}`, 'bad'),

  // S3
  'notifications-configured': 'quiet',
  'object-created': (e, c) => entry(c.of(e.resource), `PutObject ${short(e.detail.key, 40)}`),
  'object-removed': (e, c) => entry(c.of(e.resource), `DeleteObject ${short(e.detail.key, 40)}`),
  'notification-sent': (e, c) => arrow(c.of(e.resource), c.target(e.detail.destination), `${e.detail.event} ${short(e.detail.key, 32)}`),
  'notification-failed': (e, c) => fail(c.of(e.resource), c.target(e.detail.destination), `${e.detail.event} failed: ${e.detail.error}`),

  // CloudWatch
  'alarm-state-changed': (e, c) => note(c.of(e.resource), `${e.detail.from} → ${e.detail.to}`,
    e.detail.to === 'ALARM' ? 'bad' : e.detail.to === 'OK' ? 'good' : 'plain'),
  'alarm-action': (e, c) => arrow(c.of(e.resource), c.target(e.detail.action), `${e.detail.state} action`),
  'alarm-action-skipped': (e, c) => note(c.of(e.resource), `action not run: ${short(e.detail.reason)}`),
  'alarm-action-failed': (e, c) => fail(c.of(e.resource), c.target(e.detail.action), `${e.detail.state} action failed: ${e.detail.error}`),

  // Firehose
  'record-received': (e, c) => entry(c.of(e.resource), `PutRecord (${e.detail.bytes} bytes)`),

  // The simulator
  'problem': (e, c) => note(c.of(e.resource), `simulation problem: ${short(e.detail.message)}`, 'bad'),
};

/** A note for an event type with no entry: its type and the first fields of its detail. */
export function genericStep(e: { resource: string; type: string; detail: unknown }, c: SequenceContext): Step {
  const fields = Object.entries(e.detail && typeof e.detail === 'object' ? e.detail as Record<string, unknown> : {})
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    .slice(0, 2)
    .map(([k, v]) => `${k}=${short(v, 24)}`);
  return note(c.of(e.resource), [e.type, ...fields].join(' '));
}
