import { DeferredText } from '../runtime';

/** What every envelope of one topic shows alike (one object per topic, which each head references). */
export interface EnvelopeTopic {
  readonly topicArn: string;
  readonly fifo: boolean;
  readonly signatureVersion: '1' | '2';
  readonly signingCertUrl: string;
}

/** What the head of a notification envelope shows (sns-message-and-json-formats), read from the published message. */
export interface EnvelopeSource {
  readonly topic: EnvelopeTopic;
  readonly messageId: string;
  readonly sequenceNumber: string | undefined;
  readonly subject: string | undefined;
  /** ISO-8601 publish time. */
  readonly timestamp: string;
}

// The head's fixed fragments, in order. `asciiLength` adds up the same fragments; a property test holds it to the text.
const OPEN = '{"Type":"Notification","MessageId":"';
const SEQUENCE = '","SequenceNumber":"';
const TOPIC = '","TopicArn":"';
const SUBJECT = '","Subject":';
const MESSAGE_AFTER_SUBJECT = ',"Message":';
const MESSAGE = '","Message":';
const TIMESTAMP = ',"Timestamp":"';
const SIGNATURE_VERSION = '","SignatureVersion":"';
const SIGNATURE = '","Signature":"';
const SIGNING_CERT = '","SigningCertURL":"';
const UNSUBSCRIBE = '","UnsubscribeURL":';

/** The length of every placeholder signature (see `placeholderSignature`). */
export const SIGNATURE_LENGTH = 344;

/**
 * The envelope up to the UnsubscribeURL value: the part every subscription of a publish shares. It is written on
 * first read. Until then a queue holding it needs only its size, which is known from its parts: the fixed fragments,
 * the ids, ARNs and timestamp (ASCII that needs no JSON escaping), and the JSON-escaped subject and message, whose
 * escaped length one pass over their characters gives when they are ASCII.
 */
export class EnvelopeHead implements DeferredText, EnvelopeSource {
  public readonly asciiLength: number;
  // The fields it shows are copied (references only) rather than the published message kept: queues hold the head
  // until the message is read, and the published message would keep the caller's attribute objects alive with it.
  public readonly topic: EnvelopeTopic;
  public readonly messageId: string;
  public readonly sequenceNumber: string | undefined;
  public readonly subject: string | undefined;
  public readonly timestamp: string;
  private written: string | undefined;

  constructor(source: EnvelopeSource, private readonly content: string) {
    this.topic = source.topic;
    this.messageId = source.messageId;
    this.sequenceNumber = source.sequenceNumber;
    this.subject = source.subject;
    this.timestamp = source.timestamp;
    this.asciiLength = headAsciiLength(this, content);
  }

  public text(): string {
    if (this.written === undefined) this.written = this.write();
    return this.written;
  }

  private write(): string {
    // One join writes a flat string; chained `+` would build a rope that every reader then flattens.
    const topic = this.topic;
    const head: string[] = [OPEN, this.messageId];
    if (topic.fifo) head.push(SEQUENCE, this.sequenceNumber as string);
    head.push(TOPIC, topic.topicArn);
    if (this.subject !== undefined) head.push(SUBJECT, JSON.stringify(this.subject), MESSAGE_AFTER_SUBJECT);
    else head.push(MESSAGE);
    head.push(JSON.stringify(this.content), TIMESTAMP, this.timestamp);
    // FIFO topics do not sign the notifications they deliver.
    if (!topic.fifo) {
      head.push(SIGNATURE_VERSION, topic.signatureVersion, SIGNATURE, placeholderSignature(this.messageId), SIGNING_CERT, topic.signingCertUrl);
    }
    head.push(UNSUBSCRIBE);
    return head.join('');
  }
}

function headAsciiLength(s: EnvelopeSource, content: string): number {
  const message = jsonAsciiLength(content);
  const subject = s.subject === undefined ? 0 : jsonAsciiLength(s.subject);
  if (message < 0 || subject < 0) return -1;
  const topic = s.topic;
  let n = OPEN.length + s.messageId.length;
  if (topic.fifo) n += SEQUENCE.length + (s.sequenceNumber as string).length;
  n += TOPIC.length + topic.topicArn.length;
  n += s.subject !== undefined ? SUBJECT.length + subject + MESSAGE_AFTER_SUBJECT.length : MESSAGE.length;
  n += message + TIMESTAMP.length + s.timestamp.length;
  if (!topic.fifo) {
    n += SIGNATURE_VERSION.length + topic.signatureVersion.length + SIGNATURE.length + SIGNATURE_LENGTH;
    n += SIGNING_CERT.length + topic.signingCertUrl.length;
  }
  return n + UNSUBSCRIBE.length;
}

/**
 * The length of `JSON.stringify(text)` when `text` is ASCII, else -1. JSON.stringify writes `"` and `\` as two
 * characters, backspace, tab, line feed, form feed and carriage return as two (`\n`), other control characters as
 * six (`\u001f`), and every other ASCII character as itself (ECMA-262 QuoteJSONString).
 */
export function jsonAsciiLength(text: string): number {
  let n = text.length + 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20) {
      if (c > 0x7f) return -1;
      if (c === QUOTE || c === BACKSLASH) n++;
    } else {
      n += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 1 : 5;
    }
  }
  return n;
}

const QUOTE = 34;
const BACKSLASH = 92;

/**
 * A stand-in for the SHA1withRSA signature (sns-verify-signature-of-message): 344 base64 characters (256 bytes, the
 * length of a 2048-bit RSA signature) made of the message id's hex digits, so it differs per message and repeats
 * exactly run to run. It does not verify against a certificate: the simulator has no SNS private key, and checking
 * signatures belongs to the endpoint's own tests.
 */
export function placeholderSignature(messageId: string): string {
  // Written into a scratch buffer and decoded once: slicing and repeating strings would allocate several
  // intermediate strings per publish.
  let digits = 0;
  for (let i = 0; i < messageId.length; i++) {
    const c = messageId.charCodeAt(i);
    if (c !== DASH && digits < SIGNATURE_DIGITS) signatureScratch[digits++] = c;
  }
  if (digits === 0) return 'A'.repeat(SIGNATURE_DIGITS) + 'A==';
  for (let i = digits; i < SIGNATURE_DIGITS; i++) signatureScratch[i] = signatureScratch[i - digits];
  // Hex digits are base64 characters; 'A==' closes the last group of a 256-byte value.
  signatureScratch[SIGNATURE_DIGITS] = A;
  signatureScratch[SIGNATURE_DIGITS + 1] = EQUALS;
  signatureScratch[SIGNATURE_DIGITS + 2] = EQUALS;
  return signatureScratch.toString('latin1', 0, SIGNATURE_DIGITS + 3);
}

const DASH = 45;
const A = 65;
const EQUALS = 61;
const SIGNATURE_DIGITS = SIGNATURE_LENGTH - 3;
/** The signature being written: the message id's digits, repeated. */
const signatureScratch = Buffer.alloc(SIGNATURE_DIGITS + 3);
