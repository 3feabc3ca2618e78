/**
 * What ReceiveMessage returns for a message (SQS API reference, ReceiveMessage and Message): its body and digest, the
 * receipt handle, the message system attributes asked for (MessageSystemAttributeNames, or the deprecated
 * AttributeNames), and the message attributes asked for (MessageAttributeNames: names, `All`, `.*`, or `prefix.*`) with
 * the MD5 of those returned.
 */
import { MessageAttributeValue, ReceivedQueueMessage } from '../runtime';
import { invalidAttributeName, invalidParameterValue } from './errors';
import { md5OfMessageAttributes } from './md5';
import { StoredMessage } from './message';
import { SqsMessage, SqsMessageAttributeValue } from './types';

const SYSTEM_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set([
  'All', 'SenderId', 'SentTimestamp', 'ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp', 'SequenceNumber',
  'MessageDeduplicationId', 'MessageGroupId', 'AWSTraceHeader', 'DeadLetterQueueSourceArn',
  // Accepted in the deprecated AttributeNames list (queue attribute names); they add nothing to a message.
  'SqsManagedSseEnabled',
]);

/** Selects the message attributes a receive returns. */
export type AttributeFilter = (
  attributes: Readonly<Record<string, MessageAttributeValue>>,
) => Readonly<Record<string, MessageAttributeValue>> | undefined;

/** The system attribute names a receive asks for (undefined: none), refusing unknown names (InvalidAttributeName). */
export function systemAttributeNames(legacy: string[] | undefined, modern: string[] | undefined): ReadonlySet<string> | undefined {
  if ((!legacy || legacy.length === 0) && (!modern || modern.length === 0)) return undefined;
  const names = new Set<string>();
  for (const list of [legacy, modern]) {
    for (const name of list ?? []) {
      if (!SYSTEM_ATTRIBUTE_NAMES.has(name)) throw invalidAttributeName(String(name));
      names.add(name);
    }
  }
  return names;
}

/** MessageAttributeNames: exact names, `All` or `.*` for every attribute, `prefix.*` for a prefix. */
export function messageAttributeFilter(names: string[] | undefined): AttributeFilter | undefined {
  if (!names || names.length === 0) return undefined;
  if (names.includes('All') || names.includes('.*')) return attributes => attributes;
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const name of names) {
    if (typeof name !== 'string' || name === '') throw invalidParameterValue('The request must contain non-empty message attribute names.');
    if (name.endsWith('.*')) prefixes.push(name.slice(0, -1));
    else exact.add(name);
  }
  return attributes => {
    let selected: Record<string, MessageAttributeValue> | undefined;
    for (const name of Object.keys(attributes)) {
      if (exact.has(name) || prefixes.some(p => name.startsWith(p))) (selected ??= {})[name] = attributes[name];
    }
    return selected;
  };
}

/** The system attributes of a message (`names` undefined: all of them), as a receive at `now` returns them. */
export function systemAttributes(m: StoredMessage, names: ReadonlySet<string> | undefined, now: number): Record<string, string> {
  const want = (name: string) => names === undefined || names.has('All') || names.has(name);
  const out: Record<string, string> = {};
  if (want('SenderId')) out.SenderId = m.senderId;
  if (want('SentTimestamp')) out.SentTimestamp = String(m.sentAt);
  if (want('ApproximateReceiveCount')) out.ApproximateReceiveCount = String(m.receiveCount);
  if (want('ApproximateFirstReceiveTimestamp')) out.ApproximateFirstReceiveTimestamp = String(m.firstReceivedAt ?? now);
  if (m.sequenceNumber !== undefined && want('SequenceNumber')) out.SequenceNumber = m.sequenceNumber;
  if (m.deduplicationId !== undefined && want('MessageDeduplicationId')) out.MessageDeduplicationId = m.deduplicationId;
  if (m.groupId !== undefined && want('MessageGroupId')) out.MessageGroupId = m.groupId;
  if (m.traceHeader !== undefined && want('AWSTraceHeader')) out.AWSTraceHeader = m.traceHeader;
  if (m.deadLetterSourceArn !== undefined && want('DeadLetterQueueSourceArn')) out.DeadLetterQueueSourceArn = m.deadLetterSourceArn;
  return out;
}

/** A received message in the SDK's `Message` shape, with the attributes asked for. */
export function receivedMessage(
  m: StoredMessage, systemNames: ReadonlySet<string> | undefined, filter: AttributeFilter | undefined, now: number,
): SqsMessage {
  const returned = filter && m.attributes ? filter(m.attributes) : undefined;
  return {
    MessageId: m.messageId,
    ReceiptHandle: m.receiptHandle as string,
    MD5OfBody: m.md5OfBody,
    Body: m.body,
    Attributes: systemNames ? systemAttributes(m, systemNames, now) : undefined,
    // The digest covers the attributes returned: all of them is the digest computed at send.
    MD5OfMessageAttributes: returned === undefined ? undefined : returned === m.attributes ? m.md5OfAttributes : md5OfMessageAttributes(returned),
    MessageAttributes: returned as Record<string, SqsMessageAttributeValue> | undefined,
  };
}

/** A received message with every system and message attribute, as an event source mapping puts it in the event. */
export function receivedWithAllAttributes(m: StoredMessage, now: number): ReceivedQueueMessage {
  return {
    MessageId: m.messageId,
    ReceiptHandle: m.receiptHandle as string,
    Body: m.body,
    MD5OfBody: m.md5OfBody,
    MD5OfMessageAttributes: m.md5OfAttributes,
    Attributes: systemAttributes(m, undefined, now),
    MessageAttributes: m.attributes,
  };
}
