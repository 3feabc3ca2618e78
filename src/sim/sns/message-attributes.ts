import { MessageAttributeValue } from '../runtime';
import { invalidParameterValue, validationError } from './errors';

/** Publish's limit on the message plus all its attributes (names, types and values): 256 KiB (sns-message-attributes). */
export const MAX_PUBLISH_BYTES = 262_144;

const NAME_CHARS = /^[A-Za-z0-9_.-]+$/;
const TYPE_PATTERN = /^(String|Number|Binary)(\..+)?$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Validates published message attributes as SNS does (sns-message-attributes): names of letters, digits, `_`, `-` and
 * `.` (no leading, trailing or repeated dots, under 256 bytes); a data type with the prefix String, Number or Binary;
 * a non-empty value in the field the type uses; Number values that are numbers; String.Array and Number.Array values
 * that are JSON arrays. `entry` names the batch entry (1-based) in the ValidationError path, as SNS does. Returns the
 * attributes' size as Publish counts it (names, data types and values; see `publishSize`).
 */
export function validateMessageAttributes(attributes: Readonly<Record<string, MessageAttributeValue>>, entry?: number): number {
  let size = 0;
  // for-in, not Object.keys: it walks V8's cached key list without copying it, on every publish.
  for (const name in attributes) {
    const a = attributes[name] as Partial<MessageAttributeValue> | undefined;
    // Names and data types recur from publish to publish: each is checked (and its size counted) once.
    let nameBytes = validNames.get(name);
    if (nameBytes === undefined) {
      nameBytes = Buffer.byteLength(name, 'utf8');
      if (nameBytes >= 256) throw invalidParameterValue('Length of message attribute name must be less than 256 bytes.');
      validateName(name);
      remember(validNames, name, nameBytes);
    }
    const type = a?.DataType;
    if (type === undefined || type === null) {
      const at = entry === undefined
        ? `messageAttributes.${name}.member.dataType`
        : `publishBatchRequestEntries.${entry}.member.messageAttributes.${name}.member.dataType`;
      throw validationError(`1 validation error detected: Value null at '${at}' failed to satisfy constraint: Member must not be null`);
    }
    let typeBytes = validTypes.get(type);
    if (typeBytes === undefined) {
      if (!TYPE_PATTERN.test(type)) {
        throw invalidParameterValue(`The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
      }
      typeBytes = utf8Length(type);
      remember(validTypes, type, typeBytes);
    }
    const binary = type.startsWith('Binary');
    const field = binary ? 'Binary' : 'String';
    const value = binary ? a?.BinaryValue : a?.StringValue;
    const other = binary ? a?.StringValue : a?.BinaryValue;
    if (value === undefined && other !== undefined) {
      throw invalidParameterValue(`The message attribute '${name}' with type '${type}' must use field '${field}'.`);
    }
    if (value === undefined || value === null || (value as { length: number }).length === 0) {
      throw invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`);
    }
    if (type === 'String.Array' || type === 'Number.Array') {
      if (!isJsonArray(value as string, type === 'Number.Array')) {
        throw invalidParameterValue(`The message attribute '${name}' with type '${type}' must contain a JSON array${type === 'Number.Array' ? ' of numbers' : ''}.`);
      }
    } else if (type.startsWith('Number') && !NUMBER.test((value as string).trim())) {
      throw invalidParameterValue(`Could not cast message attribute '${name}' value to number.`);
    }
    size += nameBytes + typeBytes + (binary ? (value as Uint8Array).length : utf8Length(value as string));
  }
  return size;
}

/** Attribute names and data types already found valid, with their UTF-8 sizes (bounded: cleared when full). */
const validNames = new Map<string, number>();
const validTypes = new Map<string, number>();
const MAX_REMEMBERED = 4096;

function remember(known: Map<string, number>, key: string, bytes: number): void {
  if (known.size >= MAX_REMEMBERED) known.clear();
  known.set(key, bytes);
}

function validateName(name: string): void {
  if (name.startsWith('.')) throw invalidParameterValue("Invalid message attribute name starting with character '.' was found.");
  if (name.endsWith('.')) throw invalidParameterValue("Invalid message attribute name ending with character '.' was found.");
  if (!NAME_CHARS.test(name)) {
    for (const ch of name) {
      if (!NAME_CHARS.test(ch)) {
        const hex = `#x${(ch.codePointAt(0) as number).toString(16).toUpperCase()}`;
        throw invalidParameterValue(`Invalid non-alphanumeric character '${hex}' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.`);
      }
    }
  }
  if (name.includes('..')) throw invalidParameterValue("Message attribute name can not have successive '.' character.");
}

function isJsonArray(text: string, numbersOnly: boolean): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  if (!Array.isArray(parsed)) return false;
  return parsed.every(v => (numbersOnly ? typeof v === 'number' : v === null || typeof v !== 'object'));
}

/** Bytes of the message plus every attribute's name, data type and value, as SNS counts toward 256 KiB. */
export function publishSize(message: string, attributes: Readonly<Record<string, MessageAttributeValue>> | undefined): number {
  let size = utf8Length(message);
  if (attributes) {
    for (const name in attributes) {
      const a = attributes[name];
      size += utf8Length(name) + utf8Length(a.DataType);
      if (a.StringValue !== undefined) size += utf8Length(a.StringValue);
      if (a.BinaryValue !== undefined) size += a.BinaryValue.length;
    }
  }
  return size;
}

/** How many attributes a record holds (counted without copying its keys, unlike `Object.keys(o).length`). */
export function countAttributes(attributes: Readonly<Record<string, MessageAttributeValue>>): number {
  let n = 0;
  for (const _ in attributes) n++;
  return n;
}

/** UTF-8 length; short strings (the usual attribute) are counted without a call into the Buffer API. */
function utf8Length(s: string): number {
  if (s.length > 64) return Buffer.byteLength(s, 'utf8');
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      if (c < 0x800) n += 1;
      else if (c >= 0xd800 && c <= 0xdfff) return Buffer.byteLength(s, 'utf8'); // surrogates: let Buffer decide
      else n += 2;
    }
  }
  return n;
}
