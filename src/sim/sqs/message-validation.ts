/**
 * SendMessage input validation as SQS performs it: body characters and size, message attributes (count, names,
 * data types, values), the AWSTraceHeader system attribute, per-message delay, and FIFO group / deduplication ids.
 * The result is what the queue stores, with the attributes' digests.
 */
import { BodyMeasure, MessageAttributeValue } from '../runtime';
import { contentBasedDeduplicationId } from './deduplication';
import {
  invalidMessageContents,
  invalidParameter,
  invalidParameterValue,
  missingParameter,
} from './errors';
import { isBinaryDataType, md5Hex, md5OfMessageAttributes } from './md5';
import { MessageContent } from './message';
import { QueueConfig } from './queue-config';
import { SqsMessageAttributeValue } from './types';

/**
 * A character SQS refuses in bodies and string values (it allows #x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD
 * #x10000-#x10FFFF): a control character other than tab, line feed and carriage return, U+FFFE or U+FFFF, or half of
 * a surrogate pair (a character above U+FFFF is a pair of UTF-16 code units).
 */
const INVALID_CHARACTER = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]+$/;
const DATA_TYPE = /^(String|Number|Binary)(\..+)?$/;
/** MessageGroupId / MessageDeduplicationId: alphanumerics and punctuation, 1 to 128. */
const TOKEN_128 = /^[\x21-\x7E]{1,128}$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export const MAX_MESSAGE_ATTRIBUTES = 10;

/** A message that passed validation: what the queue stores, its size and its delay. */
export interface ValidatedMessage extends MessageContent {
  /** Body plus message attribute bytes, the size SQS limits (and reports as SentMessageSize). */
  readonly size: number;
  /** Per-message delay (standard queues only). */
  readonly delaySeconds?: number;
  /** MD5OfMessageSystemAttributes (SendMessage returns it). */
  readonly md5OfSystemAttributes?: string;
}

/** SendMessage's fields (a batch entry, or a delivery from another service, read the same way). */
export interface SendFields {
  readonly MessageBody: string | undefined;
  readonly DelaySeconds?: number;
  readonly MessageAttributes?: Record<string, SqsMessageAttributeValue>;
  readonly MessageSystemAttributes?: Record<string, SqsMessageAttributeValue>;
  readonly MessageDeduplicationId?: string;
  readonly MessageGroupId?: string;
}

export function hasInvalidCharacters(text: string): boolean {
  return INVALID_CHARACTER.test(text);
}

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** A text's measure; texts joined at ASCII boundaries (JSON punctuation) measure as the sum of their parts. */
export function measureBody(text: string): BodyMeasure {
  return { utf8Bytes: utf8Length(text), invalidCharacters: hasInvalidCharacters(text) };
}

function attributesSize(attributes: Readonly<Record<string, MessageAttributeValue>> | undefined): number {
  let size = 0;
  if (attributes) {
    for (const name of Object.keys(attributes)) {
      const a = attributes[name];
      size += utf8Length(name) + utf8Length(a.DataType);
      size += a.BinaryValue ? a.BinaryValue.length : utf8Length(a.StringValue ?? '');
    }
  }
  return size;
}

/**
 * Validates one SendMessage (or batch entry, or delivery) against the queue. Throws AwsError. `digestBody`: compute
 * MD5OfMessageBody now (SendMessage returns it); a delivery from another service gets no SendMessage response, so its
 * digest waits until a receive asks for it (StoredMessage.md5OfBody). `bodyMeasure`: the body's figures as its sender
 * measured them (InboundQueueMessage.bodyMeasure), checked instead of scanning the body again.
 */
export function validateMessage(input: SendFields, config: QueueConfig, digestBody: boolean, bodyMeasure?: BodyMeasure): ValidatedMessage {
  let delaySeconds: number | undefined;
  if (input.DelaySeconds !== undefined && input.DelaySeconds !== null) {
    const d = input.DelaySeconds;
    if (config.fifo && d !== 0) {
      // SQS API reference: "When you set FifoQueue, you can't set DelaySeconds per message."
      throw invalidParameter('DelaySeconds', d, 'The request include parameter that is not valid for this queue type.');
    }
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d > 900) {
      throw invalidParameter('DelaySeconds', d, 'DelaySeconds must be >= 0 and <= 900.');
    }
    if (!config.fifo) delaySeconds = d;
  }

  const attributes = normalizeAttributes(input.MessageAttributes, '(user)');
  const system = normalizeAttributes(input.MessageSystemAttributes, 'system');
  let traceHeader: string | undefined;
  if (system) {
    for (const name of Object.keys(system)) {
      if (name !== 'AWSTraceHeader') throw invalidParameterValue(`Message system attribute name '${name}' is invalid.`);
      const a = system[name];
      if (a.DataType !== 'String') {
        throw invalidParameterValue(`Message system attribute 'AWSTraceHeader' must use the data type 'String' (was '${a.DataType}').`);
      }
      traceHeader = a.StringValue;
    }
  }

  const body = input.MessageBody;
  if (body === undefined || body === null || body === '') throw missingParameter('MessageBody');
  if (typeof body !== 'string') throw invalidParameter('MessageBody', body, 'MessageBody must be a string.');
  if (bodyMeasure ? bodyMeasure.invalidCharacters : hasInvalidCharacters(body)) throw invalidMessageContents();
  const size = (bodyMeasure ? bodyMeasure.utf8Bytes : utf8Length(body)) + attributesSize(attributes);
  if (size > config.maximumMessageSize) {
    throw invalidParameterValue(`One or more parameters are invalid. Reason: Message must be shorter than ${config.maximumMessageSize} bytes.`);
  }

  let groupId: string | undefined;
  let deduplicationId: string | undefined;
  if (input.MessageGroupId !== undefined && input.MessageGroupId !== null) {
    groupId = input.MessageGroupId;
    if (typeof groupId !== 'string' || !TOKEN_128.test(groupId)) {
      throw invalidParameter('MessageGroupId', groupId,
        'MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.');
    }
  }
  if (config.fifo) {
    if (groupId === undefined) throw missingParameter('MessageGroupId');
    if (input.MessageDeduplicationId !== undefined && input.MessageDeduplicationId !== null) {
      deduplicationId = input.MessageDeduplicationId;
      if (typeof deduplicationId !== 'string' || !TOKEN_128.test(deduplicationId)) {
        throw invalidParameter('MessageDeduplicationId', deduplicationId,
          'MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in length.');
      }
    } else if (config.contentBasedDeduplication) {
      deduplicationId = contentBasedDeduplicationId(body);
    } else {
      throw invalidParameterValue('The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    }
  } else if (input.MessageDeduplicationId !== undefined && input.MessageDeduplicationId !== null) {
    throw invalidParameter('MessageDeduplicationId', input.MessageDeduplicationId,
      'The request include parameter that is not valid for this queue type.');
  }

  return {
    body,
    md5OfBody: digestBody ? md5Hex(body) : undefined,
    attributes,
    md5OfAttributes: md5OfMessageAttributes(attributes),
    md5OfSystemAttributes: md5OfMessageAttributes(system),
    traceHeader,
    groupId,
    deduplicationId,
    size,
    delaySeconds,
  };
}

/**
 * Checks message (or system) attributes per the SQS message-metadata rules and returns a frozen copy, so later changes
 * to the caller's objects cannot alter a queued message.
 */
function normalizeAttributes(
  input: Record<string, SqsMessageAttributeValue> | undefined,
  kind: '(user)' | 'system',
): Readonly<Record<string, MessageAttributeValue>> | undefined {
  if (input === undefined || input === null) return undefined;
  const names = Object.keys(input);
  if (names.length === 0) return undefined;
  if (kind === '(user)' && names.length > MAX_MESSAGE_ATTRIBUTES) {
    throw invalidParameterValue(`Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`);
  }
  const out: Record<string, MessageAttributeValue> = {};
  for (const name of names) {
    checkAttributeName(name, kind);
    const v = input[name];
    if (!v || typeof v !== 'object') {
      throw invalidParameterValue(`The message ${kind} attribute '${name}' must contain a non-empty message attribute value.`);
    }
    const dataType = v.DataType;
    if (dataType === undefined || dataType === null || dataType === '') {
      throw invalidParameterValue(`The message ${kind} attribute '${name}' must contain a non-empty message attribute type.`);
    }
    if (typeof dataType !== 'string' || !DATA_TYPE.test(dataType)) {
      throw invalidParameterValue(
        `The type of message ${kind} attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`);
    }
    if (utf8Length(dataType) > 256) throw invalidParameterValue(`Message ${kind} attribute type must be shorter than 256 bytes.`);
    if (hasInvalidCharacters(dataType)) throw invalidMessageContents();
    if (v.StringListValues !== undefined || v.BinaryListValues !== undefined) {
      throw invalidParameterValue(
        `Message ${kind} attribute '${name}': StringListValues and BinaryListValues are reserved for future use and not supported by SQS.`);
    }
    const hasString = v.StringValue !== undefined && v.StringValue !== null;
    const hasBinary = v.BinaryValue !== undefined && v.BinaryValue !== null;
    if (hasString && hasBinary) throw invalidParameterValue(`Message ${kind} attribute '${name}' must have a single value.`);
    if (isBinaryDataType(dataType)) {
      if (!hasBinary) throw invalidParameterValue(`Message ${kind} attribute '${name}' with type 'Binary' must use field 'Binary'.`);
      if (!(v.BinaryValue instanceof Uint8Array)) {
        throw invalidParameterValue(`Message ${kind} attribute '${name}' BinaryValue must be a Uint8Array (as in the AWS SDK v3).`);
      }
      if (v.BinaryValue.length === 0) {
        throw invalidParameterValue(`Message ${kind} attribute '${name}' must contain a non-empty value of type '${dataType}'.`);
      }
      out[name] = Object.freeze({ DataType: dataType, BinaryValue: Uint8Array.from(v.BinaryValue) });
    } else {
      const base = dataType.startsWith('Number') ? 'Number' : 'String';
      if (!hasString) throw invalidParameterValue(`Message ${kind} attribute '${name}' with type '${base}' must use field 'String'.`);
      const s = v.StringValue;
      if (typeof s !== 'string') throw invalidParameterValue(`Message ${kind} attribute '${name}' StringValue must be a string.`);
      if (s === '') throw invalidParameterValue(`Message ${kind} attribute '${name}' must contain a non-empty value of type '${dataType}'.`);
      if (hasInvalidCharacters(s)) throw invalidMessageContents();
      if (base === 'Number' && !isSqsNumber(s)) {
        throw invalidParameterValue(`Can't cast the value of message ${kind} attribute '${name}' to a number.`);
      }
      out[name] = Object.freeze({ DataType: dataType, StringValue: s });
    }
  }
  return Object.freeze(out);
}

function checkAttributeName(name: string, kind: string): void {
  if (name.trim() === '') throw invalidParameterValue(`The request must contain non-empty message ${kind} attribute names.`);
  if (utf8Length(name) > 256) throw invalidParameterValue(`Message ${kind} attribute name must be shorter than 256 bytes.`);
  if (kind === 'system') return; // checked against the supported system attribute names by the caller
  if (!ATTRIBUTE_NAME.test(name)) {
    throw invalidParameterValue(`The message attribute name '${name}' is invalid. `
      + 'Attribute name can contain A-Z, a-z, 0-9, underscore (_), hyphen (-), and period (.) characters.');
  }
  const lower = name.toLowerCase();
  if (lower.startsWith('aws.') || lower.startsWith('amazon.')) {
    throw invalidParameterValue("You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. These strings are reserved for internal use.");
  }
  if (name.startsWith('.')) throw invalidParameterValue(`Message ${kind} attribute name must not begin with character '.'.`);
  if (name.endsWith('.')) throw invalidParameterValue(`Message ${kind} attribute name must not end with character '.'.`);
  if (name.includes('..')) throw invalidParameterValue(`Message ${kind} attribute name must not have successive '.' characters.`);
}

/** SQS numbers: up to 38 significant digits, magnitude between 10^-128 and 10^+126 (or zero). */
function isSqsNumber(s: string): boolean {
  const t = s.trim();
  if (!NUMBER.test(t)) return false;
  const mantissa = t.replace(/^[+-]/, '').replace(/[eE].*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  if (mantissa.length > 38) return false;
  const n = Math.abs(Number(t));
  return n === 0 || (n >= 1e-128 && n <= 1e126);
}
