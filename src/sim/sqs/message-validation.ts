/**
 * SendMessage input validation as SQS performs it: body characters and size, message attributes (count, names,
 * data types, values), the AWSTraceHeader system attribute, per-message delay, and FIFO group / deduplication ids.
 * The result is a normalized message ready for the queue engine (digests computed once).
 */
import { AwsError } from '../kernel';
import { BodyPiece, MessageAttributeValue } from '../runtime';
import {
  invalidMessageContents,
  invalidParameter,
  invalidParameterValue,
  missingParameter,
} from './errors';
import { isBinaryDataType, md5Hex, md5OfMessageAttributes, sha256Hex } from './md5';
import { QueueConfig } from './queue-config';
import { SqsMessageAttributeValue } from './types';

/** Characters SQS refuses in bodies and string values (anything outside #x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD #x10000-#x10FFFF). */
const INVALID_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const PLAIN_ASCII = /^[\t\n\r\x20-\x7E]*$/;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]+$/;
const DATA_TYPE = /^(String|Number|Binary)(\..+)?$/;
/** MessageGroupId / MessageDeduplicationId / ReceiveRequestAttemptId: alphanumerics and punctuation, 1 to 128. */
const TOKEN_128 = /^[\x21-\x7E]{1,128}$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export const MAX_MESSAGE_ATTRIBUTES = 10;
/** SendMessageBatch: the sum of all message sizes may not exceed 1 MiB (SQS API reference). */
export const MAX_BATCH_BYTES = 1_048_576;

/** A message that passed validation, with its digests. */
export interface PreparedMessage {
  /** The body; undefined when the sender's pieces stand for it (`bodyParts`). */
  readonly body: string | undefined;
  /** The sender's pieces of the body when it gave them and they were checked piece by piece (SendFields.bodyParts). */
  readonly bodyParts?: readonly BodyPiece[];
  readonly attributes?: Readonly<Record<string, MessageAttributeValue>>;
  /**
   * Undefined when the caller asked not to digest the body (deliveries from other services, which return no
   * SendMessage response): the queue computes the same MD5 when the message is first received.
   */
  readonly md5OfBody?: string;
  readonly md5OfAttributes?: string;
  readonly md5OfSystemAttributes?: string;
  /** Body plus message attribute bytes, the size SQS limits. */
  readonly size: number;
  readonly traceHeader?: string;
  readonly groupId?: string;
  /** Explicit or content-based; undefined on standard queues. */
  readonly dedupId?: string;
  /** Per-message delay (standard queues only). */
  readonly delaySeconds?: number;
}

/** `T` with its fields writable: a buffer a hot path fills in again and again instead of allocating objects. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A PreparedMessage that `prepareMessage` may fill in instead of allocating one. */
export type PreparedMessageBuffer = Mutable<PreparedMessage>;

/** A blank buffer for `prepareMessage`. */
export function preparedMessageBuffer(): PreparedMessageBuffer {
  return {
    body: '',
    bodyParts: undefined,
    attributes: undefined,
    md5OfBody: undefined,
    md5OfAttributes: undefined,
    md5OfSystemAttributes: undefined,
    size: 0,
    traceHeader: undefined,
    groupId: undefined,
    dedupId: undefined,
    delaySeconds: undefined,
  };
}

export interface SendFields {
  /** Read only when `bodyParts` is absent or a piece fails its check (a delivery may compute it on read). */
  readonly MessageBody: string | undefined;
  readonly DelaySeconds?: number;
  readonly MessageAttributes?: Record<string, SqsMessageAttributeValue>;
  readonly MessageSystemAttributes?: Record<string, SqsMessageAttributeValue>;
  readonly MessageDeduplicationId?: string;
  readonly MessageGroupId?: string;
  /** Pieces whose concatenation is MessageBody (deliveries from other services; see InboundQueueMessage.bodyParts). */
  readonly bodyParts?: readonly BodyPiece[];
}

export function hasInvalidCharacters(text: string): boolean {
  return INVALID_CHARACTER.test(text);
}

/** UTF-8 length without allocating; ASCII-only strings take the fast path. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Size of a message as SQS counts it: body plus every attribute's name, type and value. */
export function messageSize(body: string, attributes: Readonly<Record<string, MessageAttributeValue>> | undefined): number {
  return utf8Length(body) + attributesSize(attributes);
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
 * Validates one SendMessage (or batch entry) against the queue and returns the normalized message. Throws AwsError.
 * `digestBody: false` leaves MD5OfMessageBody to the queue (computed on first use). `into`, when given, is filled in
 * and returned instead of a new object.
 */
export function prepareMessage(input: SendFields, config: QueueConfig): PreparedMessage & { readonly md5OfBody: string };
export function prepareMessage(input: SendFields, config: QueueConfig, digestBody: boolean, into?: PreparedMessageBuffer): PreparedMessage;
export function prepareMessage(input: SendFields, config: QueueConfig, digestBody = true, into?: PreparedMessageBuffer): PreparedMessage {
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

  // Pieces a sender reuses are checked piece by piece (cached), and kept: the body is not assembled or scanned.
  let bodyBytes = input.bodyParts === undefined ? -1 : partsBytes(input.bodyParts);
  const partsChecked = bodyBytes >= 0;
  let body: string | undefined;
  if (!partsChecked) {
    body = input.MessageBody;
    if (body === undefined || body === null || body === '') throw missingParameter('MessageBody');
    if (typeof body !== 'string') throw invalidParameter('MessageBody', body, 'MessageBody must be a string.');
    // Printable ASCII (plus tab, CR, LF) is valid and one byte per character: one regex test replaces the character
    // check and the UTF-8 byte count for most bodies.
    const plain = PLAIN_ASCII.test(body);
    if (!plain && hasInvalidCharacters(body)) throw invalidMessageContents();
    bodyBytes = plain ? body.length : utf8Length(body);
  }

  const size = attributes ? bodyBytes + attributesSize(attributes) : bodyBytes;
  if (size > config.maximumMessageSize) throw messageTooLong(config);

  let groupId: string | undefined;
  let dedupId: string | undefined;
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
      dedupId = input.MessageDeduplicationId;
      if (typeof dedupId !== 'string' || !TOKEN_128.test(dedupId)) {
        throw invalidParameter('MessageDeduplicationId', dedupId,
          'MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in length.');
      }
    } else if (config.contentBasedDeduplication) {
      // SQS: the SHA-256 of the body (not the attributes) becomes the deduplication id.
      dedupId = sha256Hex(body ?? (input.MessageBody as string));
    } else {
      throw invalidParameterValue('The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    }
  } else if (input.MessageDeduplicationId !== undefined && input.MessageDeduplicationId !== null) {
    throw invalidParameter('MessageDeduplicationId', input.MessageDeduplicationId,
      'The request include parameter that is not valid for this queue type.');
  }

  const out = into ?? preparedMessageBuffer();
  out.body = body;
  out.bodyParts = partsChecked ? input.bodyParts : undefined;
  out.attributes = attributes;
  out.md5OfBody = digestBody ? md5Hex(body ?? (input.MessageBody as string)) : undefined;
  out.md5OfAttributes = attributes ? md5OfMessageAttributes(attributes) : undefined;
  out.md5OfSystemAttributes = system ? md5OfMessageAttributes(system) : undefined;
  out.size = size;
  out.traceHeader = traceHeader;
  out.groupId = groupId;
  out.dedupId = dedupId;
  out.delaySeconds = delaySeconds;
  return out;
}

/**
 * A delivery of a body in pieces and nothing else (no attributes, no group or deduplication id) to a standard queue,
 * as SNS fan-out sends: only the body's characters and size can be wrong, so only they are checked (the same checks
 * `prepareMessage` makes). Undefined when a piece fails its own check: `prepareMessage` then checks the whole body.
 */
export function preparePiecesOnly(parts: readonly BodyPiece[], config: QueueConfig, into: PreparedMessageBuffer): PreparedMessage | undefined {
  const size = partsBytes(parts);
  if (size < 0) return undefined;
  if (size > config.maximumMessageSize) throw messageTooLong(config);
  into.body = undefined;
  into.bodyParts = parts;
  into.attributes = undefined;
  into.md5OfBody = undefined;
  into.md5OfAttributes = undefined;
  into.md5OfSystemAttributes = undefined;
  into.size = size;
  into.traceHeader = undefined;
  into.groupId = undefined;
  into.dedupId = undefined;
  into.delaySeconds = undefined;
  return into;
}

function messageTooLong(config: QueueConfig): AwsError {
  return invalidParameterValue(`One or more parameters are invalid. Reason: Message must be shorter than ${config.maximumMessageSize} bytes.`);
}

/**
 * The pieces checked last, one per position: a sender reuses the same piece objects for consecutive deliveries (SNS's
 * envelope head and tail go to every matching subscription), so each is scanned once rather than once per queue. A
 * hit is a reference (or short content) comparison; it never flattens the assembled body. Short pieces that recur
 * at the same position with others in between (SNS's per-subscription UnsubscribeURL) are also remembered by text.
 */
const MAX_CACHED_PIECES = 4;
const lastPiece: (string | undefined)[] = new Array(MAX_CACHED_PIECES).fill(undefined);
const lastPieceBytes: number[] = new Array(MAX_CACHED_PIECES).fill(0);
const SHORT_PIECE = 256;
const MAX_SHORT_PIECES = 4096;
const shortPieces = new Map<string, number>();

/** Bytes of one piece in UTF-8, or -1 when it holds a character SQS refuses (or half of a surrogate pair). */
function pieceBytes(piece: BodyPiece, slot: number): number {
  if (typeof piece !== 'string') {
    // Deferred text whose sender vouches it is ASCII is not written now; otherwise it is written and checked.
    return piece.asciiLength >= 0 ? piece.asciiLength : textBytes(piece.text());
  }
  const cacheable = slot < MAX_CACHED_PIECES;
  if (cacheable && lastPiece[slot] === piece) return lastPieceBytes[slot];
  const short = piece.length <= SHORT_PIECE;
  let bytes = short ? shortPieces.get(piece) : undefined;
  if (bytes === undefined) {
    bytes = textBytes(piece);
    if (short) {
      if (shortPieces.size >= MAX_SHORT_PIECES) shortPieces.clear();
      shortPieces.set(piece, bytes);
    }
  }
  if (cacheable) {
    lastPiece[slot] = piece;
    lastPieceBytes[slot] = bytes;
  }
  return bytes;
}

function textBytes(text: string): number {
  return PLAIN_ASCII.test(text) ? text.length : hasInvalidCharacters(text) ? -1 : utf8Length(text);
}

/**
 * UTF-8 bytes of a body given as pieces, when every piece is valid on its own; -1 otherwise (the caller then checks
 * the whole body). Valid pieces concatenate to a valid body with the summed length: a surrogate pair split across two
 * pieces makes both pieces invalid, so it falls back to the whole-body check, which accepts the pair. An empty body
 * falls back too (and is refused there).
 */
function partsBytes(parts: readonly BodyPiece[]): number {
  let bytes = 0;
  for (let i = 0; i < parts.length; i++) {
    const b = pieceBytes(parts[i], i);
    if (b < 0) return -1;
    bytes += b;
  }
  return bytes > 0 ? bytes : -1;
}

/** Validates a ReceiveRequestAttemptId (same character rules as deduplication ids). */
export function validateAttemptId(id: unknown): string {
  if (typeof id !== 'string' || !TOKEN_128.test(id)) {
    throw invalidParameter('ReceiveRequestAttemptId', id,
      'ReceiveRequestAttemptId can only include alphanumeric and punctuation characters. 1 to 128 in length.');
  }
  return id;
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

/** Re-throws anything that is not an AwsError; used where batch entries turn errors into per-entry failures. */
export function asAwsError(err: unknown): AwsError {
  if (err instanceof AwsError) return err;
  throw err;
}
