/**
 * The digests SQS returns: MD5 of the body, MD5 of the message attributes in SQS's documented binary encoding, and
 * the SHA-256 of content-based deduplication. Hashing is node:crypto's; only the attribute encoding is written here,
 * because no library implements SQS's layout (SQS developer guide, "Calculating the MD5 message digest for message
 * attributes": names sorted; each name, data type and value as a 4-byte big-endian length followed by its UTF-8
 * bytes, with a transport-type byte, 1 for String and Number, 2 for Binary, before the value).
 */
import * as crypto from 'crypto';
import { MessageAttributeValue } from '../runtime';

/** `crypto.hash` (Node >= 20.12) digests a string in one call; older Node versions use a Hash object. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

function digest(algorithm: 'md5' | 'sha256', text: string): string {
  return oneShot ? oneShot(algorithm, text, 'hex') : crypto.createHash(algorithm).update(text, 'utf8').digest('hex');
}

/** MD5 of the UTF-8 text, in hex (MD5OfMessageBody / MD5OfBody). */
export function md5Hex(text: string): string {
  return digest('md5', text);
}

/** SHA-256 of the UTF-8 text, in hex. */
export function sha256Hex(text: string): string {
  return digest('sha256', text);
}

/** The transport type of a data type: `Binary` and `Binary.*` travel as binary (2), everything else as a string (1). */
export function isBinaryDataType(dataType: string): boolean {
  return dataType === 'Binary' || dataType.startsWith('Binary.');
}

/**
 * MD5OfMessageAttributes as SQS computes it. Undefined for no attributes (SQS then leaves the field out). Names are
 * sorted by UTF-16 code unit order, which is SQS's ascending order for the ASCII names it accepts.
 */
export function md5OfMessageAttributes(attributes: Readonly<Record<string, MessageAttributeValue>> | undefined): string | undefined {
  if (!attributes) return undefined;
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = crypto.createHash('md5');
  const lengthPrefixed = (bytes: Uint8Array): void => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length, 0);
    hash.update(length);
    hash.update(bytes);
  };
  for (const name of names) {
    const attribute = attributes[name];
    lengthPrefixed(Buffer.from(name, 'utf8'));
    lengthPrefixed(Buffer.from(attribute.DataType, 'utf8'));
    if (isBinaryDataType(attribute.DataType)) {
      hash.update(Buffer.from([2]));
      lengthPrefixed(attribute.BinaryValue ?? new Uint8Array(0));
    } else {
      hash.update(Buffer.from([1]));
      lengthPrefixed(Buffer.from(attribute.StringValue ?? '', 'utf8'));
    }
  }
  return hash.digest('hex');
}
