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
  for (const name of Object.keys(attributes)) {
    const a = attributes[name] as Partial<MessageAttributeValue> | undefined;
    const nameBytes = utf8Length(name);
    if (nameBytes >= 256) throw invalidParameterValue('Length of message attribute name must be less than 256 bytes.');
    validateName(name);
    const type = a?.DataType;
    if (type === undefined || type === null) {
      const at = entry === undefined
        ? `messageAttributes.${name}.member.dataType`
        : `publishBatchRequestEntries.${entry}.member.messageAttributes.${name}.member.dataType`;
      throw validationError(`1 validation error detected: Value null at '${at}' failed to satisfy constraint: Member must not be null`);
    }
    if (!TYPE_PATTERN.test(type)) {
      throw invalidParameterValue(`The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
    }
    const typeBytes = utf8Length(type);
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
    for (const [name, a] of Object.entries(attributes)) {
      size += utf8Length(name) + utf8Length(a.DataType);
      if (a.StringValue !== undefined) size += utf8Length(a.StringValue);
      if (a.BinaryValue !== undefined) size += a.BinaryValue.length;
    }
  }
  return size;
}

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}
