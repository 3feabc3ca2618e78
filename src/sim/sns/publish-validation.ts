import { MessageAttributeValue } from '../runtime';
import { invalidParameter } from './errors';
import { MAX_PUBLISH_BYTES, publishSize, validateMessageAttributes } from './message-attributes';

/** One message to publish: a Publish input or a PublishBatch entry. */
export interface PublishEntry {
  readonly Message: string | undefined;
  readonly Subject?: string;
  readonly MessageStructure?: string;
  readonly MessageAttributes?: Readonly<Record<string, MessageAttributeValue>>;
  readonly MessageDeduplicationId?: string;
  readonly MessageGroupId?: string;
}

const GROUP_OR_DEDUP_ID = /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]{1,128}$/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/**
 * Validates a message as Publish does (API_Publish) and returns the parsed MessageStructure json, if any:
 * a Subject of under 100 characters without line breaks or control characters; a non-empty message; valid
 * attributes; at most 256 KiB for the message and its attributes together; for a FIFO topic a MessageGroupId and a
 * MessageDeduplicationId unless content-based deduplication is on; no MessageDeduplicationId on a standard topic.
 */
export function validatePublish(
  entry: PublishEntry,
  topic: { readonly fifo: boolean; readonly contentBasedDeduplication: boolean },
  batchEntry?: number,
): Record<string, string> | undefined {
  const subject = entry.Subject;
  if (subject !== undefined && (subject === '' || subject.length >= 100 || CONTROL_CHARACTERS.test(subject))) {
    throw invalidParameter('Invalid parameter: Subject');
  }
  const message = entry.Message;
  if (message === undefined || message === null || message === '') throw invalidParameter('Invalid parameter: Empty message');
  const attributeBytes = entry.MessageAttributes ? validateMessageAttributes(entry.MessageAttributes, batchEntry) : 0;
  if (publishSize(message, undefined) + attributeBytes > MAX_PUBLISH_BYTES) throw invalidParameter('Invalid parameter: Message too long');

  if (topic.fifo) {
    if (entry.MessageGroupId === undefined || entry.MessageGroupId === '') {
      throw invalidParameter('Invalid parameter: The MessageGroupId parameter is required for FIFO topics');
    }
    if (!GROUP_OR_DEDUP_ID.test(entry.MessageGroupId)) {
      throw invalidParameter('Invalid parameter: MessageGroupId Reason: MessageGroupId can only include up to 128 alphanumeric and punctuation characters');
    }
    if (entry.MessageDeduplicationId === undefined && !topic.contentBasedDeduplication) {
      throw invalidParameter('Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    }
    if (entry.MessageDeduplicationId !== undefined && !GROUP_OR_DEDUP_ID.test(entry.MessageDeduplicationId)) {
      throw invalidParameter('Invalid parameter: MessageDeduplicationId Reason: MessageDeduplicationId can only include up to 128 alphanumeric and punctuation characters');
    }
  } else if (entry.MessageDeduplicationId !== undefined) {
    throw invalidParameter('Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type');
  }

  if (entry.MessageStructure === undefined) return undefined;
  if (entry.MessageStructure !== 'json') throw invalidParameter('Invalid parameter: MessageStructure');
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw invalidParameter('Invalid parameter: Message Structure - JSON message body failed to parse');
  }
  const structure: Record<string, string> = {};
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
    // Keys whose values are not strings are ignored (API_Publish, MessageStructure).
    for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') structure[key] = value;
  }
  if (structure.default === undefined) throw invalidParameter('Invalid parameter: Message Structure - No default entry in JSON message body');
  return structure;
}
